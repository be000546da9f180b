// Projects in Chromium against the running platform (same environment as dashboard.e2e.mjs, plus
// E2E_SECOND_PROJECT: tests/support/e2e.py seeds a second project with its own camera and photos and
// makes the viewer a member of both). The viewer switches project and sees only that project's
// gallery, map and statistics, checked by image and camera ids; the URL carries the project. The
// admin edits a project's settings and members. Screenshots of the header with the switcher, the
// settings page and the gallery at desktop and phone size go to SCREENSHOT_DIR (helpers.mjs).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, credentials, dismissToasts, env, login, screenshot, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 180_000 }
const DEFAULT_VIEW = ['received', 'detecting', 'detected', 'classifying', 'completed'].map((s) => `status=${s}`).join('&')
const FIRST = 'default'
let SECOND
let viewerToken
let adminToken
let browser
let page

/** What the API shows the viewer of one project: the gallery's first page, the cameras on the map, the summary. */
async function projectData(slug) {
  const images = (await api(`/api/projects/${slug}/images?limit=48&${DEFAULT_VIEW}`, viewerToken)).body
  const cameras = (await api(`/api/projects/${slug}/cameras`, viewerToken)).body.features
  const summary = (await api(`/api/projects/${slug}/stats/summary`, viewerToken)).body
  return {
    imageIds: images.items.map((i) => i.id).sort(),
    mapCameraIds: cameras.filter((f) => f.geometry).map((f) => String(f.properties.id)).sort(),
    cameraIds: new Set(cameras.map((f) => String(f.properties.id))),
    summary,
  }
}

async function galleryIds() {
  await page.locator('[data-testid=image-card]').first().waitFor()
  await page.waitForTimeout(300)
  return (await page.locator('[data-testid=image-card]').evaluateAll((cards) => cards.map((c) => c.dataset.imageId))).sort()
}

async function markerIds() {
  await page.locator('[data-testid=camera-marker]').first().waitFor()
  await page.waitForTimeout(300)
  return (await page.locator('[data-testid=camera-marker]').evaluateAll((ms) => ms.map((m) => m.dataset.cameraId))).sort()
}

