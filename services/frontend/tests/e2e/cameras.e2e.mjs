// Cameras in Chromium against the running platform (same environment as dashboard.e2e.mjs): an admin
// adds a camera and places it by clicking the map, adopts a camera that registered itself into
// another project and places it, and the map's clustered pins show counts that follow the gallery's
// filters. The cameras written here live in two projects of this file's own, so the default
// project's map (which other files count markers on) is left as it is. Screenshots of the cameras
// page, the camera form and the unassigned list at desktop and phone size go to docs/screenshots/.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, dismissToasts, login, screenshot, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 180_000 }
const SHOWN = ['received', 'detecting', 'detected', 'classifying', 'completed']
const RUN = Date.now().toString(36)
const FIELD = `field-${RUN}`
const HOME = `home-${RUN}`
let token
let browser
let page

/** Images per camera of the default project under `query` (the gallery's filters), from the API. */
async function apiCounts(query = {}) {
  const params = new URLSearchParams()
  for (const s of SHOWN) params.append('status', s)
  for (const [key, value] of Object.entries(query)) params.append(key, value)
  const body = (await api(`/api/projects/default/cameras?${params}`, token)).body
  return new Map(body.features.filter((f) => f.geometry).map((f) => [String(f.id), f.properties.image_count]))
}

/** Zooms the map out until the pins gather into one cluster; returns its cameras and count. */
async function oneCluster() {
  const clusters = page.locator('[data-testid=camera-cluster]')
  for (let i = 0; i < 10 && (await page.locator('[data-testid=camera-marker]').count()) > 0; i++) {
    await page.locator('.camera-map a.leaflet-control-zoom-out').click()
    await page.waitForTimeout(450)
  }
  await clusters.first().waitFor({ timeout: 15000 })
  assert.equal(await clusters.count(), 1, 'zoomed out, every camera is in one cluster')
  const el = clusters.first()
  return { ids: (await el.getAttribute('data-camera-ids')).split(' ').sort(), count: Number(await el.getAttribute('data-count')) }
}

before(async () => {
  token = await apiLogin('admin')
  for (const slug of [FIELD, HOME]) {
    const created = await api('/api/projects', token, { method: 'POST', body: JSON.stringify({ slug, name: `Cameras ${slug}` }) })
    assert.equal(created.status, 201, JSON.stringify(created.body))
  }
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await login(page, 'admin')
})

after(async () => {
  await browser?.close()
  // Projects list by name and a user without a remembered project opens the first active one:
  // archived, this file's projects ("Cameras …" sorts before "Default") do not become the project
  // the next file's fresh browser opens.
  for (const slug of [FIELD, HOME]) {
    const archived = await api(`/api/projects/${slug}/archive`, token, { method: 'POST' })
    assert.equal(archived.status, 200, JSON.stringify(archived.body))
  }
})

