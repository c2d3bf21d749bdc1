/**
 * The production identity verifier's checks on WeChat's getinfo answer (cloud/entry/face-verifier.ts). WeChat itself
 * is not reached here (the capability needs a 政务 AppID): each test hands the verifier the answer WeChat would give.
 */
import { createHash } from 'node:crypto'
import { faceIdentifyApi, faceVerifier, FACE_INFO_OPENAPI, type FaceIdentifyInfo } from '@cloud/entry/face-verifier'
import { functionConfig, CLOUD_FUNCTIONS } from '@cloud/entry/deploy-config'
import { nthIdNumber } from '@test/support/id-numbers'

const NOW = new Date('2026-11-26T01:00:00Z')
const ID = nthIdNumber(100)
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex')
const request = { openid: 'o-wang', name: '王建国', idNumber: ID, verifyResult: 'vr-1' }
/** What WeChat answers for a face that matched, for this caller and person, a minute ago. */
const matched = (over: Partial<FaceIdentifyInfo> = {}): FaceIdentifyInfo => ({
  errcode: 0,
  identify_ret: 0,
  identify_time: NOW.getTime() / 1000 - 60,
  openid: 'o-wang',
  id_card_number_md5: md5(ID),
  name_utf8_md5: md5('王建国'),
  ...over,
})
const verifyWith = (info: FaceIdentifyInfo | Error, req = request) => {
  const asked: string[] = []
  const verifier = faceVerifier(
    async (key) => {
      asked.push(key)
      if (info instanceof Error) throw info
      return info
    },
    () => NOW,
  )
  return verifier.verify(req).then((outcome) => ({ outcome, asked }))
}

describe('faceVerifier', () => {
  it('verifies when WeChat says the face matched, for this caller, ID number and name, recently', async () => {
    expect(await verifyWith(matched())).toEqual({ outcome: 'verified', asked: ['vr-1'] })
  })
  it.each([
    ['the face did not match', { identify_ret: 10001 }],
    ['WeChat refused the key', { errcode: 40001 }],
    ['another caller’s result (a replayed key)', { openid: 'o-someone-else' }],
    ['another ID number', { id_card_number_md5: md5(nthIdNumber(101)) }],
    ['another name', { name_utf8_md5: md5('王建军') }],
    ['a result older than 10 minutes', { identify_time: NOW.getTime() / 1000 - 601 }],
    ['no time at all', { identify_time: undefined }],
  ])('refuses when %s', async (_what, over) => {
    expect((await verifyWith(matched(over as Partial<FaceIdentifyInfo>))).outcome).toBe('refused')
  })
  it('refuses without asking WeChat when the page sent no key', async () => {
    expect(await verifyWith(matched(), { ...request, verifyResult: null as never })).toEqual({ outcome: 'refused', asked: [] })
  })
  it('answers unavailable when WeChat cannot be reached (nothing recorded, try again)', async () => {
    expect((await verifyWith(new Error('timeout'))).outcome).toBe('unavailable')
  })
  it('compares the MD5s whatever their letter case', async () => {
    expect((await verifyWith(matched({ id_card_number_md5: md5(ID).toUpperCase() }))).outcome).toBe('verified')
  })
})

describe('faceIdentifyApi', () => {
  it('calls the cloud-call proxy at its path with the key, which the function is permitted to call', async () => {
    const calls: unknown[] = []
    const proxy = { cityservice: { faceIdentify: { getInfo: async (data: object) => (calls.push(data), matched()) } } }
    expect(await faceIdentifyApi(proxy)('vr-9')).toEqual(matched())
    expect(calls).toEqual([{ verifyResult: 'vr-9' }])
    expect(functionConfig(CLOUD_FUNCTIONS.find((f) => f.name === 'people')!)).toMatchObject({
      permissions: { openapi: expect.arrayContaining([FACE_INFO_OPENAPI]) },
    })
  })
})
