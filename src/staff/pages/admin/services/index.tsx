import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { AffectedSlotView, ConfigView, ServiceConfig } from '@/contract/config'
import type { ServiceCategoryKey } from '@/core/service-categories'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { ChangeNotice } from '@/staff/components/config-view'
import { ChoiceChips } from '@/staff/components/choice-chips'
import '@/staff/components/admin.scss'

interface Draft {
  id?: string
  category: ServiceCategoryKey
  name: string
  summary: string
  keywords: string
  materials: string
  notes: string
  processingDays: string
  bookable: boolean
  delegable: boolean
  windowIds: string[]
  slotMinutes: number
  slotCapacity: string
}

const toDraft = (s: ServiceConfig): Draft => ({
  id: s.id,
  category: s.category,
  name: s.name,
  summary: s.summary,
  keywords: s.keywords.join('，'),
  materials: s.materials.map((m) => [m.name, m.copies, m.note ?? ''].filter(Boolean).join('，')).join('\n'),
  notes: s.notes.join('\n'),
  processingDays: String(s.processingDays),
  bookable: s.bookable,
  delegable: s.delegable,
  windowIds: s.windowIds,
  slotMinutes: s.slotMinutes,
  slotCapacity: String(s.slotCapacity),
})

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
const words = (text: string) =>
  text
    .split(/[,，、\s]+/)
    .map((w) => w.trim())
    .filter(Boolean)
/** A number as typed; NaN goes to the server, which says what is wrong in words. */
const num = (text: string) => (text.trim() === '' ? NaN : Number(text))

