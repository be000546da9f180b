// Review at speed in Chromium against the running platform (same environment as dashboard.e2e.mjs):
// multi-select ten images in the gallery and approve them in one action (and undo it), correct a
// species from the list with a hotkey and with the picker (and undo each), auto-advance after A, and a
// three-frame sequence uploaded here (one camera, EXIF times 5 s apart) shown as one gallery card,
// stepped through frame by frame and approved in one action. Each state passes axe (no serious or
// critical violations) and is photographed at desktop and phone size.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, axeProblems, BASE_URL, dismissToasts, env, ftpsUpload, login, screenshot, settle, uniqueJpeg, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 180_000 }
const STAMP = Date.now().toString(36)
const DEFAULT_VIEW = ['received', 'detecting', 'detected', 'classifying', 'completed'].map((s) => `status=${s}`).join('&')
// The burst's capture times: a day no other seeded photo has.
const BURST = ['2020:01:15 10:00:00', '2020:01:15 10:00:05', '2020:01:15 10:00:10']
const BURST_RANGE = 'date_from=2020-01-14T00:00:00Z&date_to=2020-01-17T00:00:00Z'
let browser
let page
let token

async function go(path) {
  await page.goto(`${BASE_URL()}/p/default${path}`)
}

async function image(id) {
  const { status, body } = await api(`/api/projects/default/images/${id}`, token)
  assert.equal(status, 200, JSON.stringify(body))
  return body
}

async function statuses(ids) {
  return Promise.all(ids.map(async (id) => (await image(id)).review_status))
}

/** Polls `check` (async, returns truthy when done) until it passes or `ms` runs out. */
async function eventually(check, message, ms = 30_000) {
  const deadline = Date.now() + ms
  let last
  while (Date.now() < deadline) {
    last = await check()
    if (last) return last
    await new Promise((r) => setTimeout(r, 300))
  }
  assert.fail(`${message} (last: ${JSON.stringify(last)})`)
}

/** The upload image with every EXIF date replaced by `when` (same length, so offsets stay valid). */
function withCaptureTime(jpeg, when) {
  const text = jpeg.toString('latin1').replace(/\d{4}:\d{2}:\d{2} \d{2}:\d{2}:\d{2}/g, when)
  const out = Buffer.from(text, 'latin1')
  assert.equal(out.length, jpeg.length)
  return uniqueJpeg(out, `review-e2e ${STAMP} ${when}`)
}

before(async () => {
  token = await apiLogin('analyst')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
  page.on('pageerror', (error) => console.error('page error:', error.message))
  await login(page, 'analyst')
})

after(async () => {
  await browser?.close()
})

