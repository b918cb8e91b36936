import type { DeviceInfo } from '@viewtron/core'
import type { CameraRecord } from './camera-directory.js'

/**
 * What a camera's control API says about it (`GetDeviceInfo`), for its Home Assistant device:
 * `sw_version`, `model`, `hw_version`. A `DeviceInfo` of `@viewtron/camera` fits as it is.
 */
export interface CameraDetails {
  /** The firmware version (HA `sw_version`). */
  softwareVersion?: string | null
  /** The model name (HA `model`). */
  model?: string | null
  /** The hardware version (HA `hw_version`). */
  hardwareVersion?: string | null
}

/** The camera a details lookup is asked about. */
export interface CameraDetailsQuery {
  /** The camera's id in topics (MAC, serial number or client IP). */
  cameraId: string
  /** The address its posts come from: where its control API usually answers. */
  clientIp: string
  /** What its posts said about it, if anything. */
  device: DeviceInfo | null
}

/**
 * Looks a camera's details up (e.g. with `@viewtron/camera`'s `getDeviceInfo()`); `null` when
 * unknown. Called once per camera, in the background: its discovery configs are sent again
 * once the details are in.
 */
export type CameraDetailsLookup = (
  camera: CameraDetailsQuery,
) => Promise<CameraDetails | null> | CameraDetails | null

/**
 * Starts the details lookup of a camera seen for the first time; `found` is called once its
 * details are in `record.details`, `report` with a failure.
 */
export function lookUpDetails(
  record: CameraRecord,
  clientIp: string,
  lookup: CameraDetailsLookup | null,
  found: () => void,
  report: (error: Error) => void,
): void {
  if (lookup === null || record.detailsAsked) return
  record.detailsAsked = true
  Promise.resolve()
    .then(() => lookup({ cameraId: record.cameraId, clientIp, device: record.device }))
    .then(
      (details) => {
        if (details === null || details === undefined) return
        record.details = details
        found()
      },
      (error: unknown) => report(error instanceof Error ? error : new Error(String(error))),
    )
}
