import type { ParseResult, UnparsedReason } from '../types.js'
import type { Admission } from './event-fanout.js'
import type { RefusePost } from './refuse-post.js'
import { removeImageFiles } from './remove-image-files.js'
import type { ServerContext } from './server-context.js'
import { ViewtronServerError } from './server-error.js'

/** Counts a post that did not become an event, keepalive or alarm status, and calls `onUnparsed`. */
export async function reportUnparsed(
  ctx: ServerContext,
  clientIp: string,
  reason: UnparsedReason,
  detail: string,
): Promise<void> {
  ctx.stats.unparsed[reason]++
  const { onUnparsed } = ctx.options
  if (onUnparsed !== undefined) {
    await ctx.errors.call('onUnparsed', clientIp, () => onUnparsed({ clientIp, reason, detail }))
  }
}

/**
 * Callbacks in order (onConnect, onPresence, onRaw, then by kind), then the subscribers'
 * queues. Returns the refusal when a handler refused the post (nothing was queued).
 */
export async function dispatchPost(
  ctx: ServerContext,
  result: ParseResult,
  raw: Buffer[] | null,
  bytes: number,
  clientIp: string,
  receivedAt: Date,
  admission: Admission | null,
): Promise<RefusePost | null> {
  const { onConnect, onRaw } = ctx.options
  const { errors, stats } = ctx
  stats.posts++
  const now = performance.now()
  const change = ctx.registry.note(clientIp, receivedAt, now, result)
  if (change === 'first' && onConnect !== undefined) {
    await errors.call('onConnect', clientIp, () => onConnect(clientIp))
  }
  const online = ctx.presence.posted(clientIp, now, change)
  if (online !== null) await online
  const traject = result.kind === 'event' && result.event.category === 'traject'
  if (raw !== null && onRaw !== undefined && bytes > 0 && !traject) {
    const text = Buffer.concat(raw).toString('utf8')
    raw.length = 0
    await errors.call('onRaw', clientIp, () => onRaw(text, clientIp))
  }
  switch (result.kind) {
    case 'keepalive': {
      stats.keepalives++
      if (!ctx.handlers.has('onKeepalive')) return null
      const { keepalive } = result
      await ctx.handlers.run('onKeepalive', clientIp, false, (h) =>
        h.onKeepalive?.(keepalive, clientIp),
      )
      return null
    }
    case 'alarmStatus': {
      const { status } = result
      const refusal = await ctx.handlers.run('onAlarmStatus', clientIp, true, (h) =>
        h.onAlarmStatus?.(status, clientIp),
      )
      if (refusal === null) stats.alarmStatus++
      return refusal
    }
    case 'unparsed':
      await reportUnparsed(ctx, clientIp, result.reason, result.detail)
      return null
    case 'event': {
      const { event } = result
      // Most servers only stream events: no callback, no promise to wait for.
      const refusal = ctx.handlers.has('onEvent')
        ? await ctx.handlers.run('onEvent', clientIp, true, (h) => h.onEvent?.(event, clientIp))
        : null
      if (refusal !== null) {
        // The device sends the post again, with its images: these files belong to no event.
        for (const error of await removeImageFiles(event)) {
          const message = `an image file of a refused post from ${clientIp} could not be removed: ${error.message}`
          errors.report(
            new ViewtronServerError('VIEWTRON_IMAGE_WRITE_FAILED', message, {
              cause: error,
              clientIp,
            }),
          )
        }
        return refusal
      }
      stats.events[event.category]++
      stats.drops += ctx.fanout.publish(event)
      // Queued: the event now counts in the queues' depth instead of as a post being read.
      admission?.release()
      // The reply waits until every blocking queue has room again: that is the backpressure.
      const room = ctx.fanout.room()
      if (room !== null) await room
      return null
    }
  }
}
