import type {
  AlarmStatus,
  CameraInfo,
  ViewtronEvent,
  ViewtronHandlers,
  ViewtronServer,
} from '@viewtron/core'

/** The handlers a server calls for the store; pass to `server.use()` or spread into its options. */
export interface EventStoreHandlers extends ViewtronHandlers {
  onEvent: (event: ViewtronEvent, clientIp: string) => Promise<void>
  onAlarmStatus: (status: AlarmStatus, clientIp: string) => Promise<void>
  onPresence: (camera: CameraInfo, online: boolean) => Promise<void>
}

/** The part of `ViewtronServer` {@link EventStore.attach} needs. */
export type AttachableServer = Pick<ViewtronServer, 'use'>
