import type { EventCategory, ImageRole } from '@viewtron/core'

/**
 * The bridge's topic names under one prefix (`viewtron` by default). These names are the
 * contract consumers and Home Assistant subscribe to.
 */
export class Topics {
  /** @param prefix the first level of every topic (`viewtron` by default) */
  constructor(
    /** The first level of every topic. */
    readonly prefix: string,
  ) {}

  /** `online` / `offline` of one bridge node (its last will). Retained. */
  bridgeStatus(nodeId: string): string {
    return `${this.prefix}/bridge/${nodeId}/status`
  }

  /** `online` / `offline` of one camera, from the server's presence. Retained. */
  availability(cameraId: string): string {
    return `${this.prefix}/${cameraId}/availability`
  }

  /** One message per event (not retained; traject at QoS 0). */
  event(cameraId: string, category: EventCategory): string {
    return `${this.prefix}/${cameraId}/${category}/event`
  }

  /** The last event of that category. Retained. */
  state(cameraId: string, category: EventCategory): string {
    return `${this.prefix}/${cameraId}/${category}/state`
  }

  /** The raw JPEG of the last event's image of that role. Retained. */
  image(cameraId: string, category: EventCategory, role: ImageRole): string {
    return `${this.prefix}/${cameraId}/${category}/image/${role}`
  }

  /** `ON` / `OFF` of one alarm from alarm-status posts. Retained. */
  alarm(cameraId: string, alarmName: string): string {
    return `${this.prefix}/${cameraId}/alarm/${alarmName}`
  }
}

/** An alarm element name as a topic level and discovery key (`[A-Za-z0-9_-]` only). */
export function alarmKey(name: string): string {
  return name.replace(/[^A-Za-z0-9_-]/g, '_')
}

/** Checks a topic prefix: non-empty, no wildcards, no empty levels. */
export function checkedPrefix(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || /[+#]/.test(value) || value.includes('\0')) {
    throw new TypeError(`${name} must be a non-empty topic without wildcards, got ${String(value)}`)
  }
  if (value.startsWith('/') || value.endsWith('/') || value.includes('//')) {
    throw new TypeError(`${name} must not start or end with '/' or hold empty levels`)
  }
  return value
}
