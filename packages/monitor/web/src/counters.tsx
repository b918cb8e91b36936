import type { WireCamera, WireCounters } from '../../src/wire.js'
import { CATEGORY_LABELS, clockTime } from './format.js'

/** Events per category and per camera since the server started. */
export function Counters(props: { counters: WireCounters | null; cameras: WireCamera[] }) {
  const { counters, cameras } = props
  if (counters === null) return null
  const perCamera = cameras
    .map((camera) => ({ camera, count: counters.byCamera[camera.key] ?? 0 }))
    .sort((a, b) => b.count - a.count)
  return (
    <section class="panel" aria-labelledby="counters-title">
      <div class="panel-head">
        <h2 id="counters-title">Counters</h2>
        <span class="muted">since {clockTime(counters.since)}</span>
      </div>
      <ul class="counters">
        <li class="counter counter-total">
          <span class="counter-value">{counters.total}</span> all events
        </li>
        {Object.entries(CATEGORY_LABELS).map(([category, label]) => (
          <li key={category} class="counter" data-category={category}>
            <span class="counter-value">
              {counters.byCategory[category as keyof typeof counters.byCategory] ?? 0}
            </span>{' '}
            {label}
          </li>
        ))}
      </ul>
      {perCamera.length > 0 && (
        <table class="per-camera">
          <caption class="visually-hidden">Events per camera</caption>
          <thead>
            <tr>
              <th scope="col">Camera</th>
              <th scope="col">Events</th>
            </tr>
          </thead>
          <tbody>
            {perCamera.map(({ camera, count }) => (
              <tr key={camera.key}>
                <td>{camera.name}</td>
                <td>{count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
