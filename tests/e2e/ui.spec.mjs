// Browser suite for the web UI: signs in, checks the layout, adds a child unit through the
// 单位管理 dialog and checks it survives a reload. Plain Node ESM, no test runner:
//
//   BASE_URL=http://127.0.0.1:18080 ADMIN_PASSWORD=... [ADMIN_USER=admin] [SCREENSHOT_DIR=dir] \
//     node tests/e2e/ui.spec.mjs
//
// Needs web/node_modules (npm ci in web/) for playwright-core and Debian's /usr/bin/chromium
// (override with CHROMIUM). Every wait is on a selector or a response, never a fixed sleep.
// Last line: "N passed, M failed[, K skipped]"; exit status 1 on any failure.
import {
  ADMIN_PASSWORD,
  ADMIN_USER,
  BASE_URL,
  assert,
  createSuite,
  isApi,
  launch,
  openPage,
  screenshot,
  sel,
} from './lib.mjs'

const suffix = Math.random().toString(36).slice(2, 8)
const unitName = `e2e测试单位-${suffix}`
const unitCode = `E2E-${suffix.toUpperCase()}`

const suite = createSuite()

async function waitForTreeNode(page, name) {
  await page.locator(`${sel('unit-tree')} .unit-node__name`).getByText(name, { exact: true }).waitFor()
}

// Filters the child-unit table by name and waits for the row.
async function findInChildTable(page, name) {
  const answered = page.waitForResponse(
    (res) => isApi('GET', '/api/v1/units')(res) && new URL(res.url()).searchParams.get('q') === name,
  )
  await page.locator(sel('unit-search-q')).fill(name)
  await page.locator(sel('unit-search-submit')).click()
  const res = await answered
  assert(res.ok(), `GET ${res.url()} answered ${res.status()}`)
  await page.locator(`${sel('unit-children-table')} .el-table__body`).getByText(name, { exact: true }).waitFor()
}

