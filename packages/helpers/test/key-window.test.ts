import { describe, expect, it } from 'vitest'
import { KeyWindow } from '../src/internal/key-window.js'

describe('KeyWindow', () => {
  it('admits a key again only once its window has passed', () => {
    const window = new KeyWindow(1000)
    expect(window.admit('a', 0)).toBe(true)
    expect(window.admit('a', 999)).toBe(false)
    expect(window.admit('a', 1000)).toBe(true)
  })

  it('does not extend the window on refused re-reads', () => {
    const window = new KeyWindow(1000)
    expect(window.admit('a', 0)).toBe(true)
    for (let t = 100; t < 1000; t += 100) expect(window.admit('a', t)).toBe(false)
    expect(window.admit('a', 1000)).toBe(true)
  })

  it('stays flat in size over a long run of distinct keys', () => {
    const window = new KeyWindow(1000)
    let largest = 0
    // One new key every 10 ms for a simulated hour: at most 100 are live at once.
    for (let t = 0; t < 3_600_000; t += 10) {
      window.admit(`plate-${t}`, t)
      largest = Math.max(largest, window.size)
    }
    expect(largest).toBe(100)
    expect(window.admit('late', 3_700_000)).toBe(true)
    expect(window.size).toBe(1)
  })
})
