import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { Field } from '@/components/field'
import { PageShell } from '@/components/page-shell'
import { opensApp } from '@/core/qr-links'
import { QrCode } from '@/components/qr-code'
import type { StaffRole } from '@/core/staff-roles'
import type { GrantView, InviteView, StaffDirectory, StaffMember } from '@/contract/staff'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'
import { useCenterId } from '@/hooks/use-center'
import { ChoiceChips } from '@/staff/components/choice-chips'
import '@/staff/components/admin.scss'

const ROLES: { value: StaffRole; label: string }[] = [
  { value: 'counter', label: '窗口人员' },
  { value: 'grid', label: '网格员' },
  { value: 'supervisor', label: '主管' },
  { value: 'admin', label: '管理员' },
]
const when = (iso: string) =>
  new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' })

/** Windows or communities for a role, picked from the center's own. */
function ScopePicker({
  role,
  dir,
  windows,
  communities,
  onWindows,
  onCommunities,
}: {
  role: StaffRole
  dir: StaffDirectory
  windows: number[]
  communities: string[]
  onWindows: (w: number[]) => void
  onCommunities: (c: string[]) => void
}) {
  if (role === 'counter')
    return (
      <ChoiceChips
        label="可办理的窗口"
        multiple
        choices={dir.windows.map((w) => ({ value: w.number, label: `${w.number} 号 ${w.name}` }))}
        chosen={windows}
        onChange={onWindows}
      />
    )
  if (role === 'grid' || role === 'supervisor')
    return (
      <ChoiceChips
        label="负责的社区/村"
        multiple
        choices={dir.communities.map((c) => ({ value: c.name, label: c.name }))}
        chosen={communities}
        onChange={onCommunities}
      />
    )
  return <Text className="card__line">管理员可以管理本中心的全部设置。</Text>
}

