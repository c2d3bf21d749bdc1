/** @timezone */
import { applyPause, caseDeadline, deadlineText, pausedWorkingDays, type CasePause, type DeadlineInput } from '@/core/delegation-deadline'
import type { CenterDays } from '@/core/opening-hours'
import { workingCalendar } from '@/core/working-calendar'

const calendar = workingCalendar()

/** An instant at a Beijing wall-clock time. */
const at = (date: string, time = '10:00') => `${date}T${time}:00+08:00`
const pause = (from: string, to: string | null): CasePause => ({ from: at(from), to: to ? at(to, '11:00') : null })

const deadline = (overrides: Partial<DeadlineInput> & { today?: string; centerDays?: CenterDays }) => {
  const { today, centerDays, ...rest } = overrides
  return caseDeadline({
    acceptedAt: at('2026-11-26'),
    processingDays: 5,
    pauses: [],
    now: new Date(at(today ?? '2026-11-26', '15:00')),
    calendar: workingCalendar({ centerDays }),
    ...rest,
  })
}

describe('caseDeadline', () => {
  describe('when nothing pauses the clock', () => {
    it('returns the date N working days after acceptance, skipping the weekend', () => {
      expect(deadline({})).toMatchObject({
        startDate: '2026-11-26',
        dueDate: '2026-12-03',
        pausedWorkingDays: 0,
        paused: false,
        overdue: false,
        remainingWorkingDays: 5,
        dueSoon: false,
      })
    })
    it('returns the Beijing date of an acceptance just after midnight Beijing (still the previous day in UTC)', () => {
      expect(deadline({ acceptedAt: '2026-11-25T16:30:00Z', processingDays: 1 }).dueDate).toBe('2026-11-27')
    })
  })

  describe('when the service is 当场办结 (0 days)', () => {
    it('returns the acceptance day as the due date, due soon', () => {
      expect(deadline({ processingDays: 0 })).toMatchObject({
        dueDate: '2026-11-26',
        remainingWorkingDays: 0,
        dueSoon: true,
        overdue: false,
      })
    })
    it('returns overdue by one working day the next day', () => {
      expect(deadline({ processingDays: 0, today: '2026-11-27' })).toMatchObject({
        overdue: true,
        overdueWorkingDays: 1,
        dueSoon: false,
        remainingWorkingDays: 0,
      })
    })
    it('returns the next working day for a case accepted on a holiday', () => {
      expect(deadline({ processingDays: 0, acceptedAt: at('2026-10-03'), today: '2026-10-03' })).toMatchObject({
        startDate: '2026-10-08',
        dueDate: '2026-10-08',
      })
    })
  })

  describe('when the limit runs across 国庆', () => {
    it('skips 1–7 October', () => {
      expect(deadline({ acceptedAt: at('2026-09-29'), processingDays: 3, today: '2026-09-29' }).dueDate).toBe('2026-10-09')
    })
    it('counts the 调休 Saturday 10 October as a working day', () => {
      expect(deadline({ acceptedAt: at('2026-09-29'), processingDays: 4, today: '2026-09-29' }).dueDate).toBe('2026-10-10')
      expect(deadline({ acceptedAt: at('2026-09-29'), processingDays: 5, today: '2026-09-29' }).dueDate).toBe('2026-10-12')
    })
    it('counts the 调休 Sunday 20 September and skips 中秋 25–27 September', () => {
      expect(deadline({ acceptedAt: at('2026-09-18'), processingDays: 2, today: '2026-09-18' }).dueDate).toBe('2026-09-21')
      expect(deadline({ acceptedAt: at('2026-09-23'), processingDays: 2, today: '2026-09-23' }).dueDate).toBe('2026-09-28')
    })
    it('starts the clock on 8 October for a case accepted online during the holiday', () => {
      expect(deadline({ acceptedAt: at('2026-10-03'), processingDays: 1, today: '2026-10-03' })).toMatchObject({
        startDate: '2026-10-08',
        dueDate: '2026-10-09',
        remainingWorkingDays: 2,
      })
    })
  })

  describe('when the center closes a day', () => {
    const centerDays = { closed: { '2026-11-27': '系统升级' }, open: {} }
    it('does not count the closed day', () => {
      expect(deadline({ processingDays: 2, centerDays }).dueDate).toBe('2026-12-01')
    })
    it('counts a Sunday the center opened', () => {
      expect(deadline({ processingDays: 2, centerDays: { closed: {}, open: { '2026-11-29': '集中办理日' } } }).dueDate).toBe('2026-11-29')
    })
  })

  describe('when the case was in 待补正 once', () => {
    it('returns the due date pushed by the working days after the request up to the reply', () => {
      // Asked Monday, supplied Wednesday: Tuesday and Wednesday do not count.
      expect(deadline({ pauses: [pause('2026-11-30', '2026-12-02')], today: '2026-12-02' })).toMatchObject({
        dueDate: '2026-12-07',
        pausedWorkingDays: 2,
        paused: false,
      })
    })
    it('returns no extension for a request answered the same day', () => {
      expect(deadline({ pauses: [pause('2026-11-30', '2026-11-30')], today: '2026-11-30' })).toMatchObject({
        dueDate: '2026-12-03',
        pausedWorkingDays: 0,
      })
    })
    it('returns no extension for a pause over a weekend only (asked Friday, supplied Sunday)', () => {
      expect(deadline({ pauses: [pause('2026-11-27', '2026-11-29')], today: '2026-11-30' })).toMatchObject({
        dueDate: '2026-12-03',
        pausedWorkingDays: 0,
      })
    })
  })

  describe('when the case is in 待补正 now', () => {
    it('returns paused, with the days left frozen at what they were when the request went out', () => {
      const onDay = deadline({ pauses: [pause('2026-11-30', null)], today: '2026-11-30' })
      const later = deadline({ pauses: [pause('2026-11-30', null)], today: '2026-12-04' })
      expect(onDay).toMatchObject({ paused: true, dueDate: '2026-12-03', remainingWorkingDays: 3, dueSoon: false })
      expect(later).toMatchObject({ paused: true, dueDate: '2026-12-09', pausedWorkingDays: 4, remainingWorkingDays: 3, overdue: false })
    })
    it('never returns due soon while paused, even with 0 days left', () => {
      expect(deadline({ processingDays: 0, pauses: [pause('2026-11-26', null)], today: '2026-11-27' })).toMatchObject({
        paused: true,
        dueSoon: false,
        overdue: false,
        dueDate: '2026-11-27',
      })
    })
  })

  describe('when the case was in 待补正 several times', () => {
    it('returns the sum of the pauses', () => {
      const pauses = [pause('2026-11-27', '2026-11-30'), pause('2026-12-01', '2026-12-01'), pause('2026-12-02', '2026-12-04')]
      // 1 (Mon 30) + 0 + 2 (Thu 3, Fri 4) = 3 working days: 3 Dec → 8 Dec.
      expect(deadline({ pauses, today: '2026-12-04' })).toMatchObject({
        pausedWorkingDays: 3,
        dueDate: '2026-12-08',
        paused: false,
        remainingWorkingDays: 2,
      })
    })
    it('returns the sum with the last one still open', () => {
      const pauses = [pause('2026-11-27', '2026-11-30'), pause('2026-12-02', null)]
      expect(deadline({ pauses, today: '2026-12-03' })).toMatchObject({ pausedWorkingDays: 2, dueDate: '2026-12-07', paused: true })
    })
  })

  describe('when a pause spans 国庆 and the 调休 Saturday', () => {
    it('counts only the working days of the pause', () => {
      // Accepted 29 Sep, 5 days: due 12 Oct. Paused 30 Sep → 9 Oct: only 8 and 9 Oct count.
      expect(deadline({ acceptedAt: at('2026-09-29'), pauses: [pause('2026-09-30', '2026-10-09')], today: '2026-10-09' })).toMatchObject({
        pausedWorkingDays: 2,
        dueDate: '2026-10-14',
      })
    })
    it('counts the 调休 Saturday inside a pause', () => {
      // Paused Fri 9 Oct → Mon 12 Oct: Sat 10 (调休) and Mon 12 count.
      expect(deadline({ acceptedAt: at('2026-09-29'), pauses: [pause('2026-10-09', '2026-10-12')], today: '2026-10-12' })).toMatchObject({
        pausedWorkingDays: 2,
        dueDate: '2026-10-14',
      })
    })
    it('does not count a center closure inside a pause', () => {
      const centerDays = { closed: { '2026-12-01': '系统升级' }, open: {} }
      // Due without pause: 27, 30, 2, 3, 4 → 4 Dec. Paused 30 Nov → 2 Dec: only 2 Dec counts → 7 Dec.
      expect(deadline({ centerDays, pauses: [pause('2026-11-30', '2026-12-02')], today: '2026-12-02' })).toMatchObject({
        pausedWorkingDays: 1,
        dueDate: '2026-12-07',
      })
    })
  })

  describe('when the due date is near', () => {
    it('returns due soon on the day before the due date', () => {
      expect(deadline({ today: '2026-12-02' })).toMatchObject({ remainingWorkingDays: 1, dueSoon: true })
    })
    it('returns due soon on a Friday for a case due Monday', () => {
      expect(deadline({ processingDays: 2, today: '2026-11-27' })).toMatchObject({
        dueDate: '2026-11-30',
        remainingWorkingDays: 1,
        dueSoon: true,
      })
    })
    it('returns not due soon with 2 working days left', () => {
      expect(deadline({ today: '2026-12-01' })).toMatchObject({ remainingWorkingDays: 2, dueSoon: false })
    })
  })

  describe('when the due date has passed', () => {
    it('returns overdue by working days', () => {
      expect(deadline({ today: '2026-12-07' })).toMatchObject({ overdue: true, overdueWorkingDays: 2, dueSoon: false })
    })
    it('returns overdue by 0 working days on the Saturday after a Friday due date', () => {
      expect(deadline({ processingDays: 1, today: '2026-11-28' })).toMatchObject({
        dueDate: '2026-11-27',
        overdue: true,
        overdueWorkingDays: 0,
      })
    })
  })

  describe('when the clock has stopped (concluded)', () => {
    it('returns on time for a case concluded on its due date, whatever today is', () => {
      expect(deadline({ stoppedAt: at('2026-12-03', '16:00'), today: '2026-12-20' })).toMatchObject({
        stopped: true,
        overdue: false,
        dueSoon: false,
        paused: false,
      })
    })
    it('returns overdue for a case concluded after its due date', () => {
      expect(deadline({ stoppedAt: at('2026-12-04'), today: '2026-12-20' })).toMatchObject({
        stopped: true,
        overdue: true,
        overdueWorkingDays: 1,
      })
    })
    it('returns a pause left open by a withdrawal counted up to the stop only', () => {
      expect(deadline({ pauses: [pause('2026-11-30', null)], stoppedAt: at('2026-12-01'), today: '2026-12-20' })).toMatchObject({
        paused: false,
        pausedWorkingDays: 1,
      })
    })
  })
})

