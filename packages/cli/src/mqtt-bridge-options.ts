import { readFileSync } from 'node:fs'
import type { ViewtronServer } from '@viewtron/core'
import { createMqttBridge, type MqttBridge, type MqttTlsOptions, redactUrl } from '@viewtron/mqtt'
import type { Io } from './io.js'
import { UsageError } from './usage-error.js'

/** The options naming the broker and its TLS files, shared by `serve` and `mqtt listen`. */
export const MQTT_CONNECTION_OPTIONS = {
  mqtt: { type: 'string' },
  'mqtt-ca': { type: 'string' },
  'mqtt-cert': { type: 'string' },
  'mqtt-key': { type: 'string' },
} as const

/** The `serve` options that bridge events to an MQTT broker. */
export const MQTT_SERVE_OPTIONS = {
  ...MQTT_CONNECTION_OPTIONS,
  ha: { type: 'boolean' },
  'node-id': { type: 'string' },
  'topic-prefix': { type: 'string' },
} as const

/** How to reach the broker: URL (its credentials never printed), user, password and TLS files. */
export interface MqttConnectionSettings {
  url: string
  username: string | undefined
  password: string | undefined
  tls: MqttTlsOptions | undefined
}

/** What `serve --mqtt …` asked for. */
export interface MqttServeSettings extends MqttConnectionSettings {
  homeAssistant: boolean
  nodeId: string | undefined
  topicPrefix: string | undefined
}

type MqttConnectionValues = {
  mqtt?: string | undefined
  'mqtt-ca'?: string | undefined
  'mqtt-cert'?: string | undefined
  'mqtt-key'?: string | undefined
}

type MqttValues = MqttConnectionValues & {
  ha?: boolean | undefined
  'node-id'?: string | undefined
  'topic-prefix'?: string | undefined
}

const fromEnv = (value: string | undefined): string | undefined =>
  value === '' ? undefined : value

/** Reads one TLS file named by a flag (or its variable); a path is no secret, its text may be. */
function tlsFile(flag: string, path: string): Buffer {
  try {
    return readFileSync(path)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new UsageError(`--${flag}: cannot read ${path} (${code})`)
  }
}

/** TLS files from `--mqtt-ca/--mqtt-cert/--mqtt-key` or `MQTT_CA/MQTT_CERT/MQTT_KEY`. */
function tlsSettings(
  url: string,
  values: MqttConnectionValues,
  env: NodeJS.ProcessEnv,
): MqttTlsOptions | undefined {
  const files = {
    ca: values['mqtt-ca'] ?? fromEnv(env.MQTT_CA),
    cert: values['mqtt-cert'] ?? fromEnv(env.MQTT_CERT),
    key: values['mqtt-key'] ?? fromEnv(env.MQTT_KEY),
  }
  if (files.ca === undefined && files.cert === undefined && files.key === undefined) {
    return undefined
  }
  if (!/^(mqtts|wss):\/\//.test(url)) {
    throw new UsageError('--mqtt-ca, --mqtt-cert and --mqtt-key need an mqtts:// or wss:// URL')
  }
  if ((files.cert === undefined) !== (files.key === undefined)) {
    throw new UsageError('--mqtt-cert and --mqtt-key go together')
  }
  const tls: MqttTlsOptions = {}
  if (files.ca !== undefined) tls.ca = tlsFile('mqtt-ca', files.ca)
  if (files.cert !== undefined) tls.cert = tlsFile('mqtt-cert', files.cert)
  if (files.key !== undefined) tls.key = tlsFile('mqtt-key', files.key)
  return tls
}

/**
 * The broker from `--mqtt` or `MQTT_URL` (user and password in the URL, or `MQTT_USERNAME` /
 * `MQTT_PASSWORD`), with its TLS files; `null` when no broker is given.
 */
export function mqttConnection(
  values: MqttConnectionValues,
  env: NodeJS.ProcessEnv,
): MqttConnectionSettings | null {
  const chosen = values.mqtt ?? fromEnv(env.MQTT_URL)
  if (chosen === undefined) {
    for (const name of ['mqtt-ca', 'mqtt-cert', 'mqtt-key'] as const) {
      if (values[name] !== undefined) throw new UsageError(`--${name} needs --mqtt (or MQTT_URL)`)
    }
    return null
  }
  if (chosen === '') throw new UsageError('--mqtt needs a broker URL such as mqtt://localhost:1883')
  if (!/^(mqtts?|wss?):\/\//.test(chosen)) {
    throw new UsageError(
      `--mqtt must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${redactUrl(chosen)}`,
    )
  }
  return {
    url: chosen,
    username: fromEnv(env.MQTT_USERNAME),
    password: fromEnv(env.MQTT_PASSWORD),
    tls: tlsSettings(chosen, values, env),
  }
}

/** Reads the MQTT part of `serve`'s command line; `null` when no broker is given. */
export function mqttServeSettings(
  values: MqttValues,
  env: NodeJS.ProcessEnv,
): MqttServeSettings | null {
  const connection = mqttConnection(values, env)
  if (connection === null) {
    for (const name of ['ha', 'node-id', 'topic-prefix'] as const) {
      if (values[name] !== undefined) throw new UsageError(`--${name} needs --mqtt (or MQTT_URL)`)
    }
    return null
  }
  const nodeId = values['node-id']
  if (nodeId !== undefined && !/^[a-z0-9_-]+$/.test(nodeId)) {
    throw new UsageError(`--node-id must be lowercase letters, digits, '_' or '-', got '${nodeId}'`)
  }
  const topicPrefix = values['topic-prefix']
  if (topicPrefix !== undefined && (topicPrefix === '' || /[+#]/.test(topicPrefix))) {
    throw new UsageError('--topic-prefix must be a topic without wildcards')
  }
  return { ...connection, homeAssistant: values.ha === true, nodeId, topicPrefix }
}

/**
 * Starts the bridge and attaches it to the server: each post is acknowledged only once the
 * broker has every message of its event. Failures that refused no post go to stderr.
 */
export function startMqttBridge(
  settings: MqttServeSettings,
  server: ViewtronServer,
  io: Io,
): MqttBridge {
  const bridge = createMqttBridge({
    url: settings.url,
    username: settings.username,
    password: settings.password,
    ...(settings.tls === undefined ? {} : { tls: settings.tls }),
    homeAssistant: settings.homeAssistant,
    ...(settings.nodeId === undefined ? {} : { nodeId: settings.nodeId }),
    ...(settings.topicPrefix === undefined ? {} : { topicPrefix: settings.topicPrefix }),
    onError: (error) => io.stderr.write(`viewtron: mqtt: ${error.message}\n`),
  })
  bridge.attach(server)
  return bridge
}

/** The banner line naming the broker (never its credentials). */
export function mqttBannerLine(settings: MqttServeSettings, bridge: MqttBridge): string {
  const ha = settings.homeAssistant ? ', Home Assistant discovery on' : ''
  return `Publishing to ${redactUrl(settings.url)} as node ${bridge.stats().nodeId}${ha}\n`
}
