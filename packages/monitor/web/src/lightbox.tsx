import { useEffect, useRef } from 'preact/hooks'
import type { WireImage } from '../../src/wire.js'

/** A full-size image over the page; Escape, the close button or a click outside closes it. */
export function Lightbox(props: { image: WireImage; caption: string; onClose: () => void }) {
  const { image, caption, onClose } = props
  const close = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null
    close.current?.focus()
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      opener?.focus()
    }
  }, [onClose])
  return (
    <div class="lightbox" role="dialog" aria-modal="true" aria-label={caption}>
      <button
        type="button"
        class="lightbox-backdrop"
        tabIndex={-1}
        aria-hidden="true"
        onClick={onClose}
      />
      <figure>
        <img src={image.url ?? ''} alt={caption} />
        <figcaption>
          {caption}
          {image.width !== null && image.height !== null ? ` · ${image.width}×${image.height}` : ''}
          <button type="button" ref={close} onClick={onClose}>
            Close
          </button>
        </figcaption>
      </figure>
    </div>
  )
}
