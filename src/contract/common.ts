import { z } from 'zod'

/** Record ids are short, URL-safe strings (`lsw`, `svc-pension-reg`). */
export const recordId = (label: string) =>
  z
    .string({ error: `请提供${label}` })
    .trim()
    .min(1, { error: `请提供${label}` })
    .max(64, { error: `${label}格式不正确` })
    .regex(/^[A-Za-z0-9_-]+$/, { error: `${label}格式不正确` })

export const centerId = recordId('服务中心')

/** Every call to a center-scoped action names the center it is about. */
export const centerScoped = z.object({ centerId })
