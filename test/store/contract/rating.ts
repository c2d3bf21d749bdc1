/**
 * The ratings part of the store contract (好差评): one rating per service instance even when two race, lists of
 * one service's ratings, a 差评's follow-up answered once, a center's rules. Listed in test/store/store-contract.ts.
 */
import type { RatingRecord, Store } from '@cloud/store/port'

const AT = '2026-11-26T02:00:00.000Z'

/** A rating as the `rating` function writes it; a 差评 (level ≤ 2) with its follow-up open. */
export function ratingRecord(over: Partial<RatingRecord> & Pick<RatingRecord, 'service' | 'subjectId'>): RatingRecord {
  const level = over.level ?? 4
  return {
    id: `${over.service}:${over.subjectId}`,
    centerId: 'lsw',
    openid: 'resident-a',
    level,
    reasons: level <= 2 ? ['slow'] : [],
    comment: null,
    at: AT,
    serviceId: 'lsw-pension-claim',
    window: 1,
    workerOpenid: 'dev-clerk-liu',
    workerName: '刘芳',
    followUp: level <= 2 ? { due: '2026-12-03', answer: null, answeredAt: null, answeredBy: null, answeredByName: null } : null,
    ...over,
  }
}

export function ratingsContract(current: () => Store): void {
  it('keeps one rating per instance when two race, and reads them back whole', async () => {
    const r = current().ratings
    const bad = ratingRecord({ service: 'counter', subjectId: 't1', level: 2, comment: '等了很久' })
    const both = await Promise.all([r.rate(bad), r.rate({ ...bad, level: 5, reasons: [], followUp: null })])
    expect(both.filter(Boolean)).toHaveLength(1)
    const stored = await r.get('counter', 't1')
    expect(stored?.level === 2 ? stored : null).toEqual(bad)
    // The same subject id under another service is another instance.
    expect(await r.rate(ratingRecord({ service: 'case', subjectId: 't1' }))).toBe(true)
    expect(await r.get('homecert', 't1')).toBeNull()
    expect((await r.ofSubjects('counter', ['t1', 'nope'])).map((x) => x.id)).toEqual(['counter:t1'])
    expect(await r.ofSubjects('case', [])).toEqual([])
  })

  it('lists open follow-ups by due day and answers each once', async () => {
    const r = current().ratings
    await r.rate(
      ratingRecord({
        service: 'counter',
        subjectId: 'late',
        level: 1,
        followUp: { due: '2026-12-05', answer: null, answeredAt: null, answeredBy: null, answeredByName: null },
      }),
    )
    await r.rate(ratingRecord({ service: 'homecert', subjectId: 'early', level: 2 }))
    await r.rate(ratingRecord({ service: 'case', subjectId: 'good', level: 5 }))
    await r.rate(ratingRecord({ service: 'case', subjectId: 'other-center', level: 1, centerId: 'yz' }))
    expect((await r.followUps('lsw', false, 10)).map((x) => x.id)).toEqual(['homecert:early', 'counter:late'])
    expect(await r.followUps('lsw', true, 10)).toEqual([])

    const answer = { answer: '已提醒窗口加开', at: '2026-11-27T03:00:00.000Z', by: 'dev-admin-sun', byName: '孙丽' }
    const twice = await Promise.all([r.answer('homecert:early', answer), r.answer('homecert:early', { ...answer, answer: '第二次' })])
    expect(twice.filter(Boolean)).toHaveLength(1)
    const answered = await r.get('homecert', 'early')
    expect(answered?.followUp).toEqual({
      due: '2026-12-03',
      answer: expect.any(String),
      answeredAt: answer.at,
      answeredBy: 'dev-admin-sun',
      answeredByName: '孙丽',
    })
    expect(await r.answer('case:good', answer)).toBeNull() // no follow-up to answer
    expect(await r.answer('case:none', answer)).toBeNull()
    expect((await r.followUps('lsw', false, 10)).map((x) => x.id)).toEqual(['counter:late'])
    expect((await r.followUps('lsw', true, 10)).map((x) => x.id)).toEqual(['homecert:early'])
    expect((await r.followUps('lsw', false, 1)).length).toBe(1)
  })

  it('purges the words and the openid of counter and home-certification ratings given before the cut-off, once', async () => {
    const r = current().ratings
    const OLD = '2026-04-01T02:00:00.000Z'
    await r.rate(ratingRecord({ service: 'counter', subjectId: 'old', at: OLD, comment: '王大爷说太慢', level: 1 }))
    await r.rate(ratingRecord({ service: 'homecert', subjectId: 'old', at: OLD, comment: '很好' }))
    await r.rate(ratingRecord({ service: 'counter', subjectId: 'recent', comment: '很快' }))
    await r.rate(ratingRecord({ service: 'case', subjectId: 'old', at: OLD, comment: '随代办件清除' }))
    const cutoff = { before: '2026-06-01T00:00:00.000Z', beforeDate: '2026-06-01' }
    expect(await r.purgePersonalData(cutoff)).toBe(2)
    expect(await r.get('counter', 'old')).toMatchObject({
      comment: null,
      openid: 'purged:counter:old',
      level: 1,
      reasons: ['slow'],
      workerName: '刘芳',
    })
    expect(await r.get('homecert', 'old')).toMatchObject({ comment: null, openid: 'purged:homecert:old' })
    expect(await r.get('counter', 'recent')).toMatchObject({ comment: '很快', openid: 'resident-a' })
    expect(await r.get('case', 'old')).toMatchObject({ comment: '随代办件清除' })
    expect(await r.purgePersonalData(cutoff)).toBe(0)
  })

  it('keeps a center’s rating rules', async () => {
    const r = current().ratings
    expect(await r.rules('lsw')).toBeNull()
    await r.saveRules('lsw', { followUpWorkingDays: 3 })
    await r.saveRules('lsw', { followUpWorkingDays: 7 })
    expect(await r.rules('lsw')).toEqual({ followUpWorkingDays: 7 })
    expect(await r.rules('yz')).toBeNull()
  })
}
