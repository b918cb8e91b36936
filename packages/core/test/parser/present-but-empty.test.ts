import { describe, expect, it } from 'vitest'
import { CountingEvent, type ParseResult, parseEvent } from '../../src/index.js'

// An element that is present but empty must not win over one that holds the value: the trap
// API 2.1 plate posts fell into (an empty plateNumber in the overview item).

function eventOf(result: ParseResult) {
  if (result.kind !== 'event') throw new Error(`expected an event, got ${result.kind}`)
  return result.event
}

const v2 = (smartType: string, inner: string): string =>
  `<config version="2.0.0"><messageType>alarmData</messageType><deviceInfo><deviceName>NVR</deviceName>` +
  `<channelId>3</channelId></deviceInfo><smartType>${smartType}</smartType>` +
  `<currentTime>1772140991308000</currentTime>${inner}</config>`

describe('present but empty elements', () => {
  it('NVR plate list: the first item with plate text, not the first with the element', () => {
    const event = eventOf(
      parseEvent(
        v2(
          'vehicle',
          '<licensePlateListInfo><item><targetId>1</targetId><licensePlateAttribute><licensePlateNumber><![CDATA[]]></licensePlateNumber></licensePlateAttribute></item>' +
            '<item><targetId>2</targetId><licensePlateAttribute><licensePlateNumber><![CDATA[JP116D]]></licensePlateNumber></licensePlateAttribute></item></licensePlateListInfo>',
        ),
      ),
    )
    expect(event).toMatchObject({ category: 'lpr', plateNumber: 'JP116D', targetId: 2 })
  })

  it('an empty PlateConfidence does not hide the one that has a value', () => {
    const event = eventOf(
      parseEvent(
        '<config version="1.7"><smartType>VEHICE</smartType><listInfo><item><plateNumber>AB12</plateNumber>' +
          '<PlateConfidence/><licensePlateAttribute><PlateConfidence count="9300"/></licensePlateAttribute></item></listInfo></config>',
      ),
    )
    expect(event).toMatchObject({ category: 'lpr', confidence: 93 })
  })

  it('an empty carAttribute or carAttr is no vehicle; carAttr fills what carAttribute lacks', () => {
    const empty = eventOf(
      parseEvent(
        '<config version="1.7"><smartType>VEHICE</smartType><listInfo><item><plateNumber>AB12</plateNumber>' +
          '<carAttribute><carType/></carAttribute><carAttr/></item></listInfo></config>',
      ),
    )
    expect(empty).toMatchObject({ category: 'lpr', vehicle: null })
    const mixed = eventOf(
      parseEvent(
        '<config version="1.7"><smartType>VEHICE</smartType><listInfo><item><plateNumber>AB12</plateNumber>' +
          '<CarAttribute><Color>white</Color></CarAttribute><CARATTR><Type>van</Type><BRAND>Ford</BRAND></CARATTR></item></listInfo></config>',
      ),
    )
    expect(mixed).toMatchObject({
      vehicle: { type: 'van', color: 'white', brand: 'Ford', model: '' },
    })
  })

  it('an empty perInfo does not hide the tripInfo item', () => {
    const event = eventOf(
      parseEvent(
        '<config version="1.7"><smartType>PEA</smartType><perimeter><perInfo type="list" count="0"/></perimeter>' +
          '<tripwire><tripInfo><item><eventId>9</eventId><targetId>4</targetId><status>SMART_STOP</status></item></tripInfo></tripwire></config>',
      ),
    )
    expect(event).toMatchObject({ eventId: 9, targetId: 4, status: 'SMART_STOP' })
  })

  it('an empty traject or alarmStatusInfo block does not outrank the smartType', () => {
    const withTraject = eventOf(
      parseEvent(
        '<config version="1.7"><traject type="list" count="0"/><smartType>VFD</smartType></config>',
      ),
    )
    expect(withTraject.category).toBe('face')
    const withStatus = eventOf(
      parseEvent('<config version="1.7"><alarmStatusInfo/><smartType>PEA</smartType></config>'),
    )
    expect(withStatus.category).toBe('intrusion')
  })

  it('an empty line wrapper does not hide points written directly under the item', () => {
    const event = eventOf(
      parseEvent(
        '<config version="1.7"><smartType>PEA</smartType><tripwire><tripInfo><item><eventId>3</eventId><line/>' +
          '<startPoint><x>10</x><y>20</y></startPoint><endPoint><x>30</x><y>40</y></endPoint></item></tripInfo></tripwire></config>',
      ),
    )
    expect(event).toMatchObject({ line: { start: { x: 10, y: 20 }, end: { x: 30, y: 40 } } })
  })

  it('an empty messageType is read as none (v1 layout)', () => {
    const event = eventOf(
      parseEvent('<config version="1.7"><messageType/><smartType>VFD</smartType></config>'),
    )
    expect(event).toMatchObject({ category: 'face', source: 'ipc' })
  })
})

describe('counting counters in the v2 envelope', () => {
  it('reads counters in the eventInfo item, by target class', () => {
    const event = eventOf(
      parseEvent(
        v2(
          'targetCountingByLine',
          '<eventInfo><item><eventId>1080</eventId><targetId>480</targetId><boundary>tripwire</boundary>' +
            '<enterPersonCount>7</enterPersonCount><leavePersonCount>4</leavePersonCount><existPersonCount>3</existPersonCount>' +
            '<enterCarCount>x</enterCarCount></item></eventInfo>',
        ),
      ),
    )
    expect(event).toMatchObject({
      category: 'counting',
      counts: {
        enter: { person: 7, car: null, motor: null },
        leave: { person: 4, car: null, motor: null },
        exist: { person: 3, car: null, motor: null },
      },
      direction: null,
    })
  })

  it('defaults counts and direction to null on a CountingEvent built by hand', () => {
    const parsed = eventOf(
      parseEvent(
        v2('targetCountingByArea', '<eventInfo><item><eventId>5</eventId></item></eventInfo>'),
      ),
    )
    if (parsed.category !== 'counting') throw new Error('not counting')
    const { counts: _counts, direction: _direction, ...rest } = parsed
    const built = new CountingEvent({ ...rest, subtype: 'area' })
    expect(built.counts).toBeNull()
    expect(built.direction).toBeNull()
    expect(built.toJSON()).toMatchObject({ counts: null, direction: null })
  })

  it('has no counts when the post carries none', () => {
    const event = eventOf(
      parseEvent(
        v2('targetCountingByArea', '<eventInfo><item><eventId>5</eventId></item></eventInfo>'),
      ),
    )
    expect(event).toMatchObject({ category: 'counting', counts: null, direction: null })
  })
})
