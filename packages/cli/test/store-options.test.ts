import { describe, expect, it } from 'vitest'
import { storeSettings } from '../src/serve-store.js'
import { sizeOption } from '../src/size-option.js'
import { timeOption } from '../src/time-option.js'

describe('serve --db options', () => {
  it('reads sizes in powers of 1024, with or without a B', () => {
    expect(sizeOption('keep-bytes', '20G')).toBe(20 * 2 ** 30)
    expect(sizeOption('keep-bytes', '500MB')).toBe(500 * 2 ** 20)
    expect(sizeOption('keep-bytes', '1.5GiB')).toBe(1.5 * 2 ** 30)
    expect(sizeOption('keep-bytes', '4096')).toBe(4096)
    expect(() => sizeOption('keep-bytes', '20 gigs')).toThrow(/--keep-bytes must be a size/)
    expect(() => sizeOption('keep-bytes', '0')).toThrow(/--keep-bytes/)
  })

  it('reads durations back from now and dates', () => {
    const now = Date.parse('2026-12-03T12:00:00Z')
    expect(timeOption('since', '2h', now).toISOString()).toBe('2026-12-03T10:00:00.000Z')
    expect(timeOption('since', '7d', now).toISOString()).toBe('2026-11-26T12:00:00.000Z')
    expect(timeOption('since', '90s', now).toISOString()).toBe('2026-12-03T11:58:30.000Z')
    expect(timeOption('until', '2026-12-01T08:00:00Z').toISOString()).toBe(
      '2026-12-01T08:00:00.000Z',
    )
    expect(timeOption('until', '2026-12-01').getTime()).toBe(new Date(2026, 11, 1).getTime())
    expect(() => timeOption('since', 'yesterday')).toThrow(/--since must be a duration/)
    expect(() => timeOption('since', '12')).toThrow(/--since/)
  })

  it('needs --db for the other store options', () => {
    expect(storeSettings({})).toBeNull()
    expect(() => storeSettings({ 'keep-days': '3' })).toThrow(/--keep-days needs --db/)
    expect(storeSettings({ db: 'e.db', 'keep-days': '30', 'keep-bytes': '1G' })).toMatchObject({
      days: 30,
      maxBytes: 2 ** 30,
    })
    expect(() => storeSettings({ db: 'e.db', 'keep-days': '-1' })).toThrow(/--keep-days/)
  })
})
