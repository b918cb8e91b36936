import type { CallOptions, CameraContext } from './camera-context.js'
import { type CameraError, CameraFailureError, CameraMalformedReplyError } from './camera-error.js'
import { type CameraTimeZone, needsZone } from './camera-time.js'
import { describeCode } from './error-codes.js'
import { checkDetails, checkPlateInput, checkPlateNumber } from './plate-checks.js'
import { checkGroupRef, findGroup, type GroupRef, type PlateGroup } from './plate-groups.js'
import { type SyncOptions, type SyncResult, syncPlates } from './plate-sync.js'
import type {
  AddResult,
  CameraPlate,
  PlateDetails,
  PlateInput,
  RemoveResult,
} from './plate-types.js'
import {
  addBody,
  deleteBody,
  detailTexts,
  modifyBody,
  readAddReply,
  readPlatePage,
  searchBody,
} from './plate-xml.js'
import { envelope } from './xml-writer.js'

/** Options of {@link CameraPlates.list}. */
export interface ListOptions extends CallOptions {
  /** One group; every group the camera has when unset. */
  group?: GroupRef
  /**
   * Plates asked for per request.
   * @default 50
   */
  pageSize?: number
}

const MAX_BATCH = 100
const DETAIL_KEYS = ['owner', 'telephone', 'cardNumber', 'begin', 'end'] as const

/** A plate whose group is resolved and whose fields are checked. */
export interface ResolvedPlate extends PlateDetails {
  number: string
  group: PlateGroup
}

function hasDetails(details: PlateDetails): boolean {
  return DETAIL_KEYS.some((key) => details[key] !== undefined)
}

/** The licence-plate database of one camera: `cam.plates`. */
export class CameraPlates {
  readonly #ctx: CameraContext

  /** @internal Made by {@link ViewtronCamera}. */
  constructor(ctx: CameraContext) {
    this.#ctx = ctx
  }

