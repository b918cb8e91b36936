import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type SimulateOptions, type SimulateSummary, simulate } from '@viewtron/cli'

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url))

// Children and folders still around when a test ends; `cleanUp` (afterEach) removes them.
const children = new Set<ChildProcess>()
const folders = new Set<string>()

/** What an example printed, how it exited, and what the simulator sent it. */
export interface ExampleRun {
  code: number | null
  stdout: string
  stderr: string
  sent: SimulateSummary
  /** The example's working directory (a fresh temporary folder). */
  cwd: string
}

/**
 * Runs the built example `dist/<name>.js` on a free port (`PORT=0`), waits for its
 * `Listening on …` line, and lets simulated cameras post to it until it exits by itself.
 */
export async function runExample(
  name: string,
  options: { env?: Record<string, string>; simulate?: Omit<SimulateOptions, 'target'> } = {},
): Promise<ExampleRun> {
  const cwd = mkdtempSync(join(tmpdir(), `viewtron-example-${name}-`))
  folders.add(cwd)
  const child = spawn(process.execPath, [join(DIST, `${name}.js`)], {
    cwd,
    env: { ...process.env, PORT: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.add(child)
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (text: string) => {
    stdout += text
  })
  child.stderr?.setEncoding('utf8').on('data', (text: string) => {
    stderr += text
  })
  const stop = new AbortController()
  const exited = new Promise<number | null>((resolve) => {
    child.once('close', (code) => {
      children.delete(child)
      stop.abort()
      resolve(code)
    })
  })
  const port = await new Promise<string>((resolve, reject) => {
    const look = (): void => {
      const match = /Listening on http:\/\/\S+:(\d+)/.exec(stdout)
      if (match?.[1] !== undefined) resolve(match[1])
    }
    child.stdout?.on('data', look)
    void exited.then(() =>
      reject(new Error(`${name} exited before listening:\n${stdout}\n${stderr}`)),
    )
  })
  const sent = await simulate({
    duration: 30,
    images: 'none',
    ...options.simulate,
    target: `http://127.0.0.1:${port}/API`,
    signal: stop.signal,
  })
  const code = await exited
  return { code, stdout, stderr, sent, cwd }
}

/** Kills examples still running and removes their folders (call in `afterEach`). */
export async function cleanUp(): Promise<void> {
  for (const child of children) child.kill('SIGKILL')
  await Promise.all(
    [...children].map((child) => new Promise((resolve) => child.once('close', resolve))),
  )
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
  folders.clear()
}