/** 人员与邀请 (admins): invite people with a one-time code, change what they cover, take roles away. */
export default function People() {
  const centerId = useCenterId()
  const dir = useCall('staff', 'listStaff', centerId ? { centerId } : null)
  const invites = useCall('staff', 'listInvites', centerId ? { centerId } : null)
  const [data, setData] = useState<StaffDirectory | null>(null)
  const shown = data ?? dir.data

  const [name, setName] = useState('')
  const [role, setRole] = useState<StaffRole>('counter')
  const [windows, setWindows] = useState<number[]>([])
  const [communities, setCommunities] = useState<string[]>([])
  const [created, setCreated] = useState<InviteView | null>(null)
  const staff = useAction('staff')
  const { busy, fieldErrors } = staff
  const [notice, setNotice] = useState<string | null>(null)
  const message = staff.failure ? { ok: false, text: staff.failure.message } : notice ? { ok: true, text: notice } : null
  const [editing, setEditing] = useState<{ openid: string; grant: GrantView } | null>(null)
  const [confirm, setConfirm] = useState<{ question: string; detail?: string; run: () => Promise<void> } | null>(null)

  /** Awaits a change; the confirmation closes and the top of the page, where the outcome is said, shows. */
  const settle = async <T,>(sent: Promise<T | undefined>, then: (answer: T) => void) => {
    setNotice(null)
    const answer = await sent
    setConfirm(null)
    Taro.pageScrollTo({ scrollTop: 0, duration: 0 })
    if (answer) then(answer)
  }

  const createInvite = () =>
    settle(
      staff.run('createInvite', {
        centerId: centerId!,
        name,
        grant: {
          role,
          windows: role === 'counter' ? windows : undefined,
          communities: role === 'grid' || role === 'supervisor' ? communities : undefined,
        },
      }),
      (inv) => {
        setCreated(inv)
        setName('')
        setWindows([])
        setCommunities([])
        invites.reload()
      },
    )

  const saveScope = (m: StaffMember) => {
    if (!editing) return
    void settle(
      staff.run('setGrant', {
        centerId: centerId!,
        openid: m.openid,
        grant: { role: editing.grant.role, windows: editing.grant.windows, communities: editing.grant.communities },
      }),
      (next) => {
        setData(next)
        setEditing(null)
        setNotice(`已保存：${m.name} ${editing.grant.role === 'counter' ? '的窗口' : '的社区/村'}`)
      },
    )
  }

  const revoke = (m: StaffMember, g: GrantView) =>
    setConfirm({
      question: `取消${m.name}的「${g.text}」岗位吗？`,
      detail: '取消后对方立即不能再使用这个岗位的功能。',
      run: () =>
        settle(staff.run('revokeGrant', { centerId: centerId!, openid: m.openid, role: g.role }), (next) => {
          setData(next)
          setNotice(`已取消${m.name}的 ${g.text}`)
        }),
    })

  const cancelInvite = (i: InviteView) =>
    setConfirm({
      question: `作废给${i.name}的邀请吗？`,
      detail: `${i.grant.text}，${i.codeText}`,
      run: () =>
        settle(staff.run('cancelInvite', { centerId: centerId!, id: i.id }), () => {
          invites.reload()
          setNotice('邀请已作废')
        }),
    })

  const pending = invites.data?.items.filter((i) => i.status === 'pending') ?? []

  return (
    <PageShell loading={dir.loading && !shown} error={dir.error} onRetry={dir.reload}>
      {shown && (
        <View>
          {message && (
            <View className={`card ${message.ok ? 'notice--ok' : 'notice--bad'}`} {...roleProps(message.ok ? 'status' : 'alert')}>
              <Text>{message.ok ? `✓ ${message.text}` : message.text}</Text>
            </View>
          )}
          {confirm && (
            <ConfirmPanel
              question={confirm.question}
              detail={confirm.detail}
              confirmText="确认"
              cancelText="不了"
              busy={busy}
              onConfirm={confirm.run}
              onCancel={() => setConfirm(null)}
            />
          )}

          {created && (
            <View className="card" {...roleProps('status')}>
              <Text className="card__title">给{created.name}的邀请</Text>
              <Text className="card__line">{created.grant.text}</Text>
              <Text className="invite-code">{created.codeText}</Text>
              {created.qrText && <QrCode text={created.qrText} size={180} />}
              <Text className="card__line">
                {created.qrText && opensApp(created.qrText) ? '请对方用微信扫一扫这个二维码，或' : '请对方'}
                在小程序“我的 → 工作人员绑定”中输入邀请码或扫码。有效至 {when(created.expiresAt)}，只能使用一次。邀请码只显示这一次。
              </Text>
            </View>
          )}

          <Text className="section-title">邀请工作人员</Text>
          <View className="card">
            <Field
              id="invite-name"
              label="姓名"
              value={name}
              onChange={setName}
              error={fieldErrors.name}
              maxlength={20}
              placeholder="与身份证一致"
            />
            <Text className="field__label">岗位</Text>
            <ChoiceChips label="岗位" choices={ROLES} chosen={[role]} onChange={(v) => setRole(v[0])} />
            <ScopePicker
              role={role}
              dir={shown}
              windows={windows}
              communities={communities}
              onWindows={setWindows}
              onCommunities={setCommunities}
            />
            {(fieldErrors['grant.windows'] || fieldErrors['grant.communities']) && (
              <Text className="field__error">⚠ {fieldErrors['grant.windows'] ?? fieldErrors['grant.communities']}</Text>
            )}
            <Button className="btn btn--primary btn--block" disabled={busy || undefined} onClick={createInvite}>
              生成邀请码
            </Button>
          </View>

          {pending.length > 0 && <Text className="section-title">待使用的邀请</Text>}
          {pending.map((i) => (
            <View key={i.id} className="card">
              <Text className="card__line">
                {i.name}：{i.grant.text}（{i.codeText}，{when(i.expiresAt)} 前有效）
              </Text>
              <Button className="btn btn--danger mine-gap" disabled={busy || undefined} onClick={() => cancelInvite(i)}>
                作废
              </Button>
            </View>
          ))}

          <Text className="section-title">工作人员（{shown.members.length} 人）</Text>
          {shown.members.map((m) => (
            <View key={m.openid} className="card">
              <Text className="card__title">
                {m.name}
                {m.isSelf ? '（我）' : ''}
              </Text>
              <Text className="card__line">微信号标识：{m.openidText}</Text>
              {m.grants.map((g) => (
                <View key={g.role} className="mine-gap">
                  <Text className="card__line">· {g.text}</Text>
                  {editing?.openid === m.openid && editing.grant.role === g.role ? (
                    <View>
                      <ScopePicker
                        role={g.role}
                        dir={shown}
                        windows={editing.grant.windows ?? []}
                        communities={editing.grant.communities ?? []}
                        onWindows={(w) => setEditing({ openid: m.openid, grant: { ...editing.grant, windows: w } })}
                        onCommunities={(c) => setEditing({ openid: m.openid, grant: { ...editing.grant, communities: c } })}
                      />
                      <View className="row-actions">
                        <Button className="btn btn--primary" disabled={busy || undefined} onClick={() => saveScope(m)}>
                          保存范围
                        </Button>
                        <Button className="btn" onClick={() => setEditing(null)}>
                          取消修改
                        </Button>
                      </View>
                    </View>
                  ) : (
                    <View className="row-actions">
                      {g.role !== 'admin' && (
                        <Button className="btn" onClick={() => setEditing({ openid: m.openid, grant: g })}>
                          修改范围
                        </Button>
                      )}
                      <Button className="btn btn--danger" disabled={busy || undefined} onClick={() => revoke(m, g)}>
                        取消岗位
                      </Button>
                    </View>
                  )}
                </View>
              ))}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  )
}
