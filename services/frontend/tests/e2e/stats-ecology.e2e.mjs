// Ecology charts on the statistics page in Chromium against the running platform (same environment as
// dashboard.e2e.mjs). tests/support/e2e.py gives the second project's camera a deployment from 2026-04-30
// to 2026-05-06 (6 trap-days, Europe/Amsterdam) holding its photos of 05-01..04 at 06:30 UTC. The viewer
// sees trap-days, RAI, activity, accumulation and occupancy with the API's numbers, at desktop and phone
// size without sideways scrolling. Screenshots of the section go to SCREENSHOT_DIR (stats-ecology-{desktop,phone}.png).
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, env, login, SCREENSHOT_DIR, settle, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 180_000 }
let SLUG
let token
let browser
let page

/** The dashboard's RAI format (src/features/stats/ecology.ts formatRai). */
const rai = (v) => (v === null ? '—' : v >= 10 ? v.toFixed(1) : v.toFixed(2))

before(async () => {
  SLUG = env('E2E_SECOND_PROJECT')
  token = await apiLogin('viewer')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
})

after(async () => {
  await browser?.close()
})

describe('ecology statistics', () => {
  test('the charts show the seeded survey with the API numbers', T, async () => {
    const get = async (path) => (await api(`/api/projects/${SLUG}/stats/${path}`, token)).body
    const [trapDays, rais, activity, accumulation, occupancy] = await Promise.all(
      ['trap-days', 'rai', 'activity', 'accumulation', 'occupancy'].map(get),
    )
    // The seeded numbers, by hand: one deployment of 6 days; the cameras' clocks say 06:30 and EXIF has
    // no zone, so the deployment's zone (Europe/Amsterdam) reads them as 06:30 local: every detection is
    // at local hour 6 (how many depends on the demo classifier: those it gives a species).
    assert.equal(trapDays.total, 6)
    const detections = activity.total.detections
    assert.equal(detections[6], detections.reduce((s, n) => s + n, 0))
    assert.ok(detections[6] >= 1, `the photos with an animal are detections: ${detections}`)
    assert.ok(rais.species.length > 0, 'the photos have species')
    assert.equal(occupancy.sites_surveyed, 1)
    // Project days in Europe/Amsterdam: 04-30 02:00 .. 05-06 02:00 local touches 7 calendar days.
    assert.equal(accumulation.points.length, 7)

    await login(page, 'viewer')
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(viewport)
      await page.goto(`${BASE_URL()}/p/${SLUG}/stats`)
      await page.locator('[data-testid=rai-row]').first().waitFor()
      await settle(page, 400)

      assert.equal(await page.getByTestId('trap-days-total').innerText(), '6')
      assert.equal(await page.getByTestId('trap-days-row').count(), 1)
      const rows = await page.getByTestId('rai-row').evaluateAll((trs) =>
        trs.map((tr) => [tr.dataset.species, tr.querySelector('[data-testid=rai-value]').textContent]),
      )
      assert.deepEqual(
        rows,
        rais.species.slice(0, 10).map((s) => [s.species, rai(s.rai)]),
      )
      const activityLabel = await page.locator('[data-testid=activity-chart] canvas').getAttribute('aria-label')
      assert.match(activityLabel, new RegExp(`${detections[6]} detections; most events at 06:00`))
      const species = accumulation.points.at(-1).species_count
      const accumulationLabel = await page.locator('[data-testid=accumulation-chart] canvas').getAttribute('aria-label')
      assert.equal(accumulationLabel, `Species accumulation: ${species} species after 6 trap-days`)
      const occupancyRows = await page.getByTestId('occupancy-row').allInnerTexts()
      assert.equal(occupancyRows.length, occupancy.species.length)
      assert.ok(occupancyRows.every((r) => r.includes('100%') && r.includes('1/1')), occupancyRows.join('|'))

      // Choosing a species redraws the activity chart for it.
      const first = rais.species[0].species
      const firstSeries = activity.species.find((s) => s.species === first)
      await page.locator('[data-testid=activity-chart] select').selectOption(first)
      await page.waitForFunction(
        (n) => document.querySelector('[data-testid=activity-chart] canvas')?.getAttribute('aria-label')?.includes(`${n} detections`),
        firstSeries.detections.reduce((s, n) => s + n, 0),
      )

      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
      assert.ok(overflow <= 0, `no sideways scroll at ${size} (${overflow}px too wide)`)
      // The sticky header would cover part of the section in an element shot.
      await page.evaluate(() => document.querySelectorAll('header').forEach((h) => (h.style.visibility = 'hidden')))
      await page.getByTestId('ecology').screenshot({ path: resolve(SCREENSHOT_DIR, `stats-ecology-${size}.png`) })
      await page.evaluate(() => document.querySelectorAll('header').forEach((h) => (h.style.visibility = '')))
    }
  })
})
