// What the browser suites share: the environment, launching Debian's Chromium through
// playwright-core, signing in through the login page, steps that stop at the first failure
// (and screenshot it), calls to the API from inside a page, and pickers of Element Plus
// controls. Every wait is on a selector or a response, never a fixed sleep.
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import fs from 'node:fs'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const requireFromWeb = createRequire(path.join(here, '..', '..', 'web', 'package.json'))
const { chromium } = requireFromWeb('playwright-core')

export const BASE_URL = (process.env.BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '')
export const ADMIN_USER = process.env.ADMIN_USER || 'admin'
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || ''
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR || ''
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium'
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 15000)

export const sel = (name) => `[data-test="${name}"]`

export function assert(condition, message) {
  if (!condition) throw new Error(message)
}

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// Waits until no CSS transition or animation is running (tree expand, tag zoom-in, route fade),
// so a screenshot shows the page at rest.
async function settle(page) {
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  )
}

export async function screenshot(page, file) {
  if (!SCREENSHOT_DIR || !page) return
  await settle(page).catch(() => {})
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true })
}

// A suite's steps: after a failure the rest depend on state that is not there and are skipped.
// `current` is the page a failure screenshot is taken of. finish() prints the last line
// ("N passed, M failed[, K skipped]") and exits 1 on any failure.
export function createSuite() {
  const counts = { passed: 0, failed: 0, skipped: 0 }
  let stopped = false
  const suite = {
    current: null,
    errors: { page: [], server: [] },
    async step(name, fn) {
      if (stopped) {
        counts.skipped++
        console.log(`skip - ${name}`)
        return
      }
      try {
        await fn()
        counts.passed++
        console.log(`ok   - ${name}`)
      } catch (err) {
        counts.failed++
        stopped = true
        console.log(`FAIL - ${name}\n       ${String(err?.message || err).split('\n').join('\n       ')}`)
        const safe = name.replace(/[^\w-]+/g, '_').slice(0, 60)
        await screenshot(suite.current, `failure-${safe}.png`).catch(() => {})
      }
    },
    // Gives up before the first step, e.g. on a missing setting: prints "FAIL - setup" and the
    // last line, and exits 1.
    abort(message) {
      counts.failed++
      console.log(`FAIL - setup\n       ${message}`)
      suite.finish()
    },
    // The last step of every suite.
    async noErrors() {
      await suite.step('no uncaught page errors and no 5xx answers', async () => {
        assert(suite.errors.page.length === 0, `page errors:\n${suite.errors.page.join('\n')}`)
        assert(suite.errors.server.length === 0, `server errors:\n${suite.errors.server.join('\n')}`)
      })
    },
    finish(err) {
      if (err) {
        counts.failed++
        console.log(`FAIL - suite\n       ${err?.stack || err}`)
      }
      const { passed, failed, skipped } = counts
      console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
      process.exit(failed ? 1 : 0)
    },
  }
  return suite
}

// Matches a response of the API by method and path (a string or a RegExp), and by status when
// one is given.
export const isApi = (method, pathname, status) => (res) => {
  const url = new URL(res.url())
  return (
    res.request().method() === method &&
    (pathname instanceof RegExp ? pathname.test(url.pathname) : url.pathname === pathname) &&
    (status === undefined || res.status() === status)
  )
}

// A request from inside the page, with its session cookie (and CSRF token on writes).
export async function api(page, method, url, body) {
  return page.evaluate(
    async ({ method, url, body }) => {
      const headers = { Accept: 'application/json' }
      if (method !== 'GET') {
        const me = await fetch('/api/v1/me', { credentials: 'same-origin' }).then((r) => r.json())
        headers['X-CSRF-Token'] = me.csrf_token
        headers['Content-Type'] = 'application/json'
      }
      const res = await fetch(url, {
        method,
        credentials: 'same-origin',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      })
      let json = null
      try {
        json = await res.json()
      } catch {
        json = null
      }
      return { status: res.status, body: json }
    },
    { method, url, body },
  )
}

// A page in a context of its own, not signed in; its page errors (prefixed with `who` when
// given) and 5xx answers are collected into suite.errors.
export async function openPage(browser, suite, who) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN', acceptDownloads: true })
  const page = await context.newPage()
  page.setDefaultTimeout(TIMEOUT_MS)
  page.on('pageerror', (err) => suite.errors.page.push(who ? `${who}: ${err.message}` : err.message))
  page.on('response', (res) => {
    if (res.status() >= 500) suite.errors.server.push(`${res.request().method()} ${res.url()} → ${res.status()}`)
  })
  return { context, page }
}

// Signs in through the login page in a context of its own (see openPage).
export async function signIn(browser, suite, username) {
  const { context, page } = await openPage(browser, suite, username)
  await page.goto(`${BASE_URL}/login`)
  await page.locator(sel('login-username')).fill(username)
  await page.locator(sel('login-password')).fill(ADMIN_PASSWORD)
  const answered = page.waitForResponse(isApi('POST', '/api/v1/session'))
  await page.locator(sel('login-submit')).click()
  const res = await answered
  assert(res.status() === 200, `sign-in as ${username} answered ${res.status()}: ${await res.text()}`)
  const { account } = await res.json()
  await page.waitForURL((url) => url.pathname === '/dashboard')
  await page.locator(sel('layout')).waitFor()
  return { context, page, account }
}

// Opens an el-select (data-test `selectTestId`) and clicks the option showing `text`.
export async function chooseByText(page, selectTestId, text) {
  await page.locator(sel(selectTestId)).click()
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item').filter({ hasText: text }).first()
  await option.waitFor()
  await option.click()
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' })
}

// Clicks the option (data-test `optionTestId`) showing `text` in the el-select dropdown that is
// open now (opened by a click, or by typing into a filterable select).
export async function chooseOption(page, optionTestId, text) {
  const option = page.locator(`.el-select-dropdown:visible ${sel(optionTestId)}`).filter({ hasText: text }).first()
  await option.waitFor()
  await option.click()
}

// Opens an el-select (data-test `selectTestId`), clicks the option (data-test `optionTestId`)
// showing `text` and waits for the dropdown to close.
export async function choose(page, selectTestId, optionTestId, text) {
  await page.locator(sel(selectTestId)).click()
  await chooseOption(page, optionTestId, text)
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' })
}

// Picks a unit in a UnitTreeSelect (el-tree-select with lazily loaded children, data-test
// `testId`) by the names from a tree root down to it, expanding each node on the way.
export async function pickUnit(page, testId, names) {
  await page.locator(`.el-select${sel(testId)}`).click()
  const popper = page.locator('.el-tree-select__popper:visible, .el-select-dropdown:visible').last()
  for (let i = 0; i < names.length; i++) {
    const content = popper
      .locator('.el-tree-node__content')
      .filter({ has: page.getByText(names[i], { exact: true }) })
      .first()
    await content.waitFor()
    if (i === names.length - 1) {
      await content.getByText(names[i], { exact: true }).click()
    } else {
      const node = content.locator('xpath=..')
      if ((await node.getAttribute('aria-expanded')) !== 'true') {
        await content.locator('.el-tree-node__expand-icon').click()
      }
    }
  }
  await popper.waitFor({ state: 'hidden' })
}
