import type { EventImage, ViewtronEvent } from '@viewtron/core'
import { eventJsonLine } from './event-record.js'
import { type EventTally, emptyTally } from './event-tally.js'
import { formatEvent } from './format-event.js'
import type { ImageSaver } from './image-saver.js'
import type { Io } from './io.js'

/** How {@link printEvents} shows events. */
export interface PrintOptions {
  /** One JSON object per line instead of a readable line. */
  json: boolean
  /** Names and keeps image files (`--save-images`); `null` when images are not saved. */
  saver: ImageSaver | null
}

/**
 * Prints each event of `events` (one line each) until the stream ends, saving its images first
 * so the JSON can name the files. A failed save is reported on stderr and the line still printed.
 */
export async function printEvents(
  events: AsyncIterable<ViewtronEvent>,
  options: PrintOptions,
  io: Io,
): Promise<EventTally> {
  const tally = emptyTally()
  for await (const event of events) {
    let saved: Map<EventImage, string> | undefined
    if (options.saver !== null) {
      try {
        saved = await options.saver.save(event)
        tally.images[event.category] += saved.size
      } catch (error) {
        io.stderr.write(`viewtron: could not save an image: ${(error as Error).message}\n`)
      }
    }
    tally.events[event.category]++
    io.stdout.write(`${options.json ? eventJsonLine(event, saved) : formatEvent(event)}\n`)
  }
  return tally
}
