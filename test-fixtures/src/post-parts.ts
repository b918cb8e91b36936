import { base64Nodes } from './base64-text.js'
import { type ImageKind, type PostImage, postImage } from './post-image.js'
import type { PostOptions } from './post-options.js'
import type { Point, Rect } from './shapes.js'
import { cdata, el, type XmlChild, type XmlElement } from './xml.js'

/**
 * What the element helpers need to know about the post being built: v1 leaves carry `type`
 * attributes and lists a `count`, v2 has neither; base64 is CDATA by default in v1 only.
 */
export interface PostContext {
  layout: 'v1' | 'v2'
  options: PostOptions
}

/** A leaf with a scalar value; in v1 it carries its `type` attribute unless `type` is `null`. */
export function leaf(ctx: PostContext, name: string, value: string | number, type: string | null) {
  return el(name, typeAttribute(ctx, type), value)
}

/** A string leaf that the samples wrap in CDATA (names, MACs, plate text…). */
export function str(ctx: PostContext, name: string, value: string, type: string | null = 'string') {
  const content = (ctx.options.textCdata ?? true) ? cdata(value) : value
  return el(name, typeAttribute(ctx, type), content)
}

function typeAttribute(ctx: PostContext, type: string | null) {
  return ctx.layout === 'v1' && type !== null ? { type } : null
}

/** A list; v1 lists declare `type="list"` and a `count` (which parsers must not trust). */
export function list(ctx: PostContext, name: string, items: XmlChild[]): XmlElement {
  const present = items.filter((item) => item !== null && item !== undefined && item !== false)
  const attrs = ctx.layout === 'v1' ? { type: 'list', count: present.length } : null
  return el(name, attrs, present)
}

/** `<name><x1/><y1/><x2/><y2/></name>`. */
export function rectElement(ctx: PostContext, rect: Rect, name = 'rect'): XmlElement {
  return el(name, null, [
    leaf(ctx, 'x1', rect.x1, 'uint32'),
    leaf(ctx, 'y1', rect.y1, 'uint32'),
    leaf(ctx, 'x2', rect.x2, 'uint32'),
    leaf(ctx, 'y2', rect.y2, 'uint32'),
  ])
}

/** `<name><x/><y/></name>`. */
export function pointElement(ctx: PostContext, name: string, point: Point): XmlElement {
  return el(name, null, [leaf(ctx, 'x', point.x, 'uint32'), leaf(ctx, 'y', point.y, 'uint32')])
}

/** The image of one kind for this post, per its `images` option; `null` for `'none'`. */
export function imageOf(ctx: PostContext, kind: ImageKind, placeholder?: string): PostImage | null {
  const { options } = ctx
  return postImage(kind, {
    mode: options.images ?? 'real',
    layout: ctx.layout,
    seed: options.seed ?? 1,
    ...(options.imageSizes === undefined ? {} : { sizes: options.imageSizes }),
    ...(placeholder === undefined ? {} : { placeholder }),
  })
}

/** The element text of an image in the post's base64 style. */
function imageText(ctx: PostContext, image: PostImage) {
  return base64Nodes(image.text, ctx.options, ctx.layout === 'v1')
}

/** Declared dimensions, when they differ from the JPEG's (the NVR `vehicle` overview says 0×0). */
export interface DeclaredSize {
  width: number
  height: number
}

/** An overview block: `sourceDataInfo` with `width`/`height` (lower case in both layouts). */
export function sourceDataInfo(ctx: PostContext, image: PostImage, size?: DeclaredSize) {
  return el('sourceDataInfo', null, [
    leaf(ctx, 'dataType', 0, 'uint32'),
    leaf(ctx, 'width', size?.width ?? image.width, 'uint32'),
    leaf(ctx, 'height', size?.height ?? image.height, 'uint32'),
    leaf(ctx, 'sourceBase64Length', image.declaredLength, 'uint32'),
    el('sourceBase64Data', ctx.layout === 'v1' ? { type: 'string' } : null, imageText(ctx, image)),
  ])
}

/**
 * A crop block. v1 adds a numeric `targetType` (1 person, 2 car, 4 motor) and capitalises
 * `Width`/`Height`; v2 has neither quirk.
 */
export function targetImageData(ctx: PostContext, image: PostImage, targetType?: number) {
  const v1 = ctx.layout === 'v1'
  return el('targetImageData', null, [
    leaf(ctx, 'dataType', 0, 'uint32'),
    v1 && leaf(ctx, 'targetType', targetType ?? 1, 'uint32'),
    leaf(ctx, v1 ? 'Width' : 'width', image.width, 'tuint32'),
    leaf(ctx, v1 ? 'Height' : 'height', image.height, 'tuint32'),
    leaf(ctx, 'targetBase64Length', image.declaredLength, 'uint32'),
    el('targetBase64Data', v1 ? { type: 'string' } : null, imageText(ctx, image)),
  ])
}
