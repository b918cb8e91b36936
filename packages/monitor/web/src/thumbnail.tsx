import type { WireImage } from '../../src/wire.js'

/** Opens a full-size image. */
export type OpenImage = (image: WireImage, caption: string) => void

/** A small picture that opens full size; a placeholder once the server no longer holds it. */
export function Thumbnail(props: { image: WireImage; caption: string; onOpen: OpenImage }) {
  const { image, caption, onOpen } = props
  const label = `${image.role === 'target' ? 'Crop' : 'Overview'}: ${caption}`
  if (image.url === null) {
    return (
      <span class="thumb thumb-missing" title={`${label} (not kept)`}>
        —
      </span>
    )
  }
  return (
    <button
      type="button"
      class={`thumb thumb-${image.role}`}
      onClick={() => onOpen(image, caption)}
      aria-label={`Open ${label}`}
    >
      <img src={image.url} alt={label} loading="lazy" decoding="async" />
    </button>
  )
}
