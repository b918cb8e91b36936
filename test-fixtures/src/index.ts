/**
 * Deterministic Viewtron device posts for tests and benchmarks: real JPEGs ({@link makeJpeg}),
 * builders for every documented post type in the IPC v1 and NVR v2 layouts, a streaming
 * generator of arbitrarily large posts ({@link largePost}), and the project's fixture files with
 * the results a parser should give for each ({@link fixtures}).
 *
 * @example
 * ```ts
 * import { fixtures, fixturePath, nvrVehiclePost } from '@viewtron/fixtures'
 *
 * const body = nvrVehiclePost({ plate: 'ABC123', match: { groupName: 'Residents' } })
 * for (const { file, expect } of fixtures) console.log(fixturePath(file), expect.kind)
 * ```
 *
 * @packageDocumentation
 */
export * from './api21PlateItems.js'
export * from './base64Text.js'
export * from './emptyHeartbeat.js'
export * from './expectations.js'
export type * from './expectationTypes.js'
export { captureFixtures } from './fixtures/captureFixtures.js'
export type { FixtureSpec } from './fixtures/fixtureSpec.js'
export * from './ipcAlarmServerHeartbeat.js'
export * from './ipcAlarmStatusPost.js'
export * from './ipcEnvelope.js'
export * from './ipcFacePost.js'
export * from './ipcKeepalivePost.js'
export * from './ipcLprPost.js'
export * from './ipcOtherPost.js'
export type { IpcTarget } from './ipcParts.js'
export * from './ipcPassLineCountPost.js'
export * from './ipcPerimeterPost.js'
export * from './ipcTargetListPost.js'
export * from './ipcTrajectPost.js'
export * from './ipcTripwirePost.js'
export * from './ipcVsdPost.js'
export * from './largePost.js'
export * from './makeJpeg.js'
export * from './nvrAlarmStatusPost.js'
export * from './nvrDetectionPost.js'
export * from './nvrEnvelope.js'
export * from './nvrFacePost.js'
export * from './nvrForwardedLprPost.js'
export * from './nvrKeepalivePost.js'
export * from './nvrVehiclePost.js'
export * from './postImage.js'
export * from './postOptions.js'
export * from './prng.js'
export * from './renderPost.js'
export * from './renderXml.js'
export * from './shapes.js'
export * from './startFakeCamera.js'
export * from './vehicleAttributes.js'
export * from './vendorDescriptions.js'
export * from './writePosts.js'
export * from './xml.js'
export * from './xmlEdit.js'
