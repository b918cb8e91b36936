import { type FakeCamera, type FakeCameraOptions, startFakeCamera } from '@viewtron/fixtures'
import { runCli } from './cli-process.js'
import { track } from './teardown.js'

/** A fake camera closed by `teardown()`. */
export async function fakeCamera(options: FakeCameraOptions = {}): Promise<FakeCamera> {
  return track(await startFakeCamera(options), (camera) => camera.close())
}

/**
 * Runs `viewtron camera ...args` against `camera`, with its address and credentials in the
 * environment (as a user keeps the password out of the process list).
 */
export async function runCamera(
  camera: FakeCamera,
  args: string[],
  env: Record<string, string> = {},
) {
  const run = await runCli(['camera', ...args], {
    env: {
      VIEWTRON_CAMERA_URL: camera.url,
      VIEWTRON_CAMERA_USER: camera.username,
      VIEWTRON_CAMERA_PASSWORD: camera.password,
      ...env,
    },
  })
  // Whatever happened, the password is never printed.
  for (const text of [run.stdout, run.stderr]) {
    if (text.includes(camera.password)) throw new Error(`the password was printed:\n${text}`)
  }
  return run
}
