import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { roleProps } from '@/components/a11y'
import { ConfirmPanel } from '@/components/confirm-panel'
import { PageShell } from '@/components/page-shell'
import { PersonFields } from '@/components/person-fields'
import { faceVerifyResult } from '@/platform/face-verify'
import { IdentityCard, RelativeLines } from '@/components/people-view'
import { RelationChoices } from '@/components/relation-choices'
import type { RelativeWithCode } from '@/contract/people'
import { ID_NUMBER_MESSAGES, idNumberProblem, normalizeIdNumber } from '@/core/id-number'
import { personNameProblem } from '@/core/person-name'
import type { RelationKey } from '@/core/relations'
import { useAction } from '@/hooks/use-action'
import { useCall } from '@/hooks/use-call'

/** The same checks as the server's, so most mistakes are said before sending. */
function personProblems(name: string, idNumber: string) {
  const idProblem = idNumberProblem(normalizeIdNumber(idNumber))
  return { name: personNameProblem(name) ?? undefined, idNumber: idProblem ? ID_NUMBER_MESSAGES[idProblem] : undefined }
}

/** 我的身份与亲友: the resident's own name and ID number (filled in once, prefilled in every form) and the relatives they act for. */
export default function People() {
  const me = useCall('people', 'me', {})
  const act = useAction('people')
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [adding, setAdding] = useState(false)
  const [relation, setRelation] = useState<RelationKey | null>(null)
  const [relName, setRelName] = useState('')
  const [relId, setRelId] = useState('')
  const [shown, setShown] = useState<RelativeWithCode | null>(null)
  const [removing, setRemoving] = useState<string | null>(null)
  const data = me.data
  const identity = data?.identity

  // WeChat face verification needs the name and ID number in full: typed again here, never sent back by the server.
  const face = data?.canVerify && data.verifyMethod === 'face'
  const [faceProblem, setFaceProblem] = useState<string | null>(null)
  const verify = async (typed?: { name: string; idNumber: string }) => {
    setFaceProblem(null)
    let verifyResult: string | undefined
    if (face) {
      if (!typed) return (setName(identity?.name ?? ''), setIdNumber(''), setEditing(true))
      verifyResult = (await faceVerifyResult(typed.name, typed.idNumber)) ?? undefined
      if (!verifyResult) return setFaceProblem('人脸核验没有完成，您的身份按“自行填报”记录；可以稍后再点“实名核验”。')
    }
    if (await act.run('verifyIdentity', { verifyResult })) me.reload()
  }
  const saveIdentity = async () => {
    if (act.invalid(personProblems(name, idNumber))) return
    if (await act.run('saveIdentity', { name, idNumber })) {
      setEditing(false)
      me.reload()
      if (face) await verify({ name, idNumber })
    }
  }
  const addRelative = async () => {
    if (act.invalid({ ...personProblems(relName, relId), relation: relation ? undefined : '请选择与亲友的关系' })) return
    const added = await act.run('addRelative', { relation: relation!, name: relName, idNumber: relId })
    if (!added) return
    setShown(added)
    setAdding(false)
    setRelName('')
    setRelId('')
    setRelation(null)
    me.reload()
  }
  const newCode = async (id: string) => {
    const renewed = await act.run('newConsentCode', { id })
    if (renewed) setShown(renewed)
  }
  const remove = async (id: string) => {
    if (await act.run('removeRelative', { id })) {
      setRemoving(null)
      if (shown?.relative.id === id) setShown(null)
      me.reload()
    }
  }
  const errors = act.fieldErrors

  return (
    <PageShell loading={me.loading && !data} error={me.error} onRetry={me.reload}>
      {data && (
        <View>
          <Text className="section-title">我的身份</Text>
          <View className="card">
            {identity && !editing ? (
              <View>
                <IdentityCard identity={identity} />
                <Text className="card__line">预约办事时自动填写，不用每次再输入。</Text>
                {identity.status === 'self_declared' && data.canVerify && (
                  <Button className="btn btn--primary btn--block" disabled={act.busy || undefined} onClick={() => verify()}>
                    实名核验
                  </Button>
                )}
                {identity.status === 'self_declared' && !data.canVerify && (
                  <Text className="card__line">暂未开通实名核验，工作人员会看到“自行填报”。</Text>
                )}
                <Button className="btn btn--block mine-gap" onClick={() => (setName(identity.name), setIdNumber(''), setEditing(true))}>
                  修改本人信息
                </Button>
              </View>
            ) : (
              <View>
                <Text className="card__line">填写一次本人姓名和身份证号码，以后预约时自动填写。身份证号码加密保存。</Text>
                {face && <Text className="card__line">保存后进行微信人脸核验（请本人操作）。</Text>}
                <PersonFields
                  ids={{ name: 'self-name', idNumber: 'self-id' }}
                  nameLabel="您的姓名"
                  name={name}
                  idNumber={idNumber}
                  onName={setName}
                  onIdNumber={setIdNumber}
                  errors={errors}
                />
                <Button className="btn btn--primary btn--block" disabled={act.busy || undefined} onClick={saveIdentity}>
                  保存本人信息
                </Button>
              </View>
            )}
          </View>

          <Text className="section-title">亲友</Text>
          <View className="card">
            <Text className="card__line">
              添加后，为亲友预约时直接选择。亲友本人确认后（在自己的微信里输入确认码，或到服务中心窗口确认），为他预约才按他本人计算次数。
            </Text>
          </View>

          {shown?.code && (
            <View className="card code-card" {...roleProps('status')}>
              <Text className="card__title">请把确认码告诉{shown.relative.name}</Text>
              <Text className="big-code">{shown.code}</Text>
              <Text className="card__line">
                {shown.relative.name}在自己的微信里打开“我的 → 我的身份与亲友 →
                亲友请我确认代办”输入此码，或带身份证到服务中心窗口出示此码。7 天内有效，只显示这一次。
              </Text>
            </View>
          )}

          {data.relatives.map((r) => (
            <View className="card" key={r.id}>
              <RelativeLines relative={r} />
              {r.consent === 'pending' && (
                <Button className="btn btn--block mine-gap" disabled={act.busy || undefined} onClick={() => newCode(r.id)}>
                  获取新的确认码
                </Button>
              )}
              {removing === r.id ? (
                <ConfirmPanel
                  question={`删除亲友${r.name}？`}
                  detail="已有的预约不受影响。"
                  confirmText="删除"
                  cancelText="不删除"
                  busy={act.busy}
                  onConfirm={() => remove(r.id)}
                  onCancel={() => setRemoving(null)}
                />
              ) : (
                <Button className="btn btn--block mine-gap" onClick={() => setRemoving(r.id)}>
                  删除
                </Button>
              )}
            </View>
          ))}

          {adding ? (
            <View className="card">
              <RelationChoices id="relative-relation" label="亲友是您的" value={relation} onChange={setRelation} error={errors.relation} />
              <PersonFields
                ids={{ name: 'relative-name', idNumber: 'relative-id' }}
                nameLabel="亲友姓名"
                idLabel="亲友身份证号码"
                name={relName}
                idNumber={relId}
                onName={setRelName}
                onIdNumber={setRelId}
                errors={errors}
              />
              <Button className="btn btn--primary btn--block" disabled={act.busy || undefined} onClick={addRelative}>
                {act.busy ? '正在添加…' : '添加亲友'}
              </Button>
              <Button className="btn btn--block mine-gap" onClick={() => (setAdding(false), act.reset())}>
                取消
              </Button>
            </View>
          ) : (
            <Button className="btn btn--block" onClick={() => (setAdding(true), setShown(null))}>
              添加亲友
            </Button>
          )}

          {(act.failure || faceProblem) && (
            <View className="card failure-card" {...roleProps('alert')}>
              <Text className="failure-card__text">{act.failure?.message ?? faceProblem}</Text>
            </View>
          )}

          <Button className="btn btn--block mine-gap" onClick={() => Taro.navigateTo({ url: '/pages/people/confirm/index' })}>
            亲友请我确认代办
          </Button>
        </View>
      )}
    </PageShell>
  )
}
