// Exports in Chromium against the running platform (same environment as dashboard.e2e.mjs): the admin
// places the first camera's photos in a deployment, filters the gallery to that camera, opens
// "Export", picks "Camtrap DP, with photos" and downloads it; the zip holds datapackage.json, the
// three tables and every photo media.csv names, as many as the API counts for the same filters.
// The export and import dialogs pass axe at desktop and phone size; screenshots of both go to
// SCREENSHOT_DIR (helpers.mjs).
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, axeProblems, BASE_URL, login, screenshot, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 240_000 }
const DEFAULT_VIEW = ['received', 'detecting', 'detected', 'classifying', 'completed'].map((s) => `status=${s}`).join('&')
let token
let browser
let page
let work

/** Names and the media.csv/datapackage.json of a zip, read with Python's zipfile (no zip library in Node). */
function readZip(path) {
  const script = `
import csv, io, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
media = list(csv.DictReader(io.StringIO(z.read("media.csv").decode())))
print(json.dumps({"names": z.namelist(), "media": media, "package": json.loads(z.read("datapackage.json")),
                  "observations": len(z.read("observations.csv").decode().splitlines()) - 1, "bad": z.testzip()}))`
  return JSON.parse(execFileSync('python3', ['-c', script, path], { encoding: 'utf8' }))
}

/** The camera with the most dated photos, in a deployment spanning all of them (created unless one exists), and
 * the UTC offset its media timestamps must carry (Europe/Amsterdam for the one created here). */
async function deployedCamera() {
  const images = (await api(`/api/projects/default/images?limit=200&capture_time=known&${DEFAULT_VIEW}`, token)).body.items
  const byCamera = new Map()
  for (const image of images.filter((i) => i.camera_id)) byCamera.set(image.camera_id, [...(byCamera.get(image.camera_id) ?? []), image])
  const [cameraId, photos] = [...byCamera.entries()].sort((a, b) => b[1].length - a[1].length)[0]
  const deployments = (await api(`/api/projects/default/deployments?camera_id=${cameraId}`, token)).body
  if (deployments.length === 0) {
    const times = photos.map((p) => Date.parse(p.captured_at))
    const created = await api('/api/projects/default/deployments', token, {
      method: 'POST',
      body: JSON.stringify({
        camera_id: cameraId,
        start_at: new Date(Math.min(...times) - 3600_000).toISOString(),
        end_at: new Date(Math.max(...times) + 3600_000).toISOString(),
        location: { lat: 52.1, lon: 5.2 },
        location_name: 'E2E export site',
        timezone: 'Europe/Amsterdam',
      }),
    })
    assert.equal(created.status, 201, JSON.stringify(created.body))
    return { cameraId, zone: /\+0[12]:00$/ }
  }
  return { cameraId, zone: /[+-]\d\d:\d\d$/ }
}

before(async () => {
  token = await apiLogin('admin')
  work = mkdtempSync(join(tmpdir(), 'addax-e2e-export-'))
  browser = await launch({ viewport: VIEWPORTS.desktop, acceptDownloads: true })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
})

after(async () => {
  await browser?.close()
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('exports', () => {
  test('download a Camtrap DP package with photos from the gallery and check the zip', T, async () => {
    const { cameraId, zone } = await deployedCamera()
    const filter = `camera_id=${cameraId}&${DEFAULT_VIEW}`
    const expected = await fetch(`${BASE_URL()}/api/projects/default/exports/camtrap-dp?media=urls&${filter}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    const count = Number(expected.headers.get('x-export-images'))
    await expected.arrayBuffer()
    assert.ok(count > 0, 'the deployed camera has photos in the package')

    await login(page, 'admin')
    await page.goto(`${BASE_URL()}/p/default/gallery?camera_id=${cameraId}`)
    await page.locator('[data-testid=image-card]').first().waitFor()
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await settle(page, 200)
      const button = page.getByRole('button', { name: 'Export', exact: true })
      const box = await button.boundingBox()
      assert.ok(box && box.x >= 0 && box.x + box.width <= viewport.width, `Export button on screen at ${size}`)
      await screenshot(page, `exports-gallery-${size}`)
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    await page.getByRole('button', { name: 'Export', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: 'Export images' })
    await dialog.waitFor()
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await settle(page, 200)
      assert.deepEqual(await axeProblems(page), [], `export dialog at ${size}`)
      await screenshot(page, `exports-dialog-${size}`)
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    await dialog.getByLabel('Camtrap DP, with photos (zip)').check()
    const downloading = page.waitForEvent('download', { timeout: 120000 })
    await dialog.getByRole('button', { name: 'Download' }).click()
    const download = await downloading
    assert.match(download.suggestedFilename(), /^default-camtrap-dp-with-media-.*\.zip$/)
    const path = join(work, download.suggestedFilename())
    await download.saveAs(path)
    const progress = await dialog.getByTestId('export-progress').innerText()
    assert.match(progress, new RegExp(`received of about .* · ${count} images`), progress)
    await dialog.getByRole('status').filter({ hasText: 'downloaded' }).waitFor()
    await screenshot(page, 'exports-downloaded-desktop')

    const zip = readZip(path)
    assert.equal(zip.bad, null, 'every member reads back with a good CRC')
    for (const name of ['datapackage.json', 'deployments.csv', 'media.csv', 'observations.csv']) {
      assert.ok(zip.names.includes(name), `${name} in the zip`)
    }
    assert.equal(zip.media.length, count, 'one media row per photo the API counts under the same filters')
    for (const row of zip.media) {
      assert.ok(zip.names.includes(row.filePath), `${row.filePath} is in the zip`)
      assert.match(row.timestamp, zone, 'local time of the deployment')
    }
    assert.equal(zip.names.filter((n) => n.startsWith('media/')).length, count)
    assert.equal(zip.package.profile, 'https://raw.githubusercontent.com/tdwg/camtrap-dp/1.0.2/camtrap-dp-profile.json')
    assert.ok(zip.observations >= 1, 'observations are there')

    // Project admins import from the same dialog.
    await dialog.getByRole('button', { name: 'Import…' }).click()
    const importDialog = page.getByRole('dialog', { name: 'Import data' })
    await importDialog.waitFor()
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await settle(page, 200)
      assert.deepEqual(await axeProblems(page), [], `import dialog at ${size}`)
      await screenshot(page, `exports-import-${size}`)
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    // The package just exported is already in this project (its deployment on the same camera): refused
    // with the row and field named, nothing stored.
    await importDialog.getByLabel('Zip file').setInputFiles(path)
    await importDialog.getByRole('button', { name: 'Import', exact: true }).click()
    const problem = importDialog.getByRole('alert')
    await problem.waitFor({ timeout: 60000 })
    assert.match(await problem.innerText(), /Nothing was imported[\s\S]*deployments\.csv line 2, field deploymentStart: overlaps another deployment of camera/)
  })
})
