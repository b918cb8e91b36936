import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { writeRawRefusal } from './replies.js'
import type { RejectStatus } from './server-stats.js'

/** A request waiting on its socket for the one before it to be answered. */
export interface Waiting {
  req: IncomingMessage
  res: ServerResponse
  expectContinue: boolean
  earlier: readonly ServerResponse[] | null
}

/**
 * Per socket: responses not yet finished (oldest first), and the requests waiting for the one
 * being handled. One object per connection, with its two callbacks made once: a post allocates
 * no promise chain, closure or listener wrapper of its own for ordering.
 */
export interface SocketState {
  socket: Socket
  responses: ServerResponse[]
  /** A request is being handled; later ones wait in {@link waiting}. */
  busy: boolean
  waiting: Waiting[]
  /** The request being handled (for the failure report). */
  req: IncomingMessage | null
  res: ServerResponse | null
  /** Handling finished: start the next request. */
  settle: () => void
  /** Handling threw: report it, then start the next request. */
  fail: (error: unknown) => void
  /** Requests seen on the socket (for `maxRequestsPerSocket`). */
  requests: number
  /** Close the socket once its last response is out (Node refused a request on it). */
  closeWhenIdle: boolean
  /** A refusal to send (then close) once the complete requests before it are answered. */
  refusal: RejectStatus | null
  /** Node's parser gave up on the socket and the server reads its last request itself. */
  adopted: boolean
}

/** Where a response finds its socket's state when it closes (one shared listener for all). */
const STATE = Symbol('socketState')
type TrackedResponse = ServerResponse & { [STATE]?: SocketState }

/** Ends a socket with no response left to send (Node queues its own 503 first; let it out). */
export function closeIfIdle(state: SocketState): void {
  if (state.responses.length > 0) return
  const { socket } = state
  setImmediate(() => {
    if (state.responses.length === 0 && !socket.destroyed) socket.end(() => socket.destroy())
  })
}

/** Writes a bodyless refusal straight to the socket (if it can still take it) and closes. */
export function refuse(socket: Duplex, status: RejectStatus): void {
  if (socket.writable) writeRawRefusal(socket, status)
  socket.destroy()
}

/** A response closed: forget it; close the socket if it was to close once idle, or refused. */
function responseClosed(this: TrackedResponse): void {
  const state = this[STATE]
  if (state === undefined) return
  const index = state.responses.indexOf(this)
  if (index !== -1) state.responses.splice(index, 1)
  if (state.closeWhenIdle) closeIfIdle(state)
  if (state.refusal !== null && !state.responses.some((r) => r.req.complete)) {
    refuse(state.socket, state.refusal)
  }
}

/** Ties a response to its socket's state: when it closes, {@link responseClosed} runs for it. */
export function trackResponse(state: SocketState, res: ServerResponse): void {
  ;(res as TrackedResponse)[STATE] = state
  res.on('close', responseClosed)
}
