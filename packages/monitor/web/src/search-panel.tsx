import { useState } from 'preact/hooks'
import type { WireCamera, WireSearchPage } from '../../src/wire.js'
import { CategoryOptions } from './category-options.js'
import { EventRow } from './event-row.js'
import type { OpenImage } from './thumbnail.js'

interface SearchForm {
  plate: string
  category: string
  camera: string
  since: string
  until: string
}

const EMPTY: SearchForm = { plate: '', category: '', camera: '', since: '', until: '' }

/** `datetime-local` text (local time) to ISO, or `''`. */
const toIso = (local: string): string => (local === '' ? '' : new Date(local).toISOString())

/** Search of the event store: plate (with near matches), category, camera, time range; paged. */
export function SearchPanel(props: { cameras: WireCamera[]; onOpen: OpenImage }) {
  const { cameras, onOpen } = props
  const [form, setForm] = useState<SearchForm>(EMPTY)
  const [result, setResult] = useState<WireSearchPage | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const names = [...new Set(cameras.map((camera) => camera.name))].sort()

  async function run(page: number): Promise<void> {
    const params = new URLSearchParams({ page: String(page) })
    if (form.plate.trim() !== '') params.set('plate', form.plate.trim())
    if (form.category !== '') params.set('category', form.category)
    if (form.camera !== '') params.set('camera', form.camera)
    if (form.since !== '') params.set('since', toIso(form.since))
    if (form.until !== '') params.set('until', toIso(form.until))
    setBusy(true)
    try {
      const response = await fetch(`/api/search?${params}`, { cache: 'no-store' })
      const body = await response.json()
      if (!response.ok) throw new Error(body.error ?? `search failed (${response.status})`)
      setResult(body as WireSearchPage)
      setError('')
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const field = (name: keyof SearchForm) => ({
    name,
    id: `search-${name}`,
    value: form[name],
    onInput: (e: Event) =>
      setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value }),
  })

  return (
    <section class="panel" aria-labelledby="search-title">
      <div class="panel-head">
        <h2 id="search-title">Search</h2>
      </div>
      <form
        class="search"
        onSubmit={(e) => {
          e.preventDefault()
          void run(0)
        }}
      >
        <span class="field">
          <label for="search-plate">Plate</label>
          <input type="search" placeholder="KXT48" autoComplete="off" {...field('plate')} />
        </span>
        <span class="field">
          <label for="search-category">Category</label>
          <select {...field('category')}>
            <CategoryOptions />
          </select>
        </span>
        <span class="field">
          <label for="search-camera">Camera</label>
          <select {...field('camera')}>
            <option value="">All</option>
            {names.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </span>
        <span class="field">
          <label for="search-since">From</label>
          <input type="datetime-local" {...field('since')} />
        </span>
        <span class="field">
          <label for="search-until">To</label>
          <input type="datetime-local" {...field('until')} />
        </span>
        <button type="submit" disabled={busy}>
          Search
        </button>
      </form>
      {error !== '' && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {result !== null && (
        <>
          {result.rows.length === 0 ? (
            <p class="muted empty">Nothing found.</p>
          ) : (
            <ol class="feed results">
              {result.rows.map((row) => (
                <EventRow
                  key={row.id}
                  marker={{ 'data-result': row.id }}
                  category={row.category}
                  receivedAt={row.receivedAt}
                  cameraName={row.cameraName}
                  description={row.description}
                  plate={row.plate}
                  detail={row.plateGroup}
                  {...(row.match !== null && row.match !== 'exact'
                    ? { note: `${row.match} match` }
                    : {})}
                  images={row.images}
                  onOpen={onOpen}
                />
              ))}
            </ol>
          )}
          <nav class="pager" aria-label="Result pages">
            <button
              type="button"
              disabled={busy || result.page === 0}
              onClick={() => void run(result.page - 1)}
            >
              Newer
            </button>
            <span>Page {result.page + 1}</span>
            <button
              type="button"
              disabled={busy || !result.more}
              onClick={() => void run(result.page + 1)}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </section>
  )
}
