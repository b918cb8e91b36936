import { type CameraError, CameraFailureError } from './camera-error.js'
import type { PlateGroup } from './plate-groups.js'
import type { DetailName, SyncStep, SyncStepResult } from './plate-sync.js'
import type { PlateDetails } from './plate-types.js'
import type { CameraPlates, ResolvedPlate } from './plates.js'

/** The camera's field for each detail. */
export const CAMERA_FIELD: Record<DetailName, string> = {
  owner: 'carOwner',
  telephone: 'telephone',
  cardNumber: 'cardNumber',
  begin: 'beginTime',
  end: 'endTime',
}

/** For each planned move, the details the plate had in the group it leaves (to put it back). */
export const ORIGINAL = new WeakMap<SyncStep, SyncStep['changes']>()

function details(changes: SyncStep['changes']): PlateDetails {
  return { ...changes }
}

function fields(changes: SyncStep['changes']): [string, string][] {
  return (Object.entries(changes) as [DetailName, string][]).map(([name, text]) => [
    CAMERA_FIELD[name],
    text,
  ])
}

/** Applies a plan in order: removals, moves, adds (batched), detail changes. */
export async function applyPlan(
  plates: CameraPlates,
  plan: readonly SyncStep[],
  signal?: AbortSignal,
): Promise<SyncStepResult[]> {
  const results = new Map<SyncStep, SyncStepResult>()
  const done = (s: SyncStep): void =>
    void results.set(s, { ...s, status: 'done', code: null, description: null })
  const failed = (
    s: SyncStep,
    error: CameraError | { code: number | null; description: string | null },
  ): void =>
    void results.set(s, {
      ...s,
      status: 'failed',
      code: error.code,
      description: error.description,
    })
  const attempt = async (s: SyncStep, write: () => Promise<void>): Promise<void> => {
    try {
      await write()
      done(s)
    } catch (error) {
      if (!(error instanceof CameraFailureError)) throw error
      failed(s, error)
    }
  }
  for (const s of plan.filter((p) => p.action === 'remove')) {
    await attempt(s, async () => {
      await plates.removeResolved(s.number, s.group, signal)
    })
  }
  for (const s of plan.filter((p) => p.action === 'move')) {
    await attempt(s, () => movePlate(plates, s, signal))
  }
  const adds = plan.filter((p) => p.action === 'add')
  const added = await plates.addResolved(
    adds.map((s) => ({ number: s.number, group: s.group, ...details(s.changes) })),
    signal,
  )
  added.forEach((result, i) => {
    const s = adds[i] as SyncStep
    if (result.status === 'failed') failed(s, result)
    else done(s)
  })
  for (const s of plan.filter((p) => p.action === 'modify')) {
    await attempt(s, () => plates.modifyFields(s.number, s.group, fields(s.changes), signal))
  }
  return plan.map((s) => results.get(s) as SyncStepResult)
}

/**
 * Adds the plate to its new group before removing the old copy, so a failure never leaves it in
 * neither. Firmware that keeps plate numbers unique across groups answers 203 to that add: the
 * old copy is then removed first, and put back with its old details if the new add still fails
 * (a gate must not lose a plate because a move failed).
 */
async function movePlate(plates: CameraPlates, s: SyncStep, signal?: AbortSignal): Promise<void> {
  const plate: ResolvedPlate = { number: s.number, group: s.group, ...details(s.changes) }
  let [result] = await plates.addResolved([plate], signal)
  let restored: boolean | null = null
  if (result?.status === 'unchanged' && s.from !== null) {
    await plates.removeResolved(s.number, s.from, signal)
    ;[result] = await plates.addResolved([plate], signal)
    if (result?.status === 'added') return
    restored = await putBack(plates, s, s.from, signal)
  } else if (result?.status === 'added' && s.from !== null) {
    await plates.removeResolved(s.number, s.from, signal)
    return
  }
  const reason = result?.description ?? 'the plate could not be added to its new group'
  throw new CameraFailureError({
    command: 'AddLicensePlates',
    code: result?.code ?? null,
    description:
      restored === null
        ? reason
        : restored
          ? `${reason}; the plate was put back in ${s.from?.name}`
          : `${reason}; putting it back in ${s.from?.name} failed too: the plate is in neither group`,
  })
}

/** Re-adds a moved plate to the group it left, with the details it had there. */
async function putBack(
  plates: CameraPlates,
  s: SyncStep,
  from: PlateGroup,
  signal?: AbortSignal,
): Promise<boolean> {
  const original = ORIGINAL.get(s) ?? {}
  try {
    const [back] = await plates.addResolved(
      [{ number: s.number, group: from, ...details(original) }],
      signal,
    )
    return back?.status === 'added'
  } catch (error) {
    if (!(error instanceof CameraFailureError)) throw error
    return false
  }
}
