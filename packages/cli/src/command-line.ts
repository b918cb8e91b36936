import { type ParseArgsConfig, parseArgs } from 'node:util'
import { UsageError } from './usage-error.js'

type Options = NonNullable<ParseArgsConfig['options']>

/** What {@link parseCommandLine} returns: `parseArgs`'s result, typed from the option table. */
export type CommandLine<O extends Options, P extends boolean> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; strict: true; allowPositionals: P }>
>

/**
 * `node:util` `parseArgs` in strict mode, with its errors turned into {@link UsageError}s that
 * name the option in a short sentence (`unknown option '--prot'`).
 */
export function parseCommandLine<const O extends Options, const P extends boolean = false>(
  args: string[],
  options: O,
  allowPositionals?: P,
): CommandLine<O, P> {
  try {
    return parseArgs({
      args,
      options,
      strict: true,
      allowPositionals: (allowPositionals ?? false) as P,
    })
  } catch (error) {
    throw new UsageError(describeParseError(error))
  }
}

function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code
  const message = error instanceof Error ? error.message : String(error)
  const quoted = /'([^']+)'/.exec(message)?.[1]
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted ?? message}'`
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted ?? message}'`
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      // Node says "Option '--port <value>' argument missing" or "… does not take an argument".
      return message.replace(/^Option /, 'option ')
    default:
      return message
  }
}

/** An integer in `[min, max]`, or a {@link UsageError} naming the option. */
export function integerOption(name: string, text: string, min: number, max = 2 ** 31): number {
  const value = Number(text)
  if (!/^\s*\d+\s*$/.test(text) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${text}'`)
  }
  return value
}

/** A finite number greater than 0, or a {@link UsageError} naming the option. */
export function positiveOption(name: string, text: string): number {
  const value = Number(text)
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new UsageError(`--${name} must be a number greater than 0, got '${text}'`)
  }
  return value
}

/** One of `choices`, or a {@link UsageError} listing them. */
export function choiceOption<const T extends string>(
  name: string,
  text: string,
  choices: readonly T[],
): T {
  if ((choices as readonly string[]).includes(text)) return text as T
  throw new UsageError(`--${name} must be one of ${choices.join(', ')}, got '${text}'`)
}

/** A comma-separated list whose every item is one of `choices`. */
export function listOption<const T extends string>(
  name: string,
  text: string,
  choices: readonly T[],
): T[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
  if (items.length === 0) throw new UsageError(`--${name} needs at least one value`)
  return items.map((item) => {
    if ((choices as readonly string[]).includes(item)) return item as T
    throw new UsageError(`--${name}: '${item}' is not one of ${choices.join(', ')}`)
  })
}
