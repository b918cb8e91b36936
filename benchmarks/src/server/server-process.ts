import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type {
  ChildMessage,
  ChildSnapshot,
  ParentRequest,
  PeakMemory,
  ServerChildConfig,
} from './protocol.js'

const CHILD = fileURLToPath(new URL('../server-child.js', import.meta.url))
const START_TIMEOUT_MS = 30_000
const REQUEST_TIMEOUT_MS = 120_000

/** Where `--cpu-prof` writes the child's profile. */
export interface ProfileTarget {
  dir: string
  name: string
}

/** The Node binary server children run on (`--node`), and the version it must report. */
let childNode = { execPath: process.execPath, version: process.version }

/** Runs every later server child on `binary` (the parent's own Node when undefined). */
export function useNodeBinary(binary: { execPath: string; version: string } | undefined): void {
  childNode = binary ?? { execPath: process.execPath, version: process.version }
}

/** The Node binary server children run on, for scenarios that fork their own children. */
export function childExecPath(): string {
  return childNode.execPath
}

type Pending = { resolve: (message: ChildMessage) => void; reject: (error: Error) => void }

/**
 * One server under test in its own process, so its CPU time and memory are its own. The parent
 * asks it for counters and memory figures over the IPC channel.
 */
export class ServerProcess {
  readonly port: number
  readonly #child: ChildProcess
  readonly #pending = new Map<number, Pending>()
  #nextId = 1
  #exited = false

  private constructor(child: ChildProcess, port: number) {
    this.#child = child
    this.port = port
    child.on('message', (message: ChildMessage) => {
      if (!('id' in message)) return
      const pending = this.#pending.get(message.id)
      this.#pending.delete(message.id)
      pending?.resolve(message)
    })
    child.once('exit', (code) => {
      this.#exited = true
      for (const pending of this.#pending.values()) {
        pending.reject(new Error(`server child exited (code ${code}) before answering`))
      }
      this.#pending.clear()
    })
  }

  static start(config: ServerChildConfig, profile?: ProfileTarget): Promise<ServerProcess> {
    const execArgv = ['--expose-gc']
    if (profile !== undefined) {
      execArgv.push(
        '--cpu-prof',
        `--cpu-prof-dir=${profile.dir}`,
        `--cpu-prof-name=${profile.name}`,
      )
    }
    const child = fork(CHILD, [JSON.stringify(config)], {
      execPath: childNode.execPath,
      execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill()
        reject(new Error('server child did not start in time'))
      }, START_TIMEOUT_MS)
      const onExit = (code: number | null) => {
        clearTimeout(timer)
        reject(new Error(`server child exited (code ${code}) while starting`))
      }
      child.once('exit', onExit)
      child.once('message', (message: ChildMessage) => {
        clearTimeout(timer)
        child.off('exit', onExit)
        if (message.type === 'ready' && message.node === childNode.version) {
          resolve(new ServerProcess(child, message.port))
        } else {
          child.kill()
          reject(
            new Error(
              message.type === 'failed'
                ? message.error
                : message.type === 'ready'
                  ? `server child runs Node ${message.node}, not ${childNode.version}`
                  : 'unexpected first message',
            ),
          )
        }
      })
    })
  }

  get pid(): number {
    return this.#child.pid ?? -1
  }

  #ask(type: ParentRequest['type']): Promise<ChildMessage> {
    if (this.#exited) return Promise.reject(new Error('server child has exited'))
    const id = this.#nextId++
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending.delete(id)
        reject(new Error(`server child did not answer ${type} in time`))
      }, REQUEST_TIMEOUT_MS)
      this.#pending.set(id, {
        resolve: (message) => {
          clearTimeout(timer)
          resolve(message)
        },
        reject: (error) => {
          clearTimeout(timer)
          reject(error)
        },
      })
      this.#child.send({ id, type } satisfies ParentRequest)
    })
  }

  async snapshot(): Promise<ChildSnapshot> {
    const message = await this.#ask('snapshot')
    if (message.type !== 'snapshot') throw new Error(`expected a snapshot, got ${message.type}`)
    return message.snapshot
  }

  /** Forces a GC, resets the peak counters and returns the counters at that moment. */
  async mark(): Promise<ChildSnapshot> {
    const message = await this.#ask('mark')
    if (message.type !== 'snapshot') throw new Error(`expected a snapshot, got ${message.type}`)
    return message.snapshot
  }

  async peak(): Promise<PeakMemory> {
    const message = await this.#ask('peak')
    if (message.type !== 'peak') throw new Error(`expected peak memory, got ${message.type}`)
    return message.peak
  }

  /** Graceful stop: every acknowledged event reaches the consumer first; resolves after exit. */
  async stop(): Promise<ChildSnapshot> {
    const exited = new Promise<void>((resolve) => {
      if (this.#exited) resolve()
      else this.#child.once('exit', () => resolve())
    })
    const message = await this.#ask('stop')
    await exited
    if (message.type !== 'stopped') throw new Error(`expected stopped, got ${message.type}`)
    return message.snapshot
  }

  /** Kills the child (after a failure). */
  kill(): void {
    if (!this.#exited) this.#child.kill('SIGKILL')
  }
}
