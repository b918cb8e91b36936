import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  emptyHeartbeat,
  type ImageMode,
  ipcAlarmStatusPost,
  ipcFacePost,
  ipcKeepalivePost,
  ipcLprPost,
  ipcOtherPost,
  ipcPerimeterPost,
  ipcTargetListPost,
  ipcTrajectPost,
  ipcTripwirePost,
  ipcVsdPost,
  nvrAlarmStatusPost,
  nvrDetectionPost,
  nvrFacePost,
  nvrKeepalivePost,
  nvrVehiclePost,
} from '../src/index.js'
import { localName, parseXml, walk, type XmlTreeNode } from './helpers/parse-xml.js'

type Build = (images: ImageMode) => string

/** Every builder, paired with the vendor sample it reproduces (where there is one). */
const builders: { name: string; sample?: string; build: Build }[] = [
  {
    name: 'ipcLprPost',
    sample: 'ipc-v1x/lpr.xml',
    build: (images) => ipcLprPost({ images, listType: 'whiteList' }),
  },
  {
    name: 'ipcFacePost',
    sample: 'ipc-v1x/face-detection.xml',
    build: (images) => ipcFacePost({ images }),
  },
  {
    name: 'ipcPerimeterPost',
    sample: 'ipc-v1x/perimeter-intrusion.xml',
    build: (images) => ipcPerimeterPost({ images }),
  },
  {
    name: 'ipcTripwirePost',
    sample: 'ipc-v1x/line-crossing.xml',
    build: (images) => ipcTripwirePost({ images }),
  },
  {
    name: 'ipcTargetListPost AOIENTRY',
    sample: 'ipc-v1x/zone-entry.xml',
    build: (images) => ipcTargetListPost({ images, smartType: 'AOIENTRY' }),
  },
  {
    name: 'ipcTargetListPost AOILEAVE',
    sample: 'ipc-v1x/zone-exit.xml',
    build: (images) => ipcTargetListPost({ images, smartType: 'AOILEAVE' }),
  },
  {
    name: 'ipcVsdPost',
    sample: 'ipc-v1x/video-metadata.xml',
    build: (images) => ipcVsdPost({ images }),
  },
  {
    name: 'ipcAlarmStatusPost',
    sample: 'ipc-v1x/alarm-status.xml',
    build: () => ipcAlarmStatusPost({ alarms: [{ name: 'vehiceAlarm', value: true }] }),
  },
  { name: 'ipcKeepalivePost', sample: 'ipc-v1x/keepalive.xml', build: () => ipcKeepalivePost() },
  { name: 'ipcOtherPost', build: (images) => ipcOtherPost({ images, smartType: 'MOTION' }) },
  { name: 'ipcTrajectPost', build: () => ipcTrajectPost() },
  {
    name: 'nvrVehiclePost',
    sample: 'nvr-v2/vehicle-lpr.xml',
    build: (images) => nvrVehiclePost({ images }),
  },
  {
    name: 'nvrFacePost',
    sample: 'nvr-v2/face-detection.xml',
    build: (images) => nvrFacePost({ images }),
  },
  {
    name: 'nvrDetectionPost regionIntrusion',
    sample: 'nvr-v2/region-intrusion.xml',
    build: (images) => nvrDetectionPost({ images }),
  },
  {
    name: 'nvrDetectionPost lineCrossing',
    sample: 'nvr-v2/line-crossing.xml',
    build: (images) => nvrDetectionPost({ images, smartType: 'lineCrossing' }),
  },
  {
    name: 'nvrDetectionPost targetCountingByLine',
    sample: 'nvr-v2/target-counting-by-line.xml',
    build: (images) => nvrDetectionPost({ images, smartType: 'targetCountingByLine' }),
  },
  {
    name: 'nvrDetectionPost targetCountingByArea',
    sample: 'nvr-v2/target-counting-by-area.xml',
    build: (images) => nvrDetectionPost({ images, smartType: 'targetCountingByArea' }),
  },
  {
    name: 'nvrDetectionPost videoMetadata',
    sample: 'nvr-v2/video-metadata.xml',
    build: (images) => nvrDetectionPost({ images, smartType: 'videoMetadata' }),
  },
  {
    name: 'nvrAlarmStatusPost',
    sample: 'nvr-v2/alarm-status.xml',
    build: () => nvrAlarmStatusPost(),
  },
  { name: 'nvrKeepalivePost', sample: 'nvr-v2/keepalive.xml', build: () => nvrKeepalivePost() },
]

const samples = fileURLToPath(new URL('../../../shared/viewtron-samples/', import.meta.url))
const haveSamples = existsSync(samples)

