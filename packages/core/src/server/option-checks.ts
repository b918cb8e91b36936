/** Checks an integer option, naming it in the error: `TypeError` for a non-number, `RangeError` out of range. */
export function integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${typeof value}`)
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`)
  }
  return value
}

/** Like {@link integer}, with `fallback` for an unset option. */
export function optionalInteger(
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max?: number,
) {
  return value === undefined ? fallback : integer(name, value, min, max)
}
