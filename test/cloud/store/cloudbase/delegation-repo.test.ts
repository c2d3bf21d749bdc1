/** The CloudBase case repo's photos beyond the port contract: documents written before photos moved to cloud storage. */
import { cloudbaseFileStore } from '@cloud/store/cloudbase/cloud-files'
import { createCloudbaseStore } from '@cloud/store/cloudbase/cloudbase-store'
import { seedCloudbase } from '@cloud/store/cloudbase/seed-cloudbase'
import { createCloudbaseDouble } from '@test/support/cloudbase-double'
import { TEST_PII } from '@test/support/test-keys'

const AT = '2026-11-26T02:00:00.000Z'

describe('cloudbaseCaseRepo.photo', () => {
  describe('when a photo document carries its data URL (written before cloud storage)', () => {
    it('answers the data URL as the stored field (read as it is, never copied)', async () => {
      const double = createCloudbaseDouble()
      await seedCloudbase(double.db)
      const store = createCloudbaseStore(double.db, TEST_PII, cloudbaseFileStore(double.cloud))
      const dataUrl = 'data:image/jpeg;base64,/9j/4AAQ'
      await double.db
        .collection('case_photos')
        .add({ data: { _id: 'ph-old', caseId: 'cs-old', openid: 'resident-a', dataUrl, bytes: 6, eventSeq: 3, createdAt: AT } })
      expect(await store.cases.photo('cs-old', 'ph-old')).toEqual({
        id: 'ph-old',
        caseId: 'cs-old',
        openid: 'resident-a',
        file: dataUrl,
        bytes: 6,
        eventSeq: 3,
        createdAt: AT,
      })
    })
  })
})
