/** What a simulated camera detects; each maps to one IPC (v1) and, where NVRs have it, one NVR (v2) post. */
export type SimulatedEventKind =
  | 'lpr'
  | 'face'
  | 'perimeter'
  | 'tripwire'
  | 'entry'
  | 'exit'
  | 'counting-line'
  | 'counting-area'
  | 'metadata'
  | 'motion'

/** Every kind, in the order a camera cycles through them. */
export const EVENT_KINDS: readonly SimulatedEventKind[] = [
  'lpr',
  'face',
  'perimeter',
  'tripwire',
  'entry',
  'exit',
  'counting-line',
  'counting-area',
  'metadata',
  'motion',
]

/**
 * NVRs forward no zone entry/exit or motion events (protocol §3.2: untested there), so NVR
 * channels skip those kinds.
 */
export const NVR_EVENT_KINDS: readonly SimulatedEventKind[] = EVENT_KINDS.filter(
  (kind) => kind !== 'entry' && kind !== 'exit' && kind !== 'motion',
)

/** The `smartType` each kind is sent with, per layout. */
export const SMART_TYPES: Record<SimulatedEventKind, { ipc: string; nvr: string | null }> = {
  lpr: { ipc: 'VEHICE', nvr: 'vehicle' },
  face: { ipc: 'VFD', nvr: 'videoFaceDetect' },
  perimeter: { ipc: 'PEA', nvr: 'regionIntrusion' },
  tripwire: { ipc: 'PEA', nvr: 'lineCrossing' },
  entry: { ipc: 'AOIENTRY', nvr: null },
  exit: { ipc: 'AOILEAVE', nvr: null },
  'counting-line': { ipc: 'PASSLINECOUNT', nvr: 'targetCountingByLine' },
  'counting-area': { ipc: 'TRAFFIC', nvr: 'targetCountingByArea' },
  metadata: { ipc: 'VSD', nvr: 'videoMetadata' },
  // A documented code the vendor SDK drops; delivered here as category `other`.
  motion: { ipc: 'MOTION', nvr: null },
}

/**
 * The alarm-status element each kind raises, per layout (protocol §3.3); `null` where the
 * device sends none (or none is documented for push).
 */
export const ALARM_NAMES: Record<SimulatedEventKind, { ipc: string | null; nvr: string | null }> = {
  lpr: { ipc: 'vehiceAlarm', nvr: null },
  face: { ipc: 'VFDAlarm', nvr: 'vfdAlarm' },
  perimeter: { ipc: 'perimeterAlarm', nvr: 'perimeterAlarm' },
  tripwire: { ipc: 'tripwireAlarm', nvr: 'perimeterAlarm' },
  entry: { ipc: null, nvr: null },
  exit: { ipc: null, nvr: null },
  'counting-line': { ipc: null, nvr: 'passlineAlarm' },
  'counting-area': { ipc: null, nvr: 'passlineAlarm' },
  metadata: { ipc: null, nvr: null },
  motion: { ipc: 'motionAlarm', nvr: null },
}