/** The camera ids the statistics page links to (its top-cameras list) and the "Images processed" number. */
async function statsView() {
  const processed = page.locator('[data-testid=summary-card]').filter({ hasText: 'Images processed' }).locator('p.text-3xl')
  await processed.waitFor()
  await page.locator('[data-testid=cameras-chart] a').first().waitFor()
  await page.waitForTimeout(300)
  const hrefs = await page.locator('[data-testid=cameras-chart] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
  return {
    processed: Number((await processed.innerText()).replace(/[^\d]/g, '')),
    cameraIds: hrefs.map((h) => new URL(h, 'http://x').searchParams.get('camera_id')),
    paths: hrefs.map((h) => new URL(h, 'http://x').pathname),
  }
}

before(async () => {
  SECOND = env('E2E_SECOND_PROJECT')
  viewerToken = await apiLogin('viewer')
  adminToken = await apiLogin('admin')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
})

after(async () => {
  await browser?.close()
})

describe('projects', () => {
  test('the viewer switches project and sees only that project; the URL carries it', T, async () => {
    const first = await projectData(FIRST)
    const second = await projectData(SECOND)
    assert.ok(first.imageIds.length > 0 && second.imageIds.length > 0, 'both projects have images')
    assert.equal(first.imageIds.filter((id) => second.imageIds.includes(id)).length, 0, 'no image in both')
    assert.equal([...first.cameraIds].filter((id) => second.cameraIds.has(id)).length, 0, 'no camera in both')

    // An old URL without a project opens the first project; the URL then names it.
    await login(page, 'viewer')
    // (login() waits for a URL with /gallery: the project is put in once the project list is in.)
    await page.waitForURL((url) => url.pathname === `/p/${FIRST}/gallery`)
    const switcher = page.getByLabel('Project', { exact: true })
    assert.equal(await switcher.inputValue(), FIRST)
    assert.deepEqual(await galleryIds(), first.imageIds)

    await switcher.selectOption(SECOND)
    await page.waitForURL((url) => url.pathname === `/p/${SECOND}/gallery`)
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-testid=image-card]').length === n,
      second.imageIds.length,
    )
    assert.deepEqual(await galleryIds(), second.imageIds)
    assert.equal(await page.evaluate(() => localStorage.getItem('addax.project')), SECOND, 'remembered')
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await settle(page, 300)
      await screenshot(page, `projects-header-${size}`, { clip: { x: 0, y: 0, width: viewport.width, height: 64 } })
      await screenshot(page, `projects-gallery-${size}`)
    }
    await page.setViewportSize(VIEWPORTS.desktop)

    // Map and statistics of the second project: its cameras only.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
    await page.waitForURL((url) => url.pathname === `/p/${SECOND}/map`)
    assert.deepEqual(await markerIds(), second.mapCameraIds)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Statistics' }).click()
    await page.waitForURL((url) => url.pathname === `/p/${SECOND}/stats`)
    const stats = await statsView()
    assert.equal(stats.processed, second.summary.completed_images)
    assert.ok(stats.cameraIds.every((id) => second.cameraIds.has(id)), `only ${SECOND}'s cameras: ${stats.cameraIds}`)
    assert.ok(stats.paths.every((p) => p === `/p/${SECOND}/gallery`), stats.paths.join(' '))

    // Switching on the statistics page stays on statistics, now the first project's.
    await page.getByLabel('Project', { exact: true }).selectOption(FIRST)
    await page.waitForURL((url) => url.pathname === `/p/${FIRST}/stats`)
    await page.waitForFunction(
      (n) => {
        const card = [...document.querySelectorAll('[data-testid=summary-card]')].find((c) => c.textContent.includes('Images processed'))
        return card && Number(card.querySelector('p.text-3xl')?.textContent.replace(/[^\d]/g, '')) === n
      },
      first.summary.completed_images,
    )
    const back = await statsView()
    assert.ok(back.cameraIds.every((id) => first.cameraIds.has(id)), `only ${FIRST}'s cameras: ${back.cameraIds}`)
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
    await page.waitForURL((url) => url.pathname === `/p/${FIRST}/map`)
    assert.deepEqual(await markerIds(), first.mapCameraIds)

    // A reload of an old URL lands in the remembered project; a project the viewer is not in is not shown.
    await page.getByLabel('Project', { exact: true }).selectOption(SECOND)
    await page.waitForURL((url) => url.pathname === `/p/${SECOND}/map`)
    await page.goto(`${BASE_URL()}/gallery`)
    await page.waitForURL((url) => url.pathname === `/p/${SECOND}/gallery`)
    assert.deepEqual(await galleryIds(), second.imageIds)
    await page.goto(`${BASE_URL()}/p/no-such-project/gallery`)
    await page.getByRole('heading', { name: 'Project not found' }).waitFor()
    assert.equal(await page.locator('[data-testid=image-card]').count(), 0)

    // Viewers see the settings read-only, without the member list.
    await page.goto(`${BASE_URL()}/p/${SECOND}/settings`)
    await page.getByRole('heading', { name: 'Settings' }).waitFor()
    assert.equal(await page.getByLabel('Name', { exact: true }).isDisabled(), true)
    assert.equal(await page.getByRole('button', { name: 'Save settings' }).count(), 0)
    assert.equal(await page.getByRole('heading', { name: 'Members' }).count(), 0)
  })

  test('the admin edits settings and members; the last admin cannot be removed', T, async () => {
    await page.context().clearCookies()
    await page.goto(`${BASE_URL()}/login`)
    await login(page, 'admin')
    await page.goto(`${BASE_URL()}/p/${SECOND}/settings`)
    await page.getByRole('heading', { name: 'Members' }).waitFor()
    await page.getByLabel('Description').fill('Reed bed and shore cameras, spring survey')
    await page.getByLabel('Time zone').selectOption('Europe/Berlin')
    await page.getByLabel('Independence interval (minutes)').fill('45')
    await page.getByLabel('Allowed species').fill('grey_heron\nmallard')
    await page.getByRole('button', { name: 'Save settings' }).click()
    await page.getByText('Project settings saved').waitFor()
    const saved = (await api(`/api/projects/${SECOND}`, adminToken)).body
    assert.equal(saved.timezone, 'Europe/Berlin')
    assert.equal(saved.independence_interval_minutes, 45)
    assert.deepEqual(saved.allowed_species, ['grey_heron', 'mallard'])

    // Add the analyst by e-mail, make them admin, then remove them again.
    const analyst = credentials('analyst').email
    await page.getByLabel('Add by e-mail').fill(analyst)
    await page.getByLabel('Role for the new member').selectOption('analyst')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    const row = page.locator(`[data-testid=member-row][data-email="${analyst}"]`)
    await row.waitFor()
    await row.getByLabel(`Role of ${analyst}`).selectOption('admin')
    await page.getByText(`${analyst} is now an admin`).waitFor()
    const members = (await api(`/api/projects/${SECOND}/members`, adminToken)).body
    assert.equal(members.find((m) => m.email === analyst)?.role, 'admin')
    await page.getByLabel('Add by e-mail').fill('nobody@e2e.example.org')
    await page.getByRole('button', { name: 'Add', exact: true }).click()
    await page.getByText('no user with that e-mail').waitFor()
    await dismissToasts(page)
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await page.evaluate(() => window.scrollTo(0, 0))
      await settle(page, 300)
      await screenshot(page, `projects-settings-${size}`)
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    await row.getByRole('button', { name: `Remove ${analyst}` }).click()
    await row.waitFor({ state: 'detached' })

    // The admin is now the project's only admin: the API's 409 reason is shown, nothing changes.
    const me = credentials('admin').email
    await page.locator(`[data-testid=member-row][data-email="${me}"]`).getByRole('button', { name: `Remove ${me}` }).click()
    await page.locator('[data-testid=member-error]').filter({ hasText: 'at least one admin' }).waitFor()
    const after = (await api(`/api/projects/${SECOND}/members`, adminToken)).body
    assert.deepEqual(after.map((m) => [m.email, m.role]).sort(), [
      [me, 'admin'],
      [credentials('viewer').email, 'viewer'],
    ].sort())
  })
})
