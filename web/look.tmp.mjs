import { chromium } from 'playwright-core'
const BASE = 'http://127.0.0.1:18111'
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] })
const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage()
await page.goto(`${BASE}/login`)
await page.locator('[data-test="login-username"]').fill(process.argv[2] || 'admin')
await page.locator('[data-test="login-password"]').fill('Demo-pass-1')
await page.locator('[data-test="login-submit"]').click()
await page.waitForURL((u) => u.pathname === '/dashboard')
for (const [name, path] of JSON.parse(process.argv[3])) {
  await page.goto(`${BASE}${path}`)
  await page.waitForLoadState('networkidle')
  await page.waitForTimeout(800)
  await page.screenshot({ path: `/tmp/look/${name}.png`, fullPage: true })
}
await browser.close()
