import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs'

/**
 * Thrown by `openEventStore` when another live process (or another store in this one) already
 * writes the database: two writers would each remove the other's uncommitted image files.
 */
export class EventStoreLockedError extends Error {
  /** Always `'VIEWTRON_STORE_LOCKED'`: match on it rather than on the message. */
  readonly code = 'VIEWTRON_STORE_LOCKED'
  /** The database file. */
  readonly path: string
  /** The lock file beside it. */
  readonly lockFile: string
  /** The process holding it. */
  readonly pid: number

  constructor(path: string, lockFile: string, pid: number) {
    super(
      `the event store ${path} is already open for writing by process ${pid} (lock file ${lockFile}); open it with readonly: true to read it meanwhile`,
    )
    this.name = 'EventStoreLockedError'
    this.path = path
    this.lockFile = lockFile
    this.pid = pid
  }
}

/** Lock files this process holds: a lock naming our own pid but not listed here is stale. */
const held = new Set<string>()

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The pid in a lock file; `undefined` when it is gone, `null` when it holds no pid (yet). */
function readPid(file: string): number | null | undefined {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  const pid = Number(text.trim())
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms)
}

/**
 * The exclusive right to write one database: a file beside it, created exclusively, naming our pid.
 */
export class WriterLock {
  readonly file: string
  #released = false

  private constructor(file: string) {
    this.file = file
  }

  /** Takes the lock of database `path`, taking over one left by a process no longer alive. */
  static acquire(path: string): WriterLock {
    const file = `${path}.lock`
    let unreadable = 0
    for (;;) {
      try {
        const fd = openSync(file, 'wx')
        try {
          writeSync(fd, `${process.pid}\n`)
        } finally {
          closeSync(fd)
        }
        held.add(file)
        return new WriterLock(file)
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const pid = readPid(file)
      if (pid === undefined) continue
      if (pid === null) {
        // Another opener between creating the file and writing its pid; after a while, a
        // crash at that moment.
        if (++unreadable < 20) {
          sleep(10)
          continue
        }
      } else if (pid === process.pid ? held.has(file) : alive(pid)) {
        throw new EventStoreLockedError(path, file, pid)
      }
      // Stale (e.g. after kill -9): take it over, unless someone else just did.
      if (readPid(file) === pid) {
        try {
          unlinkSync(file)
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        }
      }
      unreadable = 0
    }
  }

  /** Removes the lock file, if it still names this process. */
  release(): void {
    if (this.#released) return
    this.#released = true
    held.delete(this.file)
    try {
      if (readPid(this.file) === process.pid) unlinkSync(this.file)
    } catch {
      // a lock left behind names a dead process: the next open takes it over
    }
  }
}
