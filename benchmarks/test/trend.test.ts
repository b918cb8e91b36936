import { describe, expect, it } from 'vitest'
import { LatencyRecorder } from '../src/latency.js'
import { linearTrend } from '../src/trend.js'

describe('linearTrend', () => {
  it('should find the slope of a noisy line', () => {
    const points = Array.from({ length: 100 }, (_, x) => ({
      x,
      y: 3 * x + 7 + (x % 2 === 0 ? 1 : -1),
    }))
    const trend = linearTrend(points)
    expect(trend.slope).toBeCloseTo(3, 2)
    expect(trend.intercept).toBeCloseTo(7, 0)
  })

  it('should give a flat trend for too few points', () => {
    expect(linearTrend([]).slope).toBe(0)
    expect(linearTrend([{ x: 1, y: 5 }]).slope).toBe(0)
  })
})

describe('LatencyRecorder', () => {
  it('should give nearest-rank percentiles past its first buffer', () => {
    const recorder = new LatencyRecorder()
    for (let i = 10_000; i >= 1; i--) recorder.add(i)
    expect(recorder.count).toBe(10_000)
    expect(recorder.percentiles(50, 99, 100)).toEqual([5000, 9900, 10_000])
  })

  it('should report null when nothing was recorded', () => {
    expect(new LatencyRecorder().percentiles(50)).toEqual([null])
  })
})
