/**
 * The store's writer thread: applies each batch of writes in one transaction, so the commit's
 * fsync blocks this thread, not the one answering cameras, and posts arriving meanwhile gather
 * into the next batch.
 */
import { parentPort, workerData } from 'node:worker_threads'
import Database from 'better-sqlite3'
import type { OpResult, WriteOp, WriterReply, WriterRequest } from './write-ops.js'
import { WriteStatements } from './write-statements.js'

const { path, synchronous } = workerData as { path: string; synchronous: 'full' | 'normal' }
const db = new Database(path)
db.pragma('busy_timeout = 5000')
db.pragma(`synchronous = ${synchronous.toUpperCase()}`)
db.pragma('foreign_keys = ON')
const statements = new WriteStatements(db)
const commit = db.transaction((ops: WriteOp[]): OpResult[] => ops.map((op) => statements.apply(op)))

const port = parentPort
if (port === null) throw new Error('the commit worker must run in a worker thread')
port.on('message', (request: WriterRequest) => {
  if ('close' in request) {
    db.close()
    port.close()
    return
  }
  let reply: WriterReply
  try {
    reply = { id: request.id, results: commit.immediate(request.ops) }
  } catch (error) {
    const { message, code } = error as Error & { code?: string }
    reply = { id: request.id, error: { message, code } }
  }
  port.postMessage(reply)
})
