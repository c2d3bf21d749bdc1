import { Button, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { devOpenid, saveDevOpenid } from '@/api/session'
import { PageShell } from '@/components/page-shell'

interface Persona {
  openid: string
  name: string
  description: string
}

/**
 * H5 demo only (not in the WeChat build: app.config.ts): choose who you are. In WeChat the platform says who is calling;
 * here the local dev server trusts the `X-Openid` header this choice sets (a
 * production server refuses it).
 */
export default function Identity() {
  const [personas, setPersonas] = useState<Persona[] | null>(null)
  const [failed, setFailed] = useState(false)
  const current = devOpenid()

  useEffect(() => {
    fetch('/api/_dev/personas')
      .then((r) => r.json())
      .then((body: { ok: boolean; data?: Persona[] }) => (body.ok && body.data ? setPersonas(body.data) : setFailed(true)))
      .catch(() => setFailed(true))
  }, [])

  const choose = (openid: string | null) => {
    saveDevOpenid(openid)
    Taro.navigateBack()
  }

  return (
    <PageShell loading={!personas && !failed} empty={failed} emptyText="演示身份只在开发模式的本地服务器上提供。">
      <View className="card">
        <Text className="card__line">演示用：选择一个身份后，以该身份使用小程序。</Text>
      </View>
      {personas?.map((p) => (
        <Button key={p.openid} className="card card-button" aria-pressed={p.openid === current} onClick={() => choose(p.openid)}>
          <Text className="card__title">
            {p.name}
            {p.openid === current ? '（当前）' : ''}
          </Text>
          <Text className="card__line">{p.description}</Text>
        </Button>
      ))}
      <Button className="btn btn--block" onClick={() => choose(null)}>
        不选身份（只浏览）
      </Button>
    </PageShell>
  )
}
