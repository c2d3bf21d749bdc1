import { hoursOfWeekForm, weekFormOf } from '@/staff/components/hours-form-state'

const AM = { start: '08:30', end: '12:00' }
const PM = { start: '13:30', end: '17:30' }
const STORED = { sessions: [AM, PM], byWeekday: { '5': [AM], '3': [] } }

describe('weekFormOf', () => {
  it('returns every weekday with its halves switched on or off', () => {
    const form = weekFormOf(STORED)
    expect(form['1']).toEqual({ open: true, on: { am: true, pm: true }, times: { am: AM, pm: PM }, extra: [] })
    expect(form['3'].open).toBe(false)
    // Friday's afternoon is off but keeps the usual times, ready to be switched back on.
    expect(form['5']).toEqual({
      open: true,
      on: { am: true, pm: false },
      times: { am: AM, pm: { start: '13:30', end: '17:00' } },
      extra: [],
    })
  })
})

describe('hoursOfWeekForm', () => {
  it('returns every weekday and the usual day, which the server compacts back to what was stored', () => {
    const { hours, problems } = hoursOfWeekForm(weekFormOf(STORED))
    expect(problems).toEqual({})
    expect(hours.sessions).toEqual([AM, PM])
    expect(hours.byWeekday).toEqual({ '1': [AM, PM], '2': [AM, PM], '3': [], '4': [AM, PM], '5': [AM], '6': [AM, PM], '7': [AM, PM] })
  })

  describe('when a weekday is switched to 办公 with both halves off', () => {
    it('returns a problem keyed as the server keys that weekday, saying what to do', () => {
      const form = weekFormOf(STORED)
      form['2'] = { ...form['2'], on: { am: false, pm: false } }
      expect(hoursOfWeekForm(form).problems).toEqual({
        'hours.byWeekday.2': '周二设为办公时，请至少打开上午或下午；不办公请把“办公”关掉',
      })
    })
  })

  describe('when every weekday is closed', () => {
    it('returns an empty usual day, which the contract refuses in words', () => {
      const form = weekFormOf(STORED)
      for (const d of ['1', '2', '3', '4', '5', '6', '7'] as const) form[d] = { ...form[d], open: false }
      expect(hoursOfWeekForm(form).hours.sessions).toEqual([])
    })
  })
})
