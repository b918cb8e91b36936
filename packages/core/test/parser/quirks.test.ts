import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { type ParseResult, parseEvent, type ViewtronEvent } from '../../src/index.js'

function event(result: ParseResult): ViewtronEvent {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${JSON.stringify(result)}`)
  return result.event
}

const DECL = '<?xml version="1.0" encoding="UTF-8"?>'
const v1 = (inner: string, version = '1.7'): string =>
  `<config version="${version}" xmlns="http://www.ipc.com/ver10">${inner}</config>`
const v2 = (inner: string, version = '2.0.0'): string =>
  `<config version="${version}" xmlns="http://www.ipc.com/ver10"><messageType>alarmData</messageType>${inner}</config>`

describe('quirks checklist', () => {
  it('accepts comments with multi-byte characters before, inside and after the root, and a BOM', () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        `${DECL}<!-- LPR — café → ok --><config version="1.7"><!-- inside <smartType>PEA</smartType> -->` +
          `<smartType>VEHICE</smartType></config><!-- <config><smartType>VFD</smartType></config> -->`,
      ),
    ])
    expect(event(parseEvent(body)).alarmType).toBe('VEHICE')
  })

  it('needs no XML declaration and accepts "?>" preceded by a space', () => {
    expect(event(parseEvent(v1('<smartType>PEA</smartType>'))).category).toBe('intrusion')
    const spaced = `<?xml version="1.0" encoding="UTF-8" ?>${v1('<smartType>PEA</smartType>')}`
    expect(event(parseEvent(spaced)).category).toBe('intrusion')
  })

  it('matches local names whatever the namespace prefix', () => {
    const body =
      '<v:config xmlns:v="http://www.ipc.com/ver10" version="1.7"><v:smartType>VFD</v:smartType></v:config>'
    expect(event(parseEvent(body)).category).toBe('face')
  })

  it('matches smartType case-insensitively within each layout and keeps it as sent', () => {
    const e = event(parseEvent(v1('<smartType> Vehicle </smartType>')))
    expect(e).toMatchObject({ category: 'lpr', alarmType: 'Vehicle' })
    expect(event(parseEvent(v2('<smartType>REGIONINTRUSION</smartType>'))).category).toBe(
      'intrusion',
    )
  })

  it('never takes the types block for the smartType or a target type', () => {
    const body = v1(
      '<types><openAlramObj><enum>PEA</enum><enum>VFD</enum></openAlramObj><targetType><enum>car</enum></targetType></types>' +
        '<smartType type="openAlramObj">AOIENTRY</smartType>' +
        '<listInfo><item><targetId>3</targetId><targetImageData><targetType>1</targetType></targetImageData></item></listInfo>',
    )
    expect(event(parseEvent(body))).toMatchObject({
      alarmType: 'AOIENTRY',
      targetType: 'person',
      targetId: 3,
    })
    expect(parseEvent(v1('<types><smartType>PEA</smartType></types>'))).toMatchObject({
      reason: 'no-messageType',
    })
  })

  it('treats CDATA and plain text alike, concatenated and trimmed', () => {
    const body = v1(
      '<smartType><![CDATA[VEHICE]]></smartType><listInfo><item>' +
        '<plateNumber>\n <![CDATA[AB]]>C<![CDATA[123]]> \n</plateNumber></item></listInfo>',
    )
    expect(event(parseEvent(body)).getPlateNumber()).toBe('ABC123')
  })

  it('reads device fields at config level, in deviceInfo, with dotted names and mixed case', () => {
    const e = event(
      parseEvent(
        v1(
          '<smartType>PEA</smartType><mac type="string"><![CDATA[78-24-AF-44-89-01]]></mac>' +
            '<sn>I84BB</sn><DeviceName>Gate</DeviceName><deviceNo.>1</deviceNo.>',
        ),
      ),
    )
    expect(e.device).toEqual({
      name: 'Gate',
      ip: '',
      mac: '78-24-AF-44-89-01',
      sn: 'I84BB',
      channelId: null,
    })
  })

  it('reads currentTime by magnitude and rejects the 20-digit firmware value', () => {
    const at = (t: string) =>
      event(parseEvent(v1(`<smartType>PEA</smartType><currentTime>${t}</currentTime>`)))
    const expected = '2026-03-29T13:58:21.000Z'
    expect(at('1774792701').time?.toISOString()).toBe(expected)
    expect(at('1774792701000').time?.toISOString()).toBe(expected)
    expect(at('1774792701000000').time?.toISOString()).toBe(expected)
    const bad = at('18445822972087551616')
    expect(bad.time).toBeNull()
    expect(bad.rawTime).toBe('18445822972087551616')
    expect(at('12').time).toBeNull()
    expect(at('not a time').time).toBeNull()
    expect(event(parseEvent(v1('<smartType>PEA</smartType>'))).time).toBeNull()
  })

  it('reads a 24-hour dataTime as local time', () => {
    const body = v1(
      '<alarmStatusInfo><perimeterAlarm type="boolean" id="1">false</perimeterAlarm></alarmStatusInfo>' +
        '<dataTime><![CDATA[2026-03-29 09:58:21]]></dataTime>',
    )
    const result = parseEvent(body)
    if (result.kind !== 'alarmStatus') throw new Error(result.kind)
    expect(result.status.time?.getTime()).toBe(new Date(2026, 2, 29, 9, 58, 21).getTime())
    expect(result.status.alarms).toEqual([
      { name: 'perimeterAlarm', active: false, value: 'false', id: '1' },
    ])
  })

  it('reads several alarm states and skips non-item children', () => {
    const body =
      '<config version="2.0.0"><messageType>alarmStatus</messageType><currentTime>1772056914000000</currentTime>' +
      '<alarmStatusInfo><perimeterAlarm><item id="1">true</item><item id="2">false</item></perimeterAlarm>' +
      '<sensorAlarmIn><itemType type="boolean"/><item id="3">true</item></sensorAlarmIn>' +
      '<VFDAlarm id="4">false</VFDAlarm></alarmStatusInfo></config>'
    const result = parseEvent(body)
    if (result.kind !== 'alarmStatus') throw new Error(result.kind)
    expect(result.status.alarms.map((a) => [a.name, a.id, a.active])).toEqual([
      ['perimeterAlarm', '1', true],
      ['perimeterAlarm', '2', false],
      ['sensorAlarmIn', '3', true],
      ['VFDAlarm', '4', false],
    ])
  })

  it('parses a version 2.1.0 post with the v2 envelope', () => {
    const e = event(parseEvent(v2('<smartType>videoMetadata</smartType>', '2.1.0')))
    expect(e).toMatchObject({
      category: 'metadata',
      format: 'v2',
      configVersion: '2.1.0',
      source: 'nvr',
    })
  })

  it('parses a version-2 post without messageType with the v1 layout, reported as a camera post', () => {
    const body = v1(
      '<smartType>VEHICE</smartType><listInfo><item><plateNumber>XYZ9</plateNumber>' +
        '<vehicleListType>temporaryList</vehicleListType><PlateConfidence count="9900"/>' +
        '<plateColor>yellow</plateColor><vehicleDirect>leave</vehicleDirect></item></listInfo>',
      '2.1.0',
    )
    const e = event(parseEvent(body))
    if (e.category !== 'lpr') throw new Error(e.category)
    expect(e).toMatchObject({
      source: 'ipc',
      format: 'v2',
      plateNumber: 'XYZ9',
      plateList: 'temporaryList',
      plateGroup: 'temporaryList',
      confidence: 99,
      plateColor: 'yellow',
      direction: 'away',
    })
  })

  it('handles VEHICLE in a v2 envelope with an NVR list, a v1 list, or neither', () => {
    const nvr = event(
      parseEvent(
        v2(
          '<smartType>VEHICLE</smartType><licensePlateListInfo><item><licensePlateAttribute>' +
            '<licensePlateNumber>N1</licensePlateNumber></licensePlateAttribute>' +
            '<licensePlateMatchInfo><groupName>Residents</groupName><carOwner>Ann</carOwner></licensePlateMatchInfo>' +
            '</item></licensePlateListInfo>',
        ),
      ),
    )
    expect(nvr).toMatchObject({
      category: 'lpr',
      plateNumber: 'N1',
      plateGroup: 'Residents',
      carOwner: 'Ann',
      plateList: null,
    })
    const v1List = event(
      parseEvent(
        v2(
          '<smartType>VEHICLE</smartType><listInfo><item><plateNumber>V1</plateNumber></item></listInfo>',
        ),
      ),
    )
    expect(v1List.getPlateNumber()).toBe('V1')
    const bare = event(parseEvent(v2('<smartType>VEHICLE</smartType>')))
    expect(bare).toMatchObject({ category: 'lpr', plateNumber: '', vehicle: null })
  })

  it('reads confidence from text when there is no count, and clamps it', () => {
    const conf = (inner: string) => {
      const e = event(
        parseEvent(
          v1(
            `<smartType>VEHICE</smartType><listInfo><item><plateNumber>A</plateNumber>${inner}</item></listInfo>`,
          ),
        ),
      )
      return e.category === 'lpr' ? e.confidence : undefined
    }
    expect(conf('<PlateConfidence>87</PlateConfidence>')).toBe(87)
    expect(conf('<PlateConfidence>9512</PlateConfidence>')).toBe(95)
    expect(conf('<PlateConfidence count="20000"/>')).toBe(100)
    expect(conf('')).toBeNull()
  })

  it('uses the plate item, not the first one, in the single-item and two-item v1 layouts', () => {
    const jpeg = randomBytes(900).toString('base64')
    const single = event(
      parseEvent(
        v1(
          `<smartType>VEHICE</smartType><listInfo type="list" count="7"><item><plateNumber>S1</plateNumber>` +
            `<targetImageData><Width>150</Width><targetBase64Data>${jpeg}</targetBase64Data></targetImageData></item></listInfo>` +
            `<sourceDataInfo><width>1280</width><sourceBase64Data>${jpeg}</sourceBase64Data></sourceDataInfo>`,
        ),
      ),
    )
    expect(single.targetImage?.width).toBe(150)
    expect(single.sourceImage?.width).toBe(1280)
    expect(single.getTargetImageBytes()?.equals(Buffer.from(jpeg, 'base64'))).toBe(true)
  })

  it('accepts tripwire points directly under the item and under lineInfo', () => {
    const points = '<startPoint><x>1</x><y>2</y></startPoint><endPoint><x>3</x><y>4</y></endPoint>'
    for (const wrap of [points, `<lineInfo>${points}</lineInfo>`]) {
      const e = event(
        parseEvent(
          v1(
            `<smartType>PEA</smartType><tripwire><tripInfo><item><eventId>9</eventId>${wrap}</item></tripInfo></tripwire>`,
          ),
        ),
      )
      expect(e).toMatchObject({
        subtype: 'tripwire',
        eventId: 9,
        line: { start: { x: 1, y: 2 }, end: { x: 3, y: 4 } },
      })
    }
  })

  it('accepts self-closing empty lists and ignores untrustworthy counts', () => {
    const body = v1(
      '<types/><mac/><traject type="list" count="5"><item><targetId>7</targetId><targetType>car</targetType>' +
        '<rect><x1>1</x1><y1>2</y1><x2>3</x2><y2>4</y2></rect><velocity>0</velocity><direction>0</direction>' +
        '<trajectlength type="list" count="0"/></item></traject>',
    )
    const e = event(parseEvent(body))
    if (e.category !== 'traject') throw new Error(e.category)
    expect(e).toMatchObject({
      alarmType: 'traject',
      alarmDescription: 'Smart Tracking',
      images: [],
    })
    expect(e.targets).toEqual([
      {
        targetId: 7,
        targetType: 'car',
        rect: { x1: 1, y1: 2, x2: 3, y2: 4 },
        velocity: 0,
        direction: 0,
      },
    ])
  })

  it('delivers documented but unmapped codes as category other', () => {
    for (const [code, description] of [
      ['MOTION', 'Motion Detection'],
      ['SENSOR', 'External Sensor'],
      ['AVD', 'Exception Detection'],
      ['OSC', 'Missing Object or Abandoned Object'],
      ['CPC', 'Unknown Alarm'],
      ['CDD', 'Crowd Density Detection'],
      ['IPD', 'Unknown Alarm'],
      ['FALLING', 'Falling Object Detection'],
      ['EA', 'Motorcycle / Bicycle Detection'],
    ]) {
      expect(event(parseEvent(v1(`<smartType>${code}</smartType>`)))).toMatchObject({
        category: 'other',
        alarmType: code,
        alarmDescription: description,
      })
    }
  })

  it('maps the other IPC codes to their categories and subtypes', () => {
    const cases: [string, string, string | undefined, string][] = [
      ['VFD_MATCH', 'face', undefined, 'Face Match'],
      ['LOITER', 'intrusion', 'loiter', 'Loitering Detection'],
      ['PVD', 'intrusion', 'parking', 'Illegal Parking'],
      ['PASSLINECOUNT', 'counting', 'line', 'Line Crossing Target Count'],
      ['TRAFFIC', 'counting', 'area', 'Intrusion Target Count'],
    ]
    for (const [code, category, subtype, description] of cases) {
      const e = event(parseEvent(v1(`<smartType>${code}</smartType>`)))
      expect(e).toMatchObject({ category, alarmDescription: description })
      if (subtype !== undefined) expect(e).toMatchObject({ subtype })
    }
  })

  it('decodes base64 with line breaks and split across several CDATA sections', () => {
    const bytes = randomBytes(5000)
    const b64 = bytes.toString('base64')
    const wrapped = b64.replace(/.{76}/g, '$&\r\n')
    const cdatas = `<![CDATA[${b64.slice(0, 1001)}]]><![CDATA[${b64.slice(1001, 3000)}]]>\n<![CDATA[${b64.slice(3000)}]]>`
    for (const content of [wrapped, cdatas, `<![CDATA[${wrapped}]]>`]) {
      const e = event(
        parseEvent(
          v1(
            `<smartType>PEA</smartType><sourceDataInfo><sourceBase64Data>${content}</sourceBase64Data></sourceDataInfo>`,
          ),
        ),
      )
      expect(e.sourceImage?.valid).toBe(true)
      expect(e.sourceImage?.byteLength).toBe(5000)
      expect(e.getSourceImageBytes()?.equals(bytes)).toBe(true)
    }
  })

  it('reports an NVR vehicle overview without base64 elements as absent, not broken', () => {
    const body = v2(
      '<smartType>vehicle</smartType><sourceDataInfo><dataType>0</dataType><width>0</width><height>0</height></sourceDataInfo>' +
        '<licensePlateListInfo><item><licensePlateAttribute><licensePlateNumber>P</licensePlateNumber></licensePlateAttribute></item></licensePlateListInfo>',
    )
    const e = event(parseEvent(body))
    expect(e.sourceImage).toBeNull()
    expect(e.images).toEqual([])
  })

  it('marks broken base64 invalid without failing the event', () => {
    const cases = ['QUJD!QUJD', 'QUJD=QUJD', 'QUJDQ', 'QUJ-', '', 'QU JD', 'QQ==QQ==']
    const verdict = cases.map((text) => {
      const e = event(
        parseEvent(
          v1(
            `<smartType>PEA</smartType><sourceDataInfo><sourceBase64Data>${text}</sourceBase64Data></sourceDataInfo>`,
          ),
        ),
      )
      return [e.sourceImage?.valid, e.sourceImage?.byteLength]
    })
    expect(verdict).toEqual([
      [false, 0],
      [false, 0],
      [false, 0],
      [false, 0],
      [false, 0],
      [true, 3],
      [false, 0],
    ])
  })
})
