import {
  emptyHeartbeat,
  ipcLprPost,
  ipcTrajectPost,
  largePost,
  nvrDetectionPost,
} from '@viewtron/fixtures'

/** The payload classes of the throughput run. */
export type PayloadId = 'heartbeat' | 'traject' | 'ipc-lpr' | 'nvr-intrusion' | 'nvr-5mb'

/** One post body, sent as is by every connection. */
export interface Payload {
  id: PayloadId
  /** Human label for tables. */
  label: string
  body: Buffer
  contentType: string
  /** Images in each post: the consumer must see this many per event. */
  imagesPerPost: number
}

const IPC_TYPE = 'application/xml; charset=utf-8'
const NVR_TYPE = 'application/soap+xml; charset=utf-8'

/** Every payload id, in table order. */
export const PAYLOAD_IDS: readonly PayloadId[] = [
  'heartbeat',
  'traject',
  'ipc-lpr',
  'nvr-intrusion',
  'nvr-5mb',
]

function joinChunks(chunks: Iterable<Buffer>): Buffer {
  return Buffer.concat([...chunks])
}

/**
 * Builds one payload, deterministically, from the fixture generator (real JPEGs; the first call
 * spends a second or two encoding them).
 *
 * - heartbeat: the empty IPC heartbeat (`Content-Length: 0`).
 * - traject: one IPC tracking post, about 1.8 KB.
 * - ipc-lpr: an IPC licence-plate post with three images (overview, plate crop, and the overview
 *   again in `sourceDataInfo`, as the vendor sample has it), base64 in CDATA; the overview is sized
 *   so the post is about 550 KB.
 * - nvr-intrusion: an NVR `regionIntrusion` post with overview and person crop, base64 as plain
 *   text, about 550 KB.
 * - nvr-5mb: a 5 MiB NVR post with one overview (base64 as plain text).
 */
export function buildPayload(id: PayloadId): Payload {
  switch (id) {
    case 'heartbeat':
      return {
        id,
        label: 'heartbeat (empty)',
        body: Buffer.from(emptyHeartbeat()),
        contentType: IPC_TYPE,
        imagesPerPost: 0,
      }
    case 'traject':
      return {
        id,
        label: 'traject (IPC)',
        body: Buffer.from(ipcTrajectPost()),
        contentType: IPC_TYPE,
        imagesPerPost: 0,
      }
    case 'ipc-lpr':
      return {
        id,
        label: 'IPC LPR (CDATA, 3 img)',
        body: Buffer.from(
          ipcLprPost({
            images: 'real',
            cdata: true,
            imageSizes: { overview: { width: 1920, height: 1080, targetBytes: 203_000 } },
          }),
        ),
        contentType: IPC_TYPE,
        imagesPerPost: 3,
      }
    case 'nvr-intrusion':
      return {
        id,
        label: 'NVR intrusion (plain, 2 img)',
        body: Buffer.from(nvrDetectionPost({ images: 'real', cdata: false })),
        contentType: NVR_TYPE,
        imagesPerPost: 2,
      }
    case 'nvr-5mb':
      return {
        id,
        label: 'NVR 5 MiB (plain, 1 img)',
        body: joinChunks(largePost({ totalBytes: 5 * 2 ** 20, layout: 'nvr' }).chunks()),
        contentType: NVR_TYPE,
        imagesPerPost: 1,
      }
  }
}
