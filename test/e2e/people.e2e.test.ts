import type { Browser, Page } from 'playwright-core'
import { browserForFile, closeContexts, pageAs, tap } from './browser'
import { startLocalServer, type LocalServer } from './local-server'
import { screenshotter, wholePage } from './screenshots'
import { seriousViolations } from './axe'
import { idNumberFor } from '../support/id-numbers'
import { post } from './api'

/**
 * 我的身份 and 亲友 in the H5 build against the real server, in normal mode and in 长辈版: 王建国 records and
 * verifies his identity, adds his mother 李秀英 and gets a one-time code; she, in her own browser, verifies
 * herself and confirms with the code; he then books for her and asks for 上门认证 for her by picking her from 亲友,
 * and the supervisor sees her identity marked 自行填报 (typed in by the family, not verified by her). Screenshots of every
 * step in artifacts/e2e/people-<mode>/, each scanned by axe.
 */

const MODES = [
  { elder: false, mode: 'normal' },
  { elder: true, mode: 'elder' },
] as const

const WANG = { openid: 'dev-resident-wang', name: '王建国', id: idNumberFor('1975-04-12', 31) }
const LI = { openid: 'dev-resident-li', name: '李秀英', id: idNumberFor('1954-09-03', 42) }
/** 王建国's father: no WeChat of his own, so he brings his ID card and the code to the counter. */
const FATHER = { name: '王德福', id: idNumberFor('1949-03-21', 51) }

/** One browser for both modes (each mode its own contexts). */
const fileBrowser = browserForFile()

