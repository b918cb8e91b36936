// TypeDoc options of this package, merged with the root's `typedoc.config.mjs`.

/**
 * Public symbols whose TSDoc is still to be written, by file. Remove an entry when its member
 * gets its documentation; the list must end up empty (then this file can go).
 * @type {Record<string, string[]>}
 */
const PENDING_DOCS = {
  'src/mqtt-bridge.ts': [
    'HandlerHost.use',
    'MqttBridgeStats.nodeId',
    'MqttBridgeStats.pendingBytes',
    'MqttBridgeStats.traject.__type.dropped',
    'MqttBridgeStats.traject.__type.published',
  ],
  'src/topics.ts': ['Topics.prefix'],
}

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  intentionallyNotDocumented: Object.values(PENDING_DOCS).flat(),
}
