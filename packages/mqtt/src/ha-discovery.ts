import type { DeviceInfo, EventCategory } from '@viewtron/core'
import type { CameraDetails } from './camera-details.js'
import { EVENT_TYPES } from './event-type.js'
import type { Topics } from './topics.js'

/** One retained Home Assistant discovery config. */
export interface DiscoveryConfig {
  topic: string
  payload: Record<string, unknown>
}

/** What the discovery configs need to know about the bridge. */
export interface DiscoveryContext {
  topics: Topics
  /** Home Assistant's discovery prefix (`homeassistant`). */
  discoveryPrefix: string
  nodeId: string
  /** Package version, for the `origin` block. */
  version: string
}

const LABELS: Readonly<Record<EventCategory, string>> = {
  lpr: 'Plate',
  face: 'Face',
  intrusion: 'Intrusion',
  counting: 'Counting',
  metadata: 'Object',
  traject: 'Tracking',
  other: 'Other',
}

const bridgeIdentifier = (nodeId: string): string => `viewtron_bridge_${nodeId}`

function origin(context: DiscoveryContext): Record<string, unknown> {
  return {
    name: 'viewtron-ts',
    sw_version: context.version,
    support_url: 'https://www.npmjs.com/package/@viewtron/mqtt',
  }
}

/**
 * The camera's device block: MAC as a connection, the bridge as `via_device`, and the firmware
 * version, model and hardware version from its device info once known (a post carries none:
 * its `configVersion` is the protocol's, not the firmware's).
 */
function deviceBlock(camera: CameraIdentity, context: DiscoveryContext): Record<string, unknown> {
  const { cameraId, device, details } = camera
  const channel = device?.channelId ?? null
  const block: Record<string, unknown> = {
    identifiers: [`viewtron_${cameraId}`],
    name: device !== null && device.name !== '' ? device.name : `Viewtron ${cameraId}`,
    manufacturer: 'Viewtron',
    model: details?.model || (channel === null ? 'IP camera' : `NVR channel ${channel}`),
    via_device: bridgeIdentifier(context.nodeId),
  }
  if (details?.softwareVersion) block.sw_version = details.softwareVersion
  if (details?.hardwareVersion) block.hw_version = details.hardwareVersion
  if (device !== null && device.sn !== '' && channel === null) block.serial_number = device.sn
  if (
    device !== null &&
    /^([0-9a-f]{2}[:-]){5}[0-9a-f]{2}$/i.test(device.mac) &&
    channel === null
  ) {
    block.connections = [['mac', device.mac.toLowerCase().replace(/-/g, ':')]]
  }
  if (device !== null && device.ip !== '') block.configuration_url = `http://${device.ip}`
  return block
}

/** Available only when both the camera and the bridge node are online. */
function availability(cameraId: string, context: DiscoveryContext): Record<string, unknown> {
  return {
    availability: [
      { topic: context.topics.availability(cameraId) },
      { topic: context.topics.bridgeStatus(context.nodeId) },
    ],
    availability_mode: 'all',
  }
}

/** Identity of a camera for its discovery configs. */
export interface CameraIdentity {
  cameraId: string
  device: DeviceInfo | null
  /** From the camera's device info, when a lookup gave them. */
  details: CameraDetails | null
}

function config(
  component: string,
  key: string,
  camera: CameraIdentity,
  context: DiscoveryContext,
  fields: Record<string, unknown>,
): DiscoveryConfig {
  const uniqueId = `viewtron_${camera.cameraId}_${key}`
  return {
    topic: `${context.discoveryPrefix}/${component}/${uniqueId}/config`,
    payload: {
      unique_id: uniqueId,
      ...fields,
      ...availability(camera.cameraId, context),
      device: deviceBlock(camera, context),
      origin: origin(context),
    },
  }
}

/**
 * The configs for one category of one camera: an `event` entity with that category's
 * `event_types`, `image` entities for the last source and target image, and for LPR a sensor
 * with the last plate (attributes: group, list, direction, confidence).
 */
export function categoryConfigs(
  camera: CameraIdentity,
  category: EventCategory,
  context: DiscoveryContext,
): DiscoveryConfig[] {
  const { topics } = context
  const label = LABELS[category]
  const configs = [
    config('event', category, camera, context, {
      name: `${label} event`,
      state_topic: topics.event(camera.cameraId, category),
      event_types: [...EVENT_TYPES[category]],
      ...(category === 'intrusion' || category === 'metadata' ? { device_class: 'motion' } : {}),
    }),
  ]
  if (category === 'traject') return configs
  for (const role of ['source', 'target'] as const) {
    configs.push(
      config('image', `${category}_${role}`, camera, context, {
        name: `${label} ${role === 'source' ? 'overview' : 'crop'}`,
        image_topic: topics.image(camera.cameraId, category, role),
        content_type: 'image/jpeg',
      }),
    )
  }
  if (category === 'lpr') {
    configs.push(
      config('sensor', 'plate', camera, context, {
        name: 'Last plate',
        icon: 'mdi:car',
        state_topic: topics.state(camera.cameraId, 'lpr'),
        value_template: '{{ value_json.plateNumber }}',
        json_attributes_topic: topics.state(camera.cameraId, 'lpr'),
        json_attributes_template:
          '{{ {"group": value_json.plateGroup, "list": value_json.plateList, "direction": value_json.direction, "confidence": value_json.confidence, "event_id": value_json.id} | tojson }}',
      }),
    )
  }
  return configs
}

/** A `binary_sensor` for one alarm of an alarm-status post (`ON` / `OFF`). */
export function alarmConfig(
  camera: CameraIdentity,
  alarmKey: string,
  context: DiscoveryContext,
): DiscoveryConfig {
  return config('binary_sensor', `alarm_${alarmKey}`, camera, context, {
    name: `Alarm ${alarmKey}`,
    state_topic: context.topics.alarm(camera.cameraId, alarmKey),
    payload_on: 'ON',
    payload_off: 'OFF',
    device_class: 'problem',
  })
}

/** The bridge node itself: a connectivity sensor every camera device links to (`via_device`). */
export function bridgeConfig(context: DiscoveryContext): DiscoveryConfig {
  const uniqueId = `${bridgeIdentifier(context.nodeId)}_status`
  return {
    topic: `${context.discoveryPrefix}/binary_sensor/${uniqueId}/config`,
    payload: {
      unique_id: uniqueId,
      name: 'Status',
      state_topic: context.topics.bridgeStatus(context.nodeId),
      payload_on: 'online',
      payload_off: 'offline',
      device_class: 'connectivity',
      device: {
        identifiers: [bridgeIdentifier(context.nodeId)],
        name: `Viewtron bridge ${context.nodeId}`,
        manufacturer: 'viewtron-ts',
        model: 'MQTT bridge',
        sw_version: context.version,
      },
      origin: origin(context),
    },
  }
}

/** A config sent before, with the camera's device block rebuilt from what is known now. */
export function refreshedConfig(
  config: DiscoveryConfig,
  camera: CameraIdentity,
  context: DiscoveryContext,
): DiscoveryConfig {
  return {
    topic: config.topic,
    payload: { ...config.payload, device: deviceBlock(camera, context) },
  }
}
