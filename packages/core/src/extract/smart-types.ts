import type { CountingSubtype, IntrusionSubtype } from '../event-fields.js'
import type { EventCategory } from '../types.js'

/** What a `smartType` code means. */
export interface SmartTypeInfo {
  /** The event category posts of this `smartType` become. */
  category: Exclude<EventCategory, 'traject'>
  /** The vendor's description, byte-exact. */
  description: string
  /** Which kind of intrusion or counting this `smartType` reports; absent for other categories. */
  subtype?: IntrusionSubtype | CountingSubtype
}

/** The vendor's description for codes it does not know. */
const UNKNOWN_DESCRIPTION = 'Unknown Alarm'
/** The description of the traject pseudo-type. */
export const TRAJECT_DESCRIPTION = 'Smart Tracking'

const LPR = 'License Plate Detection'

/** IPC codes (v1 layout), keyed in upper case: matching is case-insensitive. */
export const IPC_SMART_TYPES: ReadonlyMap<string, SmartTypeInfo> = new Map<string, SmartTypeInfo>([
  ['VEHICE', { category: 'lpr', description: LPR }],
  ['VEHICLE', { category: 'lpr', description: LPR }],
  ['VFD', { category: 'face', description: 'Face Detection' }],
  ['VFD_MATCH', { category: 'face', description: 'Face Match' }],
  [
    'PEA',
    { category: 'intrusion', description: 'Line Crossing / Intrusion', subtype: 'perimeter' },
  ],
  ['AOIENTRY', { category: 'intrusion', description: 'Intrusion Zone Entry', subtype: 'entry' }],
  ['AOILEAVE', { category: 'intrusion', description: 'Intrusion Zone Exit', subtype: 'exit' }],
  ['LOITER', { category: 'intrusion', description: 'Loitering Detection', subtype: 'loiter' }],
  ['PVD', { category: 'intrusion', description: 'Illegal Parking', subtype: 'parking' }],
  ['VSD', { category: 'metadata', description: 'Video Metadata' }],
  [
    'PASSLINECOUNT',
    { category: 'counting', description: 'Line Crossing Target Count', subtype: 'line' },
  ],
  ['TRAFFIC', { category: 'counting', description: 'Intrusion Target Count', subtype: 'area' }],
  ['MOTION', { category: 'other', description: 'Motion Detection' }],
  ['SENSOR', { category: 'other', description: 'External Sensor' }],
  ['AVD', { category: 'other', description: 'Exception Detection' }],
  ['OSC', { category: 'other', description: 'Missing Object or Abandoned Object' }],
  ['CPC', { category: 'other', description: UNKNOWN_DESCRIPTION }],
  ['CDD', { category: 'other', description: 'Crowd Density Detection' }],
  ['IPD', { category: 'other', description: UNKNOWN_DESCRIPTION }],
  ['FALLING', { category: 'other', description: 'Falling Object Detection' }],
  ['EA', { category: 'other', description: 'Motorcycle / Bicycle Detection' }],
])

/** NVR values (v2 envelope), keyed in lower case. */
export const NVR_SMART_TYPES: ReadonlyMap<string, SmartTypeInfo> = new Map<string, SmartTypeInfo>([
  ['vehicle', { category: 'lpr', description: LPR }],
  ['videofacedetect', { category: 'face', description: 'Face Detection' }],
  [
    'regionintrusion',
    { category: 'intrusion', description: 'Perimeter Intrusion', subtype: 'perimeter' },
  ],
  ['linecrossing', { category: 'intrusion', description: 'Line Crossing', subtype: 'tripwire' }],
  [
    'targetcountingbyline',
    { category: 'counting', description: 'Target Counting by Line', subtype: 'line' },
  ],
  [
    'targetcountingbyarea',
    { category: 'counting', description: 'Target Counting by Area', subtype: 'area' },
  ],
  ['videometadata', { category: 'metadata', description: 'Video Metadata' }],
])
