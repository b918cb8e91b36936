const pad = (n: number): string => String(n).padStart(2, '0')

/** IPC `currentTime`: 16-digit microseconds, as cameras with config 1.7 send. */
export function ipcTime(): string {
  return String(Math.round((performance.timeOrigin + performance.now()) * 1000))
}

/** NVR `currentTime`: microseconds with millisecond precision (ends in `000`), as NVRs send. */
export function nvrTime(date: Date): string {
  return `${date.getTime()}000`
}

/** NVR status `currentTime`: whole seconds in microseconds (ends in `000000`). */
export function nvrStatusTime(date: Date): string {
  return `${Math.floor(date.getTime() / 1000)}000000`
}

/** IPC status `dataTime`: local wall-clock time without a zone, `YYYY-MM-DD HH:mm:ss`. */
export function ipcDataTime(date: Date): string {
  const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
  return `${day} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`
}
