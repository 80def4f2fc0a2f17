// Browser suite for 通报 (SPEC §7, docs/BULLETINS.md), against a server made with
// `duban init --demo` (all demo users share ADMIN_PASSWORD):
//
//   supervisor  opens 通报, picks last month, the demo county and the scheme 作风建设考核,
//               presses 生成: the preview is a draft (no number), its figures are the API's, and
//               县交通运输局 shows tier 差 with the hard bar named; the XLSX, DOCX and PDF links
//               download;
//               presses 印发 and confirms: the page shows the number the server gave;
//               opens 已印发通报: the register lists it (and what the server issued by its
//               schedule on start); opening it shows the same number.
//
//   BASE_URL=http://127.0.0.1:18080 ADMIN_PASSWORD=... [SCREENSHOT_DIR=dir] \
//     node tests/e2e/bulletin.spec.mjs
//
// Needs web/node_modules (npm ci in web/) for playwright-core and Debian's /usr/bin/chromium
// (override with CHROMIUM). Last line: "N passed, M failed[, K skipped]"; exit 1 on a failure.
import {
  ADMIN_PASSWORD,
  BASE_URL,
  api,
  assert,
  chooseByText,
  createSuite,
  isApi,
  launch,
  screenshot,
  sel,
  signIn,
} from './lib.mjs'

// Last month, in Shanghai: the demo's stories are told relative to today, and its 重大 hazard is
// overdue at the end of last month whatever today is.
function lastMonth() {
  const now = new Date(Date.now() + 8 * 3600 * 1000) // Shanghai's wall clock, read as UTC
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}
const MONTH = lastMonth()
const SCHEME = '2026年度作风建设考核'
const CAPPED_UNIT = '县交通运输局'

const suite = createSuite()