/** 办事事项 (admins): every service's guide entry and booking set-up. A capacity change never drops a booking. */
export default function Services() {
  const centerId = useCenterId()
  const loaded = useCall('config', 'get', centerId ? { centerId } : null)
  const [saved, setSaved] = useState<ConfigView | null>(null)
  const view = saved ?? loaded.data
  const [draft, setDraft] = useState<Draft | null>(null)
  const [result, setResult] = useState<{ notice: string; affected: AffectedSlotView[] } | null>(null)
  const config = useAction('config')
  const { busy, fieldErrors: errors } = config
  const failure = config.failure?.message
  const [retiring, setRetiring] = useState<ServiceConfig | null>(null)

  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setDraft((d) => (d ? { ...d, [k]: v } : d))
  /** Opens a draft (a new service or one to edit) with nothing said yet. */
  const edit = (next: Draft | null) => {
    setResult(null)
    config.reset()
    setDraft(next)
  }

  const save = async () => {
    if (!draft) return
    const res = await config.run('saveService', {
      centerId: centerId!,
      ...(draft.id ? { id: draft.id } : {}),
      category: draft.category,
      name: draft.name,
      summary: draft.summary,
      keywords: words(draft.keywords),
      materials: lines(draft.materials).map((l) => {
        const [name, copies, ...note] = l.split(/[,，]/).map((x) => x.trim())
        return { name: name ?? '', copies: copies || '原件', ...(note.length && note.join('，') ? { note: note.join('，') } : {}) }
      }),
      notes: lines(draft.notes),
      processingDays: num(draft.processingDays),
      bookable: draft.bookable,
      delegable: draft.delegable,
      windowIds: draft.windowIds,
      slotMinutes: draft.slotMinutes,
      slotCapacity: num(draft.slotCapacity),
    })
    // The outcome is said at the top of the page: show it.
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    if (!res) return
    setSaved(res.config)
    setResult({ notice: res.notice, affected: res.affected })
    setDraft(null)
  }

  const retire = async (s: ServiceConfig, retired: boolean) => {
    const res = await config.run('setServiceRetired', { centerId: centerId!, id: s.id, retired })
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    if (!res) return
    setSaved(res.config)
    setResult({ notice: res.notice, affected: [] })
    setRetiring(null)
  }

  const yesNo = [
    { value: 'yes', label: '是' },
    { value: 'no', label: '否' },
  ] as const

  return (
    <PageShell loading={loaded.loading && !view} error={loaded.error} onRetry={loaded.reload}>
      {view && !draft && (
        <View>
          {result && <ChangeNotice notice={result.notice} affected={result.affected} />}
          {failure && (
            <View className="card notice--bad" {...roleProps('alert')}>
              <Text>{failure}</Text>
            </View>
          )}
          {retiring && (
            <ConfirmPanel
              question={`下线「${retiring.name}」吗？`}
              detail="下线后办事指南不再显示，也不能预约；可以随时恢复。"
              confirmText="确认下线"
              cancelText="不了"
              busy={busy}
              onConfirm={() => retire(retiring, true)}
              onCancel={() => setRetiring(null)}
            />
          )}
          <Button
            className="btn btn--primary btn--block"
            onClick={() =>
              edit({
                category: view.categories[0].key,
                name: '',
                summary: '',
                keywords: '',
                materials: '',
                notes: '',
                processingDays: '0',
                bookable: true,
                delegable: false,
                windowIds: [],
                slotMinutes: 30,
                slotCapacity: '2',
              })
            }
          >
            新增事项
          </Button>
          {view.services.map((s) => (
            <View key={s.id} className="card mine-gap">
              <Text className="card__title">
                {s.name}
                {s.retired ? '（已下线）' : ''}
              </Text>
              <Text className="card__line">
                {s.categoryName} · {s.processingDays === 0 ? '当场办结' : `${s.processingDays} 个工作日`} ·{' '}
                {s.bookable ? `可预约，每 ${s.slotMinutes} 分钟 ${s.slotCapacity} 个名额` : '不需预约'}
                {s.delegable ? ' · 可代办' : ''}
              </Text>
              {s.upcomingBookings > 0 && <Text className="card__line">未办理的预约：{s.upcomingBookings} 个</Text>}
              <View className="row-actions">
                <Button className="btn" aria-label={`编辑 ${s.name}`} onClick={() => edit(toDraft(s))}>
                  编辑
                </Button>
                {s.retired ? (
                  <Button className="btn" disabled={busy || undefined} onClick={() => retire(s, false)}>
                    恢复
                  </Button>
                ) : (
                  <Button className="btn btn--danger" onClick={() => setRetiring(s)}>
                    下线
                  </Button>
                )}
              </View>
            </View>
          ))}
        </View>
      )}
      {view && draft && (
        <View>
          <View className="card">
            <Text className="card__title">{draft.id ? `编辑：${draft.name}` : '新增事项'}</Text>
            <Field id="svc-name" label="事项名称" value={draft.name} onChange={(v) => set('name', v)} error={errors.name} maxlength={40} />
            <Field
              id="svc-summary"
              label="简介"
              value={draft.summary}
              onChange={(v) => set('summary', v)}
              error={errors.summary}
              maxlength={100}
            />
            <Text className="field__label">分类</Text>
            <ChoiceChips
              label="分类"
              choices={view.categories.map((c) => ({ value: c.key, label: c.name }))}
              chosen={[draft.category]}
              onChange={(v) => set('category', v[0])}
            />
            <Field
              id="svc-days"
              label="办理时限（工作日，当场办结填 0）"
              type="number"
              value={draft.processingDays}
              onChange={(v) => set('processingDays', v)}
              error={errors.processingDays}
            />
            <Text className="field__label">办理窗口</Text>
            <ChoiceChips
              label="办理窗口"
              multiple
              choices={view.windows.map((w) => ({ value: w.id, label: `${w.number} 号 ${w.name}` }))}
              chosen={draft.windowIds}
              onChange={(v) => set('windowIds', v)}
            />
            {errors.windowIds && <Text className="field__error">⚠ {errors.windowIds}</Text>}
            <Text className="field__label">可以预约</Text>
            <ChoiceChips
              label="可以预约"
              choices={[...yesNo]}
              chosen={[draft.bookable ? 'yes' : 'no']}
              onChange={(v) => set('bookable', v[0] === 'yes')}
            />
            <Text className="field__label">可以帮办代办</Text>
            <ChoiceChips
              label="可以帮办代办"
              choices={[...yesNo]}
              chosen={[draft.delegable ? 'yes' : 'no']}
              onChange={(v) => set('delegable', v[0] === 'yes')}
            />
            <Text className="field__label">每个预约时段的长度</Text>
            <ChoiceChips
              label="每个预约时段的长度"
              choices={view.slotLengths.map((m) => ({ value: m, label: `${m} 分钟` }))}
              chosen={[draft.slotMinutes]}
              onChange={(v) => set('slotMinutes', v[0])}
            />
            {errors.slotMinutes && <Text className="field__error">⚠ {errors.slotMinutes}</Text>}
            <Field
              id="svc-capacity"
              label="每个时段的名额"
              type="number"
              value={draft.slotCapacity}
              onChange={(v) => set('slotCapacity', v)}
              error={errors.slotCapacity}
              hint="改小后，已约满的时段保留已有预约，不会取消任何预约。"
            />
            <Field
              id="svc-keywords"
              label="搜索词（用逗号分开）"
              value={draft.keywords}
              onChange={(v) => set('keywords', v)}
              error={errors.keywords}
              maxlength={120}
            />
            <Text className="field__label">需要带的材料（每行一项：名称，份数，说明）</Text>
            <Textarea
              className="field__input admin-textarea"
              value={draft.materials}
              maxlength={2000}
              aria-label="需要带的材料"
              onInput={(e) => set('materials', e.detail.value)}
            />
            {Object.keys(errors).some((k) => k.startsWith('materials')) && (
              <Text className="field__error">⚠ 材料填写有误：{Object.entries(errors).find(([k]) => k.startsWith('materials'))?.[1]}</Text>
            )}
            <Text className="field__label mine-gap">办理须知（每行一条）</Text>
            <Textarea
              className="field__input admin-textarea"
              value={draft.notes}
              maxlength={1200}
              aria-label="办理须知"
              onInput={(e) => set('notes', e.detail.value)}
            />
          </View>
          {failure && (
            <View className="card notice--bad" {...roleProps('alert')}>
              <Text>{failure}</Text>
            </View>
          )}
          <View className="row-actions">
            <Button className="btn btn--primary" disabled={busy || undefined} onClick={save}>
              {busy ? '正在保存…' : '保存'}
            </Button>
            <Button className="btn" onClick={() => (setDraft(null), config.reset())}>
              返回列表
            </Button>
          </View>
        </View>
      )}
    </PageShell>
  )
}
