/**
 * File storage: the photos of cases and home certifications, kept out of the database rows and
 * documents (a 补交材料 reply's photos, a home certification's evidence photo). The rows keep the key.
 *
 * Two adapters, one contract (test/store/contract/files.ts runs it on both):
 * - CloudBase cloud storage (cloud/store/cloudbase/cloud-files.ts): `cloud.uploadFile`, `getTempFileURL`
 *   with a lifetime, `deleteFile`; the key is the fileID.
 * - A files folder under DATA_DIR (cloud/store/sqlite/local-files.ts): 0600 files in a 0700 folder,
 *   served by the local HTTP server at a URL signed with a key of the folder, until it expires.
 *
 * Who may read a file is decided by the action that hands out its URL: the URL itself is a bearer
 * pass for minutes, on both sides (a `getTempFileURL` link opens for anyone who holds it as well).
 * Keys are not guessable (a random part of 128 bits); a caller never chooses one.
 */

/** The kinds of file stored: photos (what their bytes say they are, checked before `put`). */
export type StoredFileKind = 'jpeg' | 'png'

/** A URL to read a file, and the instant it stops working. */
export interface FileUrl {
  url: string
  expiresAt: string
}

export interface FileStore {
  /** Stores the bytes under a new key in `folder` (`cases/<case id>`, `homecert/<request id>`) and answers the key. */
  put(folder: string, bytes: Buffer, kind: StoredFileKind): Promise<string>
  /** A URL anyone holding it may read the file with for `seconds`; null when there is no such file. */
  url(key: string, seconds: number): Promise<FileUrl | null>
  /** Deletes the files; a key already gone is no error (retention may run twice). */
  remove(keys: readonly string[]): Promise<void>
}

/**
 * A photo field as stored: a file-store key, or — for records written before photos moved out of
 * the database (SQLite migration 017, the CloudBase `dataUrl` field) — the JPEG/PNG data URL itself,
 * which is read as it is and never copied.
 * @example isDataUrl('data:image/jpeg;base64,/9j/') // true
 */
export function isDataUrl(stored: string): boolean {
  return stored.startsWith('data:')
}

/**
 * The file-store keys among stored photo fields (what a deletion must remove): not the empty ones, not the data URLs.
 * @example storedFileKeys(['cases/c1/ab.jpg', null, 'data:image/png;base64,iVBO']) // ['cases/c1/ab.jpg']
 */
export function storedFileKeys(stored: readonly (string | null | undefined)[]): string[] {
  return stored.filter((s): s is string => typeof s === 'string' && s !== '' && !isDataUrl(s))
}
