import {
  CountingEvent,
  type EventCategory,
  EventImage,
  type EventImageJSON,
  FaceEvent,
  IntrusionEvent,
  LprEvent,
  MetadataEvent,
  OtherEvent,
  TrajectEvent,
  type ViewtronEvent,
} from '@viewtron/core'

/** What the bridge adds to every event it publishes. */
export interface MqttEventFields {
  /** Deterministic id: the same for a camera's retry and for a QoS 1 duplicate. */
  readonly id: string
  /** The `<cameraId>` topic level. */
  readonly cameraId: string
  /** The ingest node that published it. */
  readonly nodeId: string
  /** Home Assistant's `event_type`: `access` for LPR, the subtype, or the category. */
  readonly event_type: string
}

/** An event received from the broker: core's event class with the bridge's fields. */
export type MqttEvent = ViewtronEvent & MqttEventFields

// biome-ignore lint/suspicious/noExplicitAny: each class takes its own init shape
type EventClass = new (init: any) => ViewtronEvent

const CLASSES: Readonly<Record<EventCategory, EventClass>> = {
  lpr: LprEvent,
  face: FaceEvent,
  intrusion: IntrusionEvent,
  counting: CountingEvent,
  metadata: MetadataEvent,
  traject: TrajectEvent,
  other: OtherEvent,
}

/** Thrown for a message that is not an event the bridge published. */
export class MalformedEvent extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'MalformedEvent'
  }
}

/** An image summary as the bridge publishes it: core's summary plus its topic. */
type ImageJSON = EventImageJSON & { topic: string | null }

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function date(value: unknown): Date | null {
  if (typeof value !== 'string') return null
  const parsed = new Date(value)
  return Number.isNaN(parsed.getTime()) ? null : parsed
}

/** The image topics an event's JSON names (images it published with bytes). */
export function imageTopicsOf(body: Record<string, unknown>): string[] {
  const images = Array.isArray(body.images) ? (body.images as ImageJSON[]) : []
  return images.flatMap((image) => (typeof image?.topic === 'string' ? [image.topic] : []))
}

/** Parses and checks an event message's JSON. */
export function parseEventJson(payload: Buffer): Record<string, unknown> {
  let body: unknown
  try {
    body = JSON.parse(payload.toString('utf8'))
  } catch {
    throw new MalformedEvent('payload is not JSON')
  }
  if (!isRecord(body)) throw new MalformedEvent('payload is not a JSON object')
  if (typeof body.id !== 'string' || typeof body.cameraId !== 'string') {
    throw new MalformedEvent('payload has no id or cameraId')
  }
  if (typeof body.category !== 'string' || !(body.category in CLASSES)) {
    throw new MalformedEvent(`unknown category ${String(body.category)}`)
  }
  return body
}

/**
 * Rebuilds core's event class from the bridge's JSON, with the image bytes `imageBytes` finds
 * by topic (`null` for an image whose message never came).
 */
export function reviveEvent(
  body: Record<string, unknown>,
  imageBytes: (topic: string) => Buffer | null,
): MqttEvent {
  const list = Array.isArray(body.images) ? (body.images as ImageJSON[]) : []
  const images = list.map((image) => {
    const data = image.topic === null ? null : imageBytes(image.topic)
    return new EventImage(
      {
        role: image.role,
        width: image.width,
        height: image.height,
        declaredLength: image.declaredLength,
      },
      {
        byteLength: data?.length ?? image.byteLength,
        valid: image.valid && data !== null,
        data,
        path: null,
        error: image.valid && data === null ? 'image message not received' : image.error,
      },
    )
  })
  // sourceImage / targetImage are the same objects as entries of `images`.
  const pick = (summary: unknown): EventImage | null => {
    if (!isRecord(summary)) return null
    const index = list.findIndex((image) =>
      summary.topic !== null
        ? image.topic === summary.topic
        : image.role === summary.role && image.byteLength === summary.byteLength,
    )
    return index === -1 ? null : (images[index] ?? null)
  }
  const { category, ...fields } = body
  const EventClass = CLASSES[category as EventCategory]
  return new EventClass({
    ...fields,
    time: date(body.time),
    receivedAt: date(body.receivedAt) ?? new Date(),
    images,
    sourceImage: pick(body.sourceImage),
    targetImage: pick(body.targetImage),
  }) as MqttEvent
}
