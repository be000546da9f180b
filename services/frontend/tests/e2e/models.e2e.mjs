// The Models page in Chromium against the running platform (same environment as dashboard.e2e.mjs):
// the demo-models banner, the installed models with their provenance and hash check, the active
// models with their execution provider, a threshold edit the server refuses (422 at the field) and
// one it stores, and a reprocess whose progress moves to "Finished" as the real workers run it.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, login, screenshot, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 240_000 }
let browser
let page
let token
let original

const EDITABLE = ['detection_store_threshold', 'detection_classify_threshold', 'classification_min_score', 'classification_rollup_threshold', 'blur_people']

/** Puts the run-time settings back as they were before this file. */
async function restore() {
  const values = Object.fromEntries(EDITABLE.map((k) => [k, original[k]]))
  await api('/api/models/settings', token, { method: 'PUT', body: JSON.stringify(values) })
}

before(async () => {
  token = await apiLogin('admin')
  original = (await api('/api/models', token)).body.settings
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await login(page, 'admin')
})

after(async () => {
  // Later files expect the default thresholds.
  if (original) {
    await restore()
  }
  await browser?.close()
})

describe('models', () => {
  test('the demo banner, then the Models page: installed models with provenance, active models and provider', T, async () => {
    const banner = page.getByRole('region', { name: 'Demo models' })
    await banner.waitFor()
    assert.match(await banner.innerText(), /Demo models: they find the coloured shapes of the demo photos, not animals/)

    await page.goto(`${BASE_URL()}/admin/users`)
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Models' }).click()
    await page.waitForURL(/\/admin\/models$/)
    const detector = page.locator('[data-testid=installed-model-row][data-model=demo-detector]')
    await detector.waitFor()
    const row = await detector.innerText()
    assert.match(row, /Demo/)
    assert.match(row, /Active/)
    assert.match(row, /SHA-256 matches/)
    assert.match(row, /build: addax_models\.build_demo/)
    assert.match(row, /Licence: MIT/)
    const classifier = await page.locator('[data-testid=installed-model-row][data-model=demo-classifier]').innerText()
    assert.match(classifier, /SHA-256 matches/)
    // Active models: name@version, demo badge, the execution provider the worker reported.
    const active = page.getByRole('region', { name: 'Active models' })
    const text = await active.innerText()
    assert.match(text, /demo-detector@\d/)
    assert.match(text, /demo-classifier@\d/)
    assert.match(text, /CPUExecutionProvider/)
    await settle(page)
    await screenshot(page, 'models-desktop', { fullPage: true })
  })

  test('thresholds: the server names a crop threshold below the store threshold; a valid change is stored', T, async () => {
    const form = page.getByRole('form', { name: 'Thresholds' })
    const store = form.getByLabel('Detector: store at')
    const crop = form.getByLabel('Detector: crop and classify at')
    await store.fill('0.3')
    await crop.fill('0.25')
    await form.getByRole('button', { name: 'Save thresholds' }).click()
    await form.getByText(/must be at least detection_store_threshold/).waitFor()
    assert.equal(await crop.getAttribute('aria-invalid'), 'true')
    const unchanged = (await api('/api/models/settings', token, { method: 'PUT', body: '{}' })).body
    assert.equal(unchanged.detection_store_threshold, original.detection_store_threshold)

    await crop.fill('0.35')
    await form.getByLabel('Classifier: minimum score').fill('0.01')
    await form.getByRole('button', { name: 'Save thresholds' }).click()
    await page.getByText('Thresholds saved').first().waitFor()
    const saved = (await api('/api/models', token)).body.settings
    assert.deepEqual(
      [saved.detection_store_threshold, saved.detection_classify_threshold, saved.classification_min_score],
      [0.3, 0.35, 0.01],
    )
    await form.getByText(/Last changed .* by admin@e2e\.example\.org/).waitFor()
    // Back to the defaults before the reprocess, so it changes nothing the later files rely on.
    await restore()
  })

  test('reprocess: a job for the default project shows its progress until the workers finish it', T, async () => {
    await page.reload()
    const before = (await api('/api/models/reprocess-jobs', token)).body.map((j) => j.id)
    const panel = page.getByRole('region', { name: 'Reprocess images' })
    await panel.getByLabel('Project').selectOption('default')
    await panel.getByLabel('Run again').selectOption('classification')
    await panel.getByRole('button', { name: 'Reprocess all images' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'Reprocess' }).click()
    await dialog.waitFor({ state: 'detached' })
    const jobs = (await api('/api/models/reprocess-jobs', token)).body
    const job = jobs.find((j) => !before.includes(j.id))
    assert.ok(job && job.total > 0, JSON.stringify(jobs[0]))
    const row = page.locator(`[data-testid=reprocess-job-row][data-job-id="${job.id}"]`)
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(`/ ${job.total} done`))
    assert.ok(await row.getByRole('progressbar').isVisible())
    // The page polls while the job runs; the real classification workers finish it.
    await page.locator(`[data-testid=reprocess-job-row][data-job-id="${job.id}"][data-state=finished]`).waitFor({ timeout: 180_000 })
    assert.match(await row.innerText(), new RegExp(`${job.total} / ${job.total} done`))
    assert.match(await row.innerText(), /Finished/)
    await settle(page)
    await screenshot(page, 'models-reprocessed-desktop', { fullPage: true })
    await page.setViewportSize(VIEWPORTS.phone)
    await settle(page)
    await screenshot(page, 'models-phone', { fullPage: true })
    await page.setViewportSize(VIEWPORTS.desktop)
  })
  test('gallery: a project admin reprocesses only the images under the gallery filter', T, async () => {
    const images = (await api('/api/projects/default/images?limit=200&status=completed', token)).body.items
    const camera = images.find((i) => i.camera_id != null).camera_id
    const matching = images.filter((i) => i.camera_id === camera).length
    const before = (await api('/api/models/reprocess-jobs', token)).body.map((j) => j.id)
    await page.goto(`${BASE_URL()}/p/default/gallery?camera_id=${camera}&status=completed`)
    await page.locator('[data-testid=image-card]').first().waitFor()
    await page.getByRole('button', { name: 'Reprocess', exact: true }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByText(new RegExp(`Reprocess ${matching} images?|Reprocess 1 image?`)).waitFor()
    await dialog.getByRole('button', { name: 'Reprocess' }).click()
    await dialog.waitFor({ state: 'detached' })
    const job = (await api('/api/models/reprocess-jobs', token)).body.find((j) => !before.includes(j.id))
    assert.ok(job, 'a new job')
    assert.deepEqual([job.total, job.stages, job.filters.camera_ids], [matching, 'detection', [camera]])
    // The progress line may come and go before we look (a one-image job): not waited for long.
    await page.getByRole('status').filter({ hasText: /Reprocessing \d+ \/ \d+/ }).waitFor({ timeout: 5000 }).catch(() => {})
    // Later files expect completed images: wait for the workers.
    for (let i = 0; i < 120; i++) {
      const now = (await api(`/api/projects/default/reprocess/${job.id}`, token)).body
      if (now.state === 'finished') {
        assert.equal(now.done, matching)
        return
      }
      await new Promise((r) => setTimeout(r, 1000))
    }
    assert.fail('the gallery reprocess did not finish in 120 s')
  })
})
