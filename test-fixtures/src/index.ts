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
export * from './api21-plate-items.js'
export * from './base64-text.js'
export * from './empty-heartbeat.js'
export type * from './expectation-types.js'
export * from './expectations.js'
export { captureFixtures } from './fixtures/capture-fixtures.js'
export type { FixtureSpec } from './fixtures/fixture-spec.js'
export * from './ipc-alarm-server-heartbeat.js'
export * from './ipc-alarm-status-post.js'
export * from './ipc-envelope.js'
export * from './ipc-face-post.js'
export * from './ipc-keepalive-post.js'
export * from './ipc-lpr-post.js'
export * from './ipc-other-post.js'
export type { IpcTarget } from './ipc-parts.js'
export * from './ipc-pass-line-count-post.js'
export * from './ipc-perimeter-post.js'
export * from './ipc-target-list-post.js'
export * from './ipc-traject-post.js'
export * from './ipc-tripwire-post.js'
export * from './ipc-vsd-post.js'
export * from './large-post.js'
export * from './make-jpeg.js'
export * from './nvr-alarm-status-post.js'
export * from './nvr-detection-post.js'
export * from './nvr-envelope.js'
export * from './nvr-face-post.js'
export * from './nvr-forwarded-lpr-post.js'
export * from './nvr-keepalive-post.js'
export * from './nvr-vehicle-post.js'
export * from './post-image.js'
export * from './post-options.js'
export * from './prng.js'
export * from './render-post.js'
export * from './render-xml.js'
export * from './shapes.js'
export * from './start-fake-camera.js'
export * from './vehicle-attributes.js'
export * from './vendor-descriptions.js'
export * from './write-posts.js'
export * from './xml.js'
export * from './xml-edit.js'
