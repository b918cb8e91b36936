import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** A Mosquitto broker for the bridge scenario (Debian's `mosquitto`), on a free local port. */
export class MosquittoProcess {
  private constructor(
    readonly url: string,
    readonly dir: string,
    readonly child: ChildProcess,
  ) {}

  static async start(): Promise<MosquittoProcess> {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer().once('error', reject)
      probe.listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number }
        probe.close(() => resolve(free))
      })
    })
    const dir = mkdtempSync(join(tmpdir(), 'viewtron-bench-mosquitto-'))
    const config = join(dir, 'mosquitto.conf')
    const lines = [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      `user ${userInfo().username}`,
    ]
    writeFileSync(config, `${lines.join('\n')}\n`)
    const child = spawn(process.env.MOSQUITTO ?? '/usr/sbin/mosquitto', ['-c', config], {
      stdio: 'ignore',
    })
    for (let i = 0; i < 200; i++) {
      const up = await new Promise<boolean>((resolve) => {
        const socket = connect({ port, host: '127.0.0.1' })
        socket.once('connect', () => resolve(socket.destroy() !== undefined))
        socket.once('error', () => resolve(false))
      })
      if (up) return new MosquittoProcess(`mqtt://127.0.0.1:${port}`, dir, child)
      await sleep(25)
    }
    child.kill('SIGKILL')
    throw new Error('mosquitto did not start (is the Debian package mosquitto installed?)')
  }

  /** Freezes the broker (SIGSTOP): connections stay open and nothing is acknowledged. */
  pause(): void {
    this.child.kill('SIGSTOP')
  }

  resume(): void {
    this.child.kill('SIGCONT')
  }

  async stop(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGKILL')
    await exited
    rmSync(this.dir, { recursive: true, force: true })
  }
}
