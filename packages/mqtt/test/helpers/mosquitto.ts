import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'

/** A real Mosquitto broker for one test, on a free port, with its own config and data dir. */
export interface Broker {
  readonly port: number
  readonly url: string
  readonly dir: string
  /** Freezes the broker (SIGSTOP): connections stay open, nothing is answered. */
  pause(): void
  /** Lets a paused broker go on (SIGCONT). */
  resume(): void
  /** Output the broker wrote (its log goes to stderr). */
  log(): string
  /** Stops it with `signal` (SIGTERM saves the persistence file first) and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<void>
  /** Starts it again on the same port and data dir. */
  start(): Promise<void>
}

const running = new Set<ChildProcess>()
// Never leave a broker behind, whatever ends the test process.
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

const MOSQUITTO = process.env.MOSQUITTO ?? '/usr/sbin/mosquitto'

/**
 * Starts Mosquitto with persistence on (sessions and queued QoS 1 messages survive a restart),
 * autosaving every second and at exit. `extra` lines are appended to the config.
 */
export async function startBroker(extra: string[] = []): Promise<Broker> {
  const port = await freePort()
  const dir = mkdtempSync(join(tmpdir(), 'viewtron-mosquitto-'))
  const config = join(dir, 'mosquitto.conf')
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      ...(extra.some((line) => line.startsWith('allow_anonymous')) ? [] : ['allow_anonymous true']),
      // As root, Mosquitto would switch to the 'mosquitto' user and lose the data dir.
      `user ${userInfo().username}`,
      'persistence true',
      `persistence_location ${dir}/`,
      'autosave_interval 1',
      'autosave_on_changes false',
      'max_queued_messages 0',
      'max_inflight_messages 100',
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      ...extra,
      '',
    ].join('\n'),
  )
  let child: ChildProcess | null = null
  let output = ''
  const broker: Broker = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    dir,
    pause() {
      child?.kill('SIGSTOP')
    },
    resume() {
      child?.kill('SIGCONT')
    },
    log: () => output,
    async start() {
      const started = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] })
      child = started
      running.add(started)
      started.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      started.stderr?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
      })
      started.once('exit', () => running.delete(started))
      for (let i = 0; i < 200; i++) {
        if (started.exitCode !== null) throw new Error(`mosquitto exited: ${output}`)
        if (await accepts(port)) return
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
      throw new Error(`mosquitto did not listen on ${port}: ${output}`)
    },
    async stop(signal = 'SIGTERM') {
      const current = child
      child = null
      if (current === null || current.exitCode !== null || current.signalCode !== null) return
      const exited = new Promise((resolve) => current.once('exit', resolve))
      // A paused broker never handles SIGTERM: let it go on, and kill it if it still lingers.
      // Not before SIGKILL: resumed, it would still answer what it was holding.
      if (signal !== 'SIGKILL') current.kill('SIGCONT')
      current.kill(signal)
      const timer = setTimeout(() => current.kill('SIGKILL'), 5000)
      await exited
      clearTimeout(timer)
    },
  }
  await broker.start()
  return broker
}

/** Stops the broker and removes its data dir. */
export async function removeBroker(broker: Broker): Promise<void> {
  await broker.stop('SIGKILL')
  rmSync(broker.dir, { recursive: true, force: true })
}
