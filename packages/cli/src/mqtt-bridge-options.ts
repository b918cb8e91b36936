import type { ViewtronServer } from '@viewtron/core'
import { createMqttBridge, type MqttBridge, redactUrl } from '@viewtron/mqtt'
import type { Io } from './io.js'
import { UsageError } from './usage-error.js'

/** The `serve` options that bridge events to an MQTT broker. */
export const MQTT_SERVE_OPTIONS = {
  mqtt: { type: 'string' },
  ha: { type: 'boolean' },
  'node-id': { type: 'string' },
  'topic-prefix': { type: 'string' },
} as const

/** What `serve --mqtt …` asked for; the password comes from the environment only. */
export interface MqttServeSettings {
  url: string
  username: string | undefined
  password: string | undefined
  homeAssistant: boolean
  nodeId: string | undefined
  topicPrefix: string | undefined
}

type MqttValues = {
  mqtt?: string | undefined
  ha?: boolean | undefined
  'node-id'?: string | undefined
  'topic-prefix'?: string | undefined
}

/** The broker URL from `--mqtt` or `MQTT_URL`, credentials from `MQTT_USERNAME`/`MQTT_PASSWORD`. */
export function mqttConnection(
  url: string | undefined,
  env: NodeJS.ProcessEnv,
): { url: string; username: string | undefined; password: string | undefined } | null {
  const chosen = url ?? (env.MQTT_URL === '' ? undefined : env.MQTT_URL)
  if (chosen === undefined) return null
  if (chosen === '') throw new UsageError('--mqtt needs a broker URL such as mqtt://localhost:1883')
  if (!/^(mqtts?|wss?):\/\//.test(chosen)) {
    throw new UsageError(
      `--mqtt must be an mqtt://, mqtts://, ws:// or wss:// URL, got ${redactUrl(chosen)}`,
    )
  }
  return {
    url: chosen,
    username: env.MQTT_USERNAME === '' ? undefined : env.MQTT_USERNAME,
    password: env.MQTT_PASSWORD === '' ? undefined : env.MQTT_PASSWORD,
  }
}

/** Reads the MQTT part of `serve`'s command line; `null` when no broker is given. */
export function mqttServeSettings(
  values: MqttValues,
  env: NodeJS.ProcessEnv,
): MqttServeSettings | null {
  const connection = mqttConnection(values.mqtt, env)
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
