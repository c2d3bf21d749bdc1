import { Button, Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import type { HomecertDetail } from '@/contract/homecert'
import { HALF_DAY_TEXT, HALF_DAYS, windowText, type HalfDay, type VisitWindow } from '@/core/home-certification'
import { useCall } from '@/hooks/use-call'

/**
 * 约定上门时间: one of the family's half-days, or another date with a note. It keeps its own choices; the page
 * gives it a new key after each step so the form starts empty again.
 */
export function ScheduleCard({
  r,
  centerId,
  busy,
  onSchedule,
}: {
  r: HomecertDetail
  centerId: string
  busy: boolean
  onSchedule: (visit: VisitWindow & { note?: string }) => void
}) {
  const options = useCall('homecert', 'options', { centerId })
  const [visit, setVisit] = useState<VisitWindow | null>(null)
  const [other, setOther] = useState(false)
  const [otherDate, setOtherDate] = useState<string | null>(null)
  const [otherHalf, setOtherHalf] = useState<HalfDay>('am')
  const [note, setNote] = useState('')
  const chosenVisit: VisitWindow | null = other ? (otherDate ? { date: otherDate, half: otherHalf } : null) : visit
  const otherDates = options.data ? [{ date: options.data.today, weekday: '', label: '今天' }, ...options.data.dates] : []

  return (
    <View className="card">
      <Text className="card__title" id="visit-label">
        {r.visit ? '修改上门时间' : '约定上门时间'}
      </Text>
      <Text className="card__line">请先电话联系申请人，再选择约定好的时间。</Text>
      <View className="choices choices--wrap hc-choices--two hc-gap" {...roleProps('radiogroup')} aria-labelledby="visit-label">
        {r.windows.map((w) => {
          const on = !other && visit?.date === w.date && visit?.half === w.half
          return (
            <Button
              key={`${w.date}-${w.half}`}
              className={`choice hc-choice ${on ? 'choice--on' : ''}`}
              {...roleProps('radio')}
              aria-checked={on}
              onClick={() => {
                setOther(false)
                setVisit({ date: w.date, half: w.half })
              }}
            >
              {on ? '✓ ' : ''}
              {w.text}
            </Button>
          )
        })}
        <Button
          className={`choice hc-choice ${other ? 'choice--on' : ''}`}
          {...roleProps('radio')}
          aria-checked={other}
          onClick={() => setOther(true)}
        >
          {other ? '✓ ' : ''}其他时间
        </Button>
      </View>
      {other && (
        <View>
          <Text className="field__label" id="other-date-label">
            日期
          </Text>
          <View className="choices choices--wrap hc-choices--two" {...roleProps('radiogroup')} aria-labelledby="other-date-label">
            {otherDates.map((d) => (
              <Button
                key={d.date}
                className={`choice hc-choice ${otherDate === d.date ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={otherDate === d.date}
                onClick={() => setOtherDate(d.date)}
              >
                {otherDate === d.date ? '✓ ' : ''}
                {d.label} {d.weekday}
              </Button>
            ))}
          </View>
          <View className="choices choices--wrap" {...roleProps('radiogroup')} aria-label="上午或下午">
            {HALF_DAYS.map((h) => (
              <Button
                key={h}
                className={`choice hc-choice ${otherHalf === h ? 'choice--on' : ''}`}
                {...roleProps('radio')}
                aria-checked={otherHalf === h}
                onClick={() => setOtherHalf(h)}
              >
                {otherHalf === h ? '✓ ' : ''}
                {HALF_DAY_TEXT[h]}
              </Button>
            ))}
          </View>
          <Text className="field__label" id="visit-note-label">
            说明（不在家属选的时间内，必填）
          </Text>
          <Textarea
            className="text-area"
            value={note}
            maxlength={200}
            aria-labelledby="visit-note-label"
            placeholder="如：已电话与家属约定"
            onInput={(e) => setNote(e.detail.value)}
          />
        </View>
      )}
      {chosenVisit && (
        <Button
          className="btn btn--primary btn--block hc-gap"
          disabled={busy || undefined}
          onClick={() => onSchedule({ date: chosenVisit.date, half: chosenVisit.half, note: note.trim() || undefined })}
        >
          {busy ? '正在保存…' : `确认上门时间：${windowText(chosenVisit)}`}
        </Button>
      )}
    </View>
  )
}
