import type { LprEvent, ViewtronEvent } from '@viewtron/core'
import type { Stage } from './types.js'

/**
 * Keeps LPR events whose `plateGroup` is one of `groups`: an IPC list type (`'whiteList'`,
 * `'blackList'`, `'temporaryList'`, `'strangerList'`) or an NVR group name, compared exactly.
 * `''` selects plates that are in no list. Other categories are dropped.
 *
 * @throws TypeError when no group is given or a group is not a string.
 * @example
 * ```ts
 * const alerts = pipe(server.events(), byPlateGroup('blackList', 'Banned'))
 * ```
 */
export function byPlateGroup(...groups: [string, ...string[]]): Stage<ViewtronEvent, LprEvent> {
  if (groups.length === 0) throw new TypeError('byPlateGroup: give at least one group')
  for (const group of groups) {
    if (typeof group !== 'string') throw new TypeError('byPlateGroup: groups must be strings')
  }
  const wanted = new Set(groups)
  return async function* byPlateGroupStage(source) {
    for await (const event of source) {
      if (event.category === 'lpr' && wanted.has(event.plateGroup)) yield event
    }
  }
}
