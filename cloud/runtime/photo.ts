/**
 * Photos residents and staff send (a case's 补交材料, a home certification's evidence): one JPEG or PNG data URL
 * per request, at most 44 KB decoded, checked by its bytes and kept in the file store (cloud/store/port/files.ts);
 * the records keep the key, and readers get a URL that works for minutes.
 */
import { CASE_PHOTO_MAX_BYTES, PHOTO_URL_SECONDS } from '@/core/photos'
import { isDataUrl, type FileUrl, type StoredFileKind } from '../store/port/files'
import { AppError } from './app-error'
import type { ActionContext } from './context'

/** What a photo's bytes say it is, whatever the data URL claims. */
export function photoKind(bytes: Buffer): StoredFileKind | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  return null
}

/**
 * The bytes of a photo the contract let through (`data:image/(jpeg|png);base64,…`); PAYLOAD_TOO_LARGE over
 * 44 KB, INVALID_INPUT on `field` when the bytes are not the image the URL names.
 */
export function checkedPhoto(dataUrl: string, field: string): { bytes: Buffer; kind: StoredFileKind } {
  const [head, body] = dataUrl.split(',', 2)
  const bytes = Buffer.from(body, 'base64')
  if (bytes.length > CASE_PHOTO_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '照片太大，请重新拍摄或选择较小的照片')
  const kind = photoKind(bytes)
  if (kind !== (head.includes('png') ? 'png' : 'jpeg'))
    throw new AppError('INVALID_INPUT', '只能上传 JPG 或 PNG 照片', { [field]: '只能上传 JPG 或 PNG 照片' })
  return { bytes, kind }
}

/**
 * Stores a checked photo in `folder` and answers its key and size. The caller writes the record after; when that
 * write is refused it removes the file (`ctx.store.files.remove`), so a refusal leaves nothing behind.
 */
export async function storePhoto(
  ctx: ActionContext,
  folder: string,
  dataUrl: string,
  field: string,
): Promise<{ key: string; bytes: number }> {
  const photo = checkedPhoto(dataUrl, field)
  return { key: await ctx.store.files.put(folder, photo.bytes, photo.kind), bytes: photo.bytes.length }
}

/**
 * A URL to show a stored photo, for PHOTO_URL_SECONDS; null when its file is gone. A record from before photos
 * moved to the file store holds the data URL itself, which is answered as it is (it needs no expiry: it is the picture).
 */
export async function photoLink(ctx: ActionContext, stored: string): Promise<FileUrl | null> {
  if (isDataUrl(stored)) return { url: stored, expiresAt: new Date(ctx.now().getTime() + PHOTO_URL_SECONDS * 1000).toISOString() }
  return ctx.store.files.url(stored, PHOTO_URL_SECONDS)
}
