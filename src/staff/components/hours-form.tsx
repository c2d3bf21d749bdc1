import { Button, Text, View } from '@tarojs/components'
import { EARLIEST_OPEN, LATEST_CLOSE } from '@/core/config-impact'
import { WEEKDAYS, type Weekday } from '@/core/opening-hours'
import { HALF, WEEKDAY_NAME as NAME, type DayForm, type WeekForm } from './hours-form-state'
import { PickError, TimePick, Toggle } from './picker-fields'
import './hours-form.scss'

/**
 * 办公时间 as a week: each weekday open or closed (a switch), with a morning and an afternoon
 * session picked on time wheels (the form's state and what it sends: ./hours-form-state.ts).
 */

/** The week editor; `errors` are the action's field problems (`hours.sessions`, `hours.byWeekday.N`). */
export function HoursForm({
  form,
  onChange,
  errors,
}: {
  form: WeekForm
  onChange: (next: WeekForm, edited: string) => void
  errors: Record<string, string>
}) {
  const set = (d: Weekday, day: DayForm) => onChange({ ...form, [d]: day }, `hours.byWeekday.${d}`)
  const copyMonday = () => {
    const next = { ...form }
    for (const d of ['2', '3', '4', '5'] as const) next[d] = { ...form['1'], extra: [...form['1'].extra] }
    onChange(next, 'hours.sessions')
  }
  return (
    <View className="hours">
      <Text className="field__label">办公时间</Text>
      <Text className="field__hint">每天分上午、下午两段，点时间修改；法定节假日和周末按国家安排休息，不用在这里设置。</Text>
      <PickError id="hours-error" error={errors['hours.sessions']} />
      {WEEKDAYS.map((d) => {
        const day = form[d]
        const error = errors[`hours.byWeekday.${d}`]
        return (
          <View key={d} className={`hours__day ${error ? 'hours__day--error' : ''}`} id={`hours-${d}`}>
            <View className="hours__head">
              <Text className="hours__name">
                {NAME[d]}
                {d === '6' || d === '7' ? <Text className="hours__note">（只在调休上班时）</Text> : null}
              </Text>
              <Toggle
                id={`hours-${d}-open`}
                label={`${NAME[d]}是否办公`}
                on={day.open}
                onText="办公"
                offText="休息"
                onChange={(open) => set(d, { ...day, open, on: open && !day.on.am && !day.on.pm ? { am: true, pm: true } : day.on })}
              />
            </View>
            {day.open &&
              (['am', 'pm'] as const).map((half) => (
                <View key={half} className="hours__half">
                  <Toggle
                    id={`hours-${d}-${half}`}
                    label={`${NAME[d]}${HALF[half]}`}
                    on={day.on[half]}
                    onText={HALF[half]}
                    offText={`${HALF[half]}不办公`}
                    onChange={(on) => set(d, { ...day, on: { ...day.on, [half]: on } })}
                  />
                  {day.on[half] && (
                    <View className="hours__times">
                      {(['start', 'end'] as const).map((edge, i) => (
                        <View key={edge} className="hours__time">
                          {i === 1 && <Text className="hours__to">至</Text>}
                          <TimePick
                            id={`hours-${d}-${half}-${edge}`}
                            label={`${NAME[d]}${HALF[half]}${edge === 'start' ? '开始' : '结束'}时间`}
                            value={day.times[half][edge]}
                            start={EARLIEST_OPEN}
                            end={LATEST_CLOSE}
                            error={error}
                            onChange={(t) => set(d, { ...day, times: { ...day.times, [half]: { ...day.times[half], [edge]: t } } })}
                          />
                        </View>
                      ))}
                    </View>
                  )}
                </View>
              ))}
            {day.open && day.extra.length > 0 && (
              <Text className="field__hint">另有 {day.extra.map((s) => `${s.start}–${s.end}`).join('、')}（原有设置，保存后保留）</Text>
            )}
            <PickError id={`hours-${d}-error`} error={error} />
          </View>
        )
      })}
      <Button className="btn hours__copy" onClick={copyMonday}>
        周二至周五改成和周一一样
      </Button>
    </View>
  )
}
