/** `12 s ago`, `3 min ago`, `2 h ago`, `4 d ago`. */
export function relativeTime(iso: string, now: number): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000))
  if (seconds < 5) return 'just now'
  if (seconds < 60) return `${seconds} s ago`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 48) return `${hours} h ago`
  return `${Math.floor(hours / 24)} d ago`
}

/** Local wall-clock time, with the date when it is not today. */
export function clockTime(iso: string): string {
  const date = new Date(iso)
  const time = date.toLocaleTimeString(undefined, { hour12: false })
  return date.toDateString() === new Date().toDateString()
    ? time
    : `${date.toLocaleDateString()} ${time}`
}

export const CATEGORY_LABELS: Record<string, string> = {
  lpr: 'Plates',
  face: 'Faces',
  intrusion: 'Intrusion',
  counting: 'Counting',
  metadata: 'Metadata',
  traject: 'Tracking',
  other: 'Other',
}
