type Dispose = () => unknown

// Run newest first: clients and child processes before the servers they talk to.
const disposers: Dispose[] = []

/** Registers something to close in {@link teardown}; returns it unchanged. */
export function track<T>(resource: T, dispose: (resource: T) => unknown): T {
  disposers.push(() => dispose(resource))
  return resource
}

/** Closes every tracked process, server and folder, newest first; call it from `afterEach`. */
export async function teardown(): Promise<void> {
  const errors: unknown[] = []
  while (disposers.length > 0) {
    try {
      await disposers.pop()?.()
    } catch (error) {
      errors.push(error)
    }
  }
  if (errors.length > 0) throw new AggregateError(errors, 'teardown failed')
}
