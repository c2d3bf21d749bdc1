/**
 * The file store on CloudBase cloud storage (the FileStore port, cloud/store/port/files.ts), through
 * `wx-server-sdk` in the function: `uploadFile` (the SDK asks `storage.getUploadMetadata`, then PUTs
 * the bytes to COS), `getTempFileURL` with a `maxAge` of minutes, `deleteFile`. The key is the fileID.
 *
 * The function uploads, not the mini-program (`wx.cloud.uploadFile`): the function has already
 * checked the caller may add a photo to this case and what the bytes are, so the storage rules can
 * deny every client read and write (docs/deploy-cloudbase.md) and nothing a client sends bypasses
 * the checks. A photo is at most 44 KB, well inside one `callFunction`.
 */
import { randomBytes } from 'node:crypto'
import type { FileStore, StoredFileKind } from '../port/files'

/** The part of wx-server-sdk's storage API the adapter uses (its answers, as wx-server-sdk 4.0.2 shapes them). */
export interface CloudStorageApi {
  uploadFile(params: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>
  getTempFileURL(params: { fileList: { fileID: string; maxAge: number }[] }): Promise<{
    fileList: { fileID: string; tempFileURL: string; status: number; errMsg?: string }[]
  }>
  deleteFile(params: { fileList: string[] }): Promise<{ fileList: { fileID: string; status: number; errMsg?: string }[] }>
}

/** wx-server-sdk's status of a file that does not exist (TCB_ERR_CODE.STORAGE_FILE_NONEXIST). */
export const FILE_NOT_EXISTS = -503003
/** `deleteFile` and `getTempFileURL` take at most 50 files a call. */
const BATCH = 50
const EXTENSION: Record<StoredFileKind, string> = { jpeg: 'jpg', png: 'png' }

export function cloudbaseFileStore(storage: CloudStorageApi): FileStore {
  return {
    async put(folder, bytes, kind) {
      const cloudPath = `${folder}/${randomBytes(16).toString('hex')}.${EXTENSION[kind]}`
      return (await storage.uploadFile({ cloudPath, fileContent: bytes })).fileID
    },
    async url(key, seconds) {
      const expiresAt = new Date(Date.now() + seconds * 1000).toISOString()
      const [file] = (await storage.getTempFileURL({ fileList: [{ fileID: key, maxAge: seconds }] })).fileList
      if (!file || file.status === FILE_NOT_EXISTS) return null
      if (file.status !== 0 || !file.tempFileURL) throw new Error(`getTempFileURL failed: ${file.status} ${file.errMsg ?? ''}`)
      return { url: file.tempFileURL, expiresAt }
    },
    async remove(keys) {
      for (let i = 0; i < keys.length; i += BATCH) {
        const { fileList } = await storage.deleteFile({ fileList: keys.slice(i, i + BATCH) })
        const failed = fileList.find((f) => f.status !== 0 && f.status !== FILE_NOT_EXISTS)
        if (failed) throw new Error(`deleteFile failed: ${failed.status} ${failed.errMsg ?? ''}`)
      }
    },
  }
}
