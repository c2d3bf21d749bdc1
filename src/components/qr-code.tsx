import { Image, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import qrcode from 'qrcode-generator'
import { useMemo } from 'react'

/**
 * A QR code as an image made here (no canvas, no network), so it renders the
 * same in WeChat and H5. The text is also given as the image's label.
 */
export function QrCode({ text, size = 180, cssSide }: { text: string; size?: number; cssSide?: string }) {
  const src = useMemo(() => {
    const qr = qrcode(0, 'M')
    qr.addData(text)
    qr.make()
    return qr.createDataURL(4, 2)
  }, [text])
  // Inline styles skip the px → rpx/rem conversion, so convert here. `cssSide` (a CSS length, e.g. a custom property
  // in viewport units) lets a full-screen page size the code with the screen instead.
  const side = cssSide ?? Taro.pxTransform(size)
  return (
    <View className="qr" style={{ width: side, height: side, margin: '0 auto' }}>
      <Image src={src} style={{ width: side, height: side }} aria-label={`二维码：${text}`} nativeProps={{ alt: `二维码：${text}` }} />
    </View>
  )
}
