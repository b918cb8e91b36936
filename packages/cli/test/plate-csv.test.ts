import { describe, expect, it } from 'vitest'
import { csvRows } from '../src/commands/camera/csv-rows.js'
import { readPlateCsv } from '../src/commands/camera/plate-csv.js'

describe('plate CSV files', () => {
  it('splits quoted fields, doubled quotes, quoted line breaks and CRLF, with start lines', () => {
    expect(csvRows('a,b\r\n"x,1","say ""hi"""\r\n\r\n"two\nlines",z\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x,1', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ])
  })

  it('reports an unclosed quote and text after a closing quote with their lines', () => {
    expect(() => csvRows('a\n"open,b\n')).toThrow('line 2: a quoted field is not closed')
    expect(() => csvRows('a\n"x"y\n')).toThrow('line 2: text after a closing quote')
    expect(readPlateCsv('plate,group\n"A1,allow\n').problems).toEqual([
      'line 2: a quoted field is not closed',
    ])
  })

  it('columns in any order and case; groups by kind, camera name or id', () => {
    const { plates, problems } = readPlateCsv(
      'Group,Plate,End\nwhiteList,A1,\nBLOCK,B1,2026-01-01\n7,T1,2026-12-24T18:00:00+08:00\n',
    )
    expect(problems).toEqual([])
    expect(plates).toEqual([
      { line: 2, plate: { number: 'A1', group: 'allow' } },
      { line: 3, plate: { number: 'B1', group: 'block', end: '2026-01-01' } },
      { line: 4, plate: { number: 'T1', group: { id: '7' }, end: '2026-12-24T18:00:00+08:00' } },
    ])
  })

  it('an empty file, a missing column', () => {
    expect(readPlateCsv('').problems).toEqual(['the file is empty'])
    expect(readPlateCsv('plate,owner\nA,B\n').problems).toEqual(["line 1: no 'group' column"])
  })
})
