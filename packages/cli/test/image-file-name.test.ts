import { describe, expect, it } from 'vitest'
import { safeNamePart } from '../src/image-file-name.js'

describe('safeNamePart', () => {
  it('keeps letters and digits of every script readable', () => {
    expect(safeNamePart('京A12345')).toBe('京A12345')
    expect(safeNamePart('서울12가3456')).toBe('서울12가3456')
    expect(safeNamePart('Ä Ö-ü')).toBe('Ä-Ö-ü')
    // NFC: a decomposed é becomes the single character every system shows the same way.
    expect(safeNamePart('Cafe\u0301')).toBe('Café')
  })

  it('turns separators, reserved and control characters into one dash, never at the ends', () => {
    expect(safeNamePart('Gate: 1/2 <x>')).toBe('Gate-1-2-x')
    expect(safeNamePart('a\\b*c?d"e|f\u0000g\u0007h\nI')).toBe('a-b-c-d-e-f-g-h-I')
    expect(safeNamePart('../../etc/passwd')).toBe('etc-passwd')
    expect(safeNamePart('.hidden')).toBe('hidden')
    expect(safeNamePart('-rf')).toBe('rf')
    expect(safeNamePart('under_score')).toBe('under-score') // '_' separates the name's parts
    expect(safeNamePart('***')).toBe('')
  })

  it('stays within 48 UTF-8 bytes, cut between characters', () => {
    const long = safeNamePart('京'.repeat(40))
    expect(long).toBe('京'.repeat(16))
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(48)
    expect(safeNamePart('A'.repeat(100))).toHaveLength(48)
  })
})
