import { ViewtronServer, type ViewtronServerOptions } from '../../src/index.js'

/** A running server on a free loopback port. */
export interface TestServer {
  server: ViewtronServer
  port: number
  /** `http://127.0.0.1:<port>` */
  origin: string
  /** `http://127.0.0.1:<port>/API`, the path cameras are usually set up with. */
  url: string
}

type Dispose = () => unknown

// Disposers run in reverse order of creation: clients and sockets before the servers they use.
const disposers: Dispose[] = []

/** Registers something to close in {@link teardown}; returns it unchanged. */
export function track<T>(resource: T, dispose: (resource: T) => unknown): T {
  disposers.push(() => dispose(resource))
  return resource
}

/**
 * Starts a `ViewtronServer` on port 0 of 127.0.0.1 and tracks it, so {@link teardown} (called
 * from `afterEach`) shuts it down even when the test fails.
 */
export async function startTestServer(options: ViewtronServerOptions = {}): Promise<TestServer> {
  const server = track(new ViewtronServer({ port: 0, host: '127.0.0.1', ...options }), (s) =>
    s.shutdown(),
  )
  const { port } = await server.listen()
  const origin = `http://127.0.0.1:${port}`
  return { server, port, origin, url: `${origin}/API` }
}

/** Closes every tracked client, socket and server, newest first; call it from `afterEach`. */
export async function teardown(): Promise<void> {
  const errors: unknown[] = []
  while (disposers.length > 0) {
    const dispose = disposers.pop() as Dispose
    try {
      await dispose()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'teardown failed')
}

/** Polls until `check` returns true (for states only observable from outside, like stats). */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now()
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A promise with its resolve function, for callbacks a test releases by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}
