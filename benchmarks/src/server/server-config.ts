import { SUCCESS_REPLY } from '@viewtron/core'
import type { ServerLabel } from '../results.js'
import type { ServerChildConfig } from './protocol.js'

/** Settings of our server beyond its image mode. */
export interface OurSettings {
  consumerDelayMs?: number
  highWaterMark?: number
  maxBodyBytes?: number
  maxImageBytes?: number
  /** Directory for `images: { dir }` (required for the `'dir'` label). */
  dir?: string
  /** Database and image folder of the store (required for the `'store'` label). */
  store?: { path: string; imagesDir: string }
}

/** Another build of `@viewtron/core` for every "ours" child (`--core`), as a module URL. */
let coreModule: string | undefined

export function useCoreModule(url: string | undefined): void {
  coreModule = url
}

/** The child configuration for a table row's server. */
export function serverConfig(server: ServerLabel, settings: OurSettings = {}): ServerChildConfig {
  if (server === 'null') return { kind: 'null', reply: SUCCESS_REPLY }
  if (server === 'sax') return { kind: 'sax', reply: SUCCESS_REPLY }
  if (server === 'parse') {
    return coreModule === undefined
      ? { kind: 'parse', reply: SUCCESS_REPLY }
      : { kind: 'parse', reply: SUCCESS_REPLY, coreModule }
  }
  let images: 'memory' | 'discard' | { dir: string }
  if (server === 'dir') {
    if (settings.dir === undefined) throw new Error("the 'dir' server needs settings.dir")
    images = { dir: settings.dir }
  } else if (server === 'store') {
    if (settings.store === undefined) throw new Error("the 'store' server needs settings.store")
    // The store writes the image files itself, from the bytes the server kept.
    images = 'memory'
  } else {
    images = server
  }
  const config: ServerChildConfig = {
    kind: 'ours',
    images,
    consumerDelayMs: settings.consumerDelayMs ?? 0,
  }
  if (settings.highWaterMark !== undefined) config.highWaterMark = settings.highWaterMark
  if (settings.maxBodyBytes !== undefined) config.maxBodyBytes = settings.maxBodyBytes
  if (settings.maxImageBytes !== undefined) config.maxImageBytes = settings.maxImageBytes
  if (coreModule !== undefined) config.coreModule = coreModule
  if (server === 'store') config.store = settings.store
  return config
}

export const MIB = 2 ** 20

/** Bytes to MiB, rounded to 0.1. */
export function mib(bytes: number): number {
  return Math.round((bytes / MIB) * 10) / 10
}
