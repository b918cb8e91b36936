import { CameraMalformedReplyError, CameraUnsupportedError } from './camera-error.js'
import { at, childrenNamed, textAt, type XmlNode } from './xml-reader.js'

/** What a plate group is for, from its name on the camera. */
export type PlateGroupKind = 'allow' | 'block' | 'temporary' | 'other'

/** A plate group as the camera lists it (`GetLicensePlateGroups`). */
export interface PlateGroup {
  /** The camera's id; ids differ between firmwares, so look groups up by kind or name. */
  id: string
  /** The camera's name (`whiteList`, `blackList`, `temporaryList`, …). */
  name: string
  /**
   * What the group is for, read from its name (`'other'` for a group this library does not know).
   */
  kind: PlateGroupKind
}

/** A group in a call: a kind (`'allow'`, `'block'`, `'temporary'`) or the camera's `{ id }`. */
export type GroupRef =
  | 'allow'
  | 'block'
  | 'temporary'
  | {
      /** The group's id on this camera, as {@link PlateGroup.id} gives it. */
      id: string | number
    }

/** The kinds a {@link GroupRef} may name. */
export const GROUP_KINDS = ['allow', 'block', 'temporary'] as const

const KIND_BY_NAME: Record<string, PlateGroupKind> = {
  whitelist: 'allow',
  allowlist: 'allow',
  allow: 'allow',
  blacklist: 'block',
  blocklist: 'block',
  block: 'block',
  temporarylist: 'temporary',
  temporary: 'temporary',
}

/** The kind of a group from its name on the camera (`whiteList` → `'allow'`). */
export function groupKind(name: string): PlateGroupKind {
  return (
    KIND_BY_NAME[
      name
        .trim()
        .toLowerCase()
        .replaceAll(/[\s_-]/g, '')
    ] ?? 'other'
  )
}

/**
 * Checks a {@link GroupRef} before any request: an unknown name is a `RangeError` (the camera
 * would otherwise be asked about a group that cannot exist).
 */
export function checkGroupRef(group: unknown): GroupRef {
  if (typeof group === 'string' && (GROUP_KINDS as readonly string[]).includes(group)) {
    return group as GroupRef
  }
  if (typeof group === 'object' && group !== null && 'id' in group) {
    const id = String((group as { id: unknown }).id).trim()
    if (/^[\w.-]+$/.test(id)) return { id }
  }
  throw new RangeError(
    `unknown plate group ${JSON.stringify(group)}: use 'allow', 'block', 'temporary' or { id }`,
  )
}

/** Reads the groups from a `GetLicensePlateGroups` reply. */
export function readPlateGroups(config: XmlNode): PlateGroup[] {
  const list = at(config, 'licensePlateGroups')
  if (list === undefined) {
    throw new CameraMalformedReplyError({
      command: 'GetLicensePlateGroups',
      description: 'the reply has no <licensePlateGroups>',
    })
  }
  return childrenNamed(list, 'item').map((item) => {
    const id = textAt(item, 'groupId') ?? textAt(item, 'id') ?? ''
    const name = textAt(item, 'groupName') ?? textAt(item, 'name') ?? ''
    return { id, name, kind: groupKind(name) }
  })
}

/** The camera's group for `ref`; a kind the camera lacks is a {@link CameraUnsupportedError}. */
export function findGroup(groups: readonly PlateGroup[], ref: GroupRef): PlateGroup {
  const found =
    typeof ref === 'string'
      ? groups.find((g) => g.kind === ref)
      : groups.find((g) => g.id === String(ref.id))
  if (found !== undefined) return found
  throw new CameraUnsupportedError({
    command: 'GetLicensePlateGroups',
    description: `the camera has no ${typeof ref === 'string' ? `${ref} group` : `group with id ${ref.id}`} (it has ${groups.map((g) => `${g.name} ${g.id}`).join(', ') || 'none'})`,
  })
}
