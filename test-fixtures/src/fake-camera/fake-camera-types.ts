/** A plate in the fake camera's store, with the camera's field texts. */
export interface FakeCameraPlate {
  number: string
  groupId: string
  owner?: string
  telephone?: string
  cardNumber?: string
  /** `YYYY-MM-DD HH:MM:SS` in the camera's local time. */
  beginTime?: string
  endTime?: string
}

/** One of the camera's three HTTP POST destinations (`httpPostV2/postUrlConf/urlList/item`). */
export interface FakeHttpPostSlot {
  urlId: number
  switch: boolean
  protocol: string
  domain: string
  port: number
  path: string
  heartbeat: boolean
  keepaliveSeconds: number
  /** Written under `subDataType` (API 2.1) or `subscribeDateType`. */
  dataTypes: string[]
  events: string[]
}

/** Options of {@link startFakeCamera}. */
export interface FakeCameraOptions {
  /** @default 'admin' */
  username?: string
  /** @default 'fake-camera-password' */
  password?: string
  /** @default '127.0.0.1' */
  host?: string
  /**
   * Plate groups as `GetLicensePlateGroups` lists them; ids differ between firmwares.
   * @default temporaryList 1, whiteList 2, blackList 3
   */
  groups?: { id: string | number; name: string }[]
  /** Plates the store starts with. */
  plates?: FakeCameraPlate[]
  /**
   * Plates the library holds before refusing more (code 202).
   * @default 10000
   */
  maxPlates?: number
  /**
   * At most this many plates per `GetLicensePlates` page, whatever `maxResult` asks, as some
   * firmware does.
   * @default unlimited
   */
  maxPageSize?: number
  /**
   * Keep plate numbers unique across groups: adding a number that is in another group is
   * refused with 203, as firmware that indexes plates by number alone would.
   * @default false
   */
  uniqueNumbers?: boolean
  /**
   * The POSIX zone `GetDateAndTime` reports (`EST5EDT`, `CST-8`, …).
   * @default 'UTC0'
   */
  timeZone?: string
  /** `currentTime` of `GetDateAndTime` (the camera's wall clock). @default the UTC time */
  currentTime?: () => string
  /** `apiVersion` in `GetDeviceInfo`; `null` leaves it out, as 1.x firmware does. @default '2.1.0' */
  apiVersion?: string | null
  /**
   * What `GetDeviceDetail` reports under `detail/property` (1.x firmware keeps its versions
   * there); without it the command is unknown (400).
   */
  deviceDetail?: { apiVersion?: string; httpPostVersion?: string }
  /** Extra or replaced `GetDeviceInfo` fields. */
  deviceInfo?: Record<string, string>
  /**
   * What `GetSupportedAPIs` lists (repeats kept); `null` makes it an unknown command (400).
   * @default every command the fake camera knows
   */
  supportedApis?: string[] | null
  /** The HTTP POST slots it starts with; missing slots are empty and switched off. */
  httpPostSlots?: Partial<FakeHttpPostSlot>[]
  /** Seeds the snapshot JPEG. @default 1 */
  snapshotSeed?: number
}

/** One request as the fake camera saw it. */
export interface FakeCameraRequest {
  method: string
  /** `AddLicensePlates`, `GetSnapshot`, … (a channel suffix is left out). */
  command: string
  path: string
  body: string
  /** Sent with the right Basic credentials. */
  authorized: boolean
  /** A command that changes the camera (add, modify, delete, set). */
  write: boolean
  /** Which TCP connection carried it (1, 2, …): keep-alive reuse shows as repeats. */
  connection: number
  /** The HTTP status answered, or `null` when a fault reset or held the request. */
  status: number | null
}

/** A fault to inject on requests (of one command, or all). */
export interface FakeCameraFault {
  /**
   * `delay`: answer `ms` later; `hang`: never answer; `reset`: destroy the socket unanswered;
   * `reply`: answer `status` and `body` instead (a garbled or failed reply).
   */
  kind: 'delay' | 'hang' | 'reset' | 'reply'
  /** Only for this command; every command when unset. */
  command?: string
  /** Delay of a `delay` fault, in ms. */
  ms?: number
  /** Status of a `reply` fault. @default 200 */
  status?: number
  /** Body of a `reply` fault. @default '' */
  body?: string
  /**
   * How many requests it hits before it is used up.
   * @default every request
   */
  times?: number
}

/** A running fake camera (see {@link startFakeCamera}). */
export interface FakeCamera {
  /** `http://127.0.0.1:<port>`: give it to a client as the camera's address. */
  readonly url: string
  readonly port: number
  readonly username: string
  readonly password: string
  /** Every request so far, oldest first. */
  readonly requests: readonly FakeCameraRequest[]
  /** TCP connections accepted so far. */
  readonly connections: number
  /** The requests that change the camera. */
  writes(): FakeCameraRequest[]
  /** The plate store, in insertion order (copies). */
  plates(): FakeCameraPlate[]
  /** The HTTP POST slots (copies). */
  httpPostSlots(): FakeHttpPostSlot[]
  /** Adds a fault; faults are checked in the order added. */
  fault(fault: FakeCameraFault): void
  clearFaults(): void
  /** Forgets the request log (the connection count goes on). */
  clearRequests(): void
  /** Stops the server and drops every connection, held ones included. */
  close(): Promise<void>
}
