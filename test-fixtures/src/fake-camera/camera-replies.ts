import { renderXml } from '../render-xml.js'
import { el, type XmlChild } from '../xml.js'

const NS = 'http://www.ipc.com/ver10'
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'

/** A reply: status and XML (or bytes) body. */
export interface Reply {
  status: number
  body: string | Buffer
  contentType?: string
}

/** `<config status="success" errorCode="0"/>`: success without data. */
export function success(): Reply {
  const root = el('config', {
    version: '2.1.0',
    xmlns: NS,
    status: 'success',
    errorCode: 0,
    errorDesc: 'No Error',
  })
  return { status: 200, body: DECLARATION + renderXml(root) }
}

/** `<config status="failed" errorCode="N" errorDesc="…"/>`, with HTTP 200 as cameras answer. */
export function failed(code: number, description: string): Reply {
  const root = el('config', {
    version: '2.1.0',
    xmlns: NS,
    status: 'failed',
    errorCode: code,
    errorDesc: description,
  })
  return { status: 200, body: DECLARATION + renderXml(root) }
}

/** A reply with data. */
export function data(children: XmlChild[]): Reply {
  const root = el('config', { version: '2.1.0', xmlns: NS }, children)
  return { status: 200, body: DECLARATION + renderXml(root) }
}

/** What API 2.1 firmware answers to a command it does not know. */
export function unknownCommand(): Reply {
  return { status: 400, body: '' }
}
