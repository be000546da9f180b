// The web upload in Chromium against the running platform (same environment as dashboard.e2e.mjs).
// A folder of 20 real camera-trap photos (the Reconyx photos of tests/data/camtrap-dp-example, each
// made unique with a JPEG comment) is dropped on the upload page; 3 of them were sent before through
// the HTTP upload API with an upload key. The page previews 17 new and 3 duplicates (hashes computed
// in the browser, checked against the server), shows per-file and overall progress, and the 17
// images arrive in a gallery open in a second tab without reloading it. Screenshots of the page at
// desktop and phone size go to SCREENSHOT_DIR (helpers.mjs).
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createHash } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import { launch } from './browser.mjs'
import { api, apiLogin, BASE_URL, dismissToasts, login, screenshot, settle, uniqueJpeg, VIEWPORTS } from './helpers.mjs'

const T = { timeout: 300_000 }
const PHOTOS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../tests/data/camtrap-dp-example')
let browser
let page
let token

/** 20 distinct photos from the 10 Reconyx originals (two comment variants each). */
function folder() {
  const originals = readdirSync(PHOTOS).filter((n) => n.endsWith('.JPG')).sort().slice(0, 10)
  assert.equal(originals.length, 10)
  const run = Date.now().toString(36)
  return originals.flatMap((name) =>
    ['a', 'b'].map((variant) => {
      const data = uniqueJpeg(readFileSync(resolve(PHOTOS, name)), `upload e2e ${run} ${variant}`)
      return { name: name.replace('.JPG', `-${variant}.JPG`), data, sha256: createHash('sha256').update(data).digest('hex') }
    }),
  )
}

/** A minimal valid MP4 (ftyp, moov with its mvhd, mdat), unique by `tag`: what a camera's clip looks like to ingestion. */
function tinyMp4(tag) {
  const box = (type, body) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(8 + body.length, 0)
    head.write(type, 4, 'latin1')
    return Buffer.concat([head, body])
  }
  const ftyp = box('ftyp', Buffer.concat([Buffer.from('isom'), Buffer.from([0, 0, 2, 0]), Buffer.from('isomiso2avc1mp41')]))
  const mvhd = Buffer.alloc(100)
  mvhd.writeUInt32BE(1000, 12) // timescale
  mvhd.writeUInt32BE(1000, 16) // duration: 1 s
  mvhd.writeUInt32BE(0x10000, 20) // rate 1.0
  mvhd.writeUInt16BE(0x100, 24) // volume 1.0
  ;[0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].forEach((v, i) => mvhd.writeUInt32BE(v, 36 + 4 * i))
  mvhd.writeUInt32BE(2, 96) // next track id
  const payload = Buffer.alloc(4096, `${tag} `)
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd)), box('mdat', payload)])
}

before(async () => {
  token = await apiLogin('admin')
  browser = await launch({ viewport: VIEWPORTS.desktop })
  page = browser.context.pages()[0] ?? (await browser.context.newPage())
})

after(async () => {
  await browser?.close()
})