async function main() {
  assert(ADMIN_PASSWORD, 'ADMIN_PASSWORD is not set')
  const browser = await launch()
  let sup = null
  let preview = null // the bulletin JSON the preview shows
  let issued = null // {record, bulletin} of the bulletin issued here
  try {
    await suite.step(`as supervisor: 通报 for ${MONTH} scored with ${SCHEME} previews as a draft`, async () => {
      sup = await signIn(browser, suite, 'supervisor')
      const page = sup.page
      suite.current = page
      await page.goto(`${BASE_URL}/bulletins`)
      await page.locator(sel('bulletins-page')).waitFor()
      const month = page.locator(`${sel('bulletins-page')} .period-picker .el-date-editor input`)
      await month.fill(MONTH)
      await month.press('Enter')
      await chooseByText(page, 'bulletin-scheme-select', SCHEME)
      const answered = page.waitForResponse(isApi('GET', '/api/v1/bulletins'))
      await page.locator(sel('bulletin-generate')).click()
      const res = await answered
      assert(res.status() === 200, `GET bulletin answered ${res.status()}: ${await res.text()}`)
      preview = await res.json()
      await page.locator(sel('bulletin-preview')).waitFor()
      const title = (await page.locator(sel('bulletin-title')).innerText()).trim()
      assert(title === `关于${preview.period.label}问题整改情况的通报`, `title reads ${title}`)
      const number = (await page.locator(sel('bulletin-number')).innerText()).trim()
      assert(/^督通〔\d{4}〕\s+号$/.test(number), `a draft's number reads ${number}`)
      const totals = await page.locator(sel('bulletin-totals')).innerText()
      const t = preview.totals
      for (const figure of [`共有督办事项${t.total}项`, `累计销号${t.closed}项`, `销号率${t.closure_rate}`]) {
        assert(totals.includes(figure), `the totals sentence lacks ${figure}: ${totals}`)
      }
      const row = page.locator(`${sel('bulletin-units')} .el-table__body tr`).filter({ hasText: CAPPED_UNIT })
      const unit = preview.units.find((u) => u.unit_name === CAPPED_UNIT)
      assert(unit && unit.tier === 'poor' && unit.capped_by.length > 0, `the API's row: ${JSON.stringify(unit)}`)
      await row.locator(sel('tier-tag')).filter({ hasText: '差' }).waitFor()
      await row.locator(sel('bulletin-capped')).waitFor()
      assert((await row.innerText()).includes(unit.closure_rate), `the row lacks ${unit.closure_rate}`)
      await screenshot(page, 'bulletin-preview.png')
    })

    await suite.step('the preview downloads as XLSX, DOCX and PDF', async () => {
      const types = {
        xlsx: 'spreadsheetml',
        docx: 'wordprocessingml',
        pdf: 'application/pdf',
      }
      for (const [format, type] of Object.entries(types)) {
        const href = await sup.page.locator(sel(`bulletin-download-${format}`)).getAttribute('href')
        assert(href && href.includes('scheme='), `the ${format} link keeps the scheme: ${href}`)
        const res = await sup.context.request.get(`${BASE_URL}${href}`)
        assert(res.status() === 200, `${format} answered ${res.status()}`)
        assert((res.headers()['content-type'] || '').includes(type), `${format} is ${res.headers()['content-type']}`)
        assert((await res.body()).length > 1000, `${format} is nearly empty`)
      }
    })

    await suite.step('印发: the server numbers the bulletin and the page shows the number', async () => {
      const page = sup.page
      await page.locator(sel('bulletin-issue')).click()
      const box = page.locator('.el-message-box')
      await box.waitFor()
      const answered = page.waitForResponse(isApi('POST', '/api/v1/bulletins/issued'))
      await box.locator('.el-button--primary').click()
      const res = await answered
      assert(res.status() === 201, `issue answered ${res.status()}: ${await res.text()}`)
      issued = await res.json()
      assert(/^督通〔\d{4}〕\d+号$/.test(issued.record.number), `number ${issued.record.number}`)
      await page.locator(sel('bulletin-issued-tag')).filter({ hasText: issued.record.number }).waitFor()
      const number = (await page.locator(sel('bulletin-number')).innerText()).trim()
      assert(number === issued.record.number, `the document's number reads ${number}`)
      assert(
        JSON.stringify(issued.bulletin.units) === JSON.stringify(preview.units),
        'the issued figures differ from the preview a moment ago',
      )
      const href = await page.locator(sel('bulletin-download-pdf')).getAttribute('href')
      assert(href === `/api/v1/bulletins/issued/${issued.record.id}/export.pdf`, `the PDF link is ${href}`)
      await screenshot(page, 'bulletin-issued.png')
    })

    await suite.step('已印发通报 lists it with the scheduled ones; opening it shows its number', async () => {
      const page = sup.page
      const listed = page.waitForResponse(isApi('GET', '/api/v1/bulletins/issued'))
      await page.getByRole('tab', { name: '已印发通报' }).click()
      const res = await listed
      assert(res.status() === 200, `the register answered ${res.status()}`)
      const register = await res.json()
      assert(register.items.some((b) => b.origin === 'schedule'), 'nothing issued by the schedule on start')
      const row = page.locator(`${sel('bulletin-register')} .el-table__body tr`).filter({ hasText: issued.record.number })
      await row.waitFor()
      await page.locator(`${sel('bulletin-register')} .el-table__body tr`).filter({ has: page.locator(sel('register-scheduled')) }).first().waitFor()
      await screenshot(page, 'bulletin-register.png')
      const opened = page.waitForResponse(isApi('GET', `/api/v1/bulletins/issued/${issued.record.id}`))
      await row.locator(sel('register-open')).click()
      assert((await opened).status() === 200, 'opening the issued bulletin failed')
      const number = page.locator(sel('bulletin-number'))
      await number.filter({ hasText: issued.record.number }).waitFor()
      const again = await api(page, 'POST', '/api/v1/bulletins/issued', { period: MONTH, unit: preview.scope.unit_id, scheme: issued.record.scheme_key })
      assert(again.status === 409, `issuing the same month again answered ${again.status}`)
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
