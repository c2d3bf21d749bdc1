import { Button, Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { opensApp } from '@/core/qr-links'
import { QrCode } from '@/components/qr-code'
import type { BoardCall, QueueDisplay } from '@/contract/queue'
import { beijing } from '@/core/beijing-time'
import { useCenterId } from '@/hooks/use-center'
import { useFullScreen } from '@/hooks/use-full-screen'
import { usePolling } from '@/hooks/use-polling'
import './index.scss'

/** Asked every second: a call reaches the hall within two seconds. */
const POLL_MS = 1000
/** How long the newest call stays highlighted. */
const FRESH_MS = 15_000

const h5 = process.env.TARO_ENV === 'h5'
const callKey = (c: BoardCall) => `${c.label}|${c.window}|${c.at}`

/** The browser's speech synthesis, where it exists (the hall screen is an H5 page). */
function speechOf(): SpeechSynthesis | null {
  return h5 && typeof globalThis.speechSynthesis !== 'undefined' && typeof globalThis.SpeechSynthesisUtterance !== 'undefined'
    ? globalThis.speechSynthesis
    : null
}

function say(text: string) {
  const speech = speechOf()
  if (!speech) return
  try {
    // Twice, as a hall announcer does: the first catches attention, the second is heard.
    for (let i = 0; i < 2; i++) {
      const u = new SpeechSynthesisUtterance(text)
      u.lang = 'zh-CN'
      u.rate = 0.85
      speech.speak(u)
    }
  } catch {
    // A browser that refuses to speak still shows the call on the screen.
  }
}

/**
 * Announces each new call (and each recall) once. Calls already on the board
 * when the screen opens are not read out again. Speech needs one tap on the
 * screen first (browsers refuse to speak before anyone touched the page).
 */
function useAnnouncer(display: QueueDisplay | null, voiceOn: boolean) {
  const seen = useRef<Set<string> | null>(null)
  const [latest, setLatest] = useState<{ call: BoardCall; shownAt: number } | null>(null)
  useEffect(() => {
    if (!display) return
    const calls = display.board.calls
    if (seen.current === null) {
      seen.current = new Set(calls.map(callKey))
      return
    }
    const fresh = calls.filter((c) => !seen.current!.has(callKey(c))).sort((a, b) => a.at.localeCompare(b.at))
    if (fresh.length === 0) return
    for (const c of fresh) seen.current.add(callKey(c))
    setLatest({ call: fresh[fresh.length - 1], shownAt: Date.now() })
    if (voiceOn) for (const c of fresh) say(c.announcement)
  }, [display, voiceOn])
  const fresh = latest && Date.now() - latest.shownAt < FRESH_MS ? latest.call : null
  return fresh
}

/**
 * 大厅叫号屏 (H5, landscape, on the hall's screen, signed in as staff because
 * it shows the check-in code): the numbers being called and their windows,
 * the last calls, how many wait in each queue, and the on-site code as digits
 * and QR code. Each new call is read out where the browser can speak.
 */
export default function HallBoard() {
  const centerId = useCenterId()
  useFullScreen('hall-screen')
  const display = usePolling('queue', 'display', centerId ? { centerId } : null, POLL_MS)
  const [voiceOn, setVoiceOn] = useState(false)
  const d = display.data
  const fresh = useAnnouncer(d, voiceOn)

  if (!d) {
    return (
      <View className="hall hall--state">
        <Text className="hall__state">{display.error ? `叫号屏无法加载：${display.error.message}` : '叫号屏正在加载…'}</Text>
      </View>
    )
  }
  const callsByWindow = new Map(d.board.calls.map((c) => [c.window, c]))
  return (
    <View className="hall">
      <View className="hall__top">
        <Text className="hall__center">{d.centerName}</Text>
        <View className="hall__top-right">
          {speechOf() && !voiceOn && (
            <Button className="hall__voice" onClick={() => (setVoiceOn(true), say('语音播报已开启'))}>
              点此开启语音播报
            </Button>
          )}
          {voiceOn && <Text className="hall__voice-on">语音播报：已开启</Text>}
          <Text className="hall__clock">{beijing(d.now).format('M月D日 HH:mm')}</Text>
        </View>
      </View>

      <View className="hall__body">
        <View className="hall__calls">
          <View className={`hall__now ${fresh ? 'hall__now--fresh' : ''}`} aria-live="assertive">
            {fresh ? (
              <Text className="hall__now-text">{fresh.announcement}</Text>
            ) : (
              <Text className="hall__now-text hall__now-text--idle">请留意叫号，听到您的号码请到对应窗口</Text>
            )}
          </View>
          <View className="hall__table">
            <View className="hall__row hall__row--head">
              <Text className="hall__cell">窗口</Text>
              <Text className="hall__cell">正在办理</Text>
            </View>
            {d.windows.map((w) => {
              const c = callsByWindow.get(w.number)
              return (
                <View key={w.number} className={`hall__row ${c && fresh && callKey(c) === callKey(fresh) ? 'hall__row--fresh' : ''}`}>
                  <Text className="hall__cell hall__window">
                    {w.number} 号 <Text className="hall__window-name">{w.name}</Text>
                  </Text>
                  <Text className="hall__cell hall__label">{c ? `${c.label}${c.status === 'called' ? ' 请到窗口' : ' 办理中'}` : '—'}</Text>
                </View>
              )
            })}
          </View>
        </View>

        <View className="hall__side">
          <View className="hall__code">
            <Text className="hall__code-title">预约签到码</Text>
            <Text className="hall__code-digits" aria-label={`签到码 ${d.checkIn.code.split('').join(' ')}`}>
              {d.checkIn.code}
            </Text>
            <QrCode text={d.checkIn.qrText} cssSide="var(--hall-qr)" />
            <Text className="hall__code-note">
              {opensApp(d.checkIn.qrText) ? '微信扫一扫，或在小程序中输入' : '在小程序“签到取号”中扫码或输入'}，
              {beijing(d.checkIn.changesAt).format('HH:mm')} 更换
            </Text>
          </View>
          <View className="hall__recent">
            <Text className="hall__side-title">最近叫号</Text>
            {d.board.recent.length === 0 && <Text className="hall__recent-row">暂无</Text>}
            {d.board.recent.slice(0, 5).map((c) => (
              <Text key={callKey(c)} className="hall__recent-row">
                {c.label} → {c.window} 号窗口
              </Text>
            ))}
          </View>
        </View>
      </View>

      <View className="hall__queues">
        {d.board.queues.map((q) => (
          <View key={q.queue} className="hall__queue">
            <Text className="hall__queue-name">
              {q.letter} {q.name}
            </Text>
            <Text className="hall__queue-count">等候 {q.waiting} 人</Text>
          </View>
        ))}
      </View>
    </View>
  )
}
