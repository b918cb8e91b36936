import type { ViewtronEvent } from '@viewtron/core'
import type { CachedImage } from './image-cache.js'
import type { WireEvent, WireImage } from './wire.js'

/** An image the monitor can serve, and the URL the page fetches it from. */
export interface ServableImage {
  key: string
  image: CachedImage
}

/** The image of an event the server kept, in memory or in a file; `null` when none was kept. */
function keptImage(image: ViewtronEvent['images'][number]): CachedImage | null {
  if (!image.valid) return null
  if (image.path !== null) return { path: image.path }
  const bytes = image.bytes()
  return bytes === null ? null : { bytes }
}

function describe(event: ViewtronEvent): string {
  const base = event.alarmDescription
  if (event.category === 'intrusion' || event.category === 'counting') {
    return `${base} (${event.subtype})`
  }
  return base
}

function plateOf(event: ViewtronEvent): { plate: string; plateGroup: string } {
  return event.category === 'lpr'
    ? { plate: event.plateNumber, plateGroup: event.plateGroup }
    : { plate: '', plateGroup: '' }
}

function targetsOf(event: ViewtronEvent): { targetType: string; targets: number } {
  switch (event.category) {
    case 'lpr':
      return { targetType: event.vehicle?.type ?? '', targets: 1 }
    case 'face':
      return { targetType: 'face', targets: event.faces.length }
    case 'traject': {
      const types = new Set(event.targets.map((target) => target.targetType).filter(Boolean))
      return { targetType: [...types].join(', '), targets: event.targets.length }
    }
    default:
      return { targetType: event.targetType, targets: event.targets.length }
  }
}

/**
 * The page's view of one event: every field it shows, and image URLs under `/images/<run>/`
 * (immutable: a sequence number is never reused within a run, and runs differ). Returns the
 * images to cache beside it; the JSON never carries image bytes.
 */
export function summarizeEvent(
  event: ViewtronEvent,
  run: string,
  seq: number,
  camera: { key: string; name: string },
): { wire: WireEvent; images: ServableImage[] } {
  const servable: ServableImage[] = []
  const images: WireImage[] = event.images.map((image, index) => {
    const kept = keptImage(image)
    let url: string | null = null
    if (kept !== null) {
      url = `/images/${run}/${seq}/${index}.jpg`
      servable.push({ key: `${seq}/${index}`, image: kept })
    }
    return {
      role: image.role,
      url,
      width: image.width,
      height: image.height,
      bytes: image.byteLength,
    }
  })
  const wire: WireEvent = {
    id: `${run}.${seq}`,
    seq,
    category: event.category,
    alarmType: event.alarmType,
    description: describe(event),
    time: event.time?.toISOString() ?? null,
    receivedAt: event.receivedAt.toISOString(),
    camera: camera.key,
    cameraName: camera.name,
    clientIp: event.clientIp,
    channelId: event.device.channelId,
    ...plateOf(event),
    ...targetsOf(event),
    images,
  }
  return { wire, images: servable }
}
