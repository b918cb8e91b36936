import type { ChildSnapshot } from './protocol.js'

/** A server under test, as its child process drives it. */
export interface RunningServer {
  port: number
  snapshot(): ChildSnapshot
  /** Stops accepting, lets every acknowledged event reach the consumer, then closes. */
  stop(): Promise<ChildSnapshot>
}

/** The process-wide part of a snapshot: CPU time and memory. */
export function processFigures(): Pick<
  ChildSnapshot,
  'cpuUser' | 'cpuSystem' | 'rss' | 'heapUsed' | 'arrayBuffers' | 'maxRss'
> {
  const cpu = process.cpuUsage()
  const memory = process.memoryUsage()
  return {
    cpuUser: cpu.user,
    cpuSystem: cpu.system,
    rss: memory.rss,
    heapUsed: memory.heapUsed,
    arrayBuffers: memory.arrayBuffers,
    // Kilobytes on Linux (getrusage).
    maxRss: process.resourceUsage().maxRSS * 1024,
  }
}
