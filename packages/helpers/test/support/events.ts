import {
  CountingEvent,
  type DetectionFields,
  type DeviceInfo,
  type EventCommon,
  EventImage,
  FaceEvent,
  IntrusionEvent,
  LprEvent,
  type LprFields,
  MetadataEvent,
  OtherEvent,
  TrajectEvent,
} from '@viewtron/core'

/** Overrides for a synthetic event: any common field, with `device` merged field by field. */
export type Common = Partial<Omit<EventCommon, 'device'>> & { device?: Partial<DeviceInfo> }

function common(init: Common = {}): EventCommon {
  const { device, ...rest } = init
  return {
    alarmType: 'TEST',
    alarmDescription: 'Test',
    source: 'ipc',
    format: 'v2',
    configVersion: '2.0',
    clientIp: '10.0.0.1',
    time: null,
    rawTime: '',
    receivedAt: new Date(0),
    images: [],
    sourceImage: null,
    targetImage: null,
    ...rest,
    device: { name: 'cam', ip: '', mac: '', sn: '', channelId: null, ...device },
  }
}

function detection(init: Partial<DetectionFields> = {}): DetectionFields {
  return {
    eventId: null,
    targetId: null,
    targetType: 'person',
    status: '',
    boundary: '',
    region: null,
    line: null,
    rect: null,
    targets: [],
    ...init,
  }
}

export function lpr(init: Common & Partial<LprFields> = {}): LprEvent {
  const {
    plateNumber = 'ABC123',
    plateGroup = '',
    plateList = null,
    plateColor = '',
    direction = null,
    confidence = null,
    carOwner = '',
    vehicle = null,
    plateRect = null,
    carRect = null,
    targetId = null,
    ...rest
  } = init
  return new LprEvent({
    ...common({ alarmType: 'VEHICE', ...rest }),
    plateNumber,
    plateGroup,
    plateList,
    plateColor,
    direction,
    confidence,
    carOwner,
    vehicle,
    plateRect,
    carRect,
    targetId,
  })
}

export function face(init: Common = {}): FaceEvent {
  return new FaceEvent({ ...common({ alarmType: 'VFD', ...init }), faces: [], face: null })
}

export function intrusion(init: Common = {}): IntrusionEvent {
  return new IntrusionEvent({
    ...common({ alarmType: 'PERIMETER', ...init }),
    ...detection(),
    subtype: 'perimeter',
  })
}

export function counting(init: Common = {}): CountingEvent {
  return new CountingEvent({ ...common(init), ...detection(), subtype: 'line' })
}

export function metadata(init: Common = {}): MetadataEvent {
  return new MetadataEvent({ ...common(init), ...detection() })
}

export function other(init: Common = {}): OtherEvent {
  return new OtherEvent({ ...common({ alarmType: 'MOTION', ...init }), ...detection() })
}

export function traject(init: Common & { targetId?: number } = {}): TrajectEvent {
  const { targetId = 1, ...rest } = init
  return new TrajectEvent({
    ...common({ alarmType: 'traject', ...rest }),
    targets: [{ targetId, targetType: 'person', rect: null, velocity: null, direction: null }],
  })
}

/** An image as the parser would build it; invalid ones stand for placeholders. */
export function image(valid: boolean): EventImage {
  const data = Buffer.from('jpeg')
  return new EventImage(
    { role: 'source', width: null, height: null, declaredLength: null },
    {
      byteLength: valid ? data.length : 0,
      valid,
      data: valid ? data : null,
      path: null,
      error: valid ? null : 'placeholder',
    },
  )
}
