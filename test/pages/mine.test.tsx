import { act, fireEvent, render, screen } from '@testing-library/react'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { useTransport } from '@/api/client'
import Mine from '@/pages/mine/index'
import { center } from '@cloud/functions/center'
import { people } from '@cloud/functions/people'
import { DEFAULT_SETTINGS, type ActionContext } from '@cloud/runtime/context'
import { dispatch } from '@cloud/runtime/dispatch'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { nthIdNumber } from '@test/support/id-numbers'
import { TEST_PII } from '@test/support/test-keys'
import { resetTaroDouble } from '../support/taro-double'

/**
 * 我的 in jsdom with Taro's H5 components, against the real `center` function on a real SQLite file: the person's
 * name instead of an openid, the demo picker only where the server offers it, 工作人员绑定 as a small link, and
 * 长辈版 switching the whole page at once.
 */
describe('我的 page', () => {
  let store: ReturnType<typeof createSqliteStore>
  let dir: string

  function serve(openid: string | null, demoIdentities: boolean) {
    const ctx = (): ActionContext => ({
      openid,
      store,
      now: () => new Date('2026-11-26T02:00:00Z'),
      requestId: 't',
      pii: TEST_PII,
      settings: { ...DEFAULT_SETTINGS, demoIdentities },
    })
    useTransport(async (name, data) => dispatch(name === 'people' ? people : center, data, ctx()))
  }

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-page-'))
    store = createSqliteStore(path.join(dir, 'test.sqlite'), { sealer: TEST_PII })
    resetTaroDouble()
  })

  afterEach(() => {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  describe('when the resident has recorded who they are', () => {
    it('names them, masked, and never shows their openid', async () => {
      serve('dev-resident-wang', false)
      await dispatch(
        people,
        { action: 'saveIdentity', name: '王建国', idNumber: nthIdNumber(3) },
        {
          openid: 'dev-resident-wang',
          store,
          now: () => new Date('2026-11-26T02:00:00Z'),
          requestId: 's',
          pii: TEST_PII,
        },
      )
      render(<Mine />)
      expect(await screen.findByText('王**')).toBeTruthy()
      expect(screen.getByText('我的身份与亲友')).toBeTruthy()
      expect(document.body.textContent).not.toContain('dev-resident-wang')
    })
  })

  describe('when a resident (not staff) is signed in', () => {
    it('offers 工作人员绑定 as a link at the foot, and no demo identities on a server without them', async () => {
      serve('dev-resident-wang', false)
      render(<Mine />)
      expect(await screen.findByText('填写本人信息')).toBeTruthy()
      const link = screen.getByText('工作人员绑定：输入邀请码')
      expect(link.className).toContain('mine-foot__link')
      expect(screen.queryByText(/演示身份/)).toBeNull()
    })
  })

  describe('when the server offers demo identities (dev mode) and nobody is chosen', () => {
    it('offers 选择演示身份, and no 工作人员绑定', async () => {
      serve(null, true)
      render(<Mine />)
      expect(await screen.findByText('选择演示身份')).toBeTruthy()
      expect(screen.queryByText('工作人员绑定：输入邀请码')).toBeNull()
    })
  })

  describe('when a production server is reached without an identity', () => {
    it('says where personal matters are done, with no picker', async () => {
      serve(null, false)
      render(<Mine />)
      expect(await screen.findByText(/请在微信小程序中办理/)).toBeTruthy()
      expect(screen.queryByText(/演示身份/)).toBeNull()
    })
  })

  describe('when staff open it', () => {
    it('shows their 工作台 and no binding link', async () => {
      serve('dev-clerk-liu', false)
      render(<Mine />)
      expect(await screen.findByText('进入工作台')).toBeTruthy()
      expect(screen.getByText('刘*')).toBeTruthy()
      expect(screen.queryByText('工作人员绑定：输入邀请码')).toBeNull()
    })
  })

  describe('when 长辈版 is switched on', () => {
    it('enlarges the whole page and its tab bar at once, not only the button', async () => {
      serve('dev-resident-wang', false)
      render(<Mine />)
      await screen.findByText('开启长辈版')
      const frame = () => document.querySelector('.page')!
      expect(frame().className).not.toContain('page--elder')
      await act(async () => fireEvent.click(screen.getByText('开启长辈版')))
      expect(screen.getByText('已开启，点此关闭')).toBeTruthy()
      expect(frame().className).toContain('page--elder')
      expect(document.querySelector('.tab-bar')!.className).toContain('page--elder')
      expect(document.querySelector('.tab-bar__item--on')!.textContent).toBe('我的')
    })
  })
})
