/** Photos residents and staff send (a case's 补交材料, a home certification's evidence): one JPEG or PNG data URL per request, at most 44 KB decoded. */
import { CASE_PHOTO_MAX_BYTES } from '@/core/photos'
import { AppError } from './app-error'

/** What a photo's bytes say it is, whatever the data URL claims. */
export function photoKind(bytes: Buffer): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg'
  if (bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png'
  return null
}

/**
 * The decoded size of a photo the contract let through (`data:image/(jpeg|png);base64,…`); PAYLOAD_TOO_LARGE over
 * 44 KB, INVALID_INPUT on `field` when the bytes are not the image the URL names.
 */
export function checkedPhoto(dataUrl: string, field: string): number {
  const [head, body] = dataUrl.split(',', 2)
  const bytes = Buffer.from(body, 'base64')
  if (bytes.length > CASE_PHOTO_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '照片太大，请重新拍摄或选择较小的照片')
  if (photoKind(bytes) !== (head.includes('png') ? 'png' : 'jpeg'))
    throw new AppError('INVALID_INPUT', '只能上传 JPG 或 PNG 照片', { [field]: '只能上传 JPG 或 PNG 照片' })
  return bytes.length
}
