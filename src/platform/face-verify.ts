import Taro from '@tarojs/taro'
import { normalizeIdNumber } from '@/core/id-number'

/**
 * WeChat real-name face verification (政务 mini-programs, weapp only): the resident looks into the camera and WeChat
 * compares the face with the ID number's photo. Answers the `verifyResult` key the server checks with WeChat, or null
 * when the resident stopped or it failed (nothing is recorded then; they can try again).
 */
export async function faceVerifyResult(name: string, idNumber: string): Promise<string | null> {
  if (process.env.TARO_ENV !== 'weapp') return null
  try {
    const res = await Taro.startFacialRecognitionVerify({ name: name.trim(), idCardNumber: normalizeIdNumber(idNumber) })
    return res.verifyResult || null
  } catch {
    return null
  }
}
