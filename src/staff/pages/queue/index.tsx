import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useMemo, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { PageShell } from '@/components/page-shell'
import type { StaffTicket, TicketDetail } from '@/contract/queue'
import { beijingClock } from '@/core/beijing-time'
import { DESK_KEYS, shortcutTarget, type DeskKeyAction } from '@/core/queue-desk'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { useDeskKeys } from '@/hooks/use-desk-keys'
import { usePolling } from '@/hooks/use-polling'
import { QueueCounter } from '@/staff/components/queue-counter'
import { TicketHead, TransferPicker } from '@/staff/components/queue-ticket-row'
import './index.scss'

const WINDOW_KEY = 'queueWindow'
/** Fresh enough for the counter: another window's calls show within two seconds. */
const POLL_MS = 1500

type TicketAction = 'recall' | 'skip' | 'putBack' | 'start' | 'complete' | 'setGreen'

/** 叫号台: a clerk's windows and their queues — call the next (for any of her windows), recall, skip, serve, complete, transfer, green channel; check in and issue numbers. */
export default function QueueDesk() {
  const { params } = useRouter()
  const centerId = useCenterId()
  const me = useCall('center', 'me', centerId ? { centerId } : null)
  const info = useCall('center', 'getInfo', centerId ? { centerId } : null)

  // The windows this person may work: a clerk's own, every window for an admin.
  const allowed = useMemo(() => {
    if (!me.data || !info.data) return null
    const all = info.data.windows.map((w) => w.number)
    if (me.data.roles.some((r) => r.role === 'admin')) return all
    const own = me.data.roles.find((r) => r.role === 'counter')?.windows ?? []
    return all.filter((n) => own.includes(n))
  }, [me.data, info.data])

  const [win, setWin] = useState<number | null>(null)
  useEffect(() => {
    if (!allowed || win !== null || allowed.length === 0) return
    const wanted = [Number(params.window), Number(Taro.getStorageSync(WINDOW_KEY))].find((n) => allowed.includes(n))
    setWin(wanted ?? allowed[0])
  }, [allowed, win, params.window])
  const pick = (n: number) => {
    Taro.setStorageSync(WINDOW_KEY, n)
    setWin(n)
  }

  const desk = usePolling('queue', 'console', centerId && win ? { centerId, window: win } : null, POLL_MS)
  // One console action at a time; what happened (or why not) is said on the note line.
  const actions = useAction('queue')
  const busy = actions.busy
  const [done, setDone] = useState<string | null>(null)
  const note = actions.failure ? { text: actions.failure.message, bad: true } : done ? { text: done } : null
  const [timeline, setTimeline] = useState<TicketDetail | null>(null)

  const d = desk.data
  const w = win ?? 0
  /** Runs a console action, says what it did, and asks for the queue again either way. */
  const after = async <T,>(sent: Promise<T | undefined>, said: (answer: T) => string) => {
    const answer = await sent
    setDone(answer ? said(answer) : null)
    desk.refresh()
  }
  const callNext = (window = w) => after(actions.run('callNext', { centerId: centerId!, window }), (r) => r.message)
  // The hint's button: this desk moves to the window where people wait, and calls its next in the same tap.
  const callFor = (window: number) => {
    pick(window)
    void callNext(window)
  }
  const act = (action: TicketAction, t: StaffTicket, text: string) =>
    after(actions.run(action, { centerId: centerId!, window: w, id: t.id }), () => `${t.label} ${text}`)
  const transfer = (t: StaffTicket, index: number) => {
    const to = d?.allServices[index]
    if (!to) return
    void after(
      actions.run('transfer', { centerId: centerId!, window: w, id: t.id, serviceId: to.id }),
      () => `${t.label} 已转到「${to.name}」，按原到达时间排队`,
    )
  }
  const showTimeline = (t: StaffTicket) =>
    after(actions.run('ticket', { centerId: centerId!, id: t.id }), (detail) => {
      setTimeline(detail)
      return `${t.label} 的办理记录在下方`
    })

  const keys = useDeskKeys((action: DeskKeyAction) => {
    if (!d || busy) return
    if (action === 'callNext') return void callNext()
    const t = shortcutTarget(action, d.current)
    if (t) void act(action, t, action === 'recall' ? `已重呼（第 ${t.recalls + 2} 次呼叫）` : action === 'start' ? '开始办理' : '已办结')
  })
  /** A button's words with its keyboard shortcut, where this device has a keyboard: 叫下一位 (N). */
  const keyed = (text: string, action: DeskKeyAction) => (keys ? `${text} (${DESK_KEYS[action]})` : text)

  const noStaff = !!allowed && allowed.length === 0
  const failed = me.error ?? info.error ?? (d ? null : desk.error)
  return (
    <PageShell
      loading={!failed && !noStaff && !d}
      error={failed}
      onRetry={() => (me.reload(), info.reload(), desk.refresh())}
      empty={noStaff}
      emptyText="您不是本中心的窗口人员，不能使用叫号台。"
    >
      {d && (
        <View className="desk-grid">
          <View className="desk-grid__desk">
            <View className="card">
              <Text className="desk__title">
                {d.window} 号窗口 · {d.windowName}
              </Text>
              {d.windows.length > 1 && (
                <View className="desk__windows" {...roleProps('radiogroup')} aria-label="选择窗口">
                  {d.windows.map((x) => (
                    <Button
                      key={x.number}
                      className={`choice pick pick--window ${x.number === d.window ? 'choice--on' : ''}`}
                      {...roleProps('radio')}
                      aria-checked={x.number === d.window}
                      onClick={() => pick(x.number)}
                    >
                      {x.number} 号 · 等候 {x.waiting}
                    </Button>
                  ))}
                </View>
              )}
              <Text className="card__line">
                等候 {d.counts.waiting} 人 · 已过号 {d.counts.skipped} · 本窗口今日办结 {d.counts.completedHere} · 全中心今日办结{' '}
                {d.counts.completedToday}
              </Text>
              {d.elsewhere && (
                <View className="desk__elsewhere" {...roleProps('note')}>
                  <Text className="desk__elsewhere-text">ⓘ {d.elsewhere.text}</Text>
                  <Button className="btn btn--block" disabled={busy || undefined} onClick={() => callFor(d.elsewhere!.callFor)}>
                    为 {d.elsewhere.callFor} 号窗口叫号
                  </Button>
                </View>
              )}
              <Button className="btn btn--primary btn--block desk__next" disabled={busy || undefined} onClick={() => callNext()}>
                {keyed('叫下一位', 'callNext')}
              </Button>
              <Text className={`desk__note ${note?.bad ? 'desk__note--bad' : ''}`} aria-live="polite">
                {note?.text ?? ''}
              </Text>
            </View>

            <Text className="section-title">当前（{d.current.length}）</Text>
            {d.current.length === 0 && (
              <View className="card">
                <Text className="card__line">本窗口暂无正在叫号或办理的号。</Text>
              </View>
            )}
            {d.current.map((t) => (
              <View key={t.id} className="card ticket-row ticket-row--current">
                <TicketHead t={t} />
                <View className="ticket-row__actions">
                  {t.status === 'called' && (
                    <>
                      <Button
                        className="btn"
                        disabled={busy || undefined}
                        onClick={() => act('recall', t, `已重呼（第 ${t.recalls + 2} 次呼叫）`)}
                      >
                        {keyed('重呼', 'recall')}
                      </Button>
                      <Button className="btn btn--primary" disabled={busy || undefined} onClick={() => act('start', t, '开始办理')}>
                        {keyed('开始办理', 'start')}
                      </Button>
                      <Button className="btn btn--danger" disabled={busy || undefined} onClick={() => act('skip', t, '已过号')}>
                        过号
                      </Button>
                    </>
                  )}
                  {t.status === 'serving' && (
                    <Button className="btn btn--primary" disabled={busy || undefined} onClick={() => act('complete', t, '已办结')}>
                      {keyed('办结', 'complete')}
                    </Button>
                  )}
                  <TransferPicker services={d.allServices} current={t.serviceId} disabled={busy} onPick={(i) => transfer(t, i)} />
                  <Button className="btn" onClick={() => showTimeline(t)}>
                    记录
                  </Button>
                </View>
              </View>
            ))}

            {timeline && (
              <View className="card" aria-live="polite">
                <Text className="card__title">{timeline.ticket.label} 的办理记录</Text>
                {timeline.events.map((e, i) => (
                  <Text key={i} className="card__line">
                    {beijingClock(e.at)} {e.text}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                    {e.note ? ` · ${e.note}` : ''}
                  </Text>
                ))}
                <Button className="btn btn--block" onClick={() => setTimeline(null)}>
                  收起
                </Button>
              </View>
            )}
          </View>

          <View className="desk-grid__queue">
            <Text className="section-title">等候（{d.waiting.length}）</Text>
            {d.waiting.length === 0 && (
              <View className="card">
                <Text className="card__line">本窗口的事项暂无人等候。</Text>
              </View>
            )}
            {d.waiting.map((t) => (
              <View key={t.id} className="card ticket-row">
                <TicketHead t={t} />
                <View className="ticket-row__actions">
                  {!t.green && (
                    <Button className="btn" disabled={busy || undefined} onClick={() => act('setGreen', t, '已进入绿色通道')}>
                      绿色通道
                    </Button>
                  )}
                  <TransferPicker services={d.allServices} current={t.serviceId} disabled={busy} onPick={(i) => transfer(t, i)} />
                  <Button className="btn" onClick={() => showTimeline(t)}>
                    记录
                  </Button>
                </View>
              </View>
            ))}

            {d.skipped.length > 0 && (
              <>
                <Text className="section-title">已过号（{d.skipped.length}）</Text>
                {d.skipped.map((t) => (
                  <View key={t.id} className="card ticket-row">
                    <TicketHead t={t} />
                    <View className="ticket-row__actions">
                      {t.canPutBack && (
                        <Button
                          className="btn"
                          disabled={busy || undefined}
                          onClick={() => act('putBack', t, '已恢复排队（按原到达时间）')}
                        >
                          恢复排队
                        </Button>
                      )}
                    </View>
                  </View>
                ))}
              </>
            )}
          </View>

          <View className="desk-grid__counter">
            <QueueCounter centerId={centerId!} window={d.window} services={d.services} onDone={desk.refresh} />
          </View>
        </View>
      )}
    </PageShell>
  )
}
