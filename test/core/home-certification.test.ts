/** @timezone */
import {
  checkEligibility,
  coveredUntilRenewal,
  DEFAULT_HOMECERT_RULES,
  disabilityCertProblem,
  disabilityOf,
  dueSoonFrom,
  homecertRulesFor,
  isOverdue,
  nextDueDate,
  outcomeDateProblem,
  visitDateProblem,
  windowDates,
  windowProblems,
  windowText,
} from '@/core/home-certification'
import { idNumberFor } from '../support/id-numbers'
import { workingCalendar } from '@/core/working-calendar'

const calendar = workingCalendar()

const TODAY = '2026-11-26' // a Thursday

describe('checkEligibility', () => {
  describe('when the category is 高龄', () => {
    const bornOn = (date: string) => idNumberFor(date, 7)

    it('returns eligible on the 80th birthday itself', () => {
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1946-11-26') }, TODAY)).toEqual({ eligible: true })
    })
    it('refuses the day before the 80th birthday, with the age and what to do instead', () => {
      const result = checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1946-11-27') }, TODAY)
      expect(result).toMatchObject({ eligible: false, field: 'category' })
      expect(result.eligible === false && result.message).toContain('今年 79 周岁，未满 80 周岁')
      expect(result.eligible === false && result.message).toContain('静默认证')
      expect(result.eligible === false && result.message).toContain('窗口')
    })
    it('returns eligible at 85 and at 100', () => {
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1941-05-01') }, TODAY).eligible).toBe(true)
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1926-01-01') }, TODAY).eligible).toBe(true)
    })
    it('counts someone born on 29 February as 80 on 1 March of a common year, not on 28 February', () => {
      const leap = bornOn('1944-02-29')
      expect(checkEligibility({ category: 'elderly', elderIdNumber: leap }, '2024-02-28').eligible).toBe(false)
      expect(checkEligibility({ category: 'elderly', elderIdNumber: leap }, '2024-02-29').eligible).toBe(true)
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1945-02-28') }, '2025-02-28').eligible).toBe(true)
    })
    it('uses the center’s own threshold', () => {
      const rules = homecertRulesFor({ minAge: 75 })
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1951-11-26') }, TODAY, rules).eligible).toBe(true)
      expect(checkEligibility({ category: 'elderly', elderIdNumber: bornOn('1951-11-27') }, TODAY, rules)).toMatchObject({
        eligible: false,
      })
    })
  })

  describe('when the category is 残疾', () => {
    const id = idNumberFor('1950-03-15', 21)
    it('returns eligible for the elder’s own certificate number', () => {
      expect(checkEligibility({ category: 'disabled', elderIdNumber: id, disabilityCertNumber: `${id}42` }, TODAY)).toEqual({
        eligible: true,
      })
    })
    it('refuses a missing certificate number on its field', () => {
      expect(checkEligibility({ category: 'disabled', elderIdNumber: id }, TODAY)).toMatchObject({
        eligible: false,
        field: 'disabilityCertNumber',
      })
    })
    it('refuses somebody else’s certificate, saying it is not this elder’s', () => {
      const other = idNumberFor('1950-03-15', 22)
      const result = checkEligibility({ category: 'disabled', elderIdNumber: id, disabilityCertNumber: `${other}42` }, TODAY)
      expect(result).toMatchObject({ eligible: false, field: 'disabilityCertNumber' })
      expect(result.eligible === false && result.message).toContain('与老人的身份证号码不一致')
    })
  })

  describe.each([
    ['solitary', '老人独居或无人照料'],
    ['ill', '病情'],
    ['other', '不能到中心认证的原因'],
  ] as const)('when the category is %s', (category, asks) => {
    it('refuses without a reason, asking for it', () => {
      const result = checkEligibility({ category, elderIdNumber: idNumberFor('1960-01-01', 1), reason: '  ' }, TODAY)
      expect(result).toMatchObject({ eligible: false, field: 'reason' })
      expect(result.eligible === false && result.message).toContain(asks)
    })
    it('refuses a reason under 4 characters and accepts one of 4', () => {
      expect(checkEligibility({ category, elderIdNumber: idNumberFor('1960-01-01', 1), reason: '卧床' }, TODAY).eligible).toBe(false)
      expect(checkEligibility({ category, elderIdNumber: idNumberFor('1960-01-01', 1), reason: '长期卧床' }, TODAY).eligible).toBe(true)
    })
  })
})

