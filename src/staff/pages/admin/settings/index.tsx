import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { AffectedSlotView, ConfigView } from '@/contract/config'
import { useAction, type ActionInput } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { ChangeNotice } from '@/staff/components/config-view'
import { ChoiceChips } from '@/staff/components/choice-chips'
import { HoursForm } from '@/staff/components/hours-form'
import { hoursOfWeekForm, weekFormOf, type WeekForm } from '@/staff/components/hours-form-state'
import { dayLabel } from '@/core/beijing-time'
import { DatePick } from '@/staff/components/picker-fields'
import '@/staff/components/admin.scss'

/** The actions of this page: each answers the configuration as it now stands. */
type SettingsAction = 'updateCenter' | 'setDay' | 'removeDay' | 'saveWindow' | 'removeWindow' | 'saveCommunity' | 'removeCommunity'

/** Where a field's problem is shown (a text field, a picked date, a weekday of the hours). */
const FIELD_PROBLEM = '.field--error, .hours__day--error'

/** A typed coordinate as sent: an empty or non-numeric field goes as "not a number", which the contract says in words. */
const coordinate = (text: string) => (text.trim() === '' ? NaN : Number(text.trim()))

/** WeChat's map pick answers more decimals than a center needs: six are about 0.1 m. */
const sixDecimals = (n: number) => Number(n.toFixed(6))

