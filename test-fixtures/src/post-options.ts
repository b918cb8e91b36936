import type { Base64Style } from './base64-text.js'
import type { ImageKind, ImageMode, ImageSize } from './post-image.js'
import type { PostStyle } from './render-post.js'

/** Identity a camera writes into its posts (v1 events and traject carry name, MAC and serial). */
export interface IpcDevice {
  name: string
  mac: string
  sn: string
  /** Written only where the layout has an IP (`DeviceInfo`, v1 status `deviceInfo`). */
  ip: string
}

/** Identity an NVR writes into `deviceInfo` (the recorder, not the camera). */
export interface NvrDevice {
  name: string
  ip: string
  mac: string
}

/** Options of every builder, including those of posts without images (status, keepalive). */
export interface DocumentOptions extends PostStyle {
  /** `config/@version`. @default '1.7' for IPC posts, '2.0.0' for NVR posts */
  version?: string
  /**
   * Wrap names, MACs, serials, plate text and the like in CDATA, as the samples do. `false`
   * writes the same fields as plain text (some firmware does).
   * @default true
   */
  textCdata?: boolean
}

/** Options of every event builder. */
export interface PostOptions extends DocumentOptions, Base64Style {
  /**
   * Seeds the embedded JPEGs.
   * @default 1
   */
  seed?: number
  /** `currentTime` text (digits). Each builder has a fixed default, so posts are reproducible. */
  time?: string
  /** @default 'real' */
  images?: ImageMode
  /** Per-kind pixel sizes for `'real'` and `'small'` images. */
  imageSizes?: Partial<Record<ImageKind, ImageSize>>
}

/** Options of the IPC (v1 layout) builders. */
export interface IpcPostOptions extends PostOptions {
  /**
   * Camera identity at `config` level (`mac`, `sn`, `deviceName`). The samples have none; real
   * captures do. `null` leaves it out.
   * @default none with header 'sample', {@link DEFAULT_IPC_DEVICE} with header 'capture'
   */
  device?: IpcDevice | null
  /**
   * Element order and flavour: `'sample'` as the vendor samples (`smartType`,
   * `subscribeRelation`, `currentTime`, `types`, body); `'capture'` as a real device (`types`,
   * `smartType`, `subscribeOption`, `currentTime`, `mac`, `sn`, `deviceName`, body,
   * `relativeTime`, `sourceDataInfo`).
   * @default 'sample'
   */
  header?: 'sample' | 'capture'
  /** The schema `types` block: comma strings, enum lists, or none. @default by header */
  types?: 'strings' | 'enums' | 'none'
  /** `subscribeRelation type="subscribeOption"` or the swapped form. @default by header */
  subscribe?: 'relation' | 'option'
}

/** Options of the NVR (v2 envelope) builders. */
export interface NvrPostOptions extends PostOptions {
  /** @default {@link DEFAULT_NVR_DEVICE} */
  device?: NvrDevice
  /** Camera channel on the NVR; `null` leaves `channelId` out. @default 1 */
  channelId?: number | null
}

/** The camera identity used when a builder needs one and none is given. */
export const DEFAULT_IPC_DEVICE: IpcDevice = {
  name: 'Gate Camera',
  mac: '58:5b:69:3c:11:a0',
  sn: 'I3C11A0F27B1',
  ip: '192.168.10.31',
}

/** The NVR identity used when none is given. */
export const DEFAULT_NVR_DEVICE: NvrDevice = {
  name: 'Yard NVR',
  ip: '192.168.10.20',
  mac: '58:5B:69:21:7E:04',
}

/** Default IPC `currentTime`: 16-digit µs, 2026-03-29T13:58:21.902505Z (a real capture's value). */
export const DEFAULT_IPC_TIME = '1774792701902505'

/** Default NVR `currentTime` for events: 16-digit µs ending in `000`, as NVRs send. */
export const DEFAULT_NVR_TIME = '1774793102518000'

/** Default NVR `currentTime` for status posts: whole seconds, as NVRs send. */
export const DEFAULT_NVR_STATUS_TIME = '1774793102000000'
