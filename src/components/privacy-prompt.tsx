import { Button, Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { roleProps } from './a11y'
import './privacy-prompt.scss'

type Resolve = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void

/** The agree button's id: WeChat checks that the button named in resolve() was really tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree'

/**
 * WeChat's privacy flow (app.json `__usePrivacyCheck__`): until a resident has agreed to the
 * mini-program's 用户隐私保护指引, a privacy API (the photo picker, the clipboard, the phone's
 * calendar, the admin's map pick) does not run; WeChat asks the page's listener instead and holds the call. This panel is
 * that listener's answer: what is asked and why, the guide one tap away, and 同意 on a button with
 * `open-type="agreePrivacyAuthorization"` (only such a tap counts as agreeing). After 同意 the held
 * call goes on; after 不同意 it fails, and the page says nothing was done. Asked once: WeChat remembers.
 * Every page frame (PageShell) carries it, so any page's privacy call is covered; weapp only.
 */
export function PrivacyPrompt() {
  const pending = useRef<Resolve | null>(null)
  const [open, setOpen] = useState(false)

  // One listener for the whole app, the last registered wins: the page on screen registers itself each time it shows.
  useDidShow(() => {
    if (process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
    Taro.onNeedPrivacyAuthorization((resolve) => {
      pending.current = resolve
      setOpen(true)
    })
  })

  // WeChat wants to know when the prompt was actually shown.
  useEffect(() => {
    if (open) pending.current?.({ event: 'exposureAuthorization' })
  }, [open])

  const answer = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => {
    pending.current?.(option)
    pending.current = null
    setOpen(false)
  }

  if (!open) return null
  return (
    <View className="privacy-prompt" {...roleProps('alertdialog')} aria-label="用户隐私保护提示">
      <View className="card privacy-prompt__card">
        <Text className="privacy-prompt__title">用户隐私保护提示</Text>
        <Text className="card__line">
          这一步要用到手机上的照片、剪贴板、日历或地图选点。使用前，请阅读《便民服务中心小程序用户隐私保护指引》，同意后才能继续；不同意也可以正常办事，只是这一步不做。
        </Text>
        <Text className="link privacy-prompt__link" onClick={() => Taro.openPrivacyContract({})}>
          查看《用户隐私保护指引》
        </Text>
        <View className="privacy-prompt__actions">
          <Button
            id={PRIVACY_AGREE_BUTTON_ID}
            className="btn btn--primary"
            openType="agreePrivacyAuthorization"
            onAgreePrivacyAuthorization={() => answer({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID })}
          >
            同意并继续
          </Button>
          <Button className="btn" onClick={() => answer({ event: 'disagree' })}>
            不同意
          </Button>
        </View>
      </View>
    </View>
  )
}