describe('pausedWorkingDays', () => {
  describe('when a closed pause ends after `until`', () => {
    it('returns only the days up to `until`', () => {
      expect(pausedWorkingDays([pause('2026-11-30', '2026-12-04')], '2026-12-02', calendar)).toBe(2)
    })
  })
})

describe('applyPause', () => {
  describe('when a case enters 待补正', () => {
    it('returns the pauses with a new open one', () => {
      expect(applyPause([], 'processing', 'needs_supplement', 'T1')).toEqual([{ from: 'T1', to: null }])
    })
  })
  describe('when a case leaves 待补正', () => {
    it('returns the open pause closed, leaving the input untouched', () => {
      const before = [
        { from: 'T0', to: 'T0b' },
        { from: 'T1', to: null },
      ]
      expect(applyPause(before, 'needs_supplement', 'processing', 'T2')).toEqual([
        { from: 'T0', to: 'T0b' },
        { from: 'T1', to: 'T2' },
      ])
      expect(before[1].to).toBeNull()
    })
    it('closes the pause when the case is withdrawn from 待补正', () => {
      expect(applyPause([{ from: 'T1', to: null }], 'needs_supplement', 'withdrawn', 'T2')).toEqual([{ from: 'T1', to: 'T2' }])
    })
  })
  describe('when the step has nothing to do with 待补正', () => {
    it('returns the same pauses', () => {
      expect(applyPause([{ from: 'T0', to: 'T1' }], 'processing', 'submitted', 'T2')).toEqual([{ from: 'T0', to: 'T1' }])
    })
  })
})

