import Taro from '@tarojs/taro'

/**
 * Photos for a 补交材料 reply, made small enough to upload one per request (the
 * server takes at most 44 KB of image per call, well under its 64 KB body
 * limit): shrink to at most 1280 px on the long edge as JPEG, lowering the
 * quality and then the size until it fits. A document photo stays legible at
 * that size; the originals are checked at the counter anyway.
 */

/** Decoded bytes the server accepts per photo (CASE_PHOTO_MAX_BYTES). */
const MAX_BYTES = 44 * 1024
const QUALITIES = [0.82, 0.7, 0.58, 0.46, 0.35]
const EDGES = [1280, 1024, 800, 640]

const bytesOf = (dataUrl: string) => Math.floor(((dataUrl.length - dataUrl.indexOf(',') - 1) * 3) / 4)

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new window.Image()
    img.onload = () => resolve(img)
    img.onerror = () => reject(new Error('image'))
    img.src = src
  })
}

/** H5: redraw on a canvas as JPEG until it fits. */
async function shrinkInBrowser(path: string): Promise<string> {
  const img = await loadImage(path)
  const canvas = document.createElement('canvas')
  const ctx = canvas.getContext('2d')
  if (!ctx) throw new Error('canvas')
  for (const edge of EDGES) {
    const scale = Math.min(1, edge / Math.max(img.naturalWidth, img.naturalHeight))
    canvas.width = Math.max(1, Math.round(img.naturalWidth * scale))
    canvas.height = Math.max(1, Math.round(img.naturalHeight * scale))
    // White under transparent PNG areas, or JPEG turns them black.
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height)
    for (const q of QUALITIES) {
      const url = canvas.toDataURL('image/jpeg', q)
      if (bytesOf(url) <= MAX_BYTES) return url
    }
  }
  throw new Error('too large')
}

/** WeChat: let the platform compress, read the file as base64, until it fits. */
async function shrinkInWeapp(path: string): Promise<string> {
  const fs = Taro.getFileSystemManager()
  for (const edge of EDGES) {
    for (const q of QUALITIES) {
      const { tempFilePath } = await Taro.compressImage({
        src: path,
        quality: Math.round(q * 100),
        compressedWidth: edge,
      } as Taro.compressImage.Option)
      const base64 = fs.readFileSync(tempFilePath, 'base64') as string
      if ((base64.length * 3) / 4 <= MAX_BYTES) return `data:image/jpeg;base64,${base64}`
    }
  }
  throw new Error('too large')
}

/**
 * Lets the resident take or pick up to `max` photos and answers them as small
 * JPEG data URLs. Resolves with none when they cancel.
 */
export async function pickPhotos(max: number): Promise<string[]> {
  if (max <= 0) return []
  let paths: string[]
  try {
    paths = (await Taro.chooseImage({ count: max, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths.slice(0, max)
  } catch {
    return []
  }
  const shrink = process.env.TARO_ENV === 'weapp' ? shrinkInWeapp : shrinkInBrowser
  return Promise.all(paths.map(shrink))
}