async function main() {
  if (!ADMIN_PASSWORD) suite.abort('ADMIN_PASSWORD is not set')

  const browser = await launch()
  const { page } = await openPage(browser, suite)
  suite.current = page

  let account = null

  try {
    await suite.step('login page renders in Chinese', async () => {
      await page.goto(`${BASE_URL}/login`)
      await page.locator(sel('login-form')).waitFor()
      const submit = (await page.locator(sel('login-submit')).innerText()).replace(/\s+/g, '')
      assert(submit === '登录', `submit button reads "${submit}", expected 登录`)
      assert((await page.title()).includes('督办'), `title is "${await page.title()}"`)
      await screenshot(page, 'login.png')
    })

    await suite.step("a failed sign-in shows the server's message", async () => {
      await page.locator(sel('login-username')).fill(`e2e-nobody-${suffix}`)
      await page.locator(sel('login-password')).fill('not-the-password')
      const answered = page.waitForResponse(isApi('POST', '/api/v1/session'))
      await page.locator(sel('login-submit')).click()
      const res = await answered
      assert(res.status() === 401 || res.status() === 429, `sign-in answered ${res.status()}`)
      const body = await res.json()
      const message = body?.error?.message
      assert(message, 'error body has no error.message')
      const shown = await page.locator(sel('login-error')).innerText()
      assert(shown.includes(message), `shown "${shown}", server said "${message}"`)
    })

    await suite.step('signs in and lands on 工作台', async () => {
      await page.locator(sel('login-username')).fill(ADMIN_USER)
      await page.locator(sel('login-password')).fill(ADMIN_PASSWORD)
      const answered = page.waitForResponse(isApi('POST', '/api/v1/session'))
      await page.locator(sel('login-submit')).click()
      const res = await answered
      assert(res.status() === 200, `sign-in answered ${res.status()}: ${await res.text()}`)
      const body = await res.json()
      account = body.account
      assert(account && body.csrf_token, 'sign-in answer lacks account or csrf_token')
      await page.waitForURL((url) => url.pathname === '/dashboard')
      await page.locator(sel('layout')).waitFor()
    })

    await suite.step('layout shows the menu, 工作台 and the user', async () => {
      const menu = await page.locator(sel('sidebar')).innerText()
      for (const entry of ['督办 Duban', '工作台', '问题清单', '组织人员', '单位管理']) {
        assert(menu.includes(entry), `side menu lacks ${entry}`)
      }
      const expected = account.person_name || account.username
      const name = (await page.locator(sel('navbar-user')).innerText()).trim()
      assert(name === expected, `top bar shows "${name}", expected "${expected}"`)
      const unit = (await page.locator(sel('navbar-unit')).innerText()).trim()
      assert(unit === account.unit_name, `top bar unit "${unit}", expected "${account.unit_name}"`)
      const welcome = await page.locator(sel('welcome-name')).innerText()
      assert(welcome.includes(expected), `welcome card reads "${welcome}"`)
      const roles = await page.locator(sel('welcome-roles')).innerText()
      if (account.roles.includes('admin')) assert(roles.includes('系统管理员'), `roles read "${roles}"`)
      // Counts have loaded once no spinner is left in the stat cards.
      await page.locator(`${sel('stat-units')} ${sel('stat-value')} .is-loading`).waitFor({ state: 'detached' })
      const units = (await page.locator(`${sel('stat-units')} ${sel('stat-value')}`).innerText()).trim()
      assert(/^\d+$/.test(units), `unit count reads "${units}"`)
      await screenshot(page, 'dashboard.png')
    })

    await suite.step('language switch to English and back', async () => {
      await page.locator(sel('language-switch')).click()
      await page.locator(sel('lang-en')).click()
      await page.locator(sel('sidebar')).getByText('Dashboard', { exact: true }).waitFor()
      await page.locator(sel('language-switch')).click()
      await page.locator(sel('lang-zh-CN')).click()
      await page.locator(sel('sidebar')).getByText('工作台', { exact: true }).waitFor()
    })

    await suite.step('单位管理 opens with the own unit as the tree root', async () => {
      const rootAnswer = page.waitForResponse(isApi('GET', `/api/v1/units/${account.unit_id}`, 200))
      await page.locator(sel('menu-org-units')).click()
      await page.waitForURL((url) => url.pathname === '/org/units')
      const root = await (await rootAnswer).json()
      await waitForTreeNode(page, root.name)
      const detail = (await page.locator(sel('unit-detail-name')).innerText()).trim()
      assert(detail === root.name, `detail shows "${detail}", expected "${root.name}"`)
    })

    await suite.step(`creates child unit ${unitName} via the dialog`, async () => {
      await page.locator(sel('unit-add-child')).click()
      const dialog = page.locator(sel('unit-dialog'))
      await dialog.waitFor()
      await page.locator(sel('unit-form-name')).fill(unitName)
      await page.locator(sel('unit-form-kind')).click()
      await page.locator(sel('unit-kind-other')).click()
      await page.locator(sel('unit-form-code')).fill(unitCode)
      const created = page.waitForResponse(isApi('POST', '/api/v1/units'))
      await page.locator(sel('unit-dialog-submit')).click()
      const res = await created
      assert(res.status() === 201, `POST /api/v1/units answered ${res.status()}: ${await res.text()}`)
      const unit = await res.json()
      assert(unit.name === unitName && unit.parent_id === account.unit_id, `created ${JSON.stringify(unit)}`)
      assert(unit.kind === 'other', `kind ${unit.kind}`)
      await dialog.waitFor({ state: 'hidden' })
    })

    await suite.step('the new unit shows in the tree and the table', async () => {
      await waitForTreeNode(page, unitName)
      await findInChildTable(page, unitName)
    })

    await suite.step('the new unit is still there after a reload', async () => {
      await page.reload()
      await page.locator(sel('unit-tree')).waitFor()
      await waitForTreeNode(page, unitName)
      await findInChildTable(page, unitName)
      await screenshot(page, 'units.png')
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
