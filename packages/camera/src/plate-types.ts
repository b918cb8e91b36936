import type { CameraError } from './camera-error.js'
import type { CameraTimeInput } from './camera-time.js'
import type { GroupRef, PlateGroup } from './plate-groups.js'

/** A plate as the camera stores it. Texts are as the camera sent them (trimmed). */
export interface CameraPlate {
  /** The plate number. */
  number: string
  /** The group the plate is in. */
  group: PlateGroup
  /** The owner's name (`''` when unset). */
  owner: string
  /** The owner's telephone number (`''` when unset). */
  telephone: string
  /** An access card number tied to the plate (`''` when unset). */
  cardNumber: string
  /** Start of validity in the camera's local time, `YYYY-MM-DD HH:MM:SS` (`''` when unset). */
  beginTime: string
  /** End of validity in the camera's local time (`''` when unset). */
  endTime: string
}

/** The details of a plate besides its number and group; unset fields are left as they are. */
export interface PlateDetails {
  /** The owner's name. */
  owner?: string
  /** The owner's telephone number. */
  telephone?: string
  /** An access card number tied to the plate. */
  cardNumber?: string
  /**
   * Start of validity: a `Date` (or ISO time with a zone) is written in the camera's time zone;
   * `'YYYY-MM-DD HH:MM:SS'` is the camera's wall clock already.
   */
  begin?: CameraTimeInput
  /** End of validity, as {@link PlateDetails.begin}. A visitor pass is a plate with an end. */
  end?: CameraTimeInput
}

/** A plate to add or to keep in sync. */
export interface PlateInput extends PlateDetails {
  /** The plate number. */
  number: string
  /** The group to put it in: a kind or the camera's `{ id }`. */
  group: GroupRef
}

/** What {@link CameraPlates.add} did with one plate. */
export interface AddResult {
  /** The plate number, as sent. */
  number: string
  /** The group it was added to. */
  group: PlateGroup
  /**
   * `added`; `unchanged` when the camera already had it (code 203; its details are left as they
   * were); `failed` with the camera's code and reason.
   */
  status: 'added' | 'unchanged' | 'failed'
  /** Where a failure happened: adding, or setting the details right after (`modify`). */
  step: 'add' | 'modify' | null
  /** The camera's error code on `failed`, otherwise `null`. */
  code: number | null
  /** The camera's reason on `failed`, otherwise `null`. */
  description: string | null
  /** The error the failure would have thrown, on `failed`, otherwise `null`. */
  error: CameraError | null
}

/** What {@link CameraPlates.remove} did. */
export interface RemoveResult {
  /** The plate number, as sent. */
  number: string
  /** The group it was removed from. */
  group: PlateGroup
  /** `false` when the plate was not there (code 204): reported, not thrown. */
  removed: boolean
}
