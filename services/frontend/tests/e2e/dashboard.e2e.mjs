// End-to-end tests of the dashboard in Debian's Chromium against the real running platform
// (API serving the built app, ingestion with FTPS, detection, classification, PostgreSQL, Redis).
//
//   BASE_URL, ADMIN_/ANALYST_/VIEWER_EMAIL and _PASSWORD, FTPS_HOST/PORT/USER/PASSWORD and
//   E2E_UPLOAD_IMAGE come from the environment (tests/test_e2e_browser.py sets them; for a
//   manual run see scripts/dev_stack.py). Screenshots of every page go to
//   SCREENSHOT_DIR (helpers.mjs: a temporary folder unless set, e.g. to docs/screenshots).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import {
  api,
  apiLogin,
  BASE_URL,
  canvasPixel,
  credentials,
  dismissToasts,
  env,
  ftpsUpload,
  hexToRgb,
  login,
  recordToasts,
  screenshot,
  settle,
  toasts,
  uniqueJpeg,
  VIEWPORTS,
} from './helpers.mjs'

const T = { timeout: 120_000 }
// The gallery's default view: processing and completed images (rejected and failed ones are a filter).
const DEFAULT_VIEW = ['received', 'detecting', 'detected', 'classifying', 'completed'].map((s) => `status=${s}`).join('&')
let admin // { context, close }
let page
let adminToken

function containRect(cw, ch, iw, ih) {
  const s = Math.min(cw / iw, ch / ih)
  return { x: (cw - iw * s) / 2, y: (ch - ih * s) / 2, width: iw * s, height: ih * s }
}

function near(actual, expected, tolerance = 6) {
  return actual.slice(0, 3).every((v, i) => Math.abs(v - expected[i]) <= tolerance) && actual[3] === 255
}

/** An image with at least `min` detections, from the API. */
async function imageWithDetections(min = 2) {
  const { body } = await api('/api/projects/default/images?limit=200&status=completed', adminToken)
  const found = body.items.find((i) => i.detection_count >= min) ?? body.items.find((i) => i.detection_count >= 1)
  assert.ok(found, 'the seeded data has an image with detections')
  return found
}

