import { fileURLToPath } from 'node:url'
import type { Expectation } from './expectation-types.js'
import { captureFixtures } from './fixtures/capture-fixtures.js'
import type { FixtureSpec } from './fixtures/fixture-spec.js'
import { ipcV1Fixtures } from './fixtures/ipc-v1-fixtures.js'
import { nvrV2Fixtures } from './fixtures/nvr-v2-fixtures.js'
import { quirkFixtures } from './fixtures/quirk-fixtures.js'

// Readings of the protocol behind these expectations, where it leaves a choice. The parser
// author should compare them with the parser's and settle any difference in one place.
//
// Images
// - A `BASE64_JPEG_…` placeholder is an image: present, `valid: false`, `byteLength: 0` (§5.6
//   says "no decoded bytes"; a decoder that counts the 3 bytes of "BASE" before "_" differs).
// - A declared width/height of 0 is reported as `null` (core's EventImage: "null when absent or
//   zero"), the NVR `vehicle` overview included.
// - An image block without a data element (the NVR `vehicle` overview with only
//   dataType/width/height) is not an image: `sourceImage` is null and it is not counted.
// - v1 two-item LPR: `listInfo/item[0]` is the overview (`sourceImage`), the plate item's crop is
//   `targetImage`, and `sourceDataInfo` is a third image (role source) in document order.
//   Single-item LPR: the item's image is the crop, the overview comes from `sourceDataInfo`.
// - `declaredLength` is the `…Base64Length` value as written, even when it is wrong.
//
// Detection fields
// - v1 `targetType` comes from the crop's numeric `targetImageData/targetType` (1/2/4) of the
//   listInfo item (`vsd/targetImageData` for VSD); `perInfo`/`tripInfo` have none.
// - v1 `eventId`, `targetId`, `status` and `rect` come from the zone block (`perInfo`,
//   `tripInfo`) when there is one, otherwise from the first `listInfo` item (AOIENTRY,
//   AOILEAVE, PASSLINECOUNT, TRAFFIC: no event id, status `''`).
// - `boundary` is `'area'` for a v1 perimeter block (PEA, LOITER, PVD) and `'tripwire'` for a
//   tripwire block; `''` when the post has neither (AOI, v1 counting, VSD, other codes).
// - v2 `targetType` comes from the `targetListInfo` item; a self-closing `<targetListInfo/>`
//   leaves it `''`. v2 has no `status` (`''`).
// - Subtypes: PEA perimeter/tripwire, AOIENTRY entry, AOILEAVE exit, LOITER loiter, PVD
//   parking; regionIntrusion perimeter, lineCrossing tripwire; PASSLINECOUNT and
//   targetCountingByLine line, TRAFFIC and targetCountingByArea area.
//
// LPR
// - The plate item is the first whose plate text is non-empty (API 2.1 puts an empty
//   `plateNumber` in the overview item), else the vendor rule (`item[1]` of two or more). Every
//   other item's image is an overview (role source); `carAttr` is read like `carAttribute`, and an
//   origin-and-size `carRect` (x, y, width, height) becomes x1 = x, x2 = x + width.
// - Corner points (`leftTop`…`rightBottom`) give the box they span, for plates and faces.
// - v1 `plateGroup` is the raw `vehicleListType`; `plateList` is set only for the four known
//   values. v2 `plateGroup` is `groupName` and `plateList` stays null, even for "Whitelist".
// - `vehicle` is null without a `carAttribute`; `plateRect`/`targetId` are null in v1 (the plate
//   item has neither). `PlateConfidence` as text without `count` is taken as is when ≤ 100.
//
// Counting
// - `counts` holds the device's cumulative counters by phase and class (`Bike` is `motor`);
//   `direction` is the counting line's `Direct` text. A `passLineCount` block makes the boundary
//   `'tripwire'`.
//
// Device and time
// - v1 events and traject report `device.ip` as `''` (the body has none; clientIp is separate).
// - `dataTime` has no zone and is read as local time of the parsing machine, so those ISO
//   strings are computed when this module loads.
// - An empty or whitespace-only body is a keepalive `'empty'`, source `ipc`, format `v1`,
//   configVersion `''`; a `DeviceInfo` heartbeat has format `v1` and configVersion `''`.
// - A `config` holding only `dataTime` and `deviceInfo` is the `'alarmServer'` heartbeat; one
//   with only `deviceInfo` stays `no-messageType`.
//
// Unparsed reasons
// - `not-xml`: not a Viewtron XML document at all: a non-XML body, or XML whose root is neither
//   `config` nor `DeviceInfo`.
// - `parse-error`: malformed XML (truncated) or a DOCTYPE.
// - `no-messageType`: a `config` with nothing that says what it is: a version-2 post without
//   `messageType` and without a v1 code (§9.4), or a v1 config with only `deviceInfo` (§2.1).
// - `unknown-smartType`: a code in neither table (`AOI_ENTRY`, `regionEntrance`, §3.2).
// - `limit`: nesting deeper than the default `maxDepth` (64).

/** The folder holding the fixture posts (`ipc-v1/`, `nvr-v2/`, `quirks/`). */
export const POSTS_DIR = fileURLToPath(new URL('../posts/', import.meta.url))

/** Absolute path of a fixture post, from its name under `posts/` (e.g. `nvr-v2/vehicle.xml`). */
export function fixturePath(name: string): string {
  return POSTS_DIR + name
}

/** Every fixture with the recipe that writes it (used by `write-posts`). */
export const fixtureSpecs: readonly FixtureSpec[] = [
  ...ipcV1Fixtures,
  ...nvrV2Fixtures,
  ...quirkFixtures,
  ...captureFixtures,
]

/** A fixture file and what parsing it should give. */
export interface Fixture {
  /** Path under `posts/`; read it with {@link fixturePath}. */
  file: string
  /** What the file demonstrates. */
  note: string
  expect: Expectation
}

/** Every fixture post with the result the parser should produce for it. */
export const fixtures: readonly Fixture[] = fixtureSpecs.map(({ file, note, expect }) => ({
  file,
  note,
  expect,
}))
