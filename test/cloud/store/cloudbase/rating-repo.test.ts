import indexes from '../../../../cloudbase/indexes.json'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { CASE_COLLECTIONS } from '@cloud/store/cloudbase/delegation-docs'
import { foldCaseRatings, RATING_COLLECTIONS } from '@cloud/store/cloudbase/rating-repo'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

const NOW = '2026-11-26T02:00:00.000Z'

describe('foldCaseRatings (the CloudBase counterpart of SQLite migration 019)', () => {
  it('moves each older case rating into the ratings area once, with its case’s 事项 and clerk', async () => {
    const { db } = createCloudbaseDouble()
    await seedCloudbase(db)
    await db.collection(CASE_COLLECTIONS.cases).add({
      data: { _id: 'c-old-1', serviceId: 'lsw-pension-claim', assigneeOpenid: 'dev-clerk-liu', assigneeName: '刘芳' },
    })
    await db.collection(RATING_COLLECTIONS.legacyCases).add({
      data: { _id: 'c-old-1', centerId: 'lsw', openid: 'resident-a', stars: 1, comment: '太慢', flagged: true, at: NOW },
    })
    // Two containers starting at once: both fold, one rating stands.
    expect((await Promise.all([foldCaseRatings(db, CASE_COLLECTIONS.cases), foldCaseRatings(db, CASE_COLLECTIONS.cases)])).length).toBe(2)
    const store = createCloudbaseStore(db, TEST_PII)
    expect(await store.ratings.get('case', 'c-old-1')).toEqual({
      id: 'case:c-old-1',
      centerId: 'lsw',
      service: 'case',
      subjectId: 'c-old-1',
      openid: 'resident-a',
      level: 1,
      reasons: [],
      comment: '太慢',
      at: NOW,
      serviceId: 'lsw-pension-claim',
      window: null,
      workerOpenid: 'dev-clerk-liu',
      workerName: '刘芳',
      followUp: null,
    })
    expect((await db.collection(RATING_COLLECTIONS.legacyCases).limit(10).get()).data).toEqual([])
    expect(await foldCaseRatings(db, CASE_COLLECTIONS.cases)).toBe(0)
    expect(Object.keys(indexes.collections)).toEqual(expect.arrayContaining(['ratings', 'rating_settings', 'case_ratings']))
  })
})
