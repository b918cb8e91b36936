import { checkCameraTime } from './camera-time.js'
import { checkGroupRef } from './plate-groups.js'
import type { PlateDetails, PlateInput } from './plate-types.js'
import { cdata } from './xml-writer.js'

/** Throws a `RangeError` unless `number` is plate text the camera can store. */
export function checkPlateNumber(number: unknown): string {
  if (typeof number !== 'string' || number.trim() === '' || number.trim() !== number) {
    throw new RangeError(
      `plate number ${JSON.stringify(number)} must be non-empty text without surrounding spaces`,
    )
  }
  cdata(number)
  return number
}

/** Throws a `RangeError` unless the details are strings and times the camera can take. */
export function checkDetails(details: PlateDetails, what: string): void {
  for (const key of ['owner', 'telephone', 'cardNumber'] as const) {
    const value = details[key]
    if (value === undefined) continue
    if (typeof value !== 'string') throw new RangeError(`${what}: ${key} must be a string`)
    cdata(value)
  }
  if (details.begin !== undefined) checkCameraTime(details.begin, `${what}: begin`)
  if (details.end !== undefined) checkCameraTime(details.end, `${what}: end`)
}

/**
 * Checks a plate to add or sync as {@link CameraPlates.add} would, before any request: plate
 * text, group name, detail texts and times. Throws a `RangeError` starting with `label`.
 */
export function checkPlateInput(plate: PlateInput, label: string): PlateInput {
  try {
    checkPlateNumber(plate.number)
    checkDetails(plate, label)
    return { ...plate, group: checkGroupRef(plate.group) }
  } catch (error) {
    if (!(error instanceof RangeError) || error.message.startsWith(label)) throw error
    throw new RangeError(`${label}: ${error.message}`)
  }
}
