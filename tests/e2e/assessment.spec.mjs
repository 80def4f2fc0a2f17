// Browser suite for 考核评比 and 党员积分 (SPEC §6, docs/API-ASSESSMENT.md), against a server made
// with `duban init --demo`:
//
//   admin        opens 考核方案, opens the demo unit scheme (DEMO_SCHEME, else the first scheme
//                that scores units), adds an indicator (加减分, ±2) and saves: the version goes
//                up by one and the page shows 第N+1版;
//   admin        opens 考核结果, picks that scheme, the month 2026-10 and 青山县, presses 计算:
//                the ranked table shows a tier tag on every row; opens one breakdown;
//   (API)        creates a person in a party branch, an account for them and a person scheme
//                of the five 积分 categories — what the 自报 needs;
//   that person  opens 党员积分, picks the scheme, 自报s 2 points with a photo → 待审核;
//   admin        sees the photo in 待审核 (downloads it byte for byte), approves; the ledger
//                lists the person with 2 points.
//
//   BASE_URL=http://127.0.0.1:18080 ADMIN_PASSWORD=... [ADMIN_USER=admin] [SCREENSHOT_DIR=dir] \
//     [DEMO_SCHEME=key] node tests/e2e/assessment.spec.mjs
//
// Needs web/node_modules (npm ci in web/) for playwright-core and Debian's /usr/bin/chromium
// (override with CHROMIUM). Every wait is on a selector or a response, never a fixed sleep.
// Last line: "N passed, M failed[, K skipped]"; exit status 1 on any failure.
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  api,
  assert,
  choose,
  createSuite,
  isApi,
  launch,
  pickUnit,
  screenshot,
  sel,
  signIn,
} from './lib.mjs'

// The demo's 作风建设考核: a unit scheme with a hard bar decided by hand (发生较大及以上安全生产事故).
const DEMO_SCHEME = process.env.DEMO_SCHEME || 'zuofeng-2026'

const MONTH = '2026-10'
const COUNTY = '青山县'
const BRANCH = { name: '机关党支部', code: 'QS-JT-DZB' }
const CATEGORIES = ['理想信念', '学习态度', '参与热情', '业务能力', '担当履责']

const suffix = Math.random().toString(36).slice(2, 8)
const indicatorName = `e2e加减分${suffix}`
const indicatorKey = `e2e_${suffix}`
const memberName = `e2e党员${suffix}`
const memberUser = `e2e_pm_${suffix}`
const pointsScheme = { key: `e2e-points-${suffix}`, name: `e2e党员积分${suffix}` }
// The document behind a veto decision (a PDF header is what the server sniffs).
const VETO_DOCUMENT = { name: '安委办认定文件.pdf', bytes: Buffer.from('%PDF-1.4 e2e veto decision') }
// A self-report's photo: a PNG signature and a few bytes (the server sniffs the content).
const EVIDENCE = {
  name: '主题党日照片.png',
  bytes: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('e2e-photo')]),
}

const suite = createSuite()

async function openMenu(page, menuTestId, pageTestId) {
  await page.locator(sel(menuTestId)).click()
  await page.locator(sel(pageTestId)).waitFor()
}

