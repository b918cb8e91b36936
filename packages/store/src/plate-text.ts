/**
 * Plate text as the store compares it: the camera's OCR reads the same plate with or without
 * spaces and dashes, in either case, and mixes up look-alike characters.
 */

/** Upper case, without spaces, `-`, `.` or `·` (`'kxt-48 21'` → `'KXT4821'`). */
export function normalizePlate(plate: string): string {
  return plate.toUpperCase().replace(/[\s\-.·_]/g, '')
}

/** Look-alike letters OCR confuses with digits, folded onto the digit. */
const CONFUSIONS: Readonly<Record<string, string>> = { O: '0', I: '1', B: '8', S: '5' }

/**
 * The normalised plate with each confusable letter replaced by its digit (`O`→`0`, `I`→`1`,
 * `B`→`8`, `S`→`5`), so `KXT482I` and `KXT4821` fold to the same text.
 */
export function foldPlate(plate: string): string {
  return normalizePlate(plate).replace(/[OIBS]/g, (c) => CONFUSIONS[c] ?? c)
}

/**
 * True when `text` contains a window within one edit (insert, delete or substitute) of `query`;
 * with `whole`, `text` itself must be within one edit. Sellers' semi-global edit distance, cut
 * off once every cell exceeds one.
 */
export function withinOneEdit(query: string, text: string, whole: boolean): boolean {
  if (whole && Math.abs(query.length - text.length) > 1) return false
  const m = query.length
  // prev[i]: distance between query[0..i) and the best window of text ending at column j.
  let prev = new Array<number>(m + 1)
  for (let i = 0; i <= m; i++) prev[i] = i
  let best = prev[m] as number
  for (let j = 1; j <= text.length; j++) {
    const next = new Array<number>(m + 1)
    next[0] = whole ? j : 0
    let low = next[0]
    for (let i = 1; i <= m; i++) {
      const cost = query[i - 1] === text[j - 1] ? 0 : 1
      const value = Math.min(
        (prev[i - 1] as number) + cost,
        (prev[i] as number) + 1,
        (next[i - 1] as number) + 1,
      )
      next[i] = value
      if (value < low) low = value
    }
    prev = next
    if (!whole && (prev[m] as number) < best) best = prev[m] as number
    if (low > 1 && whole) return false
  }
  return (whole ? (prev[m] as number) : Math.min(best, prev[m] as number)) <= 1
}
