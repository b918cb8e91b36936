import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** Runs a built entry of this package (`dist/<name>.js`) and collects its output. */
export function runBuilt(
  name: string,
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const entry = fileURLToPath(new URL(`../dist/${name}.js`, import.meta.url))
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (text: string) => {
      stdout += text
    })
    child.stderr.setEncoding('utf8').on('data', (text: string) => {
      stderr += text
    })
    child.once('error', reject)
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}