/** Element structure as `path [attributes]` lines, in document order; image text elided. */
function outline(root: XmlTreeNode): string[] {
  const lines: string[] = []
  const visit = (node: XmlTreeNode, path: string) => {
    const here = `${path}/${localName(node)}`
    const attrs = Object.entries(node.attributes)
      .filter(([key]) => !key.startsWith('xmlns'))
      .map(([key, value]) => `${key}=${value}`)
    lines.push(`${here} ${attrs.join(' ')}`.trim())
    for (const child of node.children) visit(child, here)
  }
  visit(root, '')
  return lines
}

function texts(root: XmlTreeNode, name: string): string[] {
  return [...walk(root)].filter((n) => localName(n) === name).map((n) => n.text)
}

describe('post builders', () => {
  it.each(builders)('$name should write well-formed XML in every image mode', ({ build }) => {
    for (const mode of ['small', 'placeholder', 'none'] as const) {
      const root = parseXml(build(mode))
      expect(['config', 'DeviceInfo']).toContain(root.name)
    }
  })

  it('should embed realistic JPEG sizes with images "real"', () => {
    // Protocol §1.6: IPC smartData with both images about 510–530 KB, NVR about 524 KB,
    // NVR vehicle about 628 KB.
    const ipc = ipcPerimeterPost()
    const nvr = nvrDetectionPost()
    const vehicle = nvrVehiclePost()
    expect(ipc.length).toBeGreaterThan(400_000)
    expect(ipc.length).toBeLessThan(700_000)
    expect(nvr.length).toBeGreaterThan(400_000)
    expect(nvr.length).toBeLessThan(700_000)
    expect(vehicle.length).toBeGreaterThan(400_000)
    expect(vehicle.length).toBeLessThan(700_000)
    for (const body of [ipc, nvr, vehicle]) {
      for (const b64 of [
        ...texts(parseXml(body), 'sourceBase64Data'),
        ...texts(parseXml(body), 'targetBase64Data'),
      ]) {
        const bytes = Buffer.from(b64, 'base64')
        expect(bytes.toString('base64')).toBe(b64)
        expect(bytes.subarray(0, 2).toString('hex')).toBe('ffd8')
      }
    }
  })

  it('should write traject, status and keepalive posts of realistic size', () => {
    expect(ipcTrajectPost().length).toBeGreaterThan(1_500)
    expect(ipcTrajectPost().length).toBeLessThan(2_200)
    expect(ipcAlarmStatusPost().length).toBeGreaterThan(450)
    expect(ipcAlarmStatusPost().length).toBeLessThan(800)
    expect(ipcKeepalivePost().length).toBeLessThan(550)
    expect(emptyHeartbeat()).toBe('')
  })

  describe.skipIf(!haveSamples)('element order against the vendor samples', () => {
    it.each(builders.filter((b) => b.sample !== undefined))(
      '$name should follow $sample',
      ({ sample, build }) => {
        const theirs = parseXml(readFileSync(samples + sample!, 'utf8'))
        const ours = parseXml(build('placeholder'))
        expect(outline(ours)).toEqual(outline(theirs))
        for (const name of ['sourceBase64Data', 'targetBase64Data']) {
          expect(texts(ours, name)).toEqual(texts(theirs, name))
        }
      },
    )
  })
  if (!haveSamples) {
    console.warn('builders.test: ../shared/viewtron-samples not found; sample-order checks skipped')
  }

  describe('options', () => {
    it('should wrap base64 in CDATA in v1 and not in v2 by default, and follow cdata', () => {
      const v1 = parseXml(ipcFacePost({ images: 'small' }))
      const v2 = parseXml(nvrFacePost({ images: 'small' }))
      const data = (root: XmlTreeNode) =>
        [...walk(root)].filter((n) => localName(n).endsWith('Base64Data'))
      expect(data(v1).every((n) => n.cdataSections === 1)).toBe(true)
      expect(data(v2).every((n) => n.cdataSections === 0)).toBe(true)
      const swapped = parseXml(nvrFacePost({ images: 'small', cdata: true }))
      expect(data(swapped).every((n) => n.cdataSections === 1)).toBe(true)
    })

    it('should break base64 into 76-character lines and split it across CDATA sections', () => {
      const plain = texts(parseXml(ipcVsdPost({ images: 'small' })), 'sourceBase64Data')[0]!
      const broken = texts(
        parseXml(ipcVsdPost({ images: 'small', lineBreaks: true })),
        'sourceBase64Data',
      )[0]!
      const lines = broken.split('\n')
      expect(lines.length).toBeGreaterThan(1)
      expect(lines.slice(0, -1).every((line) => line.length === 76)).toBe(true)
      expect(lines.join('')).toBe(plain)
      const split = [...walk(parseXml(ipcVsdPost({ images: 'small', cdataSections: 3 })))].find(
        (n) => localName(n) === 'sourceBase64Data',
      )!
      expect(split.cdataSections).toBeGreaterThan(1)
      expect(split.text).toBe(plain)
    })

    it('should write the prolog, comments and namespace as asked', () => {
      const body = ipcPerimeterPost({
        images: 'none',
        declaration: 'spaced',
        bom: true,
        namespace: 'prefixed',
        comments: { before: ['before — ✓'], inside: ['inside'], after: ['after →'] },
      })
      expect(
        body.startsWith(
          '\uFEFF<?xml version="1.0" encoding="UTF-8" ?>\n<!-- before — ✓ -->\n<v:config ',
        ),
      ).toBe(true)
      expect(body.endsWith('</v:config>\n<!-- after → -->\n')).toBe(true)
      const root = parseXml(body)
      expect(root.attributes['xmlns:v']).toBe('http://www.ipc.com/ver10')
      expect([...walk(root)].every((n) => n.name.startsWith('v:'))).toBe(true)
      const bare = nvrKeepalivePost({ declaration: false, namespace: 'none' })
      expect(bare.startsWith('<config version="2.0.0">')).toBe(true)
      expect(ipcKeepalivePost()).toContain('<DeviceInfo>')
    })

    it('should write text fields in CDATA or plain text', () => {
      expect(ipcLprPost({ images: 'none', textCdata: false })).not.toContain('CDATA')
      expect(nvrKeepalivePost({ textCdata: false })).not.toContain('CDATA')
      expect(ipcLprPost({ images: 'none' })).toContain('<![CDATA[KLM4821]]>')
    })

    it('should order a v1 event as the real capture with header "capture"', () => {
      const root = parseXml(ipcPerimeterPost({ images: 'small', header: 'capture' }))
      expect(root.children.map(localName)).toEqual([
        'types',
        'smartType',
        'subscribeOption',
        'currentTime',
        'mac',
        'sn',
        'deviceName',
        'perimeter',
        'listInfo',
        'relativeTime',
        'sourceDataInfo',
      ])
      expect(root.children.find((n) => localName(n) === 'subscribeOption')!.attributes.type).toBe(
        'subscribeRelation',
      )
      const types = root.children[0]!
      expect(types.children.map(localName)).toEqual([
        'openAlramObj',
        'subscribeRelation',
        'perStatus',
        'targetType',
      ])
    })

    it('should write the LPR layouts and the plate fields', () => {
      const single = parseXml(
        ipcLprPost({
          images: 'small',
          layout: 'single-item',
          confidence: 99,
          direction: 'leave',
          plateColor: 'blue',
        }),
      )
      const items = [...walk(single)].filter((n) => localName(n) === 'listInfo')[0]!.children
      expect(items).toHaveLength(1)
      expect(items[0]!.children.map(localName)).toEqual([
        'plateNumber',
        'PlateConfidence',
        'plateColor',
        'vehicleDirect',
        'targetImageData',
      ])
      expect(items[0]!.children[1]!.attributes.count).toBe('9900')
      const none = parseXml(ipcLprPost({ images: 'none' }))
      expect([...walk(none)].filter((n) => localName(n) === 'item')).toHaveLength(1)
      expect([...walk(none)].some((n) => localName(n) === 'sourceDataInfo')).toBe(false)
    })

    it('should write the NVR vehicle overview in its three forms', () => {
      const source = (overview: 'zero-size' | 'sized' | 'no-base64') =>
        [...walk(parseXml(nvrVehiclePost({ images: 'small', overview })))].find(
          (n) => localName(n) === 'sourceDataInfo',
        )!
      expect(
        source('zero-size')
          .children.map((n) => `${localName(n)}=${n.text.slice(0, 8)}`)
          .slice(0, 3),
      ).toEqual(['dataType=0', 'width=0', 'height=0'])
      expect(source('sized').children.find((n) => localName(n) === 'width')!.text).toBe('64')
      expect(source('no-base64').children.map(localName)).toEqual(['dataType', 'width', 'height'])
    })

    it('should leave the NVR images out per the image option, keeping targetListInfo', () => {
      const root = parseXml(
        nvrDetectionPost({ images: 'small', withSource: false, withTarget: false }),
      )
      const names = [...walk(root)].map(localName)
      expect(names).not.toContain('sourceDataInfo')
      expect(names).not.toContain('targetImageData')
      expect(names).toContain('targetListInfo')
    })
  })
})
