import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { EventStoreLockedError, openEventStore } from '../src/index.js'
import { lprEvent, tempDir } from './helpers/events.js'

const cleanups: (() => unknown)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** The pid of a process that has ended (and was reaped). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  if (child.pid === undefined) throw new Error('no child pid')
  return child.pid
}

describe('one writer per database', () => {
  it('refuses a second writer on the same file and leaves the first one’s files alone', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = join(dir, 'events.db')
    const imagesDir = join(dir, 'images')
    const first = await openEventStore({ path, imagesDir })
    cleanups.push(() => first.close())
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.pid))
    // A file the first writer has written but not yet committed, as mid-post.
    const day = join(imagesDir, '2026-01-02')
    mkdirSync(day, { recursive: true })
    writeFileSync(join(day, 'in-flight-0-plate.jpg'), 'jpeg')

    const second = openEventStore({ path, imagesDir })
    await expect(second).rejects.toBeInstanceOf(EventStoreLockedError)
    await expect(second).rejects.toMatchObject({
      code: 'VIEWTRON_STORE_LOCKED',
      pid: process.pid,
      path,
    })
    expect(readdirSync(day)).toEqual(['in-flight-0-plate.jpg'])

    // Readers take no lock, and the first writer still writes.
    const reader = await openEventStore({ path, imagesDir, readonly: true })
    cleanups.push(() => reader.close())
    await first.handlers.onEvent(lprEvent('LOCK1'), '10.0.0.5')
    expect(reader.stats().events).toBe(1)

    // Closed, the lock is gone and the next writer opens.
    await first.close()
    expect(existsSync(`${path}.lock`)).toBe(false)
    const next = await openEventStore({ path, imagesDir })
    cleanups.push(() => next.close())
    expect(next.stats().events).toBe(1)
  })

  it('takes over a lock left by a process no longer alive', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = join(dir, 'events.db')
    writeFileSync(`${path}.lock`, `${deadPid()}\n`)
    const store = await openEventStore({ path })
    cleanups.push(() => store.close())
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.pid))
    await store.handlers.onEvent(lprEvent('STALE1'), '10.0.0.5')
    await store.close()
    expect(existsSync(`${path}.lock`)).toBe(false)
  })

  it('refuses a writer while a live process holds the lock', async () => {
    const { dir, remove } = tempDir()
    cleanups.push(remove)
    const path = join(dir, 'events.db')
    // The parent of this process is alive as long as the test runs.
    writeFileSync(`${path}.lock`, `${process.ppid}\n`)
    await expect(openEventStore({ path })).rejects.toMatchObject({
      name: 'EventStoreLockedError',
      pid: process.ppid,
    })
    expect(readFileSync(`${path}.lock`, 'utf8').trim()).toBe(String(process.ppid))
  })
})
