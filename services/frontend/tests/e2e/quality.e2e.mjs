// Dashboard quality in Chromium against the running platform (same environment as dashboard.e2e.mjs):
// axe-core accessibility checks of every page at desktop and phone size, the map popup lifecycle,
// the statistics page on a phone, and screenshots of the main pages at both sizes.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, axeProblems, BASE_URL, login, screenshot, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 300_000 }

let browser
let page
let pageErrors = []
let token

async function pages() {
  const image = (await api('/api/projects/default/images?limit=1&status=completed', token)).body.items[0]
  assert.ok(image, 'the seeded data has a completed image')
  return [
    // Every page has the header with the project switcher (the admin is in two projects).
    { name: 'gallery', path: '/p/default/gallery', ready: '[data-testid=image-card]' },
    { name: 'gallery-sequences', path: '/p/default/gallery?group=sequence', ready: '[data-testid=image-card]' },
    { name: 'image-detail', path: `/p/default/images/${image.id}`, ready: 'h1' },
    { name: 'map', path: '/p/default/map', ready: '[data-testid=camera-marker]' },
    { name: 'stats', path: '/p/default/stats', ready: '[data-testid=summary-card]' },
    // The second project has a deployment (tests/support/e2e.py): the ecology charts are drawn.
    { name: 'stats-ecology', path: '/p/wetland/stats', ready: '[data-testid=rai-row]' },
    { name: 'project-settings', path: '/p/default/settings', ready: '[data-testid=member-row]' },
    { name: 'project-deployments', path: '/p/default/deployments', ready: 'table' },
    { name: 'project-cameras', path: '/p/default/cameras', ready: 'table' },
    { name: 'upload', path: '/p/default/upload', ready: '[data-testid=drop-zone]' },
    { name: 'project-audit', path: '/p/default/audit', ready: 'table' },
    { name: 'alerts-rules', path: '/p/default/alerts/rules', ready: 'table' },
    { name: 'alerts-rule-editor', path: '/p/default/alerts/rules/new', ready: '[data-testid=template-species_cameras]' },
    { name: 'alerts-area-editor', path: '/p/default/alerts/rules/new?template=species_area', ready: '[data-testid=area-map]' },
    { name: 'alerts-channels', path: '/p/default/alerts/channels', ready: 'table' },
    { name: 'alerts-history', path: '/p/default/alerts/history', ready: 'table' },
    { name: 'admin-users', path: '/admin/users', ready: '[data-testid=user-row]' },
    { name: 'admin-projects', path: '/admin/projects', ready: '[data-testid=project-row]' },
    { name: 'admin-audit', path: '/admin/audit', ready: 'table' },
    { name: 'admin-ftp-accounts', path: '/admin/ftp-accounts', ready: 'table' },
    { name: 'admin-cameras', path: '/admin/cameras', ready: 'table' },
    { name: 'admin-models', path: '/admin/models', ready: '[data-testid=installed-model-row]' },
    { name: 'not-found', path: '/no/such/page', ready: 'h1' },
  ]
}

/** Opens `path` signed in as admin (signing in first when the session is gone). */
async function open(path) {
  await page.goto(`${BASE_URL()}${path}`)
  await page.waitForURL((url) => url.pathname !== '/' , { timeout: 15000 })
  if (new URL(page.url()).pathname === '/login') {
    await login(page, 'admin')
    await page.goto(`${BASE_URL()}${path}`)
  }
}

before(async () => {
  token = await apiLogin('admin')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => pageErrors.push(error.message))
})

after(async () => {
  await browser?.close()
})

describe('quality', () => {
  test('axe: no serious or critical violations on any page, at desktop and phone size', T, async () => {
    const problems = []
    let total = 0
    await page.setViewportSize(VIEWPORTS.desktop)
    await page.goto(`${BASE_URL()}/login`)
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await page.getByRole('heading', { name: 'Sign in' }).waitFor()
      await settle(page, 200)
      const found = await axeProblems(page)
      total += found.length
      problems.push(...found.map((p) => `login@${size} ${p}`))
      if (size === 'desktop') await screenshot(page, 'quality-login-desktop')
      else await screenshot(page, 'quality-login-phone')
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    await login(page, 'admin')
    for (const target of await pages()) {
      for (const [size, viewport] of Object.entries(VIEWPORTS)) {
        await page.setViewportSize(viewport)
        await page.goto(`${BASE_URL()}${target.path}`)
        await page.locator(target.ready).first().waitFor()
        await settle(page, 400)
        const found = await axeProblems(page)
        total += found.length
        problems.push(...found.map((p) => `${target.name}@${size} ${p}`))
        if (['gallery', 'map', 'stats'].includes(target.name)) await screenshot(page, `quality-${target.name}-${size}`)
        // The deployments page has no other browser test that photographs it: its shots are kept.
        if (target.name === 'project-deployments') await screenshot(page, `deployments-${size}`)
      }
    }
    console.log(`# axe serious/critical elements: ${total}`)
    assert.deepEqual(problems, [], problems.join('\n'))
  })

  /** Waits until `locator`'s box is the same in three looks 100 ms apart: the map has stopped panning. */
  async function untilStill(locator) {
    let last = ''
    for (let same = 0, i = 0; same < 2 && i < 50; i++) {
      const box = JSON.stringify(await locator.boundingBox())
      same = box === last ? same + 1 : 0
      last = box
      await page.waitForTimeout(100)
    }
  }

  test('map: leaving the page with a popup open raises no page error', T, async () => {
    await page.setViewportSize(VIEWPORTS.desktop)
    pageErrors = []
    await open('/map')
    // The cameras' data settled first: markers rebuilt by a late answer close an open popup.
    await settle(page, 300)
    await page.locator('[data-testid=camera-marker]').first().click()
    const popup = page.locator('[data-testid=camera-popup]')
    await popup.waitFor()
    // The popup is React: its link navigates inside the app.
    await page.evaluate(() => (window.__sameDocument = true))
    const link = popup.getByRole('link', { name: /View images/ })
    await untilStill(link)
    await link.click()
    try {
      await page.waitForURL(/\/gallery\?.*camera_id=/, { timeout: 10000 })
    } catch {
      // Three CI runs saw this click land without navigating (1 in 3 to 8 runs; never reproduced
      // here). Record what the page looked like, then click once more, as a person would.
      console.log(`# map popup click did not navigate: url ${page.url()}, popup open ${await popup.isVisible()}`)
      await popup.waitFor()
      await untilStill(link)
      await link.click()
      await page.waitForURL(/\/gallery\?.*camera_id=/)
    }
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page reload')
    // Back to the map, a popup open, then away through the header while the map pans to it.
    await page.goBack()
    await settle(page, 300)
    await page.locator('[data-testid=camera-marker]').first().click()
    await popup.waitFor()
    await page.getByRole('link', { name: 'Statistics' }).first().click()
    await page.waitForURL(/\/stats/)
    await page.waitForTimeout(1500) // animation frames and timers of the removed map would fail here
    assert.deepEqual(pageErrors, [])
  })

  test('statistics fit a 390 px phone without sideways scrolling', T, async () => {
    await page.setViewportSize(VIEWPORTS.phone)
    await open('/stats')
    await page.locator('[data-testid=summary-card]').first().waitFor()
    await settle(page, 600)
    const width = await page.evaluate(() => document.scrollingElement.scrollWidth)
    assert.ok(width <= 390, `the page is ${width}px wide`)
    await page.setViewportSize(VIEWPORTS.desktop)
  })
})