describe('cameras', () => {
  test('an admin adds a camera and places it by clicking the map', T, async () => {
    await page.goto(`${BASE_URL()}/p/${HOME}/cameras`)
    await page.getByRole('button', { name: 'Add camera' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Ridge north')
    await dialog.getByLabel('Serial number / identifier').fill(`RN-${RUN}`)
    // A typed latitude out of range is refused beside the field, and nothing is saved.
    await dialog.getByLabel('Latitude').fill('95')
    await dialog.getByLabel('Longitude').fill('10')
    await dialog.getByRole('button', { name: 'Add camera' }).click()
    await dialog.getByText('Latitude must be between -90 and 90').waitFor()
    assert.equal((await api(`/api/projects/${HOME}/cameras`, token)).body.features.length, 0)

    // Clicking the map fills in both fields.
    await dialog.getByLabel('Latitude').fill('')
    await dialog.getByLabel('Longitude').fill('')
    const picker = dialog.getByTestId('location-picker')
    const box = await picker.boundingBox()
    await picker.click({ position: { x: box.width * 0.6, y: box.height * 0.4 } })
    const lat = Number(await dialog.getByLabel('Latitude').inputValue())
    const lon = Number(await dialog.getByLabel('Longitude').inputValue())
    assert.ok(Number.isFinite(lat) && lat > 0 && lat <= 90, `latitude from the click: ${lat}`)
    assert.ok(Number.isFinite(lon) && lon > 20 && lon <= 180, `longitude from the click: ${lon}`)
    assert.equal(await dialog.getByText('Latitude must be between').count(), 0)
    await dialog.locator('.leaflet-interactive').first().waitFor() // the chosen point is drawn
    await settle(page, 300)
    await screenshot(page, 'camera-form')
    await dialog.getByRole('button', { name: 'Add camera' }).click()
    await dialog.waitFor({ state: 'detached' })

    const [feature] = (await api(`/api/projects/${HOME}/cameras`, token)).body.features
    assert.equal(feature.properties.name, 'Ridge north')
    assert.equal(feature.properties.serial_number, `RN-${RUN}`)
    assert.deepEqual(feature.geometry.coordinates, [lon, lat])
    const row = page.getByTestId('camera-row').filter({ hasText: 'Ridge north' })
    await row.getByText(`${lat.toFixed(5)}, ${lon.toFixed(5)}`).waitFor()

    // It stands on the project's map.
    await page.goto(`${BASE_URL()}/p/${HOME}/map`)
    await page.locator(`[data-testid=camera-marker][data-camera-id="${feature.id}"]`).waitFor()
  })

  test('an admin adopts a camera that registered itself into another project and places it', T, async () => {
    // As ingestion registers an unknown camera: unassigned, no location, in its upload account's project.
    const created = await api(`/api/projects/${FIELD}/cameras`, token, {
      method: 'POST',
      body: JSON.stringify({ name: `cam-${RUN}`, serial_number: `UNK-${RUN}`, is_assigned: false }),
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    const id = created.body.id

    await page.goto(`${BASE_URL()}/admin/cameras`)
    const row = page.getByTestId('unassigned-camera').filter({ hasText: `cam-${RUN}` })
    await row.getByText(`Serial UNK-${RUN}`).waitFor()
    await settle(page, 200)
    await screenshot(page, 'admin-unassigned-cameras')
    await row.getByRole('button', { name: `Adopt cam-${RUN}` }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Name').fill('Waterhole east')
    await dialog.getByLabel('Project').selectOption(HOME)
    await dialog.getByLabel('Latitude').fill('-1.28333')
    await dialog.getByLabel('Longitude').fill('181')
    await dialog.getByRole('button', { name: 'Adopt camera' }).click()
    await dialog.getByText('Longitude must be between -180 and 180').waitFor()
    await dialog.getByLabel('Longitude').fill('36.81667')
    await dialog.getByRole('button', { name: 'Adopt camera' }).click()
    await dialog.waitFor({ state: 'detached' })
    await row.waitFor({ state: 'detached' })

    const camera = (await api(`/api/projects/${HOME}/cameras/${id}`, token)).body
    assert.equal(camera.is_assigned, true)
    assert.equal(camera.name, 'Waterhole east')
    assert.deepEqual(camera.location, { lat: -1.28333, lon: 36.81667 })
    assert.equal((await api(`/api/projects/${FIELD}/cameras/${id}`, token)).status, 404, 'it left the project it registered in')
    const unassigned = (await api('/api/cameras/unassigned', token)).body
    assert.ok(!unassigned.some((c) => c.id === id))

    // The project's cameras page lists it, placed.
    await page.goto(`${BASE_URL()}/p/${HOME}/cameras`)
    await page.getByTestId('camera-row').filter({ hasText: 'Waterhole east' }).getByText('-1.28333, 36.81667').waitFor()
    await settle(page, 200)
    await screenshot(page, 'project-cameras')
  })

  test('a project admin sees its own unassigned cameras on the cameras page and adopts one there', T, async () => {
    const created = await api(`/api/projects/${FIELD}/cameras`, token, {
      method: 'POST',
      body: JSON.stringify({ name: `self-${RUN}`, is_assigned: false }),
    })
    assert.equal(created.status, 201)
    await page.goto(`${BASE_URL()}/p/${FIELD}/cameras`)
    const item = page.getByTestId('unassigned-camera').filter({ hasText: `self-${RUN}` })
    await item.getByRole('button', { name: `Adopt self-${RUN}` }).click()
    const dialog = page.getByRole('dialog')
    const picker = dialog.getByTestId('location-picker')
    await picker.click()
    assert.notEqual(await dialog.getByLabel('Latitude').inputValue(), '')
    await dialog.getByRole('button', { name: 'Adopt camera' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByTestId('camera-row').filter({ hasText: `self-${RUN}` }).waitFor()
    const camera = (await api(`/api/projects/${FIELD}/cameras/${created.body.id}`, token)).body
    assert.equal(camera.is_assigned, true)
    assert.ok(camera.location, 'placed by the click')
  })

  test('a deployment of the camera, its time zone picked from the searchable list', T, async () => {
    const [camera] = (await api(`/api/projects/${HOME}/cameras`, token)).body.features.filter((f) => f.properties.name === 'Ridge north')
    await page.goto(`${BASE_URL()}/p/${HOME}/deployments`)
    await page.getByRole('button', { name: 'Add deployment' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Camera', { exact: true }).selectOption(String(camera.id))
    await dialog.getByLabel('Start', { exact: true }).fill('2024-06-01T14:05')
    const zone = dialog.getByLabel('Time zone')
    // Not an IANA name: refused beside the field, nothing saved.
    await zone.fill('CEST')
    await dialog.getByLabel('Latitude').fill('-1.28333')
    await dialog.getByLabel('Longitude').fill('36.81667')
    await dialog.getByRole('button', { name: 'Add deployment' }).click()
    await dialog.getByText(/^Choose a time zone from the list/).waitFor()
    // A city typed into the search becomes its zone's name when leaving the field.
    await zone.fill('nairobi')
    await zone.press('Tab')
    assert.equal(await zone.inputValue(), 'Africa/Nairobi')
    await dialog.getByLabel('Feature type').selectOption('waterSource')
    await dialog.getByLabel('Camera height (m)').fill('0.6')
    await settle(page, 200)
    await screenshot(page, 'deployment-form-timezone')
    await dialog.getByRole('button', { name: 'Add deployment' }).click()
    await dialog.waitFor({ state: 'detached' })
    const [deployment] = (await api(`/api/projects/${HOME}/deployments?camera_id=${camera.id}`, token)).body
    assert.equal(deployment.timezone, 'Africa/Nairobi')
    assert.equal(deployment.feature_type, 'waterSource')
    assert.equal(deployment.start_at.slice(0, 16), '2024-06-01T11:05') // 14:05 in Nairobi (UTC+3)
    await page.getByTestId('deployment-row').filter({ hasText: 'Water source · 0.6 m high' }).waitFor()
  })

  test('clustered pins count the images the gallery shows, and follow its filters', T, async () => {
    const all = await apiCounts()
    assert.ok(all.size >= 2, 'the demo data has several located cameras')
    await page.goto(`${BASE_URL()}/p/default/map`)
    await page.locator('[data-testid=camera-marker]').first().waitFor()
    // Each pin on its own shows its camera's count.
    for (const marker of await page.locator('[data-testid=camera-marker]').all()) {
      const id = await marker.getAttribute('data-camera-id')
      assert.equal((await marker.innerText()).trim(), String(all.get(id)), `pin of camera ${id}`)
    }
    const cluster = await oneCluster()
    assert.deepEqual(cluster.ids, [...all.keys()].sort())
    const total = [...all.values()].reduce((a, b) => a + b, 0)
    assert.equal(cluster.count, total)
    await settle(page, 300)
    await screenshot(page, 'map-clustered')

    // A species filter (from the gallery's URL parameters) changes every count, clustered or not.
    const species = (await api('/api/projects/default/species', token)).body
    const rare = species.filter((s) => s.image_count > 0).sort((a, b) => a.image_count - b.image_count)[0]
    assert.ok(rare, 'the demo data has a species')
    const filtered = await apiCounts({ species: rare.species })
    const filteredTotal = [...filtered.values()].reduce((a, b) => a + b, 0)
    assert.ok(filteredTotal < total, 'the species is on fewer images than all')
    await page.goto(`${BASE_URL()}/p/default/map?species=${encodeURIComponent(rare.species)}`)
    await page.getByTestId('map-count-note').getByText('Images matching filters').waitFor()
    await page.locator('[data-testid=camera-marker]').first().waitFor()
    const filteredCluster = await oneCluster()
    assert.equal(filteredCluster.count, filteredTotal)

    // The review-status filter on the map itself: rejected by a reviewer -> the map counts those only.
    await page.goto(`${BASE_URL()}/p/default/map`)
    await page.getByRole('button', { name: /Review status/ }).click()
    await page.getByRole('option', { name: 'Rejected' }).click()
    await page.keyboard.press('Escape')
    await page.waitForURL(/review_status=rejected/)
    const rejected = await apiCounts({ review_status: 'rejected' })
    const rejectedTotal = [...rejected.values()].reduce((a, b) => a + b, 0)
    await page.locator('[data-testid=map-count-note]').getByText('Images matching filters').waitFor()
    const rejectedCluster = await oneCluster()
    assert.equal(rejectedCluster.count, rejectedTotal)
    assert.ok(rejectedTotal < total)
    await dismissToasts(page)
  })

  test('the cameras pages on a phone', T, async () => {
    await page.setViewportSize(VIEWPORTS.phone)
    await page.goto(`${BASE_URL()}/p/${HOME}/cameras`)
    await page.getByTestId('camera-row').first().waitFor()
    await settle(page, 300)
    await screenshot(page, 'project-cameras-phone')
    await page.getByRole('button', { name: 'Edit Ridge north' }).click()
    await page.getByRole('dialog').getByTestId('location-picker').waitFor()
    await settle(page, 300)
    await screenshot(page, 'camera-form-phone')
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()
    await page.goto(`${BASE_URL()}/admin/cameras`)
    await page.locator('table').waitFor()
    await settle(page, 300)
    await screenshot(page, 'admin-unassigned-cameras-phone')
    await page.goto(`${BASE_URL()}/p/default/map`)
    await page.locator('[data-testid=camera-marker], [data-testid=camera-cluster]').first().waitFor()
    await settle(page, 300)
    await screenshot(page, 'map-phone-clusters')
    await page.setViewportSize(VIEWPORTS.desktop)
  })
})
