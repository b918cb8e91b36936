/**
 * Lets one waiter sleep until something changes. Each `wait()` makes a fresh promise and drops the
 * previous one, so a waiter racing it in a loop never piles reactions onto a promise that might
 * never settle. Wake-ups with no waiter are lost: callers re-check their state before waiting.
 */
export class Wakeup {
  #resolve: (() => void) | undefined

  /**
   * Resolves (to `undefined`, which tells it apart from an iterator result in a race) at the next
   * {@link Wakeup.wake}. Replaces any earlier waiter.
   */
  wait(): Promise<undefined> {
    return new Promise((resolve) => {
      this.#resolve = () => resolve(undefined)
    })
  }

  /** Wakes the current waiter, if any. */
  wake(): void {
    const resolve = this.#resolve
    this.#resolve = undefined
    resolve?.()
  }
}
