/**
 * Small Viewtron bodies built from template strings, shaped like the protocol's samples
 * (IPC v1 layout and NVR v2 envelope), for server tests.
 */

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex')

/**
 * A hand-made baseline JPEG, 1×1 grey: SOI, one quantisation table of ones, SOF0 (8-bit, 1×1,
 * one component), a DC and an AC Huffman table with a single 1-bit code each (category 0, EOB),
 * SOS, one entropy-coded byte (`0` DC, `0` EOB, padded with ones), EOI.
 */
export const TINY_JPEG: Buffer = Buffer.concat([
  hex('ffd8'),
  hex('ffdb 0043 00'),
  Buffer.alloc(64, 1),
  hex('ffc0 000b 08 0001 0001 01 01 11 00'),
  hex('ffc4 0014 00 01 000000000000000000000000000000 00'),
  hex('ffc4 0014 10 01 000000000000000000000000000000 00'),
  hex('ffda 0008 01 01 00 00 3f 00'),
  hex('3f'),
  hex('ffd9'),
])

export const TINY_JPEG_BASE64 = TINY_JPEG.toString('base64')

export interface LprOptions {
  plate?: string
  list?: string
  deviceName?: string
  /** Base64 text of the plate crop; a placeholder (an invalid image) when absent. */
  crop?: string
  /** Base64 text of the overview; a placeholder (an invalid image) when absent. */
  overview?: string
}

/** An IPC v1 licence-plate post (`VEHICE`). */
export function ipcLpr(options: LprOptions = {}): string {
  const { plate = 'ABC1234', list = 'whiteList', deviceName = 'Gate', crop, overview } = options
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="1.7" xmlns="http://www.ipc.com/ver10">
  <smartType type="openAlramObj">VEHICE</smartType>
  <currentTime type="tint64">1732045234584193</currentTime>
  <deviceName><![CDATA[${deviceName}]]></deviceName>
  <mac><![CDATA[58:5b:69:5a:84:bb]]></mac>
  <listInfo type="list" count="2">
    <item>
      <targetImageData>
        <targetBase64Data type="string"><![CDATA[${overview ?? 'BASE64_JPEG_OVERVIEW_IMAGE'}]]></targetBase64Data>
      </targetImageData>
    </item>
    <item>
      <plateNumber type="string"><![CDATA[${plate}]]></plateNumber>
      <vehicleListType type="string">${list}</vehicleListType>
      <targetImageData>
        <Width type="tuint32">1</Width>
        <Height type="tuint32">1</Height>
        <targetBase64Data type="string"><![CDATA[${crop ?? 'BASE64_JPEG_PLATE_CROP'}]]></targetBase64Data>
      </targetImageData>
    </item>
  </listInfo>
</config>
`
}

/** An NVR v2 licence-plate post (`vehicle`). */
export function nvrLpr(plate = 'JP116D', channelId = 2): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="2.0.0" xmlns="http://www.ipc.com/ver10">
  <messageType>alarmData</messageType>
  <deviceInfo>
    <deviceName><![CDATA[Office NVR]]></deviceName>
    <ip><![CDATA[192.168.0.60]]></ip>
    <mac><![CDATA[58:5B:69:40:F4:0D]]></mac>
    <channelId>${channelId}</channelId>
  </deviceInfo>
  <smartType>vehicle</smartType>
  <currentTime>1772210268473000</currentTime>
  <licensePlateListInfo>
    <item>
      <targetId>104</targetId>
      <licensePlateAttribute>
        <licensePlateNumber><![CDATA[${plate}]]></licensePlateNumber>
        <color>white</color>
      </licensePlateAttribute>
    </item>
  </licensePlateListInfo>
</config>
`
}

/** An NVR v2 region-intrusion post. */
export function nvrIntrusion(targetId = 7): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="2.0.0" xmlns="http://www.ipc.com/ver10">
  <messageType>alarmData</messageType>
  <deviceInfo><deviceName><![CDATA[Yard]]></deviceName><channelId>1</channelId></deviceInfo>
  <smartType>regionIntrusion</smartType>
  <currentTime>1772056914000000</currentTime>
  <eventInfo><item><eventId>1</eventId><targetId>${targetId}</targetId><boundary>area</boundary></item></eventInfo>
  <targetListInfo><item><targetId>${targetId}</targetId><targetType>person</targetType></item></targetListInfo>
</config>
`
}

/** An IPC v1 tracking post. */
export function traject(targetId = 1): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="1.7" xmlns="http://www.ipc.com/ver10">
  <types><targetType type="string">1,2,4</targetType></types>
  <currentTime type="tint64">1732045234584193</currentTime>
  <traject type="list" count="1">
    <item><targetId>${targetId}</targetId><targetType>1</targetType><velocity>3</velocity></item>
  </traject>
</config>
`
}

/** The NVR heartbeat (`messageType` keepalive). */
export function nvrKeepalive(deviceName = 'Office'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="2.0.0" xmlns="http://www.ipc.com/ver10">
  <messageType>keepalive</messageType>
  <deviceInfo><deviceName><![CDATA[${deviceName}]]></deviceName><mac><![CDATA[58:5B:69:12:F0:79]]></mac></deviceInfo>
</config>
`
}

/** The `DeviceInfo` heartbeat. */
export function deviceInfoKeepalive(deviceName = 'Device Name'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<DeviceInfo>
  <DeviceName>${deviceName}</DeviceName>
  <SN><![CDATA[NF40D099BCM0]]></SN>
  <macAddress>58:5b:69:5a:84:bb</macAddress>
</DeviceInfo>
`
}

/** An IPC v1 alarm on/off post. */
export function ipcAlarmStatus(active: boolean): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="1.7" xmlns="http://www.ipc.com/ver10">
  <alarmStatusInfo><perimeterAlarm type="boolean" id="1">${active}</perimeterAlarm></alarmStatusInfo>
  <dataTime><![CDATA[2026-03-29 09:58:21]]></dataTime>
</config>
`
}

/** A camera post whose smartType no table knows. */
export function unknownSmartType(code = 'MYSTERY'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<config version="1.7" xmlns="http://www.ipc.com/ver10"><smartType>${code}</smartType></config>
`
}
