import type { EventImage, EventImageJSON, EventJSON, ViewtronEvent } from '@viewtron/core'

/** Where each saved image ended up; images not in the map have no file. */
export type SavedImages = ReadonlyMap<EventImage, string>

/**
 * `event.toJSON()` (every field, images summarised, never base64) with each image's `path`
 * pointing at the file the CLI saved, or `null` when it was not saved.
 */
export function eventRecord(event: ViewtronEvent, saved?: SavedImages): EventJSON {
  const summary = (image: EventImage | null): EventImageJSON | null =>
    image === null ? null : { ...image.toJSON(), path: saved?.get(image) ?? null }
  return {
    ...event.toJSON(),
    images: event.images.map((image) => summary(image) as EventImageJSON),
    sourceImage: summary(event.sourceImage),
    targetImage: summary(event.targetImage),
  }
}

/** One JSON object per line, as `--json` prints it. */
export function eventJsonLine(event: ViewtronEvent, saved?: SavedImages): string {
  return JSON.stringify(eventRecord(event, saved))
}
