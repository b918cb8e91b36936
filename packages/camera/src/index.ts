/**
 * Talk back to Viewtron cameras over their HTTP API: device information, the licence-plate
 * database (allow, block and temporary lists, with visitor passes), pointing the camera's HTTP
 * POST at a server, snapshots. Typed errors, values safe with any plate text.
 *
 * @example
 * ```ts
 * import { ViewtronCamera } from '@viewtron/camera'
 *
 * const cam = new ViewtronCamera({ url: 'http://192.168.1.108', username: 'admin', password })
 * for await (const plate of cam.plates.list({ group: 'allow' })) console.log(plate.number)
 * await cam.plates.add([{ number: 'ABC123', group: 'temporary', end: new Date('2026-12-24') }])
 * await cam.close()
 * ```
 *
 * @packageDocumentation
 */

export type { CallOptions } from './camera-context.js'
export {
  CameraAuthError,
  CameraConnectionError,
  CameraError,
  type CameraErrorDetails,
  type CameraErrorKind,
  CameraFailureError,
  CameraMalformedReplyError,
  CameraTimeoutError,
  CameraUnsupportedError,
} from './camera-error.js'
export {
  type CameraTimeInput,
  type CameraTimeZone,
  cameraTimeZone,
  formatCameraTime,
  parseCameraTime,
} from './camera-time.js'
export type { CameraCapabilities, DeviceInfo } from './device-info.js'
export { CAMERA_ERROR_CODES, describeCode } from './error-codes.js'
export type { CameraHttpPost, PointOptions, PointResult } from './http-post.js'
export { checkPlateInput } from './plate-checks.js'
export {
  GROUP_KINDS,
  type GroupRef,
  groupKind,
  type PlateGroup,
  type PlateGroupKind,
} from './plate-groups.js'
export type { DetailName, SyncOptions, SyncResult, SyncStep, SyncStepResult } from './plate-sync.js'
export type {
  AddResult,
  CameraPlate,
  PlateDetails,
  PlateInput,
  RemoveResult,
} from './plate-types.js'
export type { CameraPlates, ListOptions } from './plates.js'
export { type Snapshot, ViewtronCamera, type ViewtronCameraOptions } from './viewtron-camera.js'
