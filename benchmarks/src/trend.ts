/** A least-squares line through `(x, y)` points. */
export interface Trend {
  slope: number
  intercept: number
  /** Points used. */
  n: number
}

/** Ordinary least squares; a slope of 0 for fewer than two distinct x values. */
export function linearTrend(points: readonly { x: number; y: number }[]): Trend {
  const n = points.length
  if (n === 0) return { slope: 0, intercept: 0, n }
  const mx = points.reduce((sum, p) => sum + p.x, 0) / n
  const my = points.reduce((sum, p) => sum + p.y, 0) / n
  let sxx = 0
  let sxy = 0
  for (const p of points) {
    sxx += (p.x - mx) ** 2
    sxy += (p.x - mx) * (p.y - my)
  }
  const slope = sxx === 0 ? 0 : sxy / sxx
  return { slope, intercept: my - slope * mx, n }
}