/** 中心信息与办公时间 (admins): the center's card, hours, closures and extra days, windows, communities and who covers each. */
export default function Settings() {
  const centerId = useCenterId()
  const loaded = useCall('config', 'get', centerId ? { centerId } : null)
  const [saved, setSaved] = useState<ConfigView | null>(null)
  const view = saved ?? loaded.data
  const [card, setCard] = useState({ name: '', address: '', phone: '', latitude: '', longitude: '' })
  const [week, setWeek] = useState<WeekForm | null>(null)
  const [picked, setPicked] = useState<string | null>(null)
  const [day, setDay] = useState({ date: '', open: false, reason: '' })
  const [win, setWin] = useState({ number: '', name: '' })
  const [community, setCommunity] = useState<{ id?: string; name: string; responsibleOpenid: string }>({ name: '', responsibleOpenid: '' })
  const [result, setResult] = useState<{ notice: string; affected: AffectedSlotView[] } | null>(null)
  const config = useAction('config')
  const { busy, fieldErrors: errors } = config
  const failure = config.failure?.message
  const [confirm, setConfirm] = useState<{ question: string; run: () => void } | null>(null)

  const firstError = Object.keys(errors)[0]
  useEffect(() => {
    if (firstError) Taro.pageScrollTo({ selector: FIELD_PROBLEM, duration: 0 })
    else if (failure) Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }, [firstError, failure])

  const center = view?.center
  // The fields take each center the server answers while rendering it (React's state from a previous render), not in an
  // effect after: no screen ever shows the card empty, so a tap on 在地图上选择中心位置 or 保存 never sends empty fields.
  const [cardOf, setCardOf] = useState<typeof center>(undefined)
  if (center && center !== cardOf) {
    setCardOf(center)
    setCard({
      name: center.name,
      address: center.address,
      phone: center.phone,
      latitude: String(center.latitude),
      longitude: String(center.longitude),
    })
    setWeek(weekFormOf(center.hours))
  }

  /** Saves one change; the outcome (and what it did to bookings) is said at the top of the page. */
  const act = async <A extends SettingsAction>(action: A, input: ActionInput<'config', A>) => {
    setResult(null)
    const res = await config.run(action, input)
    setConfirm(null)
    // A field's problem is said beside it: go there; anything else is said at the top.
    if (!res) return false
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    setSaved(res.config)
    setResult({ notice: res.notice, affected: res.affected })
    return true
  }

  const saveCard = () => {
    if (!week) return
    const { hours, problems } = hoursOfWeekForm(week)
    if (config.invalid(problems)) return
    void act('updateCenter', {
      centerId: centerId!,
      name: card.name,
      address: card.address,
      phone: card.phone,
      latitude: coordinate(card.latitude),
      longitude: coordinate(card.longitude),
      hours,
    })
  }

  /** WeChat only: the admin points at the center on WeChat's map; the fields take its coordinates. */
  const pickOnMap = async () => {
    try {
      const at = await Taro.chooseLocation({
        latitude: coordinate(card.latitude) || undefined,
        longitude: coordinate(card.longitude) || undefined,
      })
      setCard((c) => ({ ...c, latitude: String(sixDecimals(at.latitude)), longitude: String(sixDecimals(at.longitude)) }))
      setPicked(at.name || at.address || null)
      config.edited('latitude', 'longitude')
    } catch {
      // Closed without a choice, or the privacy guide not agreed: the fields keep what they had.
    }
  }

  const addDay = async () => {
    if (await act('setDay', { centerId: centerId!, ...day })) setDay({ date: '', open: false, reason: '' })
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
        <Text className="field__label">中心位置（办事人“导航到中心”用）</Text>
        {process.env.TARO_ENV === 'weapp' && (
          <View className="mine-gap">
            <Button className="btn btn--block" onClick={pickOnMap}>
              在地图上选择中心位置
            </Button>
            {picked && <Text className="field__hint">已选：{picked}（坐标已填入下面，保存后生效）</Text>}
          </View>
        )}
        <Field
          id="c-lat"
          label="纬度"
          type="digit"
          value={card.latitude}
          onChange={(v) => setCard({ ...card, latitude: v })}
          error={errors.latitude}
          hint="3 到 54 之间的数字，最多 6 位小数，例如 36.0671（腾讯地图、高德地图上查到的坐标）"
        />
        <Field
          id="c-lon"
          label="经度"
          type="digit"
          value={card.longitude}
          onChange={(v) => setCard({ ...card, longitude: v })}
          error={errors.longitude}
          hint="73 到 136 之间的数字，最多 6 位小数，例如 120.1852"
        />
        {week && (
          <HoursForm
            form={week}
            errors={errors}
            onChange={(next, edited) => {
              setWeek(next)
              config.edited(edited)
            }}
          />
        )}
        <Button className="btn btn--primary btn--block" disabled={busy || undefined} onClick={saveCard}>
          保存中心信息
        </Button>
      </View>

      <Text className="section-title">休息日与加开日</Text>
      <View className="card">
        <Text className="card__line">国家法定节假日和调休已自动计入，这里只填本中心自己的安排。</Text>
        {view.days.length === 0 && <Text className="card__line">还没有设置。</Text>}
        {view.days.map((d) => (
          <View key={d.date} className="row-actions">
            <Text className="card__line">
              {dayLabel(d.date)} · {d.open ? '加开办公' : '不办公'} · {d.reason}
              {d.date < view.today ? '（已过）' : ''}
            </Text>
            <Button
              className="btn btn--danger"
              aria-label={`删除 ${dayLabel(d.date)} 的设置`}
              onClick={() =>
                setConfirm({
                  question: `删除 ${dayLabel(d.date)}「${d.reason}」的设置吗？这一天将按国家日历办公。`,
                  run: () => act('removeDay', { centerId: centerId!, date: d.date }),
                })
              }
            >
              删除
            </Button>
          </View>
        ))}
        <DatePick
          id="d-date"
          label="日期"
          value={day.date}
          start={view.today}
          end={view.lastDayAhead}
          onChange={(date) => {
            setDay({ ...day, date })
            config.edited('date')
          }}
          error={errors.date}
          hint="可选今天到一年以内的日期"
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
          placeholder="例如 元旦前设备检修"
          hint="2 到 20 个字，例如 元旦前设备检修"
        />
        <Button className="btn btn--block" disabled={busy || undefined} onClick={addDay}>
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
              {c.name}：{c.responsibleName ? `网格员${c.responsibleName}` : '未指定网格员（由主管派单）'}（{c.requestCount} 件申请）
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
