import type { StoredImage } from '../event-image.js'
import type { DecodedSink } from './base64-decoder.js'

/** Where one image's decoded bytes go while its element is open (a decoder's sink). */
export interface ImageWriter extends DecodedSink {
  write(bytes: Buffer): void
  /** Finishes the image; `invalid` is the decoder's verdict. */
  finish(invalid: string | null): StoredImage
  /** Releases an open file when the body fails before the image ends. */
  abort(): Promise<void> | void
}

/** What a writer needs from the {@link ImageStore} that made it. */
export interface WriterHost {
  /** `maxImageBytes`. */
  readonly maxBytes: number
  /** Stops the parse once an image's decoded size passes `maxImageBytes`. */
  limit(total: number): void
  /** A new file in `dir`, remembered so a failed body can remove it. */
  newPath(dir: string): string
  /** Records a file-system error (the image says which). */
  failed(error: Error): void
  /** Counts a file kept complete (and fsynced) for the event. */
  kept(): void
  /** Tracks file work in flight; `work` must settle. */
  track(work: Promise<void>): void
}

/**
 * What a writer reports when its image ends. An invalid image reports no bytes: how far broken
 * text decoded depends on how the body was chunked.
 */
export function stored(
  total: number,
  invalid: string | null,
  data: Buffer | null,
  path: string | null,
  error: string | null,
): StoredImage {
  return { byteLength: invalid === null ? total : 0, valid: invalid === null, data, path, error }
}
