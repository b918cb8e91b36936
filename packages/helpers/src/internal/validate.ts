// Options are checked when a stage is built, not when the stream first runs, so a mistake fails
// at the line that made it.

/** Throws unless `value` is a function. */
export function requireFunction(where: string, name: string, value: unknown): void {
  if (typeof value !== 'function') {
    throw new TypeError(`${where}: ${name} must be a function, got ${describe(value)}`)
  }
}

/** Throws unless `value` is an integer ≥ `min` (or `Infinity` when `allowInfinity`). */
export function requireInteger(
  where: string,
  name: string,
  value: unknown,
  min: number,
  allowInfinity = false,
): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`)
  }
  const ok = Number.isInteger(value) || (allowInfinity && value === Number.POSITIVE_INFINITY)
  if (!ok || value < min) {
    const what = min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`
    throw new RangeError(`${where}: ${name} must be ${what}, got ${value}`)
  }
}

/** Throws unless `value` is a finite number of milliseconds greater than zero. */
export function requireDuration(where: string, name: string, value: unknown): void {
  if (typeof value !== 'number') {
    throw new TypeError(`${where}: ${name} must be a number, got ${describe(value)}`)
  }
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(
      `${where}: ${name} must be a finite number of milliseconds > 0, got ${value}`,
    )
  }
}

/** Throws unless `value` is a non-null object. */
export function requireObject(where: string, name: string, value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    throw new TypeError(`${where}: ${name} must be an object, got ${describe(value)}`)
  }
}

/** Throws unless `value` can be iterated with `for await`. */
export function requireAsyncIterable(where: string, name: string, value: unknown): void {
  const ok =
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function'
  if (!ok)
    throw new TypeError(`${where}: ${name} must be an async iterable, got ${describe(value)}`)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object'
  return typeof value === 'function' ? 'a function' : `${typeof value} ${String(value)}`
}
