import type { ParseResult } from '../../src/index.js'

/** Projects a parse result onto the shape the fixture expectations use. */
export function project(result: ParseResult): Record<string, unknown> {
  switch (result.kind) {
    case 'unparsed':
      return { kind: 'unparsed', reason: result.reason }
    case 'keepalive': {
      const { form, source, format, configVersion, device } = result.keepalive
      return { kind: 'keepalive', form, source, format, configVersion, device }
    }
    case 'alarmStatus': {
      const { source, format, configVersion, device, alarms, time, rawTime } = result.status
      return {
        kind: 'alarmStatus',
        source,
        format,
        configVersion,
        device,
        alarms,
        time: time?.toISOString() ?? null,
        rawTime,
      }
    }
    case 'event': {
      const json = JSON.parse(JSON.stringify(result.event)) as Record<string, unknown>
      const e = result.event
      const pick = (image: typeof e.sourceImage) =>
        image === null
          ? null
          : {
              role: image.role,
              width: image.width,
              height: image.height,
              declaredLength: image.declaredLength,
              byteLength: image.byteLength,
              valid: image.valid,
            }
      return {
        ...json,
        kind: 'event',
        time: e.time?.toISOString() ?? null,
        imageCount: e.images.length,
        validImageCount: e.images.filter((image) => image.valid).length,
        sourceImage: pick(e.sourceImage),
        targetImage: pick(e.targetImage),
      }
    }
  }
}
