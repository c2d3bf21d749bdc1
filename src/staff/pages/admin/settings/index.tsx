import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { AffectedSlotView, ConfigView } from '@/contract/config'
import type { OpeningHours, Session } from '@/core/opening-hours'
import { useAction, type ActionInput } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { ChangeNotice } from '@/staff/components/config-view'
import { ChoiceChips } from '@/staff/components/choice-chips'
import '@/staff/components/admin.scss'

const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const
const WEEKDAY_NAME: Record<string, string> = { '1': '周一', '2': '周二', '3': '周三', '4': '周四', '5': '周五', '6': '周六', '7': '周日' }

/** The actions of this page: each answers the configuration as it now stands. */
type SettingsAction = 'updateCenter' | 'setDay' | 'removeDay' | 'saveWindow' | 'removeWindow' | 'saveCommunity' | 'removeCommunity'

const sessionsText = (s: Session[]) => s.map((x) => `${x.start}-${x.end}`).join('，')
/** `09:00-12:00，13:30-17:00` → sessions; `休息` → none; null when it cannot be read. */
function parseSessions(text: string): Session[] | null {
  const t = text.trim()
  if (t === '休息' || t === '不办公') return []
  const parts = t.split(/[,，、\s]+/).filter(Boolean)
  const out: Session[] = []
  for (const p of parts) {
    const m = /^(\d{1,2}):(\d{2})\s*[-–~至]\s*(\d{1,2}):(\d{2})$/.exec(p)
    if (!m) return null
    out.push({ start: `${m[1].padStart(2, '0')}:${m[2]}`, end: `${m[3].padStart(2, '0')}:${m[4]}` })
  }
  return out
}

