import {
  DEFAULT_NVR_FACE,
  type IpcDevice,
  type IpcPostOptions,
  ipcAlarmStatusPost,
  ipcFacePost,
  ipcKeepalivePost,
  ipcLprPost,
  ipcOtherPost,
  ipcPassLineCountPost,
  ipcPerimeterPost,
  ipcTargetListPost,
  ipcTrajectPost,
  ipcTripwirePost,
  ipcVsdPost,
  type NvrDevice,
  type NvrPostOptions,
  nvrAlarmStatusPost,
  nvrDetectionPost,
  nvrFacePost,
  nvrKeepalivePost,
  nvrVehiclePost,
  type Rect,
} from '@viewtron/fixtures'
import { ipcDataTime, ipcTime, nvrStatusTime, nvrTime } from './device-time.js'
import type { EventDetails } from './event-details.js'
import { SMART_TYPES } from './event-kinds.js'
import type { SimulateImages } from './simulate-options.js'
import type { HeartbeatForm, PlateShape } from './simulated-devices.js'

/** Image settings shared by every event body of a run. */
export interface ImageChoice {
  images: SimulateImages
  seed: number
}

/** v1 target class numbers (protocol §4.9). */
const V1_TARGET_TYPE = { person: 1, car: 2 } as const

/**
 * An IPC (v1) event body, in the header order of a real capture (with the camera's identity).
 * Plate reads follow the camera's firmware: `'api21'` writes the two-item list of current
 * firmware (an overview item with empty plate fields, then the plate with `carAttr`, direction
 * and confidence), `'classic'` the vendor sample's.
 */
export function ipcEventBody(
  device: IpcDevice,
  event: EventDetails,
  choice: ImageChoice,
  plateShape: PlateShape = 'classic',
): string {
  const base: IpcPostOptions = {
    header: 'capture',
    device,
    time: ipcTime(),
    images: choice.images,
    seed: choice.seed,
  }
  const { targetId, eventId, rect } = event
  const targetType = V1_TARGET_TYPE[event.targetType]
  if (event.crossing !== undefined) {
    // A line crossing as real cameras send it: the event and cumulative counters in passLineCount.
    return ipcPassLineCountPost({
      ...base,
      eventId,
      rect,
      direct: event.crossing.direct,
      counts: event.crossing.counts,
      targets: [{ targetId, rect, targetType }],
    })
  }
  switch (event.kind) {
    case 'lpr':
      // The sample repeats the overview in sourceDataInfo; leaving it out keeps posts at the
      // observed 0.4–0.6 MB instead of doubling the overview.
      return ipcLprPost({
        ...base,
        plate: event.plate.number,
        listType: event.plate.list,
        sourceDataInfo: false,
        api21:
          plateShape === 'classic'
            ? null
            : {
                plate: event.plate.number,
                listType: event.plate.list,
                car: event.plate.car,
                // Varied without drawing from the seeded generator, so other details keep theirs.
                direction: event.eventId % 2 === 0 ? 'approach' : 'away',
                confidenceCount: 9000 + (event.eventId % 10) * 100,
              },
      })
    case 'face':
      return ipcFacePost({ ...base, faces: [{ targetId, rect }] })
    case 'perimeter':
      return ipcPerimeterPost({ ...base, eventId, targetId, rect, targetType })
    case 'tripwire':
      return ipcTripwirePost({ ...base, eventId, targetId, rect, targetType })
    case 'metadata':
      return ipcVsdPost({ ...base, targetType })
    case 'motion':
      return ipcOtherPost({ ...base, smartType: 'MOTION' })
    default:
      // AOIENTRY, AOILEAVE and TRAFFIC (and PASSLINECOUNT without counters): overview plus listInfo.
      return ipcTargetListPost({
        ...base,
        smartType: SMART_TYPES[event.kind].ipc,
        targets: [{ targetId, rect, targetType }],
      })
  }
}

/** An NVR (v2) `alarmData` body for one channel. */
export function nvrEventBody(
  device: NvrDevice,
  channelId: number,
  event: EventDetails,
  choice: ImageChoice,
): string {
  const base: NvrPostOptions = {
    device,
    channelId,
    time: nvrTime(new Date()),
    images: choice.images,
    seed: choice.seed,
  }
  const { targetId, eventId, plate } = event
  switch (event.kind) {
    case 'lpr':
      return nvrVehiclePost({
        ...base,
        targetId,
        plate: plate.number,
        match:
          plate.group === null
            ? null
            : {
                groupName: plate.group,
                ...(plate.owner === null ? {} : { carOwner: plate.owner }),
              },
      })
    case 'face':
      return nvrFacePost({ ...base, faces: [{ ...DEFAULT_NVR_FACE, targetId }] })
    default:
      return nvrDetectionPost({
        ...base,
        smartType: SMART_TYPES[event.kind].nvr ?? 'regionIntrusion',
        eventId,
        targetId,
        targetType: event.targetType,
        ...(event.kind === 'counting-line' ? {} : { rect: event.rect }),
      })
  }
}

/** One IPC traject post for a moving target. */
export function trajectBody(device: IpcDevice, event: EventDetails, rect: Rect): string {
  return ipcTrajectPost({
    device,
    time: ipcTime(),
    targets: [{ targetId: event.targetId, targetType: event.targetType, rect }],
  })
}

/** An alarm on/off post in the device's layout. */
export function alarmStatusBody(
  identity: { ipc: IpcDevice } | { nvr: NvrDevice; channelId: number },
  name: string,
  active: boolean,
): string {
  const now = new Date()
  if ('ipc' in identity) {
    return ipcAlarmStatusPost({
      device: identity.ipc,
      alarms: [{ name, value: active }],
      dataTime: ipcDataTime(now),
    })
  }
  return nvrAlarmStatusPost({
    device: identity.nvr,
    channelId: identity.channelId,
    time: nvrStatusTime(now),
    alarms: [{ name, items: [{ id: 1, value: active }] }],
  })
}

/** A heartbeat of the device's shape: empty, `DeviceInfo`, or v2 `messageType` keepalive. */
export function heartbeatBody(
  form: HeartbeatForm,
  identity: { ipc: IpcDevice } | { nvr: NvrDevice; channelId: number },
): string {
  if (form === 'empty') return ''
  if ('ipc' in identity) return ipcKeepalivePost({ device: identity.ipc })
  return nvrKeepalivePost({ device: identity.nvr })
}
