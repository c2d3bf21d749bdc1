/**
 * The production identity verifier (`IDENTITY_VERIFICATION=wechat` on CloudBase): WeChat real-name face verification
 * for government mini-programs. The page calls `wx.startFacialRecognitionVerify({ name, idCardNumber })` with the
 * recorded identity and sends the `verifyResult` key it gets; here that key is checked with WeChat
 * (`POST /cityservice/face/identify/getinfo` with `{ verify_result }`), and the identity counts as verified only when
 * WeChat says the face matched (`identify_ret` 0), for this caller (`openid`), for this ID number and name (their MD5s),
 * recently (`identify_time`, so an old key cannot be replayed later).
 *
 * Not exercised against WeChat here: the capability needs a 政务/医疗 category AppID. What is tested
 * (test/cloud/entry/face-verifier.test.ts) is every check on WeChat's answer. To confirm in a real environment
 * (docs/deploy-cloudbase.md): the cloud-call name of getinfo, the MD5's letter case for an ID ending in X, and
 * WeChat's newer getverifyid/queryverifyinfo pair, which its documentation now lists beside this flow.
 */
import { createHash } from 'node:crypto'
import { parseIdentityVerification, type IdentityVerifier } from '../runtime/identity-verifier'

/** WeChat's answer to getinfo (the fields checked; WeChat sends more). */
export interface FaceIdentifyInfo {
  errcode?: number
  errCode?: number
  /** 0: the face matched the ID number's photo. */
  identify_ret?: number
  /** Unix seconds. */
  identify_time?: number
  openid?: string
  id_card_number_md5?: string
  name_utf8_md5?: string
}

/** Asks WeChat for the result behind a `verifyResult` key (through the cloud call in the entry). */
export type FaceIdentifyApi = (verifyResult: string) => Promise<FaceIdentifyInfo>

/** How old a verification may be when the server hears of it. */
export const FACE_RESULT_MAX_AGE_SECONDS = 600

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex')

export function faceVerifier(api: FaceIdentifyApi, now: () => Date): IdentityVerifier {
  return {
    method: 'face',
    canVerify: () => true,
    async verify({ openid, name, idNumber, verifyResult }) {
      if (!verifyResult) return 'refused'
      let info: FaceIdentifyInfo
      try {
        info = await api(verifyResult)
      } catch {
        return 'unavailable'
      }
      const errcode = info.errcode ?? info.errCode ?? 0
      if (errcode !== 0) return 'refused'
      const age = now().getTime() / 1000 - (info.identify_time ?? 0)
      const matches =
        info.identify_ret === 0 &&
        info.openid === openid &&
        info.id_card_number_md5?.toLowerCase() === md5(idNumber.toUpperCase()) &&
        info.name_utf8_md5?.toLowerCase() === md5(name) &&
        age >= -60 &&
        age <= FACE_RESULT_MAX_AGE_SECONDS
      return matches ? 'verified' : 'refused'
    },
  }
}

/**
 * The cloud-call name getinfo is asked through (`cloud.openapi.<name>`, data keys turned to snake case by the SDK).
 * Unconfirmed: WeChat publishes no cloud-call name for it; listed in config.json `permissions.openapi`.
 */
export const FACE_INFO_OPENAPI = 'cityservice.faceIdentify.getInfo'

/** getinfo through the SDK's cloud-call proxy (any path is a callable there). */
export function faceIdentifyApi(openapi: unknown): FaceIdentifyApi {
  const call = FACE_INFO_OPENAPI.split('.').reduce((o, k) => (o as Record<string, unknown>)[k], openapi) as (
    data: object,
  ) => Promise<FaceIdentifyInfo>
  return (verifyResult) => call({ verifyResult })
}

/**
 * The people function's verifier on CloudBase (its entry passes it to the host; scripts/build-cloud.ts): WeChat face
 * verification when `IDENTITY_VERIFICATION=wechat`, none when `off` (the default); any other value stops the start.
 */
export function wechatFaceVerifier(sdk: { openapi: unknown }, env: NodeJS.ProcessEnv): IdentityVerifier | undefined {
  if (parseIdentityVerification(env.IDENTITY_VERIFICATION, 'off', ['off', 'wechat']) === 'off') return undefined
  return faceVerifier(faceIdentifyApi(sdk.openapi), () => new Date())
}
