import { createServer, type Server } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { ResolvedServerOptions } from './resolve-server-options.js'

/** Node's HTTP (or, with `tls`, HTTPS) server with the options' limits and timeouts applied. */
export function createHttpServer(options: ResolvedServerOptions): Server {
  const { maxHeaderSize, tls, connectionsCheckingInterval } = options
  const serverOptions = {
    // Embedded HTTP clients may omit Host; nothing here routes by host.
    requireHostHeader: false,
    connectionsCheckingInterval,
    ...(maxHeaderSize === undefined ? {} : { maxHeaderSize }),
  }
  const http: Server =
    tls === null ? createServer(serverOptions) : createHttpsServer({ ...tls, ...serverOptions })
  http.keepAliveTimeout = options.keepAliveTimeout
  http.headersTimeout = options.headersTimeout
  http.requestTimeout = options.requestTimeout
  http.maxRequestsPerSocket = options.maxRequestsPerSocket
  http.maxHeadersCount = options.maxHeadersCount
  http.maxConnections = options.maxConnections
  // A client that half-closes after a complete request (ends its write side, as some embedded
  // stacks do with `Connection: close`) still gets its reply; Node's default aborts it.
  ;(http as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true
  return http
}
