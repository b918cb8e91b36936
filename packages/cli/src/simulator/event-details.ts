import type { Rect } from '@viewtron/fixtures'
import type { SimulatedEventKind } from './event-kinds.js'
import type { LineCrossing } from './line-counters.js'

/** A plate a simulated LPR camera reads, with its list (IPC) or group (NVR) when it has one. */
export interface SimulatedPlate {
  /** The plate number the camera reads. */
  number: string
  /** IPC `vehicleListType`; `null` when the plate is in no list. */
  list: string | null
  /** NVR `licensePlateMatchInfo/groupName`; `null` when the plate is not in the database. */
  group: string | null
  /** The owner's name as the camera's plate list holds it; `null` when the plate is in no list. */
  owner: string | null
  /** The vehicle as an API 2.1 camera's `carAttr` describes it. */
  car: {
    /** The body colour, as the camera names it (`white`, `grey`, …). */
    color: string
    /** The body type, as the camera names it (`saloon car`, `SUV`, …). */
    type: string
    /** The make the camera recognised. */
    brand: string
    /** The model the camera recognised, brand-prefixed (`Toyota_RAV4`). */
    model: string
  }
}

/** Everything that varies between two events of one kind; chosen from the seeded generator. */
export interface EventDetails {
  kind: SimulatedEventKind
  eventId: number
  /** Shared with the event's traject burst, as on real cameras. */
  targetId: number
  targetType: 'person' | 'car'
  /** Target box, normalised 0–10000. */
  rect: Rect
  plate: SimulatedPlate
  /** The camera's line counters after this crossing (camera `counting-line` events only). */
  crossing?: LineCrossing
}

/**
 * A small pool, so plates come back: LPR cameras re-read a waiting car, and the examples'
 * de-duplication and allow lists have something to work on.
 */
export const PLATES: readonly SimulatedPlate[] = [
  {
    number: 'KLM4821',
    list: 'whiteList',
    group: 'Residents',
    owner: 'J. Alvarez',
    car: { color: 'grey', type: 'saloon car', brand: 'Tesla', model: 'Tesla_ModelS' },
  },
  {
    number: 'BRT2290',
    list: null,
    group: null,
    owner: null,
    car: { color: 'white', type: 'SUV', brand: 'Toyota', model: 'Toyota_RAV4' },
  },
  {
    number: 'JP116D',
    list: 'whiteList',
    group: 'Delivery',
    owner: 'Parcel Co',
    car: { color: 'white', type: 'van', brand: 'Ford', model: 'Ford_Transit' },
  },
  {
    number: 'XZV7715',
    list: 'blackList',
    group: 'Banned',
    owner: null,
    car: { color: 'black', type: 'pickup', brand: 'Ram', model: 'Ram_1500' },
  },
  {
    number: 'HGA3308',
    list: 'temporaryList',
    group: 'Visitors',
    owner: 'Guest',
    car: { color: 'red', type: 'hatchback', brand: 'Honda', model: 'Honda_Civic' },
  },
  {
    number: 'MNC5542',
    list: null,
    group: null,
    owner: null,
    car: { color: 'blue', type: 'saloon car', brand: 'BMW', model: 'BMW_3' },
  },
]

/** Picks the details of one event from `random` (a seeded generator). */
export function eventDetails(
  kind: SimulatedEventKind,
  ids: { eventId: number; targetId: number },
  random: () => number,
): EventDetails {
  const x1 = Math.round(800 + random() * 5000)
  const y1 = Math.round(1200 + random() * 2500)
  const rect = {
    x1,
    y1,
    x2: x1 + Math.round(1200 + random() * 1400),
    y2: y1 + Math.round(3000 + random() * 2500),
  }
  const plate = PLATES[Math.floor(random() * PLATES.length)] ?? (PLATES[0] as SimulatedPlate)
  // LPR follows cars; other detections are mostly people, sometimes vehicles.
  const targetType = kind === 'lpr' || random() < 0.2 ? 'car' : 'person'
  return { kind, ...ids, targetType: kind === 'face' ? 'person' : targetType, rect, plate }
}
