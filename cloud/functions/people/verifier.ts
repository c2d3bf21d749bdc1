/**
 * The dev verifier (`IDENTITY_VERIFICATION=dev`, the local server's default in dev mode and the tests'): confirms the
 * demo personas (cloud/seed/personas.ts) under their own names, and nobody else. Their openids reach an action only
 * through a dev-mode server's `X-Openid` header (a production server refuses it and refuses this verifier; WeChat
 * never issues a `dev-` openid). Production uses WeChat face verification (cloud/entry/face-verifier.ts).
 */
import { PERSONAS } from '@cloud/seed/personas'
import type { IdentityVerifier } from '@cloud/runtime/identity-verifier'

const persona = (openid: string) => PERSONAS.find((p) => p.openid === openid)

export const devVerifier: IdentityVerifier = {
  method: 'dev',
  canVerify: (openid) => persona(openid) !== undefined,
  async verify({ openid, name }) {
    return persona(openid)?.name === name ? 'verified' : 'refused'
  },
}
