/** The vendor SDK's description for any code it does not know. */
export const UNKNOWN_ALARM = 'Unknown Alarm'

/** Description of the traject pseudo-type (alarm type `traject`). */
export const TRAJECT_DESCRIPTION = 'Smart Tracking'

/**
 * Vendor descriptions of the IPC (v1 layout) `smartType` codes, byte-exact from protocol §3.1.
 * `CPC` and `IPD` are documented codes without one (`Unknown Alarm`).
 */
export const IPC_DESCRIPTIONS: Readonly<Record<string, string>> = {
  VEHICE: 'License Plate Detection',
  VEHICLE: 'License Plate Detection',
  VFD: 'Face Detection',
  VFD_MATCH: 'Face Match',
  PEA: 'Line Crossing / Intrusion',
  AOIENTRY: 'Intrusion Zone Entry',
  AOILEAVE: 'Intrusion Zone Exit',
  LOITER: 'Loitering Detection',
  PVD: 'Illegal Parking',
  VSD: 'Video Metadata',
  PASSLINECOUNT: 'Line Crossing Target Count',
  TRAFFIC: 'Intrusion Target Count',
  MOTION: 'Motion Detection',
  SENSOR: 'External Sensor',
  AVD: 'Exception Detection',
  OSC: 'Missing Object or Abandoned Object',
  CPC: UNKNOWN_ALARM,
  CDD: 'Crowd Density Detection',
  IPD: UNKNOWN_ALARM,
  FALLING: 'Falling Object Detection',
  EA: 'Motorcycle / Bicycle Detection',
}

/** Vendor descriptions of the NVR (v2 envelope) `smartType` values, byte-exact from §3.2. */
export const NVR_DESCRIPTIONS: Readonly<Record<string, string>> = {
  vehicle: 'License Plate Detection',
  videoFaceDetect: 'Face Detection',
  regionIntrusion: 'Perimeter Intrusion',
  lineCrossing: 'Line Crossing',
  targetCountingByLine: 'Target Counting by Line',
  targetCountingByArea: 'Target Counting by Area',
  videoMetadata: 'Video Metadata',
}

/**
 * The vendor description of a `smartType`, matched case-insensitively within its table (v1
 * layout: IPC codes; v2 envelope: NVR values), as protocol §9 asks; `Unknown Alarm` otherwise.
 */
export function vendorDescription(smartType: string, table: 'ipc' | 'nvr'): string {
  const descriptions = table === 'ipc' ? IPC_DESCRIPTIONS : NVR_DESCRIPTIONS
  const wanted = smartType.trim().toLowerCase()
  for (const [code, description] of Object.entries(descriptions)) {
    if (code.toLowerCase() === wanted) return description
  }
  return UNKNOWN_ALARM
}