before(async () => {
  adminToken = await apiLogin('admin')
  admin = await launch()
  page = admin.context.pages()[0] ?? (await admin.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
})

after(async () => {
  await admin?.close()
})

describe('dashboard', () => {
  test('login: wrong password is refused, the right one opens the gallery', T, async () => {
    await page.goto(`${BASE_URL()}/gallery`)
    await page.waitForURL(/\/login/) // protected route
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.getByLabel('Email').fill(credentials('admin').email)
    await settle(page)
    await screenshot(page, 'login')
    await page.getByLabel('Password').fill('definitely-wrong')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'do not match' }).waitFor()

    await page.getByLabel('Password').fill(credentials('admin').password)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.waitForURL(/\/gallery/)
    await page.locator('[data-testid=image-card]').first().waitFor()
    await page.locator('[data-testid=live-badge][data-status=open]').waitFor({ timeout: 15000 })
    // This stack runs the demo models: the banner says so on every page (docs/models.md).
    const banner = page.getByRole('region', { name: 'Demo models' })
    await banner.waitFor()
    assert.match(await banner.innerText(), /coloured shapes of the demo photos, not animals[\s\S]*demo-detector@/)

    // The access token lives in memory only; the refresh token is an httpOnly cookie.
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
    assert.ok(!/eyJ|token/i.test(storage), `no token in web storage: ${storage}`)
    const cookie = (await admin.context.cookies()).find((c) => c.name === 'addax_refresh')
    assert.ok(cookie, 'refresh cookie set')
    assert.equal(cookie.httpOnly, true)
    assert.equal(cookie.path, '/api/auth')
  })

  test('a reload keeps the session through the refresh cookie', T, async () => {
    await page.reload()
    await page.locator('[data-testid=image-card]').first().waitFor()
    assert.match(page.url(), /\/gallery/)
  })

  test('gallery: lazy thumbnails, counts and pagination from the API', T, async () => {
    const { body } = await api(`/api/projects/default/images?limit=48&${DEFAULT_VIEW}`, adminToken)
    await page.goto(`${BASE_URL()}/gallery`)
    const cards = page.locator('[data-testid=image-card]')
    await cards.first().waitFor()
    assert.equal(await cards.count(), Math.min(body.total, 48))
    assert.equal(await cards.first().getAttribute('data-image-id'), body.items[0].id)
    assert.equal(await page.locator('[data-testid=image-card] img').first().getAttribute('loading'), 'lazy')
    await page.getByText(`${body.total} images from all cameras`).waitFor()
    await settle(page, 600)
    await screenshot(page, 'gallery')
  })

  test('filters live in the URL, narrow the results and survive a reload', T, async () => {
    const species = (await api('/api/projects/default/species', adminToken)).body.sort((a, b) => b.image_count - a.image_count)[0]
    assert.ok(species, 'some species exist')
    await page.getByRole('button', { name: 'Species' }).click()
    await page.getByRole('option', { name: new RegExp(species.species, 'i') }).locator('label').click()
    await page.keyboard.press('Escape')
    await page.waitForURL((url) => url.searchParams.getAll('species').includes(species.species))
    const bySpecies = (await api(`/api/projects/default/images?species=${encodeURIComponent(species.species)}&limit=1&${DEFAULT_VIEW}`, adminToken)).body
    await page.getByText(`${bySpecies.total} image${bySpecies.total === 1 ? '' : 's'} match your filters`).waitFor()
    assert.equal(await page.locator('[data-testid=image-card]').count(), Math.min(bySpecies.total, 48))

    // Add the camera of the first matching image, and a review filter.
    const first = (await api(`/api/projects/default/images?species=${encodeURIComponent(species.species)}&limit=1`, adminToken)).body.items[0]
    await page.getByRole('button', { name: 'Cameras' }).click()
    await page.getByRole('option', { name: new RegExp(first.camera_name) }).locator('label').click()
    await page.keyboard.press('Escape')
    await page.waitForURL((url) => url.searchParams.getAll('camera_id').includes(String(first.camera_id)))
    const query = `species=${encodeURIComponent(species.species)}&camera_id=${first.camera_id}`
    const both = (await api(`/api/projects/default/images?${query}&limit=1&${DEFAULT_VIEW}`, adminToken)).body
    await page.getByText(`${both.total} image${both.total === 1 ? '' : 's'} match your filters`).waitFor()

    const url = page.url()
    await page.reload()
    await page.getByText(`${both.total} image${both.total === 1 ? '' : 's'} match your filters`).waitFor()
    assert.equal(page.url(), url)
    await page.getByRole('button', { name: new RegExp(`Remove filter ${first.camera_name}`) }).waitFor()
    await settle(page, 500)
    await screenshot(page, 'gallery-filtered')

    // Clear all: back to everything.
    await page.getByRole('button', { name: 'Clear all', exact: true }).click()
    await page.waitForURL((u) => !u.search)

    // A view that matches nothing says so and offers the way back.
    await page.goto(`${BASE_URL()}/gallery?species=no-such-species-e2e`)
    await page.getByRole('heading', { name: 'No images match these filters' }).waitFor()
    await page.getByRole('button', { name: 'Clear all filters' }).click()
    await page.locator('[data-testid=image-card]').first().waitFor()
  })

  test('image detail: boxes drawn on the canvas where the detections are', T, async () => {
    const summary = await imageWithDetections(2)
    const detail = (await api(`/api/projects/default/images/${summary.id}`, adminToken)).body
    await page.goto(`${BASE_URL()}/images/${summary.id}`)
    const canvas = page.locator('[data-testid=detection-canvas][data-ready=true]')
    await canvas.waitFor({ timeout: 20000 })
    await settle(page, 300)
    const box = await canvas.boundingBox()
    const content = containRect(box.width, box.height, detail.width, detail.height)
    assert.equal(await page.locator('[data-testid=detection-item]').count(), detail.detections.length)
    // Each detection names the models behind it (name@version), the species tooltip the classifier.
    const first = page.locator(`[data-testid=detection-item][data-detection-id="${detail.detections[0].id}"]`)
    const models = await first.locator('[data-testid=detection-models]').innerText()
    assert.ok(models.includes(detail.detections[0].model_name), `detector on the page: ${models}`)
    const classifier = detail.detections[0].classifications.find((c) => c.source === 'machine')?.model_name
    if (classifier) assert.match((await first.locator('[title*="named by"]').getAttribute('title')) ?? '', new RegExp(`named by ${classifier}, a demo model`))

    let checked = 0
    for (const d of detail.detections) {
      const color = await page.locator(`[data-testid=detection-item][data-detection-id="${d.id}"]`).getAttribute('data-color')
      const rgb = hexToRgb(color)
      const [bx, by, bw, bh] = d.bbox
      const left = content.x + bx * content.width
      const top = content.y + by * content.height
      const midY = top + (bh * content.height) / 2
      const midX = left + (bw * content.width) / 2
      const leftEdge = await canvasPixel(page, '[data-testid=detection-canvas]', left, midY)
      const topEdge = await canvasPixel(page, '[data-testid=detection-canvas]', midX, top)
      assert.ok(
        near(leftEdge, rgb) || near(topEdge, rgb),
        `box of detection ${d.id} (${d.label}) drawn in ${color}: left edge ${leftEdge}, top edge ${topEdge}`,
      )
      checked++
    }
    assert.ok(checked >= 1)

    // Hover shows the label (a pill in the box colour just above the box), click highlights.
    const d0 = detail.detections[0]
    const [bx, by, bw, bh] = d0.bbox
    const left = content.x + bx * content.width
    const top = content.y + by * content.height
    await page.mouse.move(box.x + left + (bw * content.width) / 2, box.y + top + (bh * content.height) / 2)
    await page.waitForTimeout(150)
    assert.equal(await canvas.evaluate((el) => el.style.cursor), 'pointer')
    const color0 = await page.locator(`[data-testid=detection-item][data-detection-id="${d0.id}"]`).getAttribute('data-color')
    const labelY = top - 22 >= 0 ? top - 11 : top + 11
    const labelPixel = await canvasPixel(page, '[data-testid=detection-canvas]', Math.min(left + 4, box.width - 8), labelY)
    assert.ok(near(labelPixel, hexToRgb(color0)), `hover label drawn in ${color0}: ${labelPixel}`)
    await screenshot(page, 'image-detail')
    await page.mouse.move(2, 2)

    const item = page.locator(`[data-testid=detection-item][data-detection-id="${d0.id}"]`)
    await item.click()
    assert.equal(await item.getAttribute('aria-pressed'), 'true')
    await item.click()
    assert.equal(await item.getAttribute('aria-pressed'), 'false')
  })

  test('image detail: keyboard shortcuts and previous/next under the filters', T, async () => {
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
    await help.waitFor()
    await help.getByText('Approve image').waitFor()
    await screenshot(page, 'shortcuts-help')
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    const before = page.url()
    const id = before.split('/images/')[1].split('?')[0]
    const detail = (await api(`/api/projects/default/images/${id}`, adminToken)).body
    if (detail.next_id) {
      await page.keyboard.press('ArrowRight')
      await page.waitForURL(new RegExp(`/images/${detail.next_id}`))
      await page.locator(`[data-testid=image-stage][data-image-id="${detail.next_id}"]`).waitFor()
      await page.keyboard.press('ArrowLeft')
      await page.waitForURL(new RegExp(`/images/${id}`))
      await page.locator(`[data-testid=image-stage][data-image-id="${id}"]`).waitFor()
    }
    // Typing in a field does not trigger shortcuts.
    await page.getByRole('button', { name: 'Correct species' }).first().click()
    const field = page.getByLabel('Correct species')
    await field.fill('')
    await field.type('a r f')
    assert.match(page.url(), new RegExp(`/images/${id}`))
    const current = (await api(`/api/projects/default/images/${id}`, adminToken)).body
    assert.equal(current.review_status, detail.review_status, 'typing "a" in a field did not approve')
    await page.getByRole('button', { name: 'Cancel correction' }).click()
  })

  test('map: a marker per located camera, popups link to the filtered gallery, works without tiles', T, async () => {
    let collection = (await api('/api/projects/default/cameras', adminToken)).body
    assert.ok(collection.features.length > 0, 'the platform has cameras')
    if (!collection.features.some((f) => f.geometry)) {
      // Give one camera a location (as an admin would) so the map has a marker to test.
      const id = collection.features[0].properties.id
      const put = await api(`/api/projects/default/cameras/${id}`, adminToken, {
        method: 'PUT',
        body: JSON.stringify({ location: { lat: 52.0791, lon: 5.8163 } }),
      })
      assert.equal(put.status, 200, JSON.stringify(put.body))
      collection = (await api('/api/projects/default/cameras', adminToken)).body
    }
    const located = collection.features.filter((f) => f.geometry)
    await page.goto(`${BASE_URL()}/map`)
    const markers = page.locator('[data-testid=camera-marker]')
    await markers.first().waitFor()
    assert.equal(await markers.count(), located.length)
    const camera = located[0].properties
    await page.locator(`[data-testid=camera-marker][data-camera-id="${camera.id}"]`).click()
    const popup = page.locator('[data-testid=camera-popup]')
    await popup.waitFor()
    await popup.getByText(camera.name).waitFor()
    await popup.getByText(String(camera.image_count)).first().waitFor()
    await page.getByRole('button', { name: 'Zoom to fit all cameras' }).first().waitFor()
    // This machine has no internet: the tiles fail and the page says so, markers still work.
    if (!process.env.VITE_TILE_URL) await page.locator('[data-testid=tiles-offline]').waitFor({ timeout: 20000 })
    // The tiles come from the platform's runtime setting (MAP_TILE_URL via GET /api/config, no login
    // needed), unless the build overrides it with VITE_TILE_URL.
    const config = await fetch(`${BASE_URL()}/api/config`).then((r) => r.json())
    if (!process.env.VITE_TILE_URL && config.map.tile_url) {
      const template = config.map.tile_url
      const start = template.includes('{') ? template.slice(0, template.indexOf('{')) : template
      const prefix = start.startsWith('/') ? new URL(BASE_URL()).origin + start : start
      await page.locator(`img.leaflet-tile[src^="${prefix}"]`).first().waitFor({ state: 'attached', timeout: 20000 })
    }
    await settle(page, 400)
    await screenshot(page, 'map')

    await popup.getByRole('link', { name: /View images/ }).click()
    await page.waitForURL((url) => url.pathname === '/p/default/gallery' && url.searchParams.get('camera_id') === String(camera.id))
    await page.locator('[data-testid=image-card]').first().waitFor()
  })

  test('statistics: summary cards match the API, charts render, interval switches', T, async () => {
    const summary = (await api('/api/projects/default/stats/summary', adminToken)).body
    await page.goto(`${BASE_URL()}/stats`)
    const cards = page.locator('[data-testid=summary-card]')
    await cards.first().waitFor()
    await page.getByTestId('summary-card').filter({ hasText: 'Images processed' }).getByText(String(summary.completed_images), { exact: true }).waitFor()
    await page.getByTestId('summary-card').filter({ hasText: 'Species' }).getByText(String(summary.species_count), { exact: true }).waitFor()
    await page.locator('[data-testid=timeline-chart] canvas').waitFor()
    await page.locator('[data-testid=species-chart] canvas').waitFor()
    await page.getByRole('radio', { name: 'week' }).click()
    await page.waitForURL(/interval=week/)
    await page.getByRole('radio', { name: 'day' }).click()
    await settle(page, 800)
    // Every day of the range is listed; more than 200 of them are drawn as weeks or months, and said so.
    const days = (await api('/api/projects/default/stats/timeline?interval=day', adminToken)).body.length
    const coarsened = page.getByTestId('timeline-coarsened')
    if (days > 200) {
      await coarsened.waitFor()
      assert.match(await coarsened.textContent(), /^Shown per (week|month): [\d,.\s]+ days are too many bars to draw\.$/)
    } else assert.equal(await coarsened.count(), 0)
    await screenshot(page, 'stats', { fullPage: true })
    await page.setViewportSize(VIEWPORTS.phone)
    try {
      await page.locator('[data-testid=timeline-chart] canvas').waitFor()
      await settle(page, 400)
      await screenshot(page, 'stats-phone', { fullPage: true })
    } finally {
      await page.setViewportSize(VIEWPORTS.desktop)
    }
  })

  test('live update: an image uploaded over FTPS appears as a toast and in the gallery without a reload', T, async () => {
    await page.goto(`${BASE_URL()}/gallery?sort=received_at`)
    await page.locator('[data-testid=image-card]').first().waitFor()
    await page.locator('[data-testid=live-badge][data-status=open]').waitFor({ timeout: 15000 })
    await recordToasts(page)
    await page.evaluate(() => (window.__sameDocument = true))

    const file = env('E2E_UPLOAD_IMAGE')
    const stamp = Date.now()
    const jpeg = uniqueJpeg(readFileSync(file), `addax-e2e ${stamp}`)
    const name = `${basename(file, extname(file))}-e2e-${stamp}.jpg`
    await ftpsUpload(jpeg, name)

    await page.locator('[data-testid=toast]').filter({ hasText: /New image from/ }).first().waitFor({ timeout: 60000 })
    const ingested = (await toasts(page)).find((t) => /New image from/.test(t.text))
    assert.ok(ingested?.href, 'the toast links to the image')
    const imageId = ingested.href.split('/images/')[1]
    await page.locator(`[data-testid=image-card][data-image-id="${imageId}"]`).waitFor()
    await screenshot(page, 'live-update')

    // Wait for the pipeline; a classification with species is announced too.
    let image
    for (let i = 0; i < 120; i++) {
      image = (await api(`/api/projects/default/images/${imageId}`, adminToken)).body
      if (['completed', 'failed'].includes(image.status)) break
      await new Promise((r) => setTimeout(r, 500))
    }
    assert.equal(image.status, 'completed', `the upload was processed: ${JSON.stringify(image.error)}`)
    if (image.species.length) {
      await page.waitForFunction(() => (window.__toasts ?? []).some((t) => / × .+ at /.test(t.text)))
      const speciesToast = (await toasts(page)).find((t) => / × .+ at /.test(t.text))
      console.log(`# species toast: ${speciesToast.text.split('\n')[0]}`)
    }
    assert.equal(await page.evaluate(() => window.__sameDocument), true, 'no page reload happened')
  })

  test('gallery: rejected uploads stay out of the default view and are one click away, with their count', T, async () => {
    await page.goto(`${BASE_URL()}/gallery?sort=received_at`)
    await page.locator('[data-testid=image-card]').first().waitFor()
    await page.locator('[data-testid=live-badge][data-status=open]').waitFor({ timeout: 15000 })
    await recordToasts(page)
    const before = (await api('/api/projects/default/images/status-counts', adminToken)).body.rejected
    await ftpsUpload(Buffer.from(`not a photo ${Date.now()}`), `notes-e2e-${Date.now()}.jpg`)
    // The rejection is announced live, with its reason, and the count on screen follows without a reload.
    const toast = page.locator('[data-testid=toast]').filter({ hasText: /rejected/ }).first()
    await toast.waitFor({ timeout: 60000 })
    assert.match(await toast.innerText(), /Upload from .+ rejected/)
    await page.getByRole('button', { name: `${before + 1} rejected`, exact: true }).waitFor({ timeout: 15000 })
    await screenshot(page, 'gallery-upload-rejected-toast')
    let counts
    for (let i = 0; i < 60; i++) {
      counts = (await api('/api/projects/default/images/status-counts', adminToken)).body
      if (counts.rejected > 0) break
      await new Promise((r) => setTimeout(r, 500))
    }
    assert.ok(counts.rejected > 0, 'the unreadable upload was rejected')
    await page.goto(`${BASE_URL()}/gallery?sort=received_at`)
    await page.locator('[data-testid=image-card]').first().waitFor()
    const label = `${counts.rejected} rejected`
    const ids = await page.locator('[data-testid=image-card]').evaluateAll((cards) => cards.map((c) => c.dataset.imageId))
    const rejected = (await api('/api/projects/default/images?status=rejected&limit=200', adminToken)).body.items.map((i) => i.id)
    assert.ok(!ids.some((id) => rejected.includes(id)), 'no rejected upload in the default view')
    await page.getByRole('button', { name: label }).click()
    await page.waitForURL((url) => url.searchParams.getAll('status').join() === 'rejected')
    await page.locator(`[data-testid=image-card][data-image-id="${rejected[0]}"]`).waitFor()
    await page.getByRole('button', { name: /Remove filter Rejected/ }).click()
    await page.getByRole('button', { name: label }).waitFor()
  })

  test('admin: create a user, change the role, delete with confirmation; the audit log records it', T, async () => {
    const email = `e2e-${Date.now()}@example.org`
    await page.goto(`${BASE_URL()}/admin/users`)
    await page.locator('[data-testid=user-row]').first().waitFor()
    await page.getByRole('button', { name: 'Add user' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add user' })
    await dialog.getByLabel('Email').fill(email)
    await dialog.getByLabel('Full name').fill('Field Assistant')
    await dialog.getByLabel('Password').fill('field-pass-1234')
    await dialog.getByLabel(/Analyst/).check()
    await dialog.getByRole('button', { name: 'Create user' }).click()
    await dialog.waitFor({ state: 'detached' })
    const row = page.locator(`[data-testid=user-row][data-email="${email}"]`)
    await row.waitFor()
    assert.equal(await row.getByLabel(`Role of ${email}`).inputValue(), 'analyst')

    const res = await fetch(`${BASE_URL()}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'field-pass-1234' }),
    })
    assert.equal(res.status, 200, 'the new user can sign in')
    await dismissToasts(page)
    await settle(page, 300)
    await screenshot(page, 'admin-users')

    await row.getByLabel(`Role of ${email}`).selectOption('viewer')
    await page.locator('[data-testid=toast]').filter({ hasText: 'is now a viewer' }).waitFor()
    await row.getByRole('button', { name: 'Delete' + ` ${email}` }).click()
    const confirm = page.getByRole('dialog', { name: 'Delete user?' })
    const deleteButton = confirm.getByRole('button', { name: 'Delete user' })
    assert.equal(await deleteButton.isDisabled(), true, 'delete waits for the typed confirmation')
    await confirm.getByLabel(/to confirm/).fill(email)
    await deleteButton.click()
    await row.waitFor({ state: 'detached' })

    await page.getByRole('link', { name: 'Audit log' }).click()
    await page.waitForURL(/\/admin\/audit/)
    await page.locator('[data-testid=audit-row]').filter({ hasText: 'user.create' }).filter({ hasText: email }).waitFor()
    await page.locator('[data-testid=audit-row]').filter({ hasText: 'user.delete' }).first().waitFor()
    await dismissToasts(page)
    await settle(page, 300)
    await screenshot(page, 'audit-log')
  })

  test('admin: create an FTP account, allow plain FTP with the clear-text warning, edit the IP allow-list', T, async () => {
    const username = `e2e-cam-${Date.now() % 100000}`
    await page.goto(`${BASE_URL()}/admin/ftp-accounts`)
    await page.getByRole('button', { name: 'Add FTP account' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add FTP account' })
    await dialog.getByLabel('Account name').fill(username)
    await dialog.getByLabel('Password').fill('camera-pass-12345')
    await dialog.getByLabel('Camera name').fill('Ridge 07')
    // New accounts start in the project on screen; this one delivers to the second project.
    assert.equal(await dialog.getByLabel('Project', { exact: true }).inputValue(), 'default')
    await dialog.getByLabel('Project', { exact: true }).selectOption(env('E2E_SECOND_PROJECT'))
    assert.equal(await dialog.getByText(/travel unencrypted/).count(), 0, 'no warning before opting in')
    await dialog.getByLabel(/Allow plain FTP/).check()
    await dialog.getByRole('alert').filter({ hasText: 'travel unencrypted' }).waitFor()
    await dialog.getByLabel('Allowed IP addresses').fill('198.51.100.0/24')
    await screenshot(page, 'admin-ftp-account-dialog')
    await dialog.getByRole('button', { name: 'Create account' }).click()
    await dialog.waitFor({ state: 'detached' })
    const row = page.locator(`[data-testid=ftp-account-row][data-username="${username}"]`)
    await row.getByText('Plain FTP allowed').waitFor()
    await row.getByText('198.51.100.0/24').waitFor()
    await row.getByTestId('ftp-account-project').filter({ hasText: 'Wetland birds' }).waitFor()
    await page.getByRole('note').filter({ hasText: 'unencrypted' }).waitFor()

    await row.getByRole('button', { name: `Edit ${username}` }).click()
    const edit = page.getByRole('dialog', { name: `Edit ${username}` })
    await edit.getByLabel('Allowed IP addresses').fill('198.51.100.0/24\n203.0.113.5')
    await edit.getByLabel('Project', { exact: true }).selectOption('default')
    await edit.getByRole('button', { name: 'Save' }).click()
    await edit.waitFor({ state: 'detached' })
    await row.getByText('198.51.100.0/24, 203.0.113.5/32').waitFor()
    const listed = (await api('/api/ftp-accounts', adminToken)).body.find((a) => a.username === username)
    assert.deepEqual(listed.ip_allowlist, ['198.51.100.0/24', '203.0.113.5/32'])
    assert.equal(listed.project, 'default', 'moved back to the default project')
    assert.equal(listed.password, undefined, 'the password is never returned')
    await dismissToasts(page)
    await settle(page, 300)
    await screenshot(page, 'admin-ftp-accounts')

    const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    try {
      const p = phone.context.pages()[0] ?? (await phone.context.newPage())
      await login(p, 'admin')
      await p.goto(`${BASE_URL()}/admin/ftp-accounts`)
      await p.locator(`[data-testid=ftp-account-row][data-username="${username}"]`).waitFor()
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `no horizontal page scrolling (${overflow}px)`)
      await settle(p, 300)
      await screenshot(p, 'admin-ftp-accounts-phone')
      await p.getByRole('button', { name: `Edit ${username}` }).click()
      await p.getByRole('dialog', { name: `Edit ${username}` }).getByRole('alert').waitFor()
      await screenshot(p, 'admin-ftp-account-dialog-phone')
    } finally {
      await phone.close()
    }
  })
})

describe('roles', () => {
  test('an analyst approves and flags with the keyboard and corrects a species; the API records it', T, async () => {
    const target = await imageWithDetections(1)
    // Start from a known state whatever earlier runs did.
    await api(`/api/projects/default/images/${target.id}/review`, adminToken, { method: 'POST', body: JSON.stringify({ status: 'unreviewed' }) })
    const analyst = await launch()
    try {
      const p = analyst.context.pages()[0] ?? (await analyst.context.newPage())
      await login(p, 'analyst')
      await p.goto(`${BASE_URL()}/images/${target.id}`)
      await p.locator('[data-testid=detection-canvas][data-ready=true]').waitFor({ timeout: 20000 })
      await p.getByRole('button', { name: /Approve/ }).first().waitFor() // a sequence adds 'Approve all N frames'
      await p.keyboard.press('a')
      await p.getByRole('button', { name: 'Approved' }).and(p.locator('[aria-pressed=true]')).waitFor()
      await p.locator('[data-testid=toast]').filter({ hasText: 'Image approved' }).waitFor()
      let status = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body.review_status
      assert.equal(status, 'approved')

      // The buttons show the new state at once (optimistic) and stay disabled until the API has
      // answered: wait for them to be enabled again before asking the API.
      const settled = (name) => p.getByRole('button', { name }).and(p.locator('button:enabled')).waitFor()
      await p.keyboard.press('f')
      await settled('Flagged')
      status = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body.review_status
      assert.equal(status, 'flagged')
      await p.getByRole('button', { name: 'Flag' + 'ged' }).click() // clicking the active state undoes it
      // Scoped to this image's buttons: a sequence adds 'Approve all N frames'.
      await p.getByRole('group', { name: 'Review this image' }).getByRole('button', { name: /^Approve/ }).click()
      await settled('Approved')
      status = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body.review_status
      assert.equal(status, 'approved')

      // Species correction: the reviewer's label wins and is marked as verified.
      const detail = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body
      const animal = detail.detections.find((d) => d.category === 'animal')
      if (animal) {
        const labels = (await api('/api/projects/default/species', adminToken)).body.map((s) => s.species)
        const label = labels.find((l) => l !== animal.label) ?? 'red fox'
        const item = p.locator(`[data-testid=detection-item][data-detection-id="${animal.id}"]`)
        await item.locator('xpath=..').getByRole('button', { name: 'Correct species' }).click()
        await p.getByLabel('Correct species').fill(label)
        await p.getByRole('button', { name: 'Save species' }).click()
        await p.locator('[data-testid=toast]').filter({ hasText: 'Species corrected' }).waitFor()
        await item.getByText('verified').waitFor()
        const corrected = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body.detections.find((d) => d.id === animal.id)
        assert.equal(corrected.human_label, label)
      }
    } finally {
      await analyst.close()
    }
    const audit = (await api(`/api/audit-logs?action=image.review&resource_id=${target.id}`, adminToken)).body
    assert.ok(
      audit.items.some((e) => e.user_email === credentials('analyst').email),
      'the review is in the audit log under the analyst',
    )
  })

  test('a viewer cannot review: no buttons, the shortcut explains why, the API answers 403', T, async () => {
    const target = await imageWithDetections(1)
    const before = (await api(`/api/projects/default/images/${target.id}`, adminToken)).body.review_status
    const viewer = await launch()
    try {
      const p = viewer.context.pages()[0] ?? (await viewer.context.newPage())
      await login(p, 'viewer')
      await p.goto(`${BASE_URL()}/images/${target.id}`)
      await p.locator('[data-testid=review-readonly]').waitFor()
      assert.equal(await p.getByRole('button', { name: /^Approve/ }).count(), 0)
      await p.keyboard.press('a')
      await p.locator('[data-testid=toast]').filter({ hasText: 'View-only access' }).waitFor()
      assert.equal(await p.getByRole('link', { name: 'Admin' }).count(), 0, 'no admin link for viewers')
      await p.goto(`${BASE_URL()}/admin/users`)
      await p.getByText('Admins only').waitFor()
    } finally {
      await viewer.close()
    }
    const viewerToken = await apiLogin('viewer')
    const refused = await api(`/api/projects/default/images/${target.id}/review`, viewerToken, {
      method: 'POST',
      body: JSON.stringify({ status: 'rejected' }),
    })
    assert.equal(refused.status, 403)
    assert.equal((await api(`/api/projects/default/images/${target.id}`, adminToken)).body.review_status, before)
  })

  test('phone-sized screen: gallery, menu and image detail fit', T, async () => {
    const phone = await launch({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    try {
      const p = phone.context.pages()[0] ?? (await phone.context.newPage())
      await login(p, 'analyst')
      await p.locator('[data-testid=image-card]').first().waitFor()
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
      assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`)
      await settle(p, 600)
      await screenshot(p, 'gallery-phone')
      await p.getByRole('button', { name: 'Open menu' }).click()
      await p.locator('#mobile-nav').getByRole('link', { name: 'Statistics' }).waitFor()
      await p.getByRole('button', { name: 'Close menu' }).click()
      await p.getByRole('button', { name: /^Filters/ }).click()
      await p.getByRole('dialog', { name: 'Filter images' }).waitFor()
      await screenshot(p, 'gallery-phone-filters')
      await p.keyboard.press('Escape')
      const target = await imageWithDetections(2)
      await p.goto(`${BASE_URL()}/images/${target.id}`)
      await p.locator('[data-testid=detection-canvas][data-ready=true]').waitFor({ timeout: 20000 })
      await settle(p, 300)
      await screenshot(p, 'image-detail-phone', { fullPage: true })
    } finally {
      await phone.close()
    }
  })

  test('demo models banner: hidden for the rest of the session once dismissed, back in a new session', T, async () => {
    await page.goto(`${BASE_URL()}/gallery`)
    const banner = page.getByRole('region', { name: 'Demo models' })
    await banner.waitFor()
    await page.getByRole('button', { name: 'Hide the demo models notice for this session' }).click()
    await banner.waitFor({ state: 'detached' })
    await page.reload()
    await page.locator('[data-testid=image-card]').first().waitFor()
    assert.equal(await banner.count(), 0, 'still hidden after a reload in the same session')
    // A new browser session starts with empty session storage (cheaper than a second browser).
    await page.evaluate(() => sessionStorage.clear())
    await page.reload()
    await banner.waitFor()
  })

  test('logout ends the session: the refresh cookie no longer works', T, async () => {
    await page.goto(`${BASE_URL()}/gallery`)
    // /gallery redirects into the project; a menu opened before that closes with the navigation.
    await page.waitForURL((url) => url.pathname === '/p/default/gallery')
    await page.getByRole('button', { name: /Account menu/ }).click()
    await page.getByRole('menuitem', { name: 'Sign out' }).click()
    await page.waitForURL(/\/login/)
    await page.reload()
    await page.getByRole('heading', { name: 'Sign in' }).waitFor()
    await page.goto(`${BASE_URL()}/stats`)
    await page.waitForURL(/\/login\?next=%2Fstats/)
  })
})
