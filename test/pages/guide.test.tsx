import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Taro from '@tarojs/taro'
import { useTransport } from '@/api/client'
import Guide from '@/pages/guide/index'
import { center } from '@cloud/functions/center'
import { dispatch } from '@cloud/runtime/dispatch'
import { createSqliteStore } from '@cloud/store/sqlite/sqlite-store'
import { calls, resetTaroDouble } from '../support/taro-double'
import { TEST_PII } from '@test/support/test-keys'

/**
 * The 办事指南 page rendered in jsdom with Taro's H5 components, talking to the
 * real `center` function on a real SQLite file through the in-process transport.
 */
describe('办事指南 page', () => {
  let store: ReturnType<typeof createSqliteStore>
  let dir: string

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bm-page-'))
    store = createSqliteStore(path.join(dir, 'test.sqlite'), { sealer: TEST_PII })
    resetTaroDouble()
    useTransport(async (_name, data) =>
      dispatch(center, data, { openid: null, store, now: () => new Date('2026-11-26T02:00:00Z'), requestId: 't' }),
    )
  })

  afterEach(() => {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  it('lists the seeded services of the first center with their categories', async () => {
    render(<Guide />)
    expect(await screen.findByText('城乡居民基本养老保险参保登记')).toBeTruthy()
    expect(screen.getByText('养老金领取资格认证（窗口认证）')).toBeTruthy()
    // The categories are folded into one line until asked for.
    expect(screen.getByText('分类：全部（20）')).toBeTruthy()
    expect(screen.queryByText(/残疾人服务（2）/)).toBeNull()
    await act(async () => fireEvent.click(screen.getByText('更换 ▼')))
    expect(screen.getByText(/残疾人服务（2）/)).toBeTruthy()
    // Services of the other center never show here.
    expect(screen.queryByText('老年人优待证办理（隐珠）')).toBeNull()
  })

  describe('when the resident picks a category', () => {
    it('shows only that category, says so on the folded line, and marks the chip as chosen in words', async () => {
      render(<Guide />)
      await act(async () => fireEvent.click(await screen.findByText('更换 ▼')))
      await act(async () => fireEvent.click(screen.getByText(/退休认证（2）/)))
      await waitFor(() => expect(screen.queryByText('城乡居民基本养老保险参保登记')).toBeNull())
      expect(screen.getByText('上门退休认证申请')).toBeTruthy()
      expect(screen.getByText('分类：退休认证（2）')).toBeTruthy()
      await act(async () => fireEvent.click(screen.getByText('更换 ▼')))
      expect(screen.getByText(/✓ 退休认证/)).toBeTruthy()
    })
  })

  describe('when 首页’s 预约办事 opened it', () => {
    it('lists only the bookable services, and each category’s count is what it lists', async () => {
      Taro.setStorageSync('guideBookableOnly', true)
      render(<Guide />)
      expect(await screen.findByText('只显示可以预约的事项。')).toBeTruthy()
      const listed = () => document.querySelectorAll('.service-item').length
      const services = await store.centers.services('lsw')
      const bookable = services.filter((s) => s.bookable).length
      await waitFor(() => expect(listed()).toBe(bookable))
      const notBookable = services.filter((s) => !s.bookable)
      expect(notBookable.length).toBeGreaterThan(0)
      for (const s of notBookable) expect(screen.queryByText(s.name)).toBeNull()
      expect(screen.getByText(`分类：全部（${bookable}）`)).toBeTruthy()
      await act(async () => fireEvent.click(screen.getByText('更换 ▼')))
      const chip = screen.getByText(/退休认证（\d+）/)
      const count = Number(/（(\d+)）/.exec(chip.textContent ?? '')![1])
      await act(async () => fireEvent.click(chip))
      await waitFor(() => expect(listed()).toBe(count))
      expect(count).toBeGreaterThan(0)
    })
  })

  describe('after 显示全部事项', () => {
    it('lists every service again', async () => {
      Taro.setStorageSync('guideBookableOnly', true)
      render(<Guide />)
      await act(async () => fireEvent.click(await screen.findByText('显示全部事项')))
      expect(await screen.findByText('城乡居民基本养老保险参保登记')).toBeTruthy()
      expect(screen.getByText('分类：全部（20）')).toBeTruthy()
    })
  })

  describe('when the resident searches for something the center does not offer', () => {
    it('says nothing was found and what to do instead', async () => {
      render(<Guide />)
      await screen.findByText('城乡居民基本养老保险参保登记')
      // Taro's <Input> draws its inner <input> a moment after the page renders.
      const input = await waitFor(() => {
        const el = document.querySelector<HTMLInputElement>('.search input')
        if (!el) throw new Error('the search field is not drawn yet')
        return el
      })
      await act(async () => {
        fireEvent.input(input, { target: { value: '护照' } })
      })
      await act(async () => fireEvent.click(screen.getByText('搜索')))
      expect(await screen.findByText(/没有找到相关事项/)).toBeTruthy()
      expect(screen.getByText('“护照”找到 0 项')).toBeTruthy()
    })
  })

  describe('when the resident taps a service', () => {
    it('opens that service’s detail page', async () => {
      render(<Guide />)
      const item = await screen.findByText('异地就医备案')
      await act(async () => fireEvent.click(item))
      expect(calls.navigateTo).toEqual(['/pages/service/index?id=lsw-medical-remote'])
    })
  })
})
