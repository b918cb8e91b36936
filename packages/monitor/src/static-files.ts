import { readdirSync, readFileSync, statSync } from 'node:fs'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, relative, sep } from 'node:path'
import { replyText } from './http-replies.js'
import { IMMUTABLE } from './serve-image.js'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
}

/** One file of the built page, held in memory. */
export interface StaticFile {
  body: Buffer
  type: string
  /** Vite names assets after their content hash: they never change under the same name. */
  immutable: boolean
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) walk(path, out)
    else out.push(path)
  }
}

/**
 * Loads the built page (a few hundred KB) into memory by URL path (`/index.html`, `/assets/…`).
 * An unbuilt page gives an empty map; the server then says so instead of failing.
 */
export function loadStaticFiles(root: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>()
  const paths: string[] = []
  try {
    walk(root, paths)
  } catch {
    return files
  }
  for (const path of paths) {
    const url = `/${relative(root, path).split(sep).join('/')}`
    files.set(url, {
      body: readFileSync(path),
      type: TYPES[extname(path)] ?? 'application/octet-stream',
      immutable: url.startsWith('/assets/'),
    })
  }
  return files
}

/**
 * Answers a request for one file of the page: `503` when the page was never built, `404` for a
 * path it does not have. Hashed assets are cached for good, the rest revalidated.
 */
export function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  files: Map<string, StaticFile>,
  path: string,
): void {
  const file = files.get(path)
  if (file === undefined) {
    if (files.size === 0) {
      replyText(res, 503, 'the monitor page was not built (run the package build)')
    } else replyText(res, 404, 'not found')
    return
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': file.body.byteLength,
    'Cache-Control': file.immutable ? IMMUTABLE.replace('private', 'public') : 'no-cache',
  })
  res.end(req.method === 'HEAD' ? undefined : file.body)
}