describe('upload', () => {
  test('a dropped folder of 20 photos (3 already sent) previews 17 new, uploads them and they arrive in the gallery', T, async () => {
    const files = folder()
    // 3 of them reach the server first through the HTTP upload API (an upload key, a raw body).
    const key = await api('/api/projects/default/upload-keys', token, { method: 'POST', body: JSON.stringify({ name: 'e2e gateway' }) })
    assert.equal(key.status, 201)
    for (const file of files.slice(0, 3)) {
      const res = await fetch(`${BASE_URL()}/api/upload/images`, {
        method: 'POST',
        headers: { 'X-Api-Key': key.body.key, 'X-Filename': file.name, 'Content-Type': 'image/jpeg' },
        body: file.data,
      })
      assert.equal(res.status, 201, await res.text())
    }

    await login(page, 'admin')
    // A second tab with the gallery, newest arrivals first: the uploads must appear there live.
    const gallery = await browser.context.newPage()
    await gallery.goto(`${BASE_URL()}/p/default/gallery?sort=received_at`)
    await gallery.locator('[data-testid=image-card]').first().waitFor()

    await page.goto(`${BASE_URL()}/p/default/upload`)
    await page.locator('[data-testid=drop-zone]').waitFor()
    await page.evaluate(async (photos) => {
      const transfer = new DataTransfer()
      for (const photo of photos) {
        const bytes = Uint8Array.from(atob(photo.b64), (c) => c.charCodeAt(0))
        transfer.items.add(new File([bytes], photo.name, { type: 'image/jpeg' }))
      }
      const zone = document.querySelector('[data-testid=drop-zone]')
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }))
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }))
    }, files.map((f) => ({ name: f.name, b64: f.data.toString('base64') })))

    await page.locator('[data-testid=count-new]').waitFor({ timeout: 60000 })
    assert.equal(await page.locator('[data-testid=count-new]').innerText(), '17')
    assert.equal(await page.locator('[data-testid=count-duplicate]').innerText(), '3')
    assert.equal(await page.locator('[data-testid=count-unsupported]').innerText(), '0')
    assert.equal(await page.locator('[data-testid=upload-row]').count(), 20)
    await screenshot(page, 'upload-preview-desktop')

    await page.getByRole('button', { name: 'Upload 17 files' }).click()
    await page.locator('[data-testid=overall-progress]').waitFor()
    const progress = page.getByRole('progressbar', { name: 'Overall progress' })
    await page.waitForFunction(() => document.querySelector('[data-testid=overall-progress]')?.textContent?.startsWith('17 of 17'), null, { timeout: 120000 })
    assert.equal(await progress.getAttribute('aria-valuenow'), '100')
    assert.match(await page.locator('main').innerText(), /17 received · 0 duplicate · 0 rejected/)
    await dismissToasts(page)
    await settle(page, 300)
    await screenshot(page, 'upload-desktop')

    // The server holds each of the 20 once, and the 17 new ones came through the web door.
    const check = await api('/api/projects/default/uploads/check', token, { method: 'POST', body: JSON.stringify({ sha256: files.map((f) => f.sha256) }) })
    assert.equal(check.body.known.length, 20)
    const newIds = check.body.known.filter((k) => !files.slice(0, 3).some((f) => f.sha256 === k.sha256)).map((k) => k.image_id)
    const detail = await api(`/api/projects/default/images/${newIds[0]}`, token)
    assert.equal(detail.status, 200)

    // They arrived in the open gallery tab without a reload.
    await gallery.waitForFunction(
      (ids) => ids.every((id) => document.querySelector(`[data-testid=image-card][data-image-id="${id}"]`)),
      newIds,
      { timeout: 60000 },
    )
    await gallery.close()

    await page.setViewportSize(VIEWPORTS.phone)
    await dismissToasts(page)
    await settle(page, 300)
    await screenshot(page, 'upload-phone', { fullPage: true })
    await page.setViewportSize(VIEWPORTS.desktop)
  })

  test('a video from an SD card is listed with a "not analysed yet" badge and plays on its detail page', T, async () => {
    const key = await api('/api/projects/default/upload-keys', token, { method: 'POST', body: JSON.stringify({ name: 'e2e sd card' }) })
    assert.equal(key.status, 201)
    const res = await fetch(`${BASE_URL()}/api/upload/images`, {
      method: 'POST',
      headers: { 'X-Api-Key': key.body.key, 'X-Filename': 'SUNP0001.MP4', 'Content-Type': 'video/mp4' },
      body: tinyMp4(`video e2e ${Date.now()}`),
    })
    const sent = await res.json()
    assert.equal(res.status, 201, JSON.stringify(sent))
    assert.equal(sent.status, 'completed') // stored and listed, never queued for the image models

    await page.goto(`${BASE_URL()}/p/default/gallery?sort=received_at`)
    if (new URL(page.url()).pathname === '/login') {
      await login(page, 'admin') // signed in already when the test above ran
      await page.goto(`${BASE_URL()}/p/default/gallery?sort=received_at`)
    }
    const card = page.locator(`[data-testid=image-card][data-image-id="${sent.image_id}"]`)
    await card.waitFor()
    assert.match(await card.locator('[data-testid=video-badge]').innerText(), /Video — not analysed yet/)
    await settle(page, 300)
    await screenshot(page, 'upload-video-gallery')
    await card.click()
    const player = page.locator('[data-testid=video-player]')
    await player.waitFor({ timeout: 15000 })
    assert.match(await player.getAttribute('src'), /\.mp4/)
    assert.match(await page.locator('[data-testid=video-note]').innerText(), /not analysed yet/)
    await settle(page, 300)
    await screenshot(page, 'upload-video-detail')
    await page.setViewportSize(VIEWPORTS.phone)
    await settle(page, 300)
    await screenshot(page, 'upload-video-detail-phone')
    await page.setViewportSize(VIEWPORTS.desktop)
  })
})
