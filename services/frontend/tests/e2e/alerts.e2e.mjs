// The Alerts section in Chromium against the running platform with the alerts worker (same environment
// as dashboard.e2e.mjs, plus E2E_ALERT_WEBHOOK_URL: a loopback HTTP receiver started by
// tests/support/e2e.py, and E2E_UPLOAD_CAMERA: the camera of E2E_UPLOAD_IMAGE).
//
// A webhook channel is created and tested (the receiver's answer shows), a rule is made from a
// template and switched off and on, an area is drawn on the map, and an FTPS upload that fires the
// rule shows the live toast, whose link opens the alert with its delivery.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { basename, extname } from 'node:path'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, dismissToasts, env, ftpsUpload, login, recordToasts, screenshot, settle, toasts, uniqueJpeg, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 180_000 }
const STAMP = Date.now().toString(36)
const CHANNEL = `E2E receiver ${STAMP}`
const RULE = `E2E animals ${STAMP}`
const AREA_RULE = `E2E area ${STAMP}`
let browser
let page
let token

async function go(path) {
  await page.goto(`${BASE_URL()}/p/default${path}`)
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** Ticks options of the MultiSelect labelled `label` (a dropdown of checkboxes) and closes it. */
async function pick(label, names) {
  const field = page.locator('span.field-label', { hasText: new RegExp(`^${escape(label)}$`) }).locator('xpath=..')
  await field.getByRole('button').first().click()
  for (const name of names) await field.getByRole('option', { name: new RegExp(`^${escape(name)}`) }).click()
  await page.keyboard.press('Escape')
}

async function rulesByName() {
  const { body } = await api('/api/projects/default/alerts/rules', token)
  return new Map(body.map((r) => [r.name, r]))
}

before(async () => {
  token = await apiLogin('admin')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await login(page, 'admin')
})

after(async () => {
  // Files after this one upload to the same camera: their pages should not show this suite's alerts.
  const rule = (await rulesByName()).get(RULE)
  if (rule) await api(`/api/projects/default/alerts/rules/${rule.id}`, token, { method: 'PATCH', body: JSON.stringify({ enabled: false }) })
  await browser?.close()
})

describe('alerts', () => {
  test('channels: a webhook with a write-only secret; the server names a bad field; "Send test" shows the receiver\'s answer', T, async () => {
    await page.getByRole('link', { name: 'Alerts' }).first().click()
    await page.waitForURL(/\/p\/default\/alerts\/rules$/)
    await page.getByRole('link', { name: 'Channels' }).click()
    await page.getByRole('button', { name: 'New channel' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Kind').selectOption('webhook')
    await dialog.getByLabel('Name', { exact: true }).fill(CHANNEL)
    // Passes the form's own check (http:// and a host) but not the server's: its 422 shows at the field.
    await dialog.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9/a b')
    await dialog.getByLabel('Signing secret').fill('e2e-signing-secret')
    await dialog.getByRole('button', { name: 'Add channel' }).click()
    await dialog.getByText(/is not an http\(s\) URL/).waitFor()
    assert.equal(await dialog.getByLabel('URL', { exact: true }).getAttribute('aria-invalid'), 'true')

    await dialog.getByLabel('URL', { exact: true }).fill(env('E2E_ALERT_WEBHOOK_URL'))
    await dialog.getByRole('button', { name: 'Add channel' }).click()
    await dialog.waitFor({ state: 'detached' })
    const row = page.locator(`[data-testid=channel-row][data-channel-name="${CHANNEL}"]`)
    await row.waitFor()
    assert.match(await row.innerText(), /1 set/)
    const { body: channels } = await api('/api/projects/default/alerts/channels', token)
    const stored = channels.find((c) => c.name === CHANNEL)
    assert.deepEqual(stored.secret_fields, ['signing_secret'])
    assert.equal(JSON.stringify(stored).includes('e2e-signing-secret'), false, 'the secret never comes back')

    // Editing shows the secret as set, never its value.
    await row.getByRole('button', { name: `Edit ${CHANNEL}` }).click()
    const secret = page.getByRole('dialog').getByLabel('Signing secret')
    assert.equal(await secret.inputValue(), '')
    assert.match(await secret.getAttribute('placeholder'), /^Set/)
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click()

    await row.getByRole('button', { name: 'Send test' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Send test' }).click()
    const result = page.locator('[data-testid=test-recipient]')
    await result.waitFor()
    assert.equal(await result.getAttribute('data-ok'), 'true', await result.innerText())
    const receipt = await page.locator('[data-testid=test-receipt]').innerText()
    assert.match(receipt, /"status_code": 200/)
    assert.match(receipt, /addax-e2e-webhook/, "the receiver's own answer is shown")
    await screenshot(page, 'alerts-channel-test')
    await page.getByRole('dialog').getByRole('button', { name: 'Close', exact: true }).click()
    await settle(page)
    await screenshot(page, 'alerts-channels-desktop')
  })

  test('rules: one from the "species at cameras" template, switched off and on from the list', T, async () => {
    await go('/alerts/rules')
    await page.getByRole('link', { name: 'New rule' }).click()
    await page.locator('[data-testid=template-species_cameras]').click()
    await page.getByLabel('Name', { exact: true }).fill(RULE)
    // Every label the demo classifier can give, and "animal" for a detection it leaves unclassified:
    // whatever the upload turns out to show, the rule fires.
    await pick('Species groups', ['Carnivores', 'Ungulates'])
    await pick('Species', ['European hare', 'Animal'])
    await page.getByLabel('Minimum confidence').fill('0.01')
    await pick('Cameras', [env('E2E_UPLOAD_CAMERA')])
    await pick('Channels', [CHANNEL])
    await page.getByLabel('Quiet time per camera (minutes)').fill('0')
    await settle(page)
    await screenshot(page, 'alerts-rule-editor-desktop', { fullPage: true })
    await page.getByRole('button', { name: 'Create rule' }).click()
    await page.waitForURL(/\/alerts\/rules$/)
    const row = page.locator(`[data-testid=rule-row][data-rule-name="${RULE}"]`)
    await row.waitFor()
    assert.match(await row.innerText(), new RegExp(CHANNEL))

    const rule = (await rulesByName()).get(RULE)
    assert.deepEqual(rule.conditions.groups.sort(), ['carnivores', 'ungulates'])
    assert.equal(rule.conditions.min_confidence, 0.01)
    assert.equal(rule.conditions.camera_ids.length, 1)
    assert.equal(rule.channel_ids.length, 1)

    const toggle = row.getByRole('switch', { name: `${RULE} on` })
    await toggle.click()
    await page.locator('[data-testid=toast]').filter({ hasText: `${RULE} is off` }).waitFor()
    await row.locator('[role=switch][aria-checked=false]').waitFor({ timeout: 5000 })
    assert.equal((await rulesByName()).get(RULE).enabled, false)
    await toggle.click()
    await page.locator('[data-testid=toast]').filter({ hasText: `${RULE} is on` }).waitFor()
    await row.locator('[role=switch][aria-checked=true]').waitFor({ timeout: 5000 })
    assert.equal((await rulesByName()).get(RULE).enabled, true)
    await dismissToasts(page)
    await settle(page)
    await screenshot(page, 'alerts-rules-desktop')
  })

  test('area: corners clicked on the map close into a polygon the server stores', T, async () => {
    await go('/alerts/rules/new')
    await page.locator('[data-testid=template-species_area]').click()
    await page.getByLabel('Name', { exact: true }).fill(AREA_RULE)
    await pick('Species', ['Wolf'])
    const map = page.locator('[data-testid=area-map]')
    await map.waitFor()
    await page.locator('[data-testid=area-map] .leaflet-interactive').first().waitFor()
    const box = await map.boundingBox()
    // Around the middle of the map, where the demo cameras were fitted.
    for (const [fx, fy] of [[0.15, 0.15], [0.85, 0.15], [0.85, 0.85], [0.15, 0.85]]) {
      await map.click({ position: { x: box.width * fx, y: box.height * fy } })
    }
    assert.equal(await map.getAttribute('data-corners'), '4')
    await page.getByRole('button', { name: 'Close area' }).click()
    assert.equal(await map.getAttribute('data-closed'), 'true')
    const status = await page.locator('[data-testid=area-status]').innerText()
    assert.match(status, /Area closed: [1-9]\d* cameras? inside/)
    // Kept off: only the first rule should answer the upload below.
    await page.getByRole('switch', { name: 'Rule on' }).click()
    await settle(page)
    await screenshot(page, 'alerts-area-editor-desktop', { fullPage: true })
    await page.getByRole('button', { name: 'Create rule' }).click()
    await page.waitForURL(/\/alerts\/rules$/)
    const stored = (await rulesByName()).get(AREA_RULE)
    assert.equal(stored.enabled, false)
    assert.equal(stored.area.type, 'Polygon')
    assert.equal(stored.area.coordinates[0].length, 5, 'four corners and the closing one')
  })

  test('live: an upload that fires the rule shows a toast that opens the alert and its delivery', T, async () => {
    await go('/alerts/history')
    await page.locator('[data-testid=live-badge][data-status=open]').waitFor({ timeout: 15000 })
    await recordToasts(page)
    const file = env('E2E_UPLOAD_IMAGE')
    const jpeg = uniqueJpeg(readFileSync(file), `addax-e2e-alert ${STAMP}`)
    await ftpsUpload(jpeg, `${basename(file, extname(file))}-alert-${STAMP}.jpg`)

    const toast = page.locator('[data-testid=toast]').filter({ hasText: `Alert: ${RULE}` })
    await toast.waitFor({ timeout: 90000 })
    const shown = (await toasts(page)).find((t) => t.text.includes(`Alert: ${RULE}`))
    assert.match(shown.href, /\/p\/default\/alerts\/history\/\d+$/)
    await screenshot(page, 'alerts-live-toast')
    // The history refreshed itself with the new alert.
    const alertId = shown.href.split('/').pop()
    await page.locator(`[data-testid=alert-row][data-alert-id="${alertId}"]`).waitFor({ timeout: 15000 })

    await toast.getByRole('link', { name: 'View alert' }).click()
    await page.waitForURL(new RegExp(`/alerts/history/${alertId}$`))
    await page.locator('[data-testid=alert-detail]').waitFor()
    // The delivery goes out within seconds; the page follows a pending one without a reload.
    await page.locator('[data-testid=delivery-row]').first().waitFor({ timeout: 15000 })
    await page.locator('[data-testid=delivery-row][data-status=sent]').waitFor()
    const detail = (await api(`/api/projects/default/alerts/history/${alertId}`, token)).body
    assert.equal(detail.rule_name, RULE)
    assert.ok(detail.image_id, 'the alert names the uploaded image')
    await page.locator('[data-testid=alert-detail]').getByRole('link', { name: 'View image' }).waitFor()
    await dismissToasts(page)
    await settle(page)
    await screenshot(page, 'alerts-detail-desktop')
  })

  test('phone: the alerts pages fit 390 px, and a viewer sees the history only', T, async () => {
    await page.setViewportSize(VIEWPORTS.phone)
    for (const [path, name] of [['/alerts/rules', 'rules'], ['/alerts/channels', 'channels'], ['/alerts/history', 'history'], ['/alerts/rules/new', 'rule-editor']]) {
      await go(path)
      await page.locator('h1').waitFor()
      await page.locator('table, [data-testid=template-species_cameras]').first().waitFor()
      await settle(page, 400)
      const width = await page.evaluate(() => document.scrollingElement.scrollWidth)
      assert.ok(width <= 390, `${path} is ${width}px wide`)
      await screenshot(page, `alerts-${name}-phone`, { fullPage: name === 'rule-editor' })
    }
    await page.setViewportSize(VIEWPORTS.desktop)
    await go('/alerts/history')
    await page.locator('[data-testid=alert-row]').first().waitFor()
    await settle(page)
    await screenshot(page, 'alerts-history-desktop')

    const viewer = await launch({ viewport: VIEWPORTS.desktop })
    try {
      const p = viewer.context.pages()[0] ?? (await viewer.context.newPage())
      const saved = page
      page = p
      await login(p, 'viewer')
      await go('/alerts')
      await p.waitForURL(/\/p\/default\/alerts\/history$/)
      await p.locator('[data-testid=alert-row]').first().waitFor()
      const tabs = await p.getByRole('navigation', { name: 'Alerts' }).getByRole('link').allInnerTexts()
      assert.deepEqual(tabs.map((t) => t.trim()), ['History'])
      await go('/alerts/rules')
      await p.getByRole('heading', { name: 'Project admins only' }).waitFor()
      page = saved
    } finally {
      await viewer.close()
    }
  })
})