  /**
   * Every plate of one group (or of every group), page by page. Paging advances by the plates
   * actually received, since a camera may return fewer than asked; an empty group (code 20) ends
   * it quietly.
   */
  list(options: ListOptions = {}): AsyncGenerator<CameraPlate> {
    const ref = options.group === undefined ? null : checkGroupRef(options.group)
    const pageSize = options.pageSize ?? 50
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
      throw new RangeError(`pageSize must be an integer from 1 to 1000, got ${pageSize}`)
    }
    return this.#list(ref, pageSize, options.signal)
  }

  async *#list(ref: GroupRef | null, pageSize: number, signal?: AbortSignal) {
    const groups = await this.#ctx.groups(signal)
    const wanted = ref === null ? groups : [findGroup(groups, ref)]
    for (const group of wanted) {
      let offset = 1
      const seen = new Set<string>()
      for (;;) {
        let page: ReturnType<typeof readPlatePage>
        try {
          const config = await this.#ctx.transport.xml({
            command: 'GetLicensePlates',
            method: 'POST',
            body: envelope(searchBody(group.id, pageSize, offset)),
            read: true,
            signal,
          })
          page = readPlatePage(config, groups, group)
        } catch (error) {
          if (error instanceof CameraFailureError && error.code === 20) break
          throw error
        }
        offset += page.plates.length
        if (page.plates.length === 0) break
        // A plate added while we page shifts the offsets and may repeat one plate: skipped. A
        // page of nothing new means the camera ignores the offset; paging on would never end.
        const fresh = page.plates.filter((plate) => !seen.has(plate.number))
        if (fresh.length === 0) {
          throw new CameraMalformedReplyError({
            command: 'GetLicensePlates',
            description: `the page at offset ${offset - page.plates.length} of group ${group.name} repeats plates already listed (the camera ignores the offset)`,
          })
        }
        for (const plate of fresh) seen.add(plate.number)
        yield* fresh
        if (page.total !== null ? offset > page.total : page.plates.length < pageSize) break
      }
    }
  }

  /**
   * Adds plates, in requests of at most 100, and reports each one: `added`, `unchanged` (the
   * camera already had it, code 203) or `failed` with the camera's code and reason. The camera
   * takes only number and group on add; owner, telephone, card number and validity are then set
   * with a modify for each plate that has them. Throws for failures that are not about one plate
   * (auth, timeout, connection).
   */
  async add(plates: readonly PlateInput[], options: CallOptions = {}): Promise<AddResult[]> {
    const checked = plates.map((plate, i) => checkPlateInput(plate, `plate ${i + 1}`))
    if (checked.length === 0) return []
    const groups = await this.#ctx.groups(options.signal)
    const resolved = checked.map((plate) => ({ ...plate, group: findGroup(groups, plate.group) }))
    return await this.addResolved(resolved, options.signal)
  }

  /** @internal {@link add} once groups are resolved (also used by `sync`). */
  async addResolved(plates: readonly ResolvedPlate[], signal?: AbortSignal): Promise<AddResult[]> {
    const zone = await this.zoneFor(plates, signal)
    const results: AddResult[] = []
    for (let start = 0; start < plates.length; start += MAX_BATCH) {
      const batch = plates.slice(start, start + MAX_BATCH)
      results.push(...(await this.#addBatch(batch, signal)))
    }
    for (const [i, result] of results.entries()) {
      const plate = plates[i] as ResolvedPlate
      if (result.status !== 'added' || !hasDetails(plate)) continue
      try {
        await this.#modify(plate.number, plate.group, detailTexts(plate, zone), signal)
      } catch (error) {
        if (!(error instanceof CameraFailureError)) throw error
        Object.assign(result, failure(error, 'modify'))
      }
    }
    return results
  }

  async #addBatch(batch: readonly ResolvedPlate[], signal?: AbortSignal): Promise<AddResult[]> {
    const base = (plate: ResolvedPlate) => ({ number: plate.number, group: plate.group })
    let codes: Map<number, number> | null
    try {
      const config = await this.#ctx.transport.xml({
        command: 'AddLicensePlates',
        method: 'POST',
        body: envelope(addBody(batch)),
        read: false,
        signal,
      })
      codes = readAddReply(config)
    } catch (error) {
      // A refusal of the whole batch (library full, busy) is each plate's outcome.
      if (!(error instanceof CameraFailureError)) throw error
      return batch.map((plate) => ({ ...base(plate), ...failure(error, 'add') }))
    }
    return batch.map((plate, i): AddResult => {
      // Firmware that sends no per-item list accepted the whole request.
      const code = codes === null ? 0 : codes.get(i + 1)
      if (code === 0) return { ...base(plate), ...OK, status: 'added' }
      if (code === 203) return { ...base(plate), ...OK, status: 'unchanged' }
      const error = new CameraFailureError({
        command: 'AddLicensePlates',
        code: code ?? null,
        description:
          code === undefined ? 'the camera gave no result for this plate' : describeCode(code),
      })
      return { ...base(plate), ...failure(error, 'add') }
    })
  }

  /**
   * Sets some details of a plate; fields left out are not touched. Throws a
   * {@link CameraFailureError} with code 204 when the plate is not in that group.
   */
  async modify(
    number: string,
    group: GroupRef,
    details: PlateDetails,
    options: CallOptions = {},
  ): Promise<void> {
    checkPlateNumber(number)
    checkDetails(details, `plate ${number}`)
    const ref = checkGroupRef(group)
    if (!hasDetails(details)) return
    const resolved = findGroup(await this.#ctx.groups(options.signal), ref)
    const zone = await this.zoneFor([details], options.signal)
    await this.#modify(number, resolved, detailTexts(details, zone), options.signal)
  }

  /** @internal A modify with the camera's field names and texts ready. */
  async modifyFields(
    number: string,
    group: PlateGroup,
    fields: [string, string][],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.#modify(number, group, fields, signal)
  }

  async #modify(
    number: string,
    group: PlateGroup,
    fields: [string, string][],
    signal?: AbortSignal,
  ): Promise<void> {
    await this.#ctx.transport.xml({
      command: 'ModifyLicensePlate',
      method: 'POST',
      body: envelope(modifyBody(number, group, fields)),
      read: false,
      signal,
    })
  }

  /** Removes a plate from a group. A plate that is not there (code 204) is reported, not thrown. */
  async remove(number: string, group: GroupRef, options: CallOptions = {}): Promise<RemoveResult> {
    checkPlateNumber(number)
    const ref = checkGroupRef(group)
    const resolved = findGroup(await this.#ctx.groups(options.signal), ref)
    return await this.removeResolved(number, resolved, options.signal)
  }

  /** @internal {@link remove} with the group resolved. */
  async removeResolved(
    number: string,
    group: PlateGroup,
    signal?: AbortSignal,
  ): Promise<RemoveResult> {
    try {
      await this.#ctx.transport.xml({
        command: 'DeleteLicensePlate',
        method: 'POST',
        body: envelope(deleteBody(number, group)),
        read: false,
        signal,
      })
      return { number, group, removed: true }
    } catch (error) {
      if (error instanceof CameraFailureError && error.code === 204) {
        return { number, group, removed: false }
      }
      throw error
    }
  }

  /**
   * Makes the camera's lists match `desired`: reads the groups involved (all three kinds by
   * default), plans adds, detail changes, moves between groups and (with `prune`) removals, and
   * applies them unless `dryRun`. Fields a desired plate leaves out are not compared, so a second
   * identical run sends no write at all.
   */
  async sync(desired: readonly PlateInput[], options: SyncOptions = {}): Promise<SyncResult> {
    return await syncPlates(this, this.#ctx, desired, options)
  }

  /** @internal The zone, read only when one of the plates has a time that needs it. */
  async zoneFor(
    items: readonly PlateDetails[],
    signal?: AbortSignal,
  ): Promise<CameraTimeZone | null> {
    const needed = items.some(
      (item) =>
        (item.begin !== undefined && needsZone(item.begin)) ||
        (item.end !== undefined && needsZone(item.end)),
    )
    return needed ? await this.#ctx.zone(signal) : null
  }
}

const OK = { step: null, code: null, description: null, error: null }

function failure(error: CameraError, step: 'add' | 'modify') {
  return {
    status: 'failed' as const,
    step,
    code: error.code,
    description: error.description,
    error,
  }
}
