import { describe, expect, it } from 'vitest'
import { cameraTimeZone, formatCameraTime, parseCameraTime } from '../src/index.js'

const at = (iso: string, zone: string) => formatCameraTime(new Date(iso), cameraTimeZone(zone))

describe('camera time zones', () => {
  it('fixed POSIX offsets are hours west of UTC', () => {
    expect(at('2026-01-15T12:00:00Z', 'CST-8')).toBe('2026-01-15 20:00:00')
    expect(at('2026-01-15T12:00:00Z', 'UTC0')).toBe('2026-01-15 12:00:00')
    expect(at('2026-01-15T12:00:00Z', '<+0530>-5:30')).toBe('2026-01-15 17:30:00')
    expect(at('2026-01-15T12:00:00Z', 'GMT+3')).toBe('2026-01-15 09:00:00')
  })

  it('a rule in the string: US DST starts the second Sunday of March at 02:00', () => {
    const zone = 'EST5EDT,M3.2.0,M11.1.0'
    // 2026-03-08 is the second Sunday: 06:59 UTC is 01:59 EST, 07:00 UTC is 03:00 EDT.
    expect(at('2026-03-08T06:59:00Z', zone)).toBe('2026-03-08 01:59:00')
    expect(at('2026-03-08T07:00:00Z', zone)).toBe('2026-03-08 03:00:00')
    // Ends the first Sunday of November at 02:00 EDT (06:00 UTC).
    expect(at('2026-11-01T05:59:00Z', zone)).toBe('2026-11-01 01:59:00')
    expect(at('2026-11-01T06:00:00Z', zone)).toBe('2026-11-01 01:00:00')
  })

  it('bare abbreviations: the rule their DST name implies', () => {
    expect(at('2026-07-01T12:00:00Z', 'EST5EDT')).toBe('2026-07-01 08:00:00')
    expect(at('2026-01-01T12:00:00Z', 'EST5EDT')).toBe('2026-01-01 07:00:00')
    expect(at('2026-07-01T12:00:00Z', 'CET-1CEST')).toBe('2026-07-01 14:00:00')
    expect(at('2026-01-01T12:00:00Z', 'CET-1CEST')).toBe('2026-01-01 13:00:00')
    // Europe switches the last Sunday of March at 01:00 UTC.
    expect(at('2026-03-29T00:59:00Z', 'CET-1CEST')).toBe('2026-03-29 01:59:00')
    expect(at('2026-03-29T01:00:00Z', 'CET-1CEST')).toBe('2026-03-29 03:00:00')
  })

  it('southern rules wrap the year; J and zero-based day forms', () => {
    const sydney = 'AEST-10AEDT,M10.1.0,M4.1.0/3'
    expect(at('2026-01-15T00:00:00Z', sydney)).toBe('2026-01-15 11:00:00')
    expect(at('2026-07-15T00:00:00Z', sydney)).toBe('2026-07-15 10:00:00')
    // J60 is 1 March in every year; day 59 (zero-based) is 1 March only in common years.
    expect(at('2028-03-01T12:00:00Z', 'AAA3BBB,J60,J300')).toBe('2028-03-01 10:00:00')
    expect(at('2028-02-29T12:00:00Z', 'AAA3BBB,J60,J300')).toBe('2028-02-29 09:00:00')
    expect(at('2028-02-29T12:00:00Z', 'AAA3BBB,59,300')).toBe('2028-02-29 10:00:00')
  })

  it('IANA names go through Intl', () => {
    expect(at('2026-07-01T12:00:00Z', 'Europe/Paris')).toBe('2026-07-01 14:00:00')
    expect(at('2026-07-01T12:00:00Z', 'Asia/Kolkata')).toBe('2026-07-01 17:30:00')
  })

  it('camera wall clock back to an instant, across a DST change', () => {
    const zone = cameraTimeZone('EST5EDT,M3.2.0,M11.1.0')
    expect(parseCameraTime('2026-07-04 12:00:00', zone)?.toISOString()).toBe(
      '2026-07-04T16:00:00.000Z',
    )
    expect(parseCameraTime('2026-12-24 18:30:00', zone)?.toISOString()).toBe(
      '2026-12-24T23:30:00.000Z',
    )
    expect(parseCameraTime('2026-02-30 10:00:00', zone)).toBeNull()
    expect(parseCameraTime('', zone)).toBeNull()
  })

  it('anything else is a RangeError', () => {
    expect(() => cameraTimeZone('not a zone')).toThrow(RangeError)
    expect(() => cameraTimeZone('EST5EDT,M13.1.0,M11.1.0')).toThrow(RangeError)
  })
})
