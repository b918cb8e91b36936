import type { EventStoreStats, StoredEvent } from '@viewtron/store'
import { formatBytes } from './format-bytes.js'

const pad2 = (n: number): string => String(n).padStart(2, '0')

/** `2026-12-01 08:30:05` in local time. */
export function formatDateTime(date: Date): string {
  return (
    `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())} ` +
    `${pad2(date.getHours())}:${pad2(date.getMinutes())}:${pad2(date.getSeconds())}`
  )
}

/** The device name, else its MAC, else the client IP; plus `ch<N>` behind an NVR. */
function cameraOf(row: StoredEvent): string {
  const name = row.camera.name || row.camera.mac || row.camera.clientIp
  return row.camera.channelId === null ? name : `${name} ch${row.camera.channelId}`
}

const HEADER = ['time', 'camera', 'category', 'plate', 'group', 'images'] as const

function cells(row: StoredEvent): string[] {
  return [
    formatDateTime(row.receivedAt),
    cameraOf(row),
    row.category,
    row.plate ?? '',
    row.plateGroup,
    String(row.images.length),
  ]
}

/** An aligned text table of `rows` (time, camera, category, plate, group, images). */
export function historyTable(rows: readonly StoredEvent[]): string {
  const table = [[...HEADER], ...rows.map(cells)]
  const widths = HEADER.map((_, column) =>
    Math.max(...table.map((line) => (line[column] as string).length)),
  )
  return table
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] as number))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
    .concat('\n')
}

/**
 * One CSV field, quoted when it holds a comma, quote or line break (RFC 4180). Text a camera sent
 * (its name, a plate) that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage
 * return first) is prefixed with `'`, so opening the export never runs what a device wrote.
 */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

const CSV_HEADER = [
  'id',
  'time',
  'device_time',
  'camera',
  'client_ip',
  'category',
  'alarm_type',
  'plate',
  'group',
  'images',
  'image_paths',
]

/** The CSV header line. */
export function csvHeader(): string {
  return `${CSV_HEADER.join(',')}\r\n`
}

/** One CSV line: times in ISO 8601 (UTC), image paths separated by `;`. */
export function csvLine(row: StoredEvent): string {
  return `${[
    String(row.id),
    row.receivedAt.toISOString(),
    row.deviceTime?.toISOString() ?? '',
    cameraOf(row),
    row.camera.clientIp,
    row.category,
    row.alarmType,
    row.plate ?? '',
    row.plateGroup,
    String(row.images.length),
    row.images.map((image) => image.path).join(';'),
  ]
    .map(csvField)
    .join(',')}\r\n`
}

/** `--stats` as lines a person reads. */
export function formatStoreStats(stats: EventStoreStats): string {
  const when = (date: Date | null) => (date === null ? '-' : formatDateTime(date))
  return [
    `events          ${stats.events}`,
    `alarm statuses  ${stats.alarmStatuses}`,
    `presence        ${stats.presenceChanges}`,
    `oldest          ${when(stats.oldest)}`,
    `newest          ${when(stats.newest)}`,
    `database        ${formatBytes(stats.bytes.database)}`,
    `images          ${formatBytes(stats.bytes.images)}`,
    `total           ${formatBytes(stats.bytes.total)}`,
    '',
  ].join('\n')
}
