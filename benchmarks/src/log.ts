/** A progress line on stderr: stdout carries only the tables. */
export function log(line: string): void {
  process.stderr.write(`${line}\n`)
}