describe('disabilityCertProblem', () => {
  const id = '11010519491231002X'
  it('returns null for the holder’s ID number + category 1–7 + grade 1–4, in any case and with spaces', () => {
    for (const kind of '1234567') for (const grade of '1234') expect(disabilityCertProblem(`${id}${kind}${grade}`, id)).toBeNull()
    expect(disabilityCertProblem('110105 19491231002x 42', id.toLowerCase())).toBeNull()
  })
  it.each([
    ['18 characters', id],
    ['19 characters', `${id}4`],
    ['21 characters', `${id}421`],
    ['a letter in the suffix', `${id}4A`],
    ['an X in the middle', '1101051949123X002X42'],
  ])('returns format for %s', (_label, cert) => {
    expect(disabilityCertProblem(cert, id)).toBe('format')
  })
  it('returns kind for category 0, 8 or 9', () => {
    for (const kind of '089') expect(disabilityCertProblem(`${id}${kind}1`, id)).toBe('kind')
  })
  it('returns grade for grade 0 or 5–9', () => {
    for (const grade of '056789') expect(disabilityCertProblem(`${id}1${grade}`, id)).toBe('grade')
  })
  it('returns not_this_person when one digit of the ID part differs', () => {
    expect(disabilityCertProblem(`110105194912310021` + '42', id)).toBe('not_this_person')
  })
  it('reads the category and grade', () => {
    expect(disabilityOf(`${id}42`)).toEqual({ kind: '肢体残疾', grade: '二级' })
    expect(disabilityOf(`${id}71`)).toEqual({ kind: '多重残疾', grade: '一级' })
  })
})

describe('windowDates', () => {
  it('returns working days from tomorrow, weekends left out', () => {
    const dates = windowDates(TODAY, calendar, { ...DEFAULT_HOMECERT_RULES, windowHorizonWorkingDays: 3 })
    expect(dates).toEqual(['2026-11-27', '2026-11-30', '2026-12-01'])
  })
  it('skips 国庆 and takes the 调休 Saturday', () => {
    expect(windowDates('2026-09-29', calendar, { ...DEFAULT_HOMECERT_RULES, windowHorizonWorkingDays: 4 })).toEqual([
      '2026-09-30',
      '2026-10-08',
      '2026-10-09',
      '2026-10-10',
    ])
  })
  it('leaves out the center’s own closures', () => {
    expect(
      windowDates(TODAY, workingCalendar({ centerDays: { closed: { '2026-11-30': '系统升级' }, open: {} } }), {
        ...DEFAULT_HOMECERT_RULES,
        windowHorizonWorkingDays: 2,
      }),
    ).toEqual(['2026-11-27', '2026-12-01'])
  })
})

describe('windowProblems', () => {
  it('returns nothing for up to three distinct offered half-days', () => {
    expect(
      windowProblems(
        [
          { date: '2026-11-27', half: 'am' },
          { date: '2026-11-27', half: 'pm' },
          { date: '2026-11-30', half: 'am' },
        ],
        TODAY,
        calendar,
      ),
    ).toEqual({})
  })
  it('refuses none and more than three', () => {
    expect(windowProblems([], TODAY, calendar)).toEqual({ windows: '请至少选择 1 个方便上门的时间' })
    const four = ['2026-11-27', '2026-11-30', '2026-12-01', '2026-12-02'].map((date) => ({ date, half: 'am' as const }))
    expect(windowProblems(four, TODAY, calendar)).toEqual({ windows: '最多选择 3 个时间' })
  })
  it('says for each bad half-day what is wrong with it', () => {
    expect(
      windowProblems(
        [
          { date: TODAY, half: 'pm' },
          { date: '2026-11-28', half: 'am' },
          { date: '2026-12-31', half: 'am' },
        ],
        TODAY,
        calendar,
      ),
    ).toEqual({
      'windows.0': '11月26日已过或是今天，请从明天起选择',
      'windows.1': '11月28日不上班（周末休息），请选择工作日',
      'windows.2': '最晚只能选到 12月10日',
    })
    expect(
      windowProblems(
        [
          { date: '2026-11-27', half: 'am' },
          { date: '2026-11-27', half: 'am' },
        ],
        TODAY,
        calendar,
      ),
    ).toEqual({ 'windows.1': '11月27日 周五 上午选了两次' })
  })
  it('writes a half-day in words', () => {
    expect(windowText({ date: '2026-11-30', half: 'pm' })).toBe('11月30日 周一 下午')
  })
})

