import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs'
import { type FileHandle, open } from 'node:fs/promises'

/**
 * A write the system accepted only in part (a file-size limit, a disk that filled up during it)
 * returns fewer bytes than asked and no error: writing the rest either succeeds or raises the
 * real error (`EFBIG`, `ENOSPC`). Without this loop a truncated file would count as stored.
 */
export function writeAllSync(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length; ) {
    const written = writeSync(fd, bytes, offset, bytes.length - offset)
    if (written <= 0) throw new Error(`the system wrote nothing of ${bytes.length - offset} bytes`)
    offset += written
  }
}

/** Async twin of {@link writeAllSync}. */
export async function writeAll(fh: FileHandle, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) {
    const { bytesWritten } = await fh.write(bytes, offset, bytes.length - offset)
    if (bytesWritten <= 0) {
      throw new Error(`the system wrote nothing of ${bytes.length - offset} bytes`)
    }
    offset += bytesWritten
  }
}

/** Systems that cannot open or fsync a directory (Windows, some network shares) need not. */
function dirSyncUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  return code === 'EISDIR' || code === 'EPERM' || code === 'EINVAL' || code === 'ENOTSUP'
}

/**
 * Fsyncs a directory, so the files just created in it survive a crash (a file fsynced but not yet
 * recorded in its directory can vanish). Returns the error instead of throwing; systems that
 * cannot fsync a directory are not an error.
 */
export async function syncDirectory(dir: string): Promise<Error | null> {
  let fh: FileHandle | null = null
  try {
    fh = await open(dir, 'r')
    await fh.sync()
    return null
  } catch (error) {
    return dirSyncUnsupported(error) ? null : (error as Error)
  } finally {
    await fh?.close().catch(() => undefined)
  }
}

/** Synchronous twin of {@link syncDirectory}. */
export function syncDirectorySync(dir: string): Error | null {
  let fd: number | null = null
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
    return null
  } catch (error) {
    return dirSyncUnsupported(error) ? null : (error as Error)
  } finally {
    if (fd !== null) closeSync(fd)
  }
}