describe('deadlineText', () => {
  describe('when the case runs', () => {
    it('returns the due date and the days left', () =>
      expect(deadlineText(deadline({}))).toBe('承诺 12月3日 周四 前办结（还剩 5 个工作日）'))
    it('returns today for a case due today', () =>
      expect(deadlineText(deadline({ processingDays: 0 }))).toBe('承诺今天（11月26日 周四）办结'))
  })
  describe('when the case waits for a supplement', () => {
    it('returns that the clock stands still', () =>
      expect(deadlineText(deadline({ pauses: [pause('2026-11-30', null)], today: '2026-12-01' }))).toBe(
        '等待补交材料，暂停计时（材料补齐后还剩 3 个工作日）',
      ))
  })
  describe('when the case is late', () => {
    it('returns how late', () =>
      expect(deadlineText(deadline({ today: '2026-12-07' }))).toBe('已超过承诺时限（应于 12月3日 周四 前办结，已超 2 个工作日）'))
  })
  describe('when the case has been concluded', () => {
    it('returns whether it was on time', () => {
      expect(deadlineText(deadline({ stoppedAt: at('2026-12-01') }))).toBe('在承诺时限内办结（12月3日 周四 前）')
      expect(deadlineText(deadline({ stoppedAt: at('2026-12-04') }))).toBe('超过承诺时限办结（应于 12月3日 周四 前）')
    })
  })
})
