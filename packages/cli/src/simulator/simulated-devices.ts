import { DEFAULT_NVR_DEVICE, type IpcDevice, type NvrDevice } from '@viewtron/fixtures'
import { NVR_EVENT_KINDS, type SimulatedEventKind } from './event-kinds.js'
import type { ResolvedSimulateOptions } from './simulate-options.js'

/** The three heartbeat shapes of protocol §1.3. */
export type HeartbeatForm = 'empty' | 'deviceInfo' | 'messageType'

/** How a camera writes plate reads: API 2.1 firmware (current) or the vendor sample's shape. */
export type PlateShape = 'api21' | 'classic'

/** One simulated camera: a camera posting directly (`ipc`) or one channel of an NVR (`nvr`). */
export interface SimulatedDevice {
  index: number
  layout: 'ipc' | 'nvr'
  /** What the device writes into its posts. */
  identity: { ipc: IpcDevice } | { nvr: NvrDevice; channelId: number }
  heartbeat: HeartbeatForm
  heartbeatSeconds: number
  /** How a camera writes plate reads (NVR channels always use `licensePlateListInfo`). */
  plateShape: PlateShape
  /** The kinds this device cycles through, already rotated so devices of a layout differ. */
  kinds: SimulatedEventKind[]
}

const CAMERA_NAMES = ['Gate Camera', 'Lobby Camera', 'Yard Camera', 'Dock Camera', 'Garage Camera']
const hex2 = (n: number): string => (n & 0xff).toString(16).padStart(2, '0')

function cameraIdentity(j: number, seed: number): IpcDevice {
  const name = CAMERA_NAMES[j] ?? `Camera ${j + 1}`
  const tail = `${hex2(j)}:${hex2(seed)}`
  return {
    name,
    mac: `58:5b:69:3c:${tail}`,
    sn: `I3C${tail.replace(':', '').toUpperCase()}F27B${j % 10}`,
    ip: `192.168.10.${31 + (j % 200)}`,
  }
}

/**
 * Rotates `kinds` so that the `n` devices of one layout start at different kinds: together they
 * cover every kind within `ceil(kinds / n)` events each.
 */
function rotated(kinds: SimulatedEventKind[], j: number, n: number): SimulatedEventKind[] {
  if (kinds.length === 0) return kinds
  const offset = (j * Math.ceil(kinds.length / n)) % kinds.length
  return [...kinds.slice(offset), ...kinds.slice(0, offset)]
}

/** The devices of a run: their layout, identity, heartbeat shape and event rotation. */
export function planDevices(options: ResolvedSimulateOptions): SimulatedDevice[] {
  const layouts = Array.from({ length: options.cameras }, (_, i) =>
    options.mode === 'mixed' ? (i % 2 === 0 ? 'ipc' : 'nvr') : options.mode,
  )
  const total = { ipc: layouts.filter((l) => l === 'ipc').length, nvr: 0 }
  total.nvr = layouts.length - total.ipc
  const ipcKinds = [...options.kinds]
  const nvrKinds = options.kinds.filter((kind) => NVR_EVENT_KINDS.includes(kind))
  const seen = { ipc: 0, nvr: 0 }
  return layouts.map((layout, index) => {
    const j = seen[layout]++
    if (layout === 'ipc') {
      return {
        index,
        layout,
        identity: { ipc: cameraIdentity(j, options.seed) },
        // Cameras differ in firmware settings: half send empty heartbeats, half DeviceInfo ones.
        heartbeat: j % 2 === 0 ? 'empty' : 'deviceInfo',
        heartbeatSeconds: options.heartbeatSeconds ?? 30,
        // Half run current (API 2.1) firmware, half the firmware of the vendor's sample.
        plateShape: j % 2 === 0 ? 'api21' : 'classic',
        kinds: rotated(ipcKinds, j, total.ipc),
      }
    }
    return {
      index,
      layout,
      identity: { nvr: DEFAULT_NVR_DEVICE, channelId: j + 1 },
      heartbeat: 'messageType',
      heartbeatSeconds: options.heartbeatSeconds ?? 10,
      plateShape: 'classic',
      kinds: rotated(nvrKinds, j, total.nvr),
    }
  })
}
