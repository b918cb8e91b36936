import { applyPlan, CAMERA_FIELD, ORIGINAL } from './apply-sync-plan.js'
import type { CallOptions, CameraContext } from './camera-context.js'
import { cameraTimeText } from './camera-time.js'
import { checkPlateInput } from './plate-checks.js'
import {
  checkGroupRef,
  findGroup,
  GROUP_KINDS,
  type GroupRef,
  type PlateGroup,
} from './plate-groups.js'
import type { CameraPlate, PlateInput } from './plate-types.js'
import { detailTexts } from './plate-xml.js'
import type { CameraPlates, ResolvedPlate } from './plates.js'

/** Options of {@link CameraPlates.sync}. */
export interface SyncOptions extends CallOptions {
  /**
   * Also remove plates of the synced groups that `desired` does not list.
   * @default false
   */
  prune?: boolean
  /**
   * Plan only: read the camera, send no write.
   * @default false
   */
  dryRun?: boolean
  /**
   * The groups to read and keep in sync; every desired plate must be in one of them.
   * @default the camera's allow, block and temporary groups
   */
  groups?: readonly GroupRef[]
}

/** A detail as the camera stores it: `owner`, `telephone`, `cardNumber`, `begin`, `end`. */
export type DetailName = 'owner' | 'telephone' | 'cardNumber' | 'begin' | 'end'

/** One write `sync` plans. */
export interface SyncStep {
  /**
   * `add` a new plate; `modify` details of a plate already in its group; `move` a plate found in
   * another synced group (always, with its details); `remove` a plate not desired (`prune` only)
   * or a second copy of a moved plate.
   */
  action: 'add' | 'modify' | 'move' | 'remove'
  /** The plate number, as the camera stores it. */
  number: string
  /** The group the plate ends up in (or is removed from). */
  group: PlateGroup
  /** For `move`: the group it leaves. */
  from: PlateGroup | null
  /** Details written, as the camera's text (times in its local time). */
  changes: Partial<Record<DetailName, string>>
}

/** What became of one {@link SyncStep}. */
export interface SyncStepResult extends SyncStep {
  /** `done`, `failed` (with the camera's code and reason), or `planned` in a dry run. */
  status: 'done' | 'failed' | 'planned'
  /** The camera's error code when the step failed, otherwise `null`. */
  code: number | null
  /**
   * The camera's reason (or the documented meaning of its code) when the step failed, otherwise
   * `null`.
   */
  description: string | null
}

/** What {@link CameraPlates.sync} found and did. */
export interface SyncResult {
  /**
   * `true` when nothing was written (`dryRun` was asked): {@link SyncResult.results} are all
   * `planned`.
   */
  dryRun: boolean
  /** Desired plates already as wanted. */
  unchanged: number
  /** The writes planned, in the order they are applied. */
  plan: SyncStep[]
  /** Each step with its outcome (`planned` in a dry run). */
  results: SyncStepResult[]
}

const DETAIL_NAME = Object.fromEntries(
  Object.entries(CAMERA_FIELD).map(([name, field]) => [field, name as DetailName]),
) as Record<string, DetailName>

function current(plate: CameraPlate, name: DetailName): string {
  return name === 'begin' ? plate.beginTime : name === 'end' ? plate.endTime : plate[name]
}

/** A stored time in the canonical form, so `2026-10-02 08:00` and `…08:00:00` compare equal. */
function canonical(name: DetailName, text: string): string {
  if (name !== 'begin' && name !== 'end') return text.trim()
  try {
    return cameraTimeText(text, null)
  } catch {
    return text.trim()
  }
}

/**
 * Plates match without regard to case (`abc123` is the camera's `ABC123`, as a reader sees it);
 * a plate the camera holds keeps its spelling in every write that addresses it.
 */
function plateKey(number: string): string {
  return number.toUpperCase()
}

