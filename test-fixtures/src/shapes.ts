/** A point; 0–10000 on both axes unless the protocol says pixels. */
export interface Point {
  x: number
  y: number
}

/** A box from `(x1, y1)` to `(x2, y2)`. */
export interface Rect {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** A tripwire or counting line. */
export interface Line {
  start: Point
  end: Point
}
