import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { replyText } from './http-replies.js'
import type { CachedImage } from './image-cache.js'
import type { MonitorStore } from './monitor-store.js'

/** Caching for an image whose URL names it for good (a run and sequence number, or a row id). */
export const IMMUTABLE = 'private, max-age=31536000, immutable'

/**
 * Sends one JPEG with `ETag` and the given `Cache-Control`, answering `304` to a revalidation.
 * A file that is gone (retention, a failed write) gets `404`.
 */
export async function serveImage(
  req: IncomingMessage,
  res: ServerResponse,
  image: CachedImage,
  etag: string,
  cacheControl: string,
): Promise<void> {
  const headers = { 'Content-Type': 'image/jpeg', ETag: etag, 'Cache-Control': cacheControl }
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers)
    res.end()
    return
  }
  if ('bytes' in image) {
    res.writeHead(200, { ...headers, 'Content-Length': image.bytes.byteLength })
    res.end(req.method === 'HEAD' ? undefined : image.bytes)
    return
  }
  let size: number
  try {
    size = (await stat(image.path)).size
  } catch {
    replyText(res, 404, 'image no longer available')
    return
  }
  res.writeHead(200, { ...headers, 'Content-Length': size })
  if (req.method === 'HEAD') {
    res.end()
    return
  }
  const file = createReadStream(image.path)
  file.on('error', () => res.destroy())
  file.pipe(res)
}

/**
 * Sends image `index` of stored event `id` from the event store's file, `404` when there is no
 * store, no such row or no such image.
 */
export async function serveStoredImage(
  req: IncomingMessage,
  res: ServerResponse,
  store: MonitorStore | null,
  id: number,
  index: number,
): Promise<void> {
  const row = store === null ? null : await store.get(id)
  const image = row?.images[index]
  if (image === undefined) return replyText(res, 404, 'no such image')
  // Store ids are never reused while the row exists; retention may remove it, hence no
  // `immutable`.
  return serveImage(
    req,
    res,
    { path: image.path },
    `"stored.${id}.${index}"`,
    'private, max-age=86400',
  )
}