for (const { elder, mode } of MODES) {
  describe(`我的身份与亲友 (${mode}): add a relative, her consent from her own WeChat, and a booking for her`, () => {
    let server: LocalServer
    let browser: Browser
    let wang: Page
    let li: Page
    let code = ''
    const shoot = screenshotter(`people-${mode}`)
    const step = async (page: Page, name: string) => {
      await wholePage(page, () => shoot(page, name))
      expect(await seriousViolations(page)).toEqual([])
    }
    const on = (page: Page) => (t: string | RegExp) => page.getByText(t).filter({ visible: true }).first()
    const field = (page: Page, id: string) => page.locator(`#${id} input`).filter({ visible: true })

    /** A person's own browser: their dev identity, the center, 长辈版 as they left it. */
    const personPage = (openid: string) => pageAs(browser, openid, { elder })

    /** Records the person's own name and ID number, then verifies them (the dev verifier knows the demo personas). */
    async function recordAndVerify(page: Page, who: typeof WANG) {
      const text = on(page)
      await page.goto(`${server.url}/#/pages/people/index`)
      await text('填写一次本人姓名和身份证号码，以后预约时自动填写。身份证号码加密保存。').waitFor()
      expect((await page.locator('.page--elder').filter({ visible: true }).count()) > 0).toBe(elder)
      await field(page, 'self-name').fill(who.name)
      await field(page, 'self-id').fill(who.id)
      await tap(text('保存本人信息'))
      await text('自行填报').waitFor()
      await tap(text('实名核验'))
      await text('已实名核验').waitFor()
      await text(`${who.id.slice(0, 4)}**********${who.id.slice(-4)}`).waitFor()
    }

    beforeAll(async () => {
      server = await startLocalServer({ APP_NOW: '2026-11-26T09:00:00+08:00', JOBS_INTERVAL_MS: '0' })
      browser = fileBrowser()
      wang = await personPage(WANG.openid)
      li = await personPage(LI.openid)
    })
    afterAll(async () => {
      await closeContexts(browser)
      await server?.stop()
    })

    it('王建国 records and verifies his own identity once', async () => {
      await recordAndVerify(wang, WANG)
      await step(wang, 'identity-verified')
    })

    it('adds his mother; a mistyped ID number is said beside the field; the code is shown once', async () => {
      const text = on(wang)
      const addButton = () => wang.locator('taro-button-core').filter({ hasText: '添加亲友' }).filter({ visible: true }).last()
      await tap(addButton())
      await field(wang, 'relative-name').waitFor()
      await tap(addButton())
      await text('⚠ 请选择与亲友的关系').waitFor()
      await tap(text('父母'))
      await field(wang, 'relative-name').fill(LI.name)
      await field(wang, 'relative-id').fill(LI.id.slice(0, 17) + (LI.id[17] === '1' ? '2' : '1'))
      await tap(addButton())
      await text('⚠ 身份证号码不正确，请核对最后一位').waitFor()
      await step(wang, 'relative-mistake')
      await field(wang, 'relative-id').fill(LI.id)
      await tap(addButton())
      await text(`请把确认码告诉${LI.name}`).waitFor()
      code = (await wang.locator('.big-code').filter({ visible: true }).first().innerText()).trim()
      expect(code).toMatch(/^[A-Z2-9]{4} [A-Z2-9]{4}$/)
      await text('待本人确认').waitFor()
      await step(wang, 'relative-added')
    })

    it('李秀英, in her own WeChat, verifies herself and confirms with the code', async () => {
      await recordAndVerify(li, LI)
      const text = on(li)
      await tap(text('亲友请我确认代办'))
      await text('亲友要为您代办预约').waitFor()
      await field(li, 'consent-code').fill(code)
      await tap(text('同意亲友为我代办'))
      await text('✓ 已确认：把您登记为“母亲”的亲友，可以为您预约办事。').waitFor()
      await step(li, 'consent-confirmed')
    })

    it('王建国 sees the consent and books for her by picking her from 亲友, without typing her ID number', async () => {
      const text = on(wang)
      await wang.goto(`${server.url}/#/pages/people/index`)
      await text('本人已在微信确认').waitFor()
      await step(wang, 'relative-confirmed')
      await wang.goto(`${server.url}/#/pages/booking/form/index?serviceId=lsw-medical-remote&date=2026-11-27&start=09:00`)
      await text('为谁预约').waitFor()
      // 本人 comes from 我的身份.
      await text('已实名核验').waitFor()
      await tap(text('为家人预约'))
      await tap(text(`${LI.name}（母亲）`))
      await text('本人已在微信确认').waitFor()
      expect(await wang.locator('#idNumber input').filter({ visible: true }).count()).toBe(0)
      await field(wang, 'phone').fill('13912345678')
      await tap(text(/我已阅读并同意/))
      await step(wang, 'booking-form-relative')
      await tap(text('确认预约'))
      await text('✓ 预约成功').waitFor()
      await text(LI.name).waitFor()
      await step(wang, 'booking-for-relative')
    })

    it('王建国 asks for 上门认证 for her by picking her from 亲友; the supervisor sees her marked 自行填报', async () => {
      const text = on(wang)
      const exact = (t: string) => wang.getByText(t, { exact: true }).filter({ visible: true }).first()
      await wang.goto(`${server.url}/#/pages/homecert/form/index`)
      await text('1. 老人信息').waitFor()
      await tap(text(`${LI.name}（母亲）`))
      // Name, masked ID number and consent from 亲友; nothing to type, and the relation is filled.
      await text('本人已在微信确认').waitFor()
      expect(await wang.locator('#elderId input').filter({ visible: true }).count()).toBe(0)
      await exact('✓ 父母').waitFor()
      await tap(exact('灵山卫社区'))
      await field(wang, 'address').fill('灵山卫街道灵山湾路 88 号 2 单元 301')
      await tap(exact('重病'))
      await text('情况说明（至少 4 个字）').waitFor()
      await wang.locator('[aria-labelledby="reason-label"] textarea').filter({ visible: true }).first().fill('长期卧床，行走困难')
      await field(wang, 'requesterName').fill(WANG.name)
      await field(wang, 'requesterPhone').fill('13812345678')
      await tap(wang.locator('[aria-label="11月27日 周五 上午"]').filter({ visible: true }).first())
      await tap(text(/我已阅读并同意/))
      await step(wang, 'homecert-form-relative')
      await tap(text('提交申请'))
      await text('✓ 申请已提交').waitFor({ timeout: 10_000 })
      const id = new URL(wang.url().replace('/#/', '/')).searchParams.get('id') ?? ''
      await step(wang, 'homecert-for-relative')

      const zhou = await personPage('dev-supervisor-zhou')
      await zhou.goto(`${server.url}/#/staff/pages/homecert/detail/index?id=${id}`)
      await on(zhou)(`身份证：${LI.id.slice(0, 4)}**********${LI.id.slice(-4)}（自行填报，上门时核对原件）`).waitFor()
      await step(zhou, 'staff-sees-self-declared')
      await zhou.context().close()
    })

    it('his father, who has no WeChat, confirms at the counter: the clerk checks the ID card and types the code', async () => {
      const added = await post(
        server,
        'people',
        { action: 'addRelative', relation: 'parent', name: FATHER.name, idNumber: FATHER.id },
        WANG.openid,
      )
      const liu = await personPage('dev-clerk-liu')
      const text = on(liu)
      await liu.goto(`${server.url}/#/staff/pages/home/index`)
      await tap(text('窗口确认亲友授权'))
      await text('核对身份证后确认').waitFor()
      // The card in hand is not the code's person (his mother's): refused as a wrong code, nothing confirmed.
      await field(liu, 'consent-code').fill(added.code!)
      await field(liu, 'consent-id-number').fill(LI.id)
      await tap(text('确认授权'))
      await liu
        .locator('.field__error')
        .filter({ hasText: /确认码/, visible: true })
        .first()
        .waitFor()
      await step(liu, 'counter-consent-mismatch')
      await field(liu, 'consent-id-number').fill(FATHER.id)
      await tap(text('确认授权'))
      await text('✓ 已确认亲友授权').waitFor()
      await text(
        `${FATHER.name}（身份证 ${FATHER.id.slice(0, 4)}**********${FATHER.id.slice(-4)}）同意亲友为其代办，登记的关系：父亲。`,
      ).waitFor()
      // The ID number does not stay on the clerk's screen.
      expect(await field(liu, 'consent-id-number').inputValue()).toBe('')
      await step(liu, 'counter-consent-confirmed')
      await liu.context().close()
      await wang.goto(`${server.url}/#/pages/people/index`)
      await wang.locator('.card').filter({ hasText: FATHER.name }).filter({ hasText: '已在窗口确认' }).first().waitFor()
    })
  })
}
