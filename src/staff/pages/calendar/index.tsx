import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { PreviewView, SaveYearResult } from '@/contract/calendar'
import { monthDay } from '@/core/beijing-time'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { ChoiceChips } from '@/staff/components/choice-chips'
import '@/staff/components/admin.scss'
import './index.scss'

/** The lines of a State Council notice, in its order: the form starts with one of each. */
const NOTICE_NAMES = ['元旦', '春节', '清明节', '劳动节', '端午节', '中秋节', '国庆节']
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日']

interface LineText {
  name: string
  from: string
  to: string
  workdays: string
}

const blankLines = (): LineText[] => NOTICE_NAMES.map((name) => ({ name, from: '', to: '', workdays: '' }))

/** A date as typed — 2027-01-01, 1-1, 1/1 or 1月1日 — in the year being entered; what cannot be read goes as typed (the server names it). */
function typedDate(text: string, year: number): string {
  const t = text.trim()
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t)
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(t)
  const [y, m, d] = full ? [full[1], full[2], full[3]] : short ? [String(year), short[1], short[2]] : [null, null, null]
  return y ? `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}` : t
}

/** 年度放假安排 (区级管理员): the year's notice entered line by line, a month-grid preview of what changes, then a confirmed save. */
export default function YearArrangement() {
  const status = useCall('calendar', 'status', {})
  const s = status.data
  const choices = s
    ? [...new Set([...s.awaiting.map((a) => a.year), ...s.years.filter((y) => y.source !== 'package').map((y) => y.year)])].sort()
    : []
  const [year, setYear] = useState<number | null>(null)
  const chosen = year ?? choices[0] ?? null
  const stored = useCall('calendar', 'getYear', s?.canEnter && chosen ? { year: chosen } : null)
  const [lines, setLines] = useState<LineText[]>(blankLines())
  const calendar = useAction('calendar')
  const { busy, fieldErrors: errors } = calendar
  // Every problem in words at the top as well: a line's may sit far down the form.
  const failure = calendar.failure && [calendar.failure.message, Object.values(errors).join('；')].filter(Boolean).join('：')
  const [preview, setPreview] = useState<PreviewView | null>(null)
  const [saved, setSaved] = useState<SaveYearResult | null>(null)

  useEffect(() => {
    const v = stored.data
    if (!v) return
    setLines(
      v.lines.length
        ? v.lines.map((l) => ({ name: l.name, from: l.from, to: l.to, workdays: l.workdays.map(monthDay).join('、') }))
        : blankLines(),
    )
    setPreview(null)
  }, [stored.data])

  const edit = (i: number, patch: Partial<LineText>) => {
    setLines(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)))
    // What was previewed is no longer what would be saved.
    setPreview(null)
  }

  const arrangement = () => ({
    year: chosen!,
    lines: lines
      .filter((l) => l.from.trim() || l.to.trim() || l.workdays.trim())
      .map((l) => ({
        name: l.name,
        from: typedDate(l.from, chosen!),
        to: typedDate(l.to || l.from, chosen!),
        workdays: l.workdays
          .split(/[,，、\s]+/)
          .filter(Boolean)
          .map((d) => typedDate(d, chosen!)),
      })),
  })

  const doPreview = async () => {
    setSaved(null)
    const next = await calendar.run('previewYear', arrangement())
    if (next) setPreview(next)
  }

  const doSave = async () => {
    const result = await calendar.run('saveYear', { ...arrangement(), confirm: preview!.hash })
    if (!result) return
    setSaved(result)
    setPreview(null)
    status.reload()
    stored.reload()
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
  }

  // Indexes of the lines sent (blank ones are left out), so a field error lands on the line it names.
  const sentIndex = lines.map((l, i) => (l.from.trim() || l.to.trim() || l.workdays.trim() ? i : -1)).filter((i) => i >= 0)
  const errorOf = (i: number, field: string) => {
    const sent = sentIndex.indexOf(i)
    if (sent < 0) return undefined
    return Object.entries(errors).find(([k]) => k === `lines.${sent}.${field}` || k.startsWith(`lines.${sent}.${field}.`))?.[1]
  }

  return (
    <PageShell loading={status.loading && !s} error={status.error} onRetry={status.reload}>
      {s && (
        <View className="card">
          <Text className="card__title">各年份的放假安排</Text>
          {s.years.map((y) => (
            <Text key={y.year} className="card__line">
              {y.year} 年：{y.sourceText}
              {y.source === 'entered' ? `（第 ${y.version} 版，${y.enteredByName}）` : ''}
              {y.source === 'unknown' ? '——只按法定节假日和周末休息' : ''}
            </Text>
          ))}
          {!s.canEnter && <Text className="card__line mine-gap">只有区级管理员可以录入年度放假安排。</Text>}
        </View>
      )}
      {s && s.awaiting.length > 0 && (
        <View className="card banner banner--warn" {...roleProps('status')}>
          {s.awaiting.map((a) => (
            <Text key={a.year} className="card__line banner__text">
              ⚠ {a.text}
            </Text>
          ))}
        </View>
      )}

      {saved && (
        <View className={`card ${saved.affected.length ? 'notice--bad' : 'notice--ok'}`} {...roleProps('status')}>
          <Text className="card__line">✓ {saved.notice}</Text>
          {saved.affected.map((a) => (
            <Text key={`${a.centerName}-${a.date}-${a.start}-${a.serviceName}`} className="card__line">
              · {a.centerName} {a.serviceName} {monthDay(a.date)} {a.weekday} {a.start}–{a.end}（{a.reason}）：已发消息请办事人改约
            </Text>
          ))}
        </View>
      )}
      {failure && (
        <View className="card notice--bad" {...roleProps('alert')}>
          <Text>{failure}</Text>
        </View>
      )}

      {s?.canEnter && chosen && (
        <View className="card">
          <ChoiceChips
            label="录入哪一年"
            choices={choices.map((y) => ({ value: y, label: `${y} 年` }))}
            chosen={[chosen]}
            onChange={(v) => setYear(v[0])}
          />
          <Text className="card__line">
            按国务院办公厅的通知逐行填写：放假的起止日期，和调休上班的周六、周日。日期可写 1月1日 或 {chosen}-01-01；某一行不放假就空着。
          </Text>
          {errors.year && <Text className="field__error">⚠ {errors.year}</Text>}
          {lines.map((l, i) => (
            <View key={i} className="arrangement-line">
              <Field
                id={`l${i}-name`}
                label={`第 ${i + 1} 行 假日名称`}
                value={l.name}
                onChange={(v) => edit(i, { name: v })}
                error={errorOf(i, 'name')}
                maxlength={12}
              />
              <Field
                id={`l${i}-from`}
                label={`${l.name || '该假日'} 放假从`}
                value={l.from}
                onChange={(v) => edit(i, { from: v })}
                error={errorOf(i, 'from')}
                maxlength={10}
                placeholder="例如 1月1日"
              />
              <Field
                id={`l${i}-to`}
                label="放假到（含这一天）"
                value={l.to}
                onChange={(v) => edit(i, { to: v })}
                error={errorOf(i, 'to')}
                maxlength={10}
                placeholder="例如 1月3日"
              />
              <Field
                id={`l${i}-work`}
                label="调休上班日（周六或周日，可填多个）"
                value={l.workdays}
                onChange={(v) => edit(i, { workdays: v })}
                error={errorOf(i, 'workdays')}
                maxlength={60}
                placeholder="例如 2月20日、2月28日"
              />
            </View>
          ))}
          <View className="row-actions">
            <Button className="btn" onClick={() => setLines([...lines, { name: '', from: '', to: '', workdays: '' }])}>
              添加一行
            </Button>
            <Button className="btn btn--primary" disabled={busy || undefined} onClick={doPreview}>
              预览变化
            </Button>
          </View>
        </View>
      )}

      {preview && (
        <View>
          <View className="card" {...roleProps('region')} aria-label="预览">
            <Text className="card__title">预览：{preview.year} 年与“未录入”时相比的变化</Text>
            {preview.changes.length === 0 && <Text className="card__line">没有日期变化（只有法定节假日和周末休息）。</Text>}
            {preview.changes.map((c) => (
              <Text key={c.date} className="card__line">
                · {c.label}：{c.change === 'closes' ? `改为放假（${c.reason}）` : `改为上班（${c.reason}）`}
                {c.bookings > 0 ? `，已有 ${c.bookings} 个预约` : ''}
              </Text>
            ))}
            {preview.replacing && (
              <Text className="card__line mine-gap">
                将替换已保存的第 {preview.savedVersion} 版：与它相比有 {preview.differsFromSaved.length} 天不同
                {preview.differsFromSaved.length
                  ? `（${preview.differsFromSaved.map((d) => `${d.label}${d.change === 'closes' ? '放假' : '上班'}`).join('、')}）`
                  : ''}
                。
              </Text>
            )}
            {preview.affectedBookings > 0 && (
              <Text className="card__line">
                ⚠ 共 {preview.affectedBookings} 个预约落在放假的日子：保存后会给每位办事人发消息，请其改约。
              </Text>
            )}
          </View>
          <Text className="card__line calendar-legend">图例：休 = 不办公；班 = 调休上班；★ = 与未录入时不同；约N = 已有 N 个预约</Text>
          {preview.months.map((m) => (
            <View key={m.month} className="card month">
              <Text className="card__title">
                {preview.year} 年 {m.month} 月
              </Text>
              <View className="month__row month__head">
                {WEEK_HEAD.map((w) => (
                  <Text key={w} className="month__cell">
                    {w}
                  </Text>
                ))}
              </View>
              {m.weeks.map((week, k) => (
                <View key={k} className="month__row">
                  {week.map((d, j) =>
                    d ? (
                      <View
                        key={d.date}
                        className={`month__cell ${d.open ? '' : 'month__cell--closed'} ${d.change ? 'month__cell--changed' : ''}`}
                        aria-label={`${m.month}月${d.day}日 ${d.open ? '上班' : `休息${d.reason ? `（${d.reason}）` : ''}`}${d.change ? '，有变化' : ''}${d.bookings ? `，已有 ${d.bookings} 个预约` : ''}`}
                      >
                        <Text className="month__day">{d.day}</Text>
                        <Text className="month__mark">
                          {d.open ? (d.change ? '班' : '') : '休'}
                          {d.change ? '★' : ''}
                        </Text>
                        {d.bookings > 0 && <Text className="month__mark">约{d.bookings}</Text>}
                      </View>
                    ) : (
                      <View key={`pad-${j}`} className="month__cell month__cell--pad" />
                    ),
                  )}
                </View>
              ))}
            </View>
          ))}
          <View className="card confirm">
            <Text className="confirm__question">以上变化与通知一致吗？确认后保存，各中心即刻按此安排办公。</Text>
            <View className="confirm__actions">
              <Button className="btn btn--primary" disabled={busy || undefined} onClick={doSave}>
                {busy ? '正在保存…' : `确认无误，保存 ${preview.year} 年放假安排`}
              </Button>
              <Button className="btn" disabled={busy || undefined} onClick={() => setPreview(null)}>
                返回修改
              </Button>
            </View>
          </View>
        </View>
      )}
    </PageShell>
  )
}