describe('visitDateProblem', () => {
  it('accepts today and a working day within 20 working days', () => {
    expect(visitDateProblem(TODAY, TODAY, calendar)).toBeNull()
    expect(visitDateProblem('2026-12-24', TODAY, calendar)).toBeNull()
  })
  it('refuses a past date, a weekend and a date past the horizon', () => {
    expect(visitDateProblem('2026-11-25', TODAY, calendar)).toBe('上门日期已过，请重新选择')
    expect(visitDateProblem('2026-11-29', TODAY, calendar)).toBe('11月29日不上班（周末休息），请选择工作日')
    expect(visitDateProblem('2027-01-05', TODAY, calendar)).toBe('上门日期请不要晚于 12月24日')
  })
})

describe('isOverdue', () => {
  describe('when submitted on a Thursday', () => {
    it('returns false through the third working day (Tuesday) and true on the fourth', () => {
      expect(isOverdue('2026-11-26', '2026-11-26', calendar)).toBe(false)
      expect(isOverdue('2026-11-26', '2026-11-29', calendar)).toBe(false)
      expect(isOverdue('2026-11-26', '2026-12-01', calendar)).toBe(false)
      expect(isOverdue('2026-11-26', '2026-12-02', calendar)).toBe(true)
    })
  })
  describe('when 国庆 falls in between', () => {
    it('does not count the holiday', () => {
      expect(isOverdue('2026-09-29', '2026-10-08', calendar)).toBe(false)
      expect(isOverdue('2026-09-29', '2026-10-10', calendar)).toBe(true)
    })
  })
  it('uses the center’s own number of days', () => {
    expect(isOverdue('2026-11-26', '2026-11-27', calendar, homecertRulesFor({ overdueWorkingDays: 0 }))).toBe(true)
  })
})

describe('the yearly cycle', () => {
  describe('nextDueDate', () => {
    it('returns the same date next year', () => {
      expect(nextDueDate('2026-11-26')).toBe('2027-11-26')
      expect(nextDueDate('2026-12-31')).toBe('2027-12-31')
    })
    it('returns 28 February for a certification on 29 February', () => {
      expect(nextDueDate('2028-02-29')).toBe('2029-02-28')
    })
  })
  describe('coveredUntilRenewal', () => {
    it('returns true until 30 days before the next due date, false from then', () => {
      expect(dueSoonFrom('2027-11-26')).toBe('2027-10-27')
      expect(coveredUntilRenewal('2026-11-26', '2027-10-26')).toBe(true)
      expect(coveredUntilRenewal('2026-11-26', '2027-10-27')).toBe(false)
      expect(coveredUntilRenewal('2026-11-26', '2028-01-01')).toBe(false)
    })
    it('uses the center’s own lead', () => {
      expect(coveredUntilRenewal('2026-11-26', '2027-11-01', homecertRulesFor({ dueSoonDays: 10 }))).toBe(true)
    })
  })
})

describe('homecertRulesFor', () => {
  it('keeps the defaults for what a center does not override, and ignores non-numbers', () => {
    expect(homecertRulesFor({ minAge: 75, maxWindows: 'x' as never })).toEqual({ ...DEFAULT_HOMECERT_RULES, minAge: 75 })
  })
})

describe('outcomeDateProblem', () => {
  describe('when the outcome is recorded on or after the agreed visit day', () => {
    it('returns null', () => {
      expect(outcomeDateProblem('2026-12-08', '2026-12-08', null)).toBeNull()
      expect(outcomeDateProblem('2026-12-09', '2026-12-08', null)).toBeNull()
    })
  })
  describe('when it is recorded before the agreed day', () => {
    it('returns the agreed day and asks for a reason', () =>
      expect(outcomeDateProblem('2026-12-07', '2026-12-08', null)).toBe(
        '约定的上门日期是 12月8日，当天或之后才能记录结果；确需提前记录，请写明原因',
      ))
    it('returns null with a reason', () => expect(outcomeDateProblem('2026-12-07', '2026-12-08', '老人次日住院，家属请求提前')).toBeNull())
  })
  describe('when no visit was agreed (未遇 reset it, or the request was closed otherwise)', () => {
    it('returns null', () => expect(outcomeDateProblem('2026-12-07', null, undefined)).toBeNull())
  })
})
