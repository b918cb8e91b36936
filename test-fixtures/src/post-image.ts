import { makeJpeg } from './make-jpeg.js'

/**
 * What the builders embed: `'real'` JPEGs at realistic sizes (§5.4 of the protocol), `'small'`
 * real JPEGs of a few dozen pixels (for committed fixtures), the vendor samples' `BASE64_JPEG_…`
 * `'placeholder'` strings (not valid base64), or `'none'` (the image elements are left out, as with
 * the NVR "no picture" option).
 */
export type ImageMode = 'real' | 'small' | 'placeholder' | 'none'

/** The four image shapes a post can carry. */
export type ImageKind = 'overview' | 'person' | 'face' | 'plate'

/** Pixel size of an embedded JPEG, and optionally its approximate encoded size. */
export interface ImageSize {
  width: number
  height: number
  targetBytes?: number
}

/** One image ready to embed. */
export interface PostImage {
  kind: ImageKind
  /** The element text: base64, or a placeholder. */
  text: string
  width: number
  height: number
  /** The `…Base64Length` value to declare: the base64 text length (placeholders: a realistic one). */
  declaredLength: number
  /** The JPEG the text encodes; `null` for placeholders. */
  jpeg: Buffer | null
}

/**
 * Image sizes per layout. v1 and v2 follow §5.4 of the protocol (overviews of 1920×1080 and
 * 1280×720 whose base64 falls in the observed 400–480 K characters; crops as observed); `small`
 * keeps committed fixture files to a few kilobytes.
 */
export const IMAGE_SIZES: Record<'v1' | 'v2' | 'small', Record<ImageKind, ImageSize>> = {
  v1: {
    overview: { width: 1920, height: 1080, targetBytes: 300_000 },
    person: { width: 500, height: 800, targetBytes: 60_000 },
    face: { width: 200, height: 200, targetBytes: 13_500 },
    plate: { width: 150, height: 50, targetBytes: 2_400 },
  },
  v2: {
    overview: { width: 1280, height: 720, targetBytes: 330_000 },
    person: { width: 336, height: 448, targetBytes: 60_000 },
    face: { width: 184, height: 184, targetBytes: 11_000 },
    plate: { width: 128, height: 64, targetBytes: 2_000 },
  },
  small: {
    overview: { width: 64, height: 48 },
    person: { width: 24, height: 32 },
    face: { width: 32, height: 32 },
    plate: { width: 32, height: 16 },
  },
}

/** The vendor samples' placeholder strings (protocol §5.6). */
export const PLACEHOLDERS: Record<ImageKind | 'source', string> = {
  overview: 'BASE64_JPEG_OVERVIEW_IMAGE',
  person: 'BASE64_JPEG_TARGET_CROP',
  face: 'BASE64_JPEG_FACE_CROP',
  plate: 'BASE64_JPEG_PLATE_CROP',
  source: 'BASE64_JPEG_SOURCE_IMAGE',
}

const KIND_INDEX: Record<ImageKind, number> = { overview: 0, person: 1, face: 2, plate: 3 }

/** Inputs of {@link postImage}. */
export interface PostImageOptions {
  mode: ImageMode
  layout: 'v1' | 'v2'
  seed: number
  /** Per-kind size overrides for `'real'` and `'small'`. */
  sizes?: Partial<Record<ImageKind, ImageSize>>
  /** Placeholder text to use instead of the kind's usual one. */
  placeholder?: string
}

/** The image of one kind for a post, or `null` in mode `'none'`. */
export function postImage(kind: ImageKind, options: PostImageOptions): PostImage | null {
  const { mode, layout } = options
  if (mode === 'none') return null
  const preset = IMAGE_SIZES[mode === 'small' ? 'small' : layout][kind]
  const size = options.sizes?.[kind] ?? preset
  if (mode === 'placeholder') {
    const realistic = IMAGE_SIZES[layout][kind]
    return {
      kind,
      text: options.placeholder ?? PLACEHOLDERS[kind],
      width: realistic.width,
      height: realistic.height,
      declaredLength: base64Length(realistic.targetBytes ?? 0),
      jpeg: null,
    }
  }
  // One seed per kind, so a post's overview and crop differ while staying reproducible.
  const seed = options.seed * 8 + KIND_INDEX[kind]
  const jpeg = makeJpeg({ ...size, seed })
  const text = jpeg.toString('base64')
  return { kind, text, width: size.width, height: size.height, declaredLength: text.length, jpeg }
}

/** Length of the base64 text for `bytes` bytes, padding included. */
export function base64Length(bytes: number): number {
  return Math.ceil(bytes / 3) * 4
}