async function main() {
  if (!ADMIN_PASSWORD) suite.abort('ADMIN_PASSWORD is not set')

  const browser = await launch()

  let admin = null
  let member = null
  let scheme = null // {key, name, version} of the demo unit scheme
  let eventId = null

  try {
    await suite.step(`as ${ADMIN_USER}: 考核方案 lists the demo scheme and opens it`, async () => {
      admin = await signIn(browser, suite, ADMIN_USER)
      suite.current = admin.page
      const listed = admin.page.waitForResponse(isApi('GET', '/api/v1/assessment/schemes'))
      await openMenu(admin.page, 'menu-assessment-schemes', 'schemes-page')
      const res = await listed
      assert(res.status() === 200, `GET schemes answered ${res.status()}: ${await res.text()}`)
      const items = (await res.json()).items || []
      scheme = DEMO_SCHEME ? items.find((s) => s.key === DEMO_SCHEME) : items.find((s) => s.subject_type === 'unit')
      assert(scheme, `no ${DEMO_SCHEME || 'unit'} scheme among ${JSON.stringify(items.map((s) => s.key))}`)
      await admin.page.locator(sel('scheme-table')).getByText(scheme.name, { exact: true }).waitFor()
      await screenshot(admin.page, 'assessment-schemes.png')

      const opened = admin.page.waitForResponse(isApi('GET', `/api/v1/assessment/schemes/${encodeURIComponent(scheme.key)}`))
      await admin.page.locator(sel(`scheme-open-${scheme.key}`)).click()
      const one = await opened
      assert(one.status() === 200, `GET scheme answered ${one.status()}`)
      scheme.version = (await one.json()).version
      await admin.page.locator(sel('scheme-version')).filter({ hasText: `第${scheme.version}版` }).waitFor()
      await admin.page.locator(sel('indicator-table')).waitFor()
      await screenshot(admin.page, 'assessment-scheme-editor.png')
    })

    await suite.step('add an indicator (加减分 ±2) and save: the version goes up by one', async () => {
      const page = admin.page
      await page.locator(sel('indicator-add-root')).click()
      const dialog = page.locator(sel('indicator-dialog'))
      await dialog.waitFor()
      await dialog.locator(sel('indicator-name')).fill(indicatorName)
      await dialog.locator(sel('indicator-key')).fill(indicatorKey)
      await choose(page, 'indicator-formula', 'indicator-formula-event_sum', '加减分')
      const cap = dialog.locator(`${sel('indicator-cap')} input`)
      await cap.fill('2')
      await cap.press('Tab')
      // the max points field is fixed at 0 for 加减分
      assert(await dialog.locator(`${sel('indicator-max')} input`).isDisabled(), 'max points is editable for 加减分')
      await screenshot(page, 'assessment-indicator-dialog.png')
      await dialog.locator(sel('indicator-dialog-submit')).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.locator(sel('indicator-table')).getByText(indicatorName, { exact: true }).waitFor()

      const saved = page.waitForResponse(isApi('PUT', `/api/v1/assessment/schemes/${encodeURIComponent(scheme.key)}`))
      await page.locator(sel('scheme-save')).click()
      const res = await saved
      assert(res.status() === 200, `PUT scheme answered ${res.status()}: ${await res.text()}`)
      const body = await res.json()
      assert(body.version === scheme.version + 1, `saved as version ${body.version}, expected ${scheme.version + 1}`)
      const keys = JSON.stringify(body.indicators)
      assert(keys.includes(indicatorKey), 'the saved scheme lacks the new indicator')
      await page.locator(sel('scheme-version')).filter({ hasText: `第${body.version}版` }).waitFor()
      scheme.version = body.version
      await screenshot(page, 'assessment-scheme-saved.png')
    })

    await suite.step(`考核结果: ${MONTH}, ${COUNTY}, 计算 → a ranked table with tier tags`, async () => {
      const page = admin.page
      await openMenu(page, 'menu-assessment-results', 'results-page')
      await choose(page, 'results-scheme', 'results-scheme-option', scheme.name)
      const month = page.locator(`${sel('results-page')} .period-picker .el-date-editor input`)
      await month.fill(MONTH)
      await month.press('Enter')
      await page.locator(sel('results-period-spec')).filter({ hasText: MONTH }).waitFor()
      await pickUnit(page, 'results-unit', [COUNTY])

      const computed = page.waitForResponse(isApi('POST', '/api/v1/assessment/results/compute'))
      await page.locator(sel('results-compute')).click()
      const res = await computed
      assert(res.status() === 200, `compute answered ${res.status()}: ${await res.text()}`)
      const body = await res.json()
      assert(Array.isArray(body.items) && body.items.length > 0, `compute gave ${JSON.stringify(body).slice(0, 200)}`)
      assert(body.items.every((r) => r.scheme_version === scheme.version), 'a result does not name the saved version')

      const rows = page.locator(`${sel('results-table')} .el-table__body tr`)
      await rows.first().waitFor()
      const n = await rows.count()
      assert(n === body.items.length, `the table shows ${n} rows for ${body.items.length} results`)
      const tags = await page.locator(`${sel('results-table')} ${sel('tier-tag')}`).allInnerTexts()
      assert(tags.length === n, `${tags.length} tier tags for ${n} rows`)
      assert(tags.every((t) => ['好', '较好', '一般', '差'].includes(t.trim())), `tier tags read ${JSON.stringify(tags)}`)
      const ranks = (await page.locator(sel('result-rank')).allInnerTexts()).map(Number)
      assert(ranks.every((r, i) => i === 0 || r >= ranks[i - 1]), `ranks out of order: ${ranks}`)
      await page.locator(sel('board-red')).waitFor()
      await page.locator(sel('board-black')).waitFor()
      await page.locator(sel('results-chart')).waitFor()
      await screenshot(page, 'assessment-results.png')
    })

    await suite.step('a result’s breakdown lists its indicators', async () => {
      const page = admin.page
      const loaded = page.waitForResponse(isApi('GET', /^\/api\/v1\/assessment\/results\/\d+$/))
      await page.locator(sel('result-breakdown')).first().click()
      const res = await loaded
      assert(res.status() === 200, `GET result answered ${res.status()}`)
      const body = await res.json()
      const drawer = page.locator(sel('result-drawer'))
      await drawer.locator(sel('result-summary')).waitFor()
      const rows = drawer.locator(`${sel('breakdown-indicators')} .el-table__body tr`)
      await rows.first().waitFor()
      assert((await rows.count()) === (body.indicators || []).length, 'the breakdown does not list every indicator')
      await screenshot(page, 'assessment-breakdown.png')
      await page.keyboard.press('Escape')
      await drawer.locator(sel('result-summary')).waitFor({ state: 'hidden' })
    })

    await suite.step('认定一票否决 on the first-ranked unit: recomputed, its tier is capped and names the bar', async () => {
      const page = admin.page
      const row = page.locator(`${sel('results-table')} .el-table__body tr`).first()
      const loaded = page.waitForResponse(isApi('GET', /^\/api\/v1\/assessment\/results\/\d+$/))
      await row.locator(sel('result-breakdown')).click()
      const before = await (await loaded).json()
      const drawer = page.locator(sel('result-drawer'))
      await drawer.locator(sel('veto-open')).click()
      await page.locator(sel('veto-reason')).fill('e2e：本月发生较大安全生产事故（县安委办认定）')
      // The decision's document goes with it.
      await page.locator(`${sel('evidence-picker')} input[type="file"]`).setInputFiles({
        name: VETO_DOCUMENT.name,
        mimeType: 'application/pdf',
        buffer: VETO_DOCUMENT.bytes,
      })
      const filed = page.waitForResponse(isApi('POST', '/api/v1/assessment/events'))
      const uploaded = page.waitForResponse(isApi('POST', /^\/api\/v1\/assessment\/events\/\d+\/files$/))
      const recomputed = page.waitForResponse(isApi('POST', '/api/v1/assessment/results/compute'))
      await page.locator(sel('veto-submit')).click()
      const res = await filed
      assert(res.status() === 201, `filing the veto answered ${res.status()}: ${await res.text()}`)
      const up = await uploaded
      assert(up.status() === 201, `the veto's document upload answered ${up.status()}: ${await up.text()}`)
      assert((await recomputed).status() === 200, 'the results were not computed again')
      await drawer.locator(sel('event-veto')).first().waitFor()
      await drawer.locator(sel('event-file-link')).filter({ hasText: VETO_DOCUMENT.name }).first().waitFor()
      await drawer.locator(`${sel('result-summary')} ${sel('tier-tag')}`).filter({ hasText: '差' }).waitFor()
      const note = await drawer.locator(sel('result-summary')).innerText()
      assert(note.includes('发生较大及以上安全生产事故'), `the summary does not name the bar: ${note}`)
      assert(before.tier !== 'poor' || before.capped_by.length > 0, 'the unit was 差 by score already')
      await screenshot(page, 'assessment-veto.png')
      await page.keyboard.press('Escape')
      await drawer.locator(sel('result-summary')).waitFor({ state: 'hidden' })
    })

    await suite.step(`(API) a party member ${memberName}, an account and a points scheme`, async () => {
      const page = admin.page
      const units = await api(page, 'GET', `/api/v1/units?q=${encodeURIComponent(BRANCH.name)}&page_size=50`)
      assert(units.status === 200, `GET units answered ${units.status}`)
      const branch = (units.body.items || []).find((u) => u.code === BRANCH.code) || units.body.items?.[0]
      const unitId = branch?.id ?? admin.account.unit_id
      const person = await api(page, 'POST', '/api/v1/people', { unit_id: unitId, name: memberName, title: '党员', phone: '' })
      assert(person.status === 201 || person.status === 200, `POST people answered ${person.status}: ${JSON.stringify(person.body)}`)
      const account = await api(page, 'POST', '/api/v1/accounts', {
        username: memberUser,
        password: ADMIN_PASSWORD,
        unit_id: unitId,
        person_id: person.body.id,
        roles: ['viewer'],
      })
      assert(account.status === 201 || account.status === 200, `POST accounts answered ${account.status}: ${JSON.stringify(account.body)}`)
      const indicators = CATEGORIES.map((name, i) => ({
        key: `c${i + 1}`,
        name,
        formula: 'event_sum',
        max_points: 0,
        metric: null,
        zero_at: 0,
        full_at: 0,
        per_event_points: 0,
        cap: 20,
        evaluator_groups: [],
        no_data: 'full_points',
        children: [],
      }))
      const saved = await api(page, 'PUT', `/api/v1/assessment/schemes/${pointsScheme.key}`, {
        key: pointsScheme.key,
        name: pointsScheme.name,
        subject_type: 'person',
        indicators,
        tier_bounds: [60, 80, 90],
        bars: [],
        star_bounds: [],
        child_weight: 0,
      })
      assert(saved.status === 200, `PUT points scheme answered ${saved.status}: ${JSON.stringify(saved.body)}`)
    })

    await suite.step(`as ${memberUser}: 自报 2 points → 待审核`, async () => {
      member = await signIn(browser, suite, memberUser)
      suite.current = member.page
      const page = member.page
      await openMenu(page, 'menu-assessment-points', 'points-page')
      await choose(page, 'points-scheme', 'points-scheme-option', pointsScheme.name)
      await page.locator(`${sel('self-report-open')}:not([disabled])`).waitFor()
      await page.locator(sel('self-report-open')).click()
      const dialog = page.locator(sel('self-report-dialog'))
      await dialog.waitFor()
      await choose(page, 'self-report-category', 'self-report-category-option', CATEGORIES[2])
      const points = dialog.locator(`${sel('self-report-points')} input`)
      await points.fill('2')
      await points.press('Tab')
      await dialog.locator(sel('self-report-reason')).fill('参加主题党日志愿服务')
      await dialog.locator(sel('self-report-evidence')).fill('活动照片、签到表')
      await dialog.locator(`${sel('self-report-files')} input[type="file"]`).setInputFiles({
        name: EVIDENCE.name,
        mimeType: 'image/png',
        buffer: EVIDENCE.bytes,
      })
      await dialog.getByText(EVIDENCE.name).waitFor()
      await screenshot(page, 'points-self-report.png')
      const created = page.waitForResponse(isApi('POST', '/api/v1/assessment/events'))
      const uploaded = page.waitForResponse((r) => r.request().method() === 'POST' && /\/api\/v1\/assessment\/events\/\d+\/files/.test(r.url()))
      await dialog.locator(sel('self-report-submit')).click()
      const res = await created
      const up = await uploaded
      assert(up.status() === 201, `the evidence upload answered ${up.status()}: ${await up.text()}`)
      assert(res.status() === 201, `POST events answered ${res.status()}: ${await res.text()}`)
      const event = await res.json()
      assert(event.status === 'pending', `a self-report is ${event.status}`)
      assert(event.points === 2 && event.subject_type === 'person', `created ${JSON.stringify(event)}`)
      eventId = event.id
      await dialog.waitFor({ state: 'hidden' })
      await page.locator(sel('points-mine')).getByText('待审核').first().waitFor()
      await page.locator(`${sel('points-mine')} ${sel('event-file-link')}`).filter({ hasText: EVIDENCE.name }).waitFor()
      await screenshot(page, 'points-mine.png')
    })

    await suite.step(`as ${ADMIN_USER}: approve it in 待审核; the ledger shows 2 points`, async () => {
      suite.current = admin.page
      const page = admin.page
      await openMenu(page, 'menu-assessment-points', 'points-page')
      await choose(page, 'points-scheme', 'points-scheme-option', pointsScheme.name)
      await page.locator(sel('points-pending-tab')).click()
      const row = page.locator(`${sel('points-pending')} .el-table__body tr`).filter({ hasText: memberName })
      await row.waitFor()
      // The evidence is at hand in the pending row, and downloads byte for byte.
      const link = row.locator(sel('event-file-link')).filter({ hasText: EVIDENCE.name })
      await link.waitFor()
      const href = await link.getAttribute('href')
      const bytes = await page.evaluate(async (url) => {
        const r = await fetch(url)
        return r.ok ? [...new Uint8Array(await r.arrayBuffer())] : null
      }, href)
      assert(bytes && Buffer.from(bytes).equals(EVIDENCE.bytes), `${href} did not give back the uploaded photo`)
      await screenshot(page, 'points-pending.png')
      const approved = page.waitForResponse(isApi('POST', `/api/v1/assessment/events/${eventId}/approve`))
      await row.locator(sel('pending-approve')).click()
      const res = await approved
      assert(res.status() === 200, `approve answered ${res.status()}: ${await res.text()}`)
      await row.waitFor({ state: 'detached' })
      await page.getByRole('tab', { name: '积分台账' }).click()
      const line = page.locator(`${sel('points-ledger')} .el-table__body tr`).filter({ hasText: memberName })
      await line.waitFor()
      const total = (await line.locator(sel('ledger-total')).innerText()).trim()
      assert(total === '2', `the ledger total reads ${total}`)
      await screenshot(page, 'points-ledger.png')
    })

    await suite.noErrors()
  } finally {
    await browser.close()
  }
}

try {
  await main()
  suite.finish()
} catch (err) {
  suite.finish(err)
}