/** Plans the writes that make `have` (the synced groups' plates) match `want`. */
export function planSync(
  want: readonly ResolvedPlate[],
  wantTexts: readonly Partial<Record<DetailName, string>>[],
  have: readonly CameraPlate[],
  prune: boolean,
): { plan: SyncStep[]; unchanged: number } {
  const byNumber = new Map<string, CameraPlate[]>()
  for (const plate of have) {
    const key = plateKey(plate.number)
    byNumber.set(key, [...(byNumber.get(key) ?? []), plate])
  }
  const removes: SyncStep[] = []
  const moves: SyncStep[] = []
  const adds: SyncStep[] = []
  const modifies: SyncStep[] = []
  let unchanged = 0
  const step = (
    action: SyncStep['action'],
    number: string,
    group: PlateGroup,
    changes: SyncStep['changes'] = {},
    from: PlateGroup | null = null,
  ): SyncStep => ({ action, number, group, from, changes })
  want.forEach((plate, i) => {
    const texts = wantTexts[i] ?? {}
    const copies = byNumber.get(plateKey(plate.number)) ?? []
    byNumber.delete(plateKey(plate.number))
    const inPlace = copies.find((c) => c.group.id === plate.group.id)
    const elsewhere = copies.filter((c) => c !== inPlace)
    if (inPlace !== undefined) {
      const changes: SyncStep['changes'] = {}
      for (const [name, text] of Object.entries(texts) as [DetailName, string][]) {
        if (canonical(name, text) !== canonical(name, current(inPlace, name))) changes[name] = text
      }
      if (Object.keys(changes).length > 0)
        modifies.push(step('modify', inPlace.number, plate.group, changes))
      else if (elsewhere.length === 0) unchanged++
      for (const copy of elsewhere) removes.push(step('remove', copy.number, copy.group))
      return
    }
    const [source, ...rest] = elsewhere
    if (source === undefined) {
      adds.push(step('add', plate.number, plate.group, texts))
      return
    }
    // A moved plate keeps the details the desired entry does not set.
    const carried: SyncStep['changes'] = {}
    for (const name of Object.keys(CAMERA_FIELD) as DetailName[]) {
      const value = texts[name] ?? current(source, name)
      if (value !== '') carried[name] = value
    }
    const move = step('move', source.number, plate.group, carried, source.group)
    const before: SyncStep['changes'] = {}
    for (const name of Object.keys(CAMERA_FIELD) as DetailName[]) {
      const value = current(source, name)
      if (value !== '') before[name] = value
    }
    ORIGINAL.set(move, before)
    moves.push(move)
    for (const copy of rest) removes.push(step('remove', copy.number, copy.group))
  })
  if (prune) {
    for (const copies of byNumber.values()) {
      for (const copy of copies) removes.push(step('remove', copy.number, copy.group))
    }
  }
  return { plan: [...removes, ...moves, ...adds, ...modifies], unchanged }
}

/** {@link CameraPlates.sync}: check, read, plan, apply. */
export async function syncPlates(
  plates: CameraPlates,
  ctx: CameraContext,
  desired: readonly PlateInput[],
  options: SyncOptions,
): Promise<SyncResult> {
  const { signal } = options
  const refs = (options.groups ?? GROUP_KINDS).map(checkGroupRef)
  const seen = new Map<string, number>()
  const checked = desired.map((plate, i) => {
    const valid = checkPlateInput(plate, `plate ${i + 1}`)
    const first = seen.get(plateKey(plate.number))
    if (first !== undefined) {
      throw new RangeError(
        `plate ${plate.number} is listed twice (entries ${first + 1} and ${i + 1})`,
      )
    }
    seen.set(plateKey(plate.number), i)
    return valid
  })
  const groups = await ctx.groups(signal)
  const synced =
    options.groups === undefined
      ? groups.filter((g) => (GROUP_KINDS as readonly string[]).includes(g.kind))
      : refs.map((ref) => findGroup(groups, ref))
  const want = checked.map((plate): ResolvedPlate => {
    const group = findGroup(groups, plate.group)
    if (!synced.some((g) => g.id === group.id)) {
      throw new RangeError(
        `plate ${plate.number}: group ${group.name} is not among the synced groups`,
      )
    }
    return { ...plate, group }
  })
  const zone = await plates.zoneFor(want, signal)
  const wantTexts = want.map((plate) =>
    Object.fromEntries(detailTexts(plate, zone).map(([field, text]) => [DETAIL_NAME[field], text])),
  )
  const have: CameraPlate[] = []
  for (const group of synced) {
    for await (const plate of plates.list({ group: { id: group.id }, signal })) have.push(plate)
  }
  const { plan, unchanged } = planSync(want, wantTexts, have, options.prune === true)
  const dryRun = options.dryRun === true
  if (dryRun) {
    const results = plan.map(
      (s): SyncStepResult => ({ ...s, status: 'planned', code: null, description: null }),
    )
    return { dryRun, unchanged, plan, results }
  }
  return { dryRun, unchanged, plan, results: await applyPlan(plates, plan, signal) }
}