/** 中心信息与办公时间 (admins): the center's card, hours, closures and extra days, windows, communities and who covers each. */
export default function Settings() {
  const centerId = useCenterId()
  const loaded = useCall('config', 'get', centerId ? { centerId } : null)
  const [saved, setSaved] = useState<ConfigView | null>(null)
  const view = saved ?? loaded.data
  const [card, setCard] = useState({
    name: '',
    address: '',
    phone: '',
    latitude: '',
    longitude: '',
    sessions: '',
    weekdays: {} as Record<string, string>,
  })
  const [day, setDay] = useState({ date: '', open: false, reason: '' })
  const [win, setWin] = useState({ number: '', name: '' })
  const [community, setCommunity] = useState<{ id?: string; name: string; responsibleOpenid: string }>({ name: '', responsibleOpenid: '' })
  const [result, setResult] = useState<{ notice: string; affected: AffectedSlotView[] } | null>(null)
  const config = useAction('config')
  const { busy, fieldErrors: errors } = config
  const failure = config.failure?.message
  const [confirm, setConfirm] = useState<{ question: string; run: () => void } | null>(null)

  const center = view?.center
  useEffect(() => {
    if (!center) return
    setCard({
      name: center.name,
      address: center.address,
      phone: center.phone,
      latitude: String(center.latitude),
      longitude: String(center.longitude),
      sessions: sessionsText(center.hours.sessions),
      weekdays: Object.fromEntries(
        Object.entries(center.hours.byWeekday ?? {}).map(([k, v]) => [k, v && v.length ? sessionsText(v) : '休息']),
      ),
    })
  }, [center])

  /** Saves one change; the outcome (and what it did to bookings) is said at the top of the page. */
  const act = async <A extends SettingsAction>(action: A, input: ActionInput<'config', A>) => {
    setResult(null)
    const res = await config.run(action, input)
    setConfirm(null)
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    if (!res) return false
    setSaved(res.config)
    setResult({ notice: res.notice, affected: res.affected })
    return true
  }

  const saveCard = () => {
    const sessions = parseSessions(card.sessions)
    const byWeekday: NonNullable<OpeningHours['byWeekday']> = {}
    const local: Record<string, string> = {}
    if (!sessions) local['hours.sessions'] = '请按“09:00-12:00，13:30-17:00”的格式填写'
    for (const d of WEEKDAYS) {
      const text = card.weekdays[d]?.trim()
      if (!text) continue
      const parsed = parseSessions(text)
      if (parsed) byWeekday[d] = parsed
      else local[`hours.byWeekday.${d}`] = '请按“09:00-12:00”的格式填写，或填“休息”'
    }
    if (config.invalid(local)) return
    void act('updateCenter', {
      centerId: centerId!,
      name: card.name,
      address: card.address,
      phone: card.phone,
      latitude: Number(card.latitude),
      longitude: Number(card.longitude),
      hours: { sessions: sessions!, ...(Object.keys(byWeekday).length ? { byWeekday } : {}) },
    })
  }

  if (!view) return <PageShell loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />

  return (
    <PageShell>
      {result && <ChangeNotice notice={result.notice} affected={result.affected} />}
      {failure && (
        <View className="card notice--bad" {...roleProps('alert')}>
          <Text>{failure}</Text>
        </View>
      )}
      {confirm && (
        <ConfirmPanel
          question={confirm.question}
          confirmText="确认删除"
          cancelText="不了"
          busy={busy}
          onConfirm={confirm.run}
          onCancel={() => setConfirm(null)}
        />
      )}

      <Text className="section-title">中心信息</Text>
      <View className="card">
        <Field
          id="c-name"
          label="中心名称"
          value={card.name}
          onChange={(v) => setCard({ ...card, name: v })}
          error={errors.name}
          maxlength={40}
        />
        <Field
          id="c-address"
          label="地址"
          value={card.address}
          onChange={(v) => setCard({ ...card, address: v })}
          error={errors.address}
          maxlength={80}
        />
        <Field
          id="c-phone"
          label="咨询电话"
          value={card.phone}
          onChange={(v) => setCard({ ...card, phone: v })}
          error={errors.phone}
          maxlength={20}
        />
        <Field
          id="c-lat"
          label="纬度（地图导航用）"
          type="digit"
          value={card.latitude}
          onChange={(v) => setCard({ ...card, latitude: v })}
          error={errors.latitude}
        />
        <Field
          id="c-lon"
          label="经度"
          type="digit"
          value={card.longitude}
          onChange={(v) => setCard({ ...card, longitude: v })}
          error={errors.longitude}
        />
        <Field
          id="c-sessions"
          label="工作日办公时段"
          value={card.sessions}
          onChange={(v) => setCard({ ...card, sessions: v })}
          error={errors['hours.sessions']}
          hint="例如 09:00-12:00，13:30-17:00"
        />
        <Text className="card__line">某天与工作日不同时才填写（填“休息”表示当天不办公）：</Text>
        {WEEKDAYS.map((d) => (
          <Field
            key={d}
            id={`c-wd-${d}`}
            label={WEEKDAY_NAME[d]}
            value={card.weekdays[d] ?? ''}
            onChange={(v) => setCard({ ...card, weekdays: { ...card.weekdays, [d]: v } })}
            error={errors[`hours.byWeekday.${d}`]}
          />
        ))}
        <Button className="btn btn--primary btn--block" disabled={busy || undefined} onClick={saveCard}>
          保存中心信息
        </Button>
      </View>

      <Text className="section-title">休息日与加开日</Text>
      <View className="card">
        <Text className="card__line">国家法定节假日和调休已自动计入，这里只填本中心自己的安排。</Text>
        {view.days.map((d) => (
          <View key={d.date} className="row-actions">
            <Text className="card__line">
              {d.date} {d.weekday}：{d.open ? '加开' : '不办公'}（{d.reason}）
            </Text>
            <Button
              className="btn btn--danger"
              onClick={() =>
                setConfirm({ question: `删除 ${d.date} 的设置吗？`, run: () => act('removeDay', { centerId: centerId!, date: d.date }) })
              }
            >
              删除
            </Button>
          </View>
        ))}
        <Field
          id="d-date"
          label="日期"
          value={day.date}
          onChange={(v) => setDay({ ...day, date: v })}
          error={errors.date}
          maxlength={10}
          placeholder="2026-12-31"
        />
        <ChoiceChips
          label="这一天"
          choices={[
            { value: 'closed', label: '不办公' },
            { value: 'open', label: '加开办公' },
          ]}
          chosen={[day.open ? 'open' : 'closed']}
          onChange={(v) => setDay({ ...day, open: v[0] === 'open' })}
        />
        <Field
          id="d-reason"
          label="原因（办事人会看到）"
          value={day.reason}
          onChange={(v) => setDay({ ...day, reason: v })}
          error={errors.reason}
          maxlength={20}
          placeholder="例如 系统升级"
        />
        <Button className="btn btn--block" disabled={busy || undefined} onClick={() => act('setDay', { centerId: centerId!, ...day })}>
          添加
        </Button>
      </View>

      <Text className="section-title">窗口</Text>
      <View className="card">
        {view.windows.map((w) => (
          <View key={w.id} className="row-actions">
            <Text className="card__line">
              {w.number} 号 {w.name}（{w.serviceCount} 个事项，{w.clerkCount} 名工作人员）
            </Text>
            {w.serviceCount === 0 && (
              <Button
                className="btn btn--danger"
                onClick={() =>
                  setConfirm({ question: `删除 ${w.number} 号窗口吗？`, run: () => act('removeWindow', { centerId: centerId!, id: w.id }) })
                }
              >
                删除
              </Button>
            )}
          </View>
        ))}
        <Field
          id="w-number"
          label="窗口号"
          type="number"
          value={win.number}
          onChange={(v) => setWin({ ...win, number: v })}
          error={errors.number}
        />
        <Field
          id="w-name"
          label="窗口名称"
          value={win.name}
          onChange={(v) => setWin({ ...win, name: v })}
          error={errors.name}
          maxlength={12}
          placeholder="例如 综合受理"
        />
        <Button
          className="btn btn--block"
          disabled={busy || undefined}
          onClick={() => {
            const existing = view.windows.find((w) => w.number === Number(win.number))
            void act('saveWindow', {
              centerId: centerId!,
              ...(existing ? { id: existing.id } : {}),
              number: win.number ? Number(win.number) : NaN,
              name: win.name,
            })
          }}
        >
          添加或改名（按窗口号）
        </Button>
      </View>

      <Text className="section-title">社区/村与负责网格员</Text>
      <View className="card">
        {view.communities.map((c) => (
          <View key={c.id} className="mine-gap">
            <Text className="card__line">
              {c.name}：{c.responsibleName ? `网格员 ${c.responsibleName}` : '未指定网格员（由主管派单）'}（{c.requestCount} 件申请）
            </Text>
            <View className="row-actions">
              <Button
                className="btn"
                onClick={() => setCommunity({ id: c.id, name: c.name, responsibleOpenid: c.responsibleOpenid ?? '' })}
              >
                修改
              </Button>
              {c.requestCount === 0 && (
                <Button
                  className="btn btn--danger"
                  onClick={() =>
                    setConfirm({ question: `删除「${c.name}」吗？`, run: () => act('removeCommunity', { centerId: centerId!, id: c.id }) })
                  }
                >
                  删除
                </Button>
              )}
            </View>
          </View>
        ))}
        <Text className="card__title mine-gap">
          {community.id ? `修改：${view.communities.find((c) => c.id === community.id)?.name}` : '新增社区/村'}
        </Text>
        <Field
          id="cm-name"
          label="名称"
          value={community.name}
          onChange={(v) => setCommunity({ ...community, name: v })}
          error={errors.name}
          maxlength={30}
        />
        <Text className="field__label">负责网格员</Text>
        <ChoiceChips
          label="负责网格员"
          choices={[{ value: '', label: '不指定' }, ...view.gridWorkers.map((g) => ({ value: g.openid, label: g.name }))]}
          chosen={[community.responsibleOpenid]}
          onChange={(v) => setCommunity({ ...community, responsibleOpenid: v[0] })}
        />
        {errors.responsibleOpenid && <Text className="field__error">⚠ {errors.responsibleOpenid}</Text>}
        <View className="row-actions">
          <Button
            className="btn btn--primary"
            disabled={busy || undefined}
            onClick={async () => {
              if (
                await act('saveCommunity', {
                  centerId: centerId!,
                  ...(community.id ? { id: community.id } : {}),
                  name: community.name,
                  responsibleOpenid: community.responsibleOpenid || null,
                })
              )
                setCommunity({ name: '', responsibleOpenid: '' })
            }}
          >
            保存
          </Button>
          {community.id && (
            <Button className="btn" onClick={() => setCommunity({ name: '', responsibleOpenid: '' })}>
              取消修改
            </Button>
          )}
        </View>
      </View>
    </PageShell>
  )
}
