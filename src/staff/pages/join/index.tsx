import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import type { InvitePreview, RedeemResult } from '@/contract/staff'
import { saveCenterId } from '@/api/session'
import { inviteCodeOf } from '@/core/staff-roles'
import { useAction } from '@/hooks/use-action'
import '@/staff/components/admin.scss'

const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })

/**
 * 工作人员绑定: the person an admin invited enters the code (or scans the QR
 * code in WeChat), sees what it gives, and confirms; their WeChat then holds the role.
 */
export default function Join() {
  const { params } = useRouter()
  // From an invite's QR link: WeChat's 扫一扫 hands the link over as `q`, the local server's redirect as `code`.
  const [code, setCode] = useState(params.q ? inviteCodeOf(params.q) : (params.code ?? ''))
  const [preview, setPreview] = useState<InvitePreview | null>(null)
  const [done, setDone] = useState<RedeemResult | null>(null)
  const invite = useAction('staff')
  const error = invite.failure?.message

  const look = async (text = code) => {
    const found = await invite.run('previewInvite', { code: text })
    if (found) setPreview(found)
  }
  const scan = async () => {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] })
      setCode(res.result)
      await look(res.result)
    } catch {
      // Cancelled: nothing to say.
    }
  }
  const accept = async () => {
    const result = await invite.run('redeemInvite', { code })
    if (!result) return
    saveCenterId(result.centerId)
    setDone(result)
  }

  if (done) {
    return (
      <PageShell>
        <View className="card notice--ok" {...roleProps('status')}>
          <Text className="card__title">✓ 绑定成功</Text>
          <Text className="card__line">
            {done.name}，您已是{done.centerName}的工作人员：
          </Text>
          {done.grants.map((g) => (
            <Text key={g.role} className="card__line">
              · {g.text}
            </Text>
          ))}
        </View>
        <Button className="btn btn--primary btn--block" onClick={() => Taro.redirectTo({ url: '/staff/pages/home/index' })}>
          进入工作台
        </Button>
      </PageShell>
    )
  }

  return (
    <PageShell>
      <View className="card">
        <Text className="card__title">输入邀请码</Text>
        <Text className="card__line">管理员发给您的 8 位邀请码，48 小时内有效，只能使用一次。</Text>
        <Field
          id="invite-code"
          label="邀请码"
          value={code}
          onChange={(v) => (setCode(v), setPreview(null))}
          maxlength={40}
          placeholder="例如 K7M4 QP2X"
        />
        <View className="row-actions">
          <Button className="btn btn--primary" disabled={invite.busy || !code.trim() || undefined} onClick={() => look()}>
            查看邀请
          </Button>
          {process.env.TARO_ENV === 'weapp' && (
            <Button className="btn" onClick={scan}>
              扫一扫
            </Button>
          )}
        </View>
      </View>
      {error && (
        <View className="card notice--bad" {...roleProps('alert')}>
          <Text>{error}</Text>
        </View>
      )}
      {preview && (
        <View className="card">
          <Text className="card__title">{preview.centerName}</Text>
          <Text className="card__line">姓名：{preview.name}</Text>
          <Text className="card__line">岗位：{preview.grant.text}</Text>
          {preview.alreadyHeld.length > 0 && (
            <Text className="card__line">您现有的岗位：{preview.alreadyHeld.map((g) => g.text).join('、')}</Text>
          )}
          <Text className="card__line">邀请有效至 {when(preview.expiresAt)}</Text>
          <Button className="btn btn--primary btn--block mine-gap" disabled={invite.busy || undefined} onClick={accept}>
            {invite.busy ? '正在绑定…' : '确认绑定到我的微信'}
          </Button>
        </View>
      )}
    </PageShell>
  )
}
