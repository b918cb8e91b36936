import type { Api21Plate } from './api21-plate-items.js'
import { api21PlateList } from './ipc-lpr-post.js'
import { nvrPost } from './nvr-envelope.js'
import { DEFAULT_NVR_TIME, type NvrPostOptions } from './post-options.js'
import { imageOf, type PostContext } from './post-parts.js'

/** Options of {@link nvrForwardedLprPost}. */
export interface NvrForwardedLprOptions extends NvrPostOptions {
  /** @default 'VEHICLE' */
  smartType?: string
  /** The plate item's fields; unset ones take {@link DEFAULT_API21_PLATE}'s. @default {} */
  plate?: Partial<Api21Plate>
}

/**
 * An NVR `alarmData` post forwarding an API 2.1 camera's plate read: the v2 envelope around the
 * camera's v1 `listInfo` (overview item with empty plate fields, then the plate item), with no
 * `licensePlateListInfo` (protocol §9.5).
 */
export function nvrForwardedLprPost(options: NvrForwardedLprOptions = {}): string {
  // The forwarded list keeps the camera's v1 writing (type attributes, list counts).
  const camera: PostContext = { layout: 'v1', options }
  return nvrPost(
    'alarmData',
    {
      smartType: options.smartType ?? 'VEHICLE',
      time: options.time ?? DEFAULT_NVR_TIME,
      channel: true,
      body: [
        api21PlateList(
          camera,
          options.plate ?? {},
          imageOf(camera, 'overview'),
          imageOf(camera, 'plate'),
        ),
      ],
    },
    options,
  )
}