describe('review at speed', () => {
  test('gallery: select ten images (click, shift-click), approve them in one action, undo', T, async () => {
    const listed = (await api(`/api/projects/default/images?limit=48&${DEFAULT_VIEW}`, token)).body.items
    assert.ok(listed.length >= 10, 'the gallery has at least ten images')
    const ids = listed.slice(0, 10).map((i) => i.id)
    const before = await statuses(ids)
    await go('/gallery')
    const checkboxes = page.getByTestId('select-image')
    await checkboxes.nth(9).waitFor()
    await checkboxes.nth(0).click()
    await page.getByTestId('selection-count').getByText('1 selected').waitFor()
    await checkboxes.nth(9).click({ modifiers: ['Shift'] })
    await page.getByTestId('selection-count').getByText('10 selected').waitFor()
    const selected = await page.locator('[data-testid=image-card][data-selected=true]').evaluateAll((cards) => cards.map((c) => c.dataset.imageId))
    assert.deepEqual(selected, ids, 'the range is the first ten cards in page order')
    await settle(page)
    assert.deepEqual(await axeProblems(page), [], 'review-gallery-selection')
    await screenshot(page, 'review-gallery-selection')

    const toolbar = page.getByRole('toolbar', { name: 'Selected images' })
    await toolbar.getByRole('button', { name: 'Approve' }).click()
    const toast = page.getByTestId('toast').filter({ hasText: '10 images approved' })
    await toast.waitFor()
    await toolbar.waitFor({ state: 'detached' })
    assert.deepEqual(await statuses(ids), Array(10).fill('approved'))
    // Undo puts each image back to the status it had.
    await toast.getByRole('button', { name: 'Undo' }).click()
    await page.getByTestId('toast').filter({ hasText: 'Undone' }).waitFor()
    assert.deepEqual(await statuses(ids), before)

    // "Select page" and Escape: the keyboard path.
    await page.getByTestId('select-page').click()
    await page.getByTestId('selection-count').getByText(`${listed.length} selected`).waitFor()
    await page.keyboard.press('Escape')
    await page.getByTestId('selection-toolbar').waitFor({ state: 'detached' })
    await dismissToasts(page)
  })

  test('image: a species from the list with hotkey 1, undone; from the picker, undone; auto-advance', T, async () => {
    const listed = (await api(`/api/projects/default/images?limit=48&${DEFAULT_VIEW}`, token)).body.items
    const target = listed.find((i) => i.animal_count >= 1 && i.status === 'completed')
    assert.ok(target, 'an image with an animal')
    const detail = await image(target.id)
    const animals = detail.detections.filter((d) => d.category === 'animal')
    const labelsBefore = animals.map((d) => d.human_label)
    const labels = (await api('/api/projects/default/species-labels', token)).body.labels
    const choice = labels.find((l) => l.kind === 'species' && !animals.some((d) => d.label === l.label))
    assert.ok(choice, 'a listed species the image does not show')

    await go(`/images/${target.id}`)
    await page.locator(`[data-testid=image-stage][data-image-id="${target.id}"]`).waitFor()
    // Key 1 gets the chosen species (kept per user in this browser).
    await page.getByRole('button', { name: 'Hotkeys 1–9' }).click()
    const dialog = page.getByRole('dialog', { name: 'Species hotkeys' })
    await dialog.getByLabel('Species on key 1').selectOption(choice.label)
    assert.deepEqual(await axeProblems(page), [], 'review-hotkeys')
    await screenshot(page, 'review-hotkeys')
    await dialog.getByRole('button', { name: 'Done' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.keyboard.press('1')
    const setToast = page.getByTestId('toast').filter({ hasText: choice.display })
    await setToast.waitFor()
    await eventually(async () => (await image(target.id)).detections.filter((d) => d.category === 'animal').every((d) => d.human_label === choice.label), 'key 1 set the species')
    await setToast.getByRole('button', { name: 'Undo' }).click()
    await eventually(
      async () => JSON.stringify((await image(target.id)).detections.filter((d) => d.category === 'animal').map((d) => d.human_label)) === JSON.stringify(labelsBefore),
      'undo restored the labels',
    )
    await dismissToasts(page)

    // The picker searches the list; the field does not trigger shortcuts while typing.
    const first = animals[0]
    await page.locator(`[data-testid=detection-item][data-detection-id="${first.id}"]`).locator('xpath=..').getByRole('button', { name: 'Correct species' }).click()
    const field = page.getByRole('combobox', { name: 'Correct species' })
    await field.fill(choice.display.slice(0, 4))
    const option = page.getByRole('option', { name: new RegExp(`^${choice.display}`) }).first()
    await option.waitFor()
    await settle(page, 200)
    assert.deepEqual(await axeProblems(page), [], 'review-species-picker')
    await screenshot(page, 'review-species-picker')
    await option.click()
    await eventually(async () => (await image(target.id)).detections.find((d) => d.id === first.id).human_label === choice.label, 'the picker saved')
    // A label outside the list is refused by the API, naming it.
    const refused = await api(`/api/projects/default/images/${target.id}/detections/${first.id}/species`, token, {
      method: 'PUT',
      body: JSON.stringify({ label: `not-a-species-${STAMP}` }),
    })
    assert.equal(refused.status, 422)
    assert.match(refused.body.detail[0].msg, new RegExp(`not-a-species-${STAMP}`))
    const undo = page.locator(`[data-testid=detection-item][data-detection-id="${first.id}"]`).locator('xpath=..').getByTestId('undo-correction')
    await undo.click()
    await eventually(async () => (await image(target.id)).detections.find((d) => d.id === first.id).human_label === null, 'undo correction removed the label')
    await dismissToasts(page)

    // Auto-advance: with the setting on, A approves and moves to the next image.
    if (detail.next_id) {
      const auto = page.getByRole('switch', { name: 'Auto-advance to the next image' })
      await auto.click()
      assert.equal(await auto.getAttribute('aria-checked'), 'true')
      await page.keyboard.press('a')
      await page.waitForURL(new RegExp(`/images/${detail.next_id}`))
      await eventually(async () => (await image(target.id)).review_status === 'approved', 'A approved the image before moving on')
      await api(`/api/projects/default/images/${target.id}/review`, token, { method: 'POST', body: JSON.stringify({ status: detail.review_status }) })
      await page.getByRole('switch', { name: 'Auto-advance to the next image' }).click()
    }
  })

  test('sequence: one card with its frame count, stepped through, approved in one action', T, async () => {
    const jpeg = readFileSync(env('E2E_UPLOAD_IMAGE'))
    for (const [i, when] of BURST.entries()) await ftpsUpload(withCaptureTime(jpeg, when), `review-${STAMP}-${i}.jpg`)
    const sequence = await eventually(async () => {
      const { body } = await api(`/api/projects/default/images?group=sequence&${BURST_RANGE}&${DEFAULT_VIEW}`, token)
      const item = body.items?.find((i) => i.frame_count === 3)
      if (!item) return null
      const seq = (await api(`/api/projects/default/sequences/${item.sequence_id}`, token)).body
      return seq.frames.every((f) => f.status === 'completed') ? seq : null
    }, 'the three uploads form one processed sequence', 90_000)
    const frames = sequence.frames.map((f) => f.id)

    await go(`/gallery?group=sequence&date_from=2020-01-14&date_to=2020-01-16`)
    const card = page.locator(`[data-testid=image-card]`).filter({ has: page.getByTestId('card-badge').getByText('3 frames') })
    await card.first().waitFor()
    assert.equal(await page.getByRole('switch', { name: 'One card per sequence' }).getAttribute('aria-checked'), 'true')
    await settle(page)
    assert.deepEqual(await axeProblems(page), [], 'review-gallery-sequences')
    await screenshot(page, 'review-gallery-sequences')

    await go(`/images/${frames[0]}`)
    const position = page.getByTestId('sequence-position')
    await position.getByText('Frame 1 of 3').waitFor()
    await page.getByTestId('sequence-frame').nth(2).waitFor()
    await page.keyboard.press('Shift+ArrowRight')
    await page.waitForURL(new RegExp(`/images/${frames[1]}`))
    await position.getByText('Frame 2 of 3').waitFor()
    await page.getByRole('button', { name: 'Next frame' }).click()
    await page.waitForURL(new RegExp(`/images/${frames[2]}`))
    await position.getByText('Frame 3 of 3').waitFor()
    await page.keyboard.press('Shift+ArrowLeft')
    await page.waitForURL(new RegExp(`/images/${frames[1]}`))
    await settle(page)
    assert.deepEqual(await axeProblems(page), [], 'review-sequence-detail')
    await screenshot(page, 'review-sequence-detail')

    await page.getByRole('button', { name: 'Approve all 3 frames' }).click()
    await page.getByTestId('toast').filter({ hasText: 'Sequence approved: 3 frames' }).waitFor()
    assert.deepEqual(await statuses(frames), ['approved', 'approved', 'approved'])
    // The page shows it too: this frame's review bar and every thumbnail.
    await page.getByRole('group', { name: 'Review this image' }).getByRole('button', { name: /Approved/ }).waitFor()
    await eventually(async () => (await page.getByTestId('sequence-frame').evaluateAll((ls) => ls.map((l) => l.getAttribute('aria-label')))).every((l) => l.includes('approved')), 'thumbnails show approved')
    await dismissToasts(page)
  })

  test('phone: gallery selection and the sequence page fit the screen', T, async () => {
    await page.setViewportSize(VIEWPORTS.phone)
    await go(`/gallery`)
    await page.getByTestId('select-image').nth(1).waitFor()
    await page.getByTestId('select-image').nth(0).click()
    await page.getByTestId('select-image').nth(1).click()
    await page.getByTestId('selection-count').getByText('2 selected').waitFor()
    await settle(page)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    assert.ok(overflow <= 0, `no horizontal scroll (${overflow}px)`)
    assert.deepEqual(await axeProblems(page), [], 'review-gallery-selection-phone')
    await screenshot(page, 'review-gallery-selection-phone')
    await page.keyboard.press('Escape')
    const seq = (await api(`/api/projects/default/images?group=sequence&${BURST_RANGE}&${DEFAULT_VIEW}`, token)).body.items.find((i) => i.frame_count === 3)
    await go(`/images/${seq.id}`)
    await page.getByTestId('sequence-position').waitFor()
    await settle(page)
    assert.ok((await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)) <= 0, 'detail fits the phone')
    assert.deepEqual(await axeProblems(page), [], 'review-sequence-detail-phone')
    await screenshot(page, 'review-sequence-detail-phone', { fullPage: true })
    await page.setViewportSize(VIEWPORTS.desktop)
  })
})
