import type { ViewtronEvent } from '@viewtron/core'
import { redactUrl, subscribeEvents } from '@viewtron/mqtt'
import { parseCommandLine } from '../command-line.js'
import { helpText } from '../help.js'
import type { Io } from '../io.js'
import { MQTT_CONNECTION_OPTIONS, mqttConnection } from '../mqtt-bridge-options.js'
import { printEvents } from '../print-events.js'
import { reportUsage, UsageError } from '../usage-error.js'

const OPTIONS = {
  ...MQTT_CONNECTION_OPTIONS,
  group: { type: 'string' },
  'topic-prefix': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const

/**
 * `viewtron mqtt listen`: prints the events an MQTT bridge publishes, as `serve` prints them.
 * With `--group`, several listeners share the stream. Exit code 0 after Ctrl-C, 1 when the
 * subscription fails, 2 for a bad command line.
 */
export async function run(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io[sub === undefined ? 'stderr' : 'stdout'].write(helpText('mqtt'))
    return sub === undefined ? 2 : 0
  }
  let values: ReturnType<typeof parseCommandLine<typeof OPTIONS>>['values']
  let connection: ReturnType<typeof mqttConnection>
  try {
    if (sub !== 'listen') throw new UsageError(`unknown mqtt command '${sub}'`)
    values = parseCommandLine(rest, OPTIONS).values
    if (values.help === true) {
      io.stdout.write(helpText('mqtt'))
      return 0
    }
    connection = mqttConnection(values, process.env)
    if (connection === null) throw new UsageError('--mqtt (or MQTT_URL) is required')
    if (values.group !== undefined && !/^[^/+#$]+$/.test(values.group)) {
      throw new UsageError("--group must be a name without '/', '+', '#' or '$'")
    }
  } catch (error) {
    if (error instanceof UsageError) return reportUsage(io, 'mqtt', error)
    throw error
  }
  const notes = values.json === true ? io.stderr : io.stdout
  const group = values.group === undefined ? '' : ` in group ${values.group}`
  notes.write(`Listening to ${redactUrl(connection.url)}${group}\n`)
  const events = subscribeEvents({
    url: connection.url,
    username: connection.username,
    password: connection.password,
    ...(connection.tls === undefined ? {} : { tls: connection.tls }),
    ...(values.group === undefined ? {} : { group: values.group }),
    ...(values['topic-prefix'] === undefined ? {} : { topicPrefix: values['topic-prefix'] }),
    signal: io.signal,
    onError: (error) => io.stderr.write(`viewtron: mqtt: ${error.message}\n`),
  })
  try {
    await printEvents(
      events as AsyncIterable<ViewtronEvent>,
      { json: values.json === true, saver: null },
      io,
    )
  } catch (error) {
    if (!io.signal.aborted) {
      io.stderr.write(`viewtron mqtt listen: ${(error as Error).message}\n`)
      return 1
    }
  }
  return 0
}
