import { type FakeCamera, type FakeCameraOptions, startFakeCamera } from '@viewtron/fixtures'
import { ViewtronCamera, type ViewtronCameraOptions } from '../../src/index.js'

const open: (() => Promise<void>)[] = []

/** A fake camera on a free port and a client for it; {@link closeAll} in `afterEach`. */
export async function cameraUnderTest(
  fake: FakeCameraOptions = {},
  client: Partial<ViewtronCameraOptions> = {},
): Promise<{ camera: FakeCamera; cam: ViewtronCamera }> {
  const camera = await startFakeCamera(fake)
  const cam = new ViewtronCamera({
    url: camera.url,
    username: camera.username,
    password: camera.password,
    timeoutMs: 10_000,
    ...client,
  })
  open.push(
    () => camera.close(),
    () => cam.close(),
  )
  return { camera, cam }
}

/** Closes every client and fake camera, clients first. */
export async function closeAll(): Promise<void> {
  while (open.length > 0) await open.pop()?.()
}

/** Collects an async iterable. */
export async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of source) out.push(item)
  return out
}
