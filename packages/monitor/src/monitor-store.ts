/** A search of an event store, as the monitor asks it. */
export interface MonitorSearchQuery {
  plate?: string
  category?: string
  camera?: string
  since?: Date
  until?: Date
  limit?: number
}

/**
 * What the monitor needs of an event store (`@viewtron/store`'s `EventStore` has this shape):
 * rows found by plate (with near matches), category, camera and receive time, and one row with
 * the paths of its images.
 */
export interface MonitorStore {
  find(query: MonitorSearchQuery): AsyncIterable<object>
  get(id: never): Promise<object | null | undefined>
}
