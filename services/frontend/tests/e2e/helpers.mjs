// Shared helpers of the end-to-end suite: environment, API calls from Node, login, screenshots,
// canvas pixels and FTPS uploads.
import { mkdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, resolve } from 'node:path'
import { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { Client } from 'basic-ftp'

const here = dirname(fileURLToPath(import.meta.url))
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

export function env(name, fallback) {
  const value = process.env[name] ?? fallback
  if (value === undefined || value === '') throw new Error(`The end-to-end tests need the environment variable ${name}`)
  return value
}

/** The two screen sizes every page is checked at. */
// The sizes every page is checked and photographed at: a laptop screen and a common phone.
export const VIEWPORTS = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } }

export const BASE_URL = () => env('BASE_URL').replace(/\/$/, '')
// Screenshots go to a temporary folder unless asked for: SCREENSHOT_DIR=docs/screenshots (relative to the
// repository root) refreshes the pictures the docs show, tracked files, so an ordinary test run leaves the
// working tree clean.
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR
  ? resolve(here, '../../../..', process.env.SCREENSHOT_DIR)
  : resolve(tmpdir(), 'addax-e2e-screenshots')

export function credentials(role) {
  const key = role.toUpperCase()
  return { email: env(`${key}_EMAIL`), password: env(`${key}_PASSWORD`) }
}

/** Logs in through the API from Node (a separate session from the browser's). */
export async function apiLogin(role) {
  const res = await fetch(`${BASE_URL()}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(credentials(role)),
  })
  if (!res.ok) throw new Error(`API login as ${role} failed: ${res.status} ${await res.text()}`)
  return (await res.json()).access_token
}

export async function api(path, token, init = {}) {
  const res = await fetch(`${BASE_URL()}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...(init.headers ?? {}), Authorization: `Bearer ${token}` },
  })
  const body = res.headers.get('content-type')?.includes('json') ? await res.json() : await res.text()
  return { status: res.status, body }
}

export async function login(page, role) {
  const { email, password } = credentials(role)
  await page.goto(`${BASE_URL()}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(/\/gallery/)
  await page.locator('[data-testid=live-badge][data-status=open]').waitFor({ timeout: 15000 })
}

/** Waits until requests have settled and the images in view have loaded. */
export async function settle(page, extraMs = 300) {
  await page.waitForLoadState('networkidle', { timeout: 15000 }).catch(() => {})
  await page
    .waitForFunction(
      () =>
        Array.from(document.images)
          .filter((img) => {
            const r = img.getBoundingClientRect()
            return r.bottom > 0 && r.top < window.innerHeight && r.width > 0
          })
          .every((img) => img.complete),
      null,
      { timeout: 15000 },
    )
    .catch(() => {})
  await page.waitForTimeout(extraMs)
}

export async function screenshot(page, name, options = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  const path = resolve(SCREENSHOT_DIR, `${name}.png`)
  await page.screenshot({ path, ...options })
  return path
}

/** RGBA of the canvas backing store at CSS-pixel (x, y) relative to the canvas. */
export async function canvasPixel(page, selector, x, y) {
  return page.evaluate(
    ({ selector, x, y }) => {
      const canvas = document.querySelector(selector)
      const scale = canvas.width / canvas.getBoundingClientRect().width
      const data = canvas.getContext('2d').getImageData(Math.floor(x * scale), Math.floor(y * scale), 1, 1).data
      return Array.from(data)
    },
    { selector, x, y },
  )
}

export function hexToRgb(hex) {
  const n = parseInt(hex.replace('#', ''), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/**
 * Makes a JPEG unique by inserting a comment segment after the start-of-image marker: the
 * platform deduplicates uploads by SHA-256, and a rerun must still produce a new image.
 */
export function uniqueJpeg(jpeg, note) {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('E2E_UPLOAD_IMAGE is not a JPEG')
  const text = Buffer.from(note, 'utf8')
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, ((text.length + 2) >> 8) & 255, (text.length + 2) & 255]), text])
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

export async function ftpsUpload(buffer, remoteName) {
  const client = new Client(30000)
  try {
    await client.access({
      host: env('FTPS_HOST', '127.0.0.1'),
      port: Number(env('FTPS_PORT')),
      user: env('FTPS_USER'),
      password: env('FTPS_PASSWORD'),
      secure: true,
      secureOptions: { rejectUnauthorized: false },
    })
    await client.uploadFrom(Readable.from(buffer), remoteName)
  } finally {
    client.close()
  }
}

/** Records every toast the page shows (they hide themselves after a few seconds). */
export async function recordToasts(page) {
  await page.evaluate(() => {
    window.__toasts = []
    const seen = new WeakSet()
    const scan = () => {
      document.querySelectorAll('[data-testid=toast]').forEach((el) => {
        if (seen.has(el)) return
        seen.add(el)
        const link = el.querySelector('a')
        window.__toasts.push({ text: el.innerText, href: link ? link.getAttribute('href') : null })
      })
    }
    new MutationObserver(scan).observe(document.body, { childList: true, subtree: true })
    scan()
  })
}

export async function toasts(page) {
  return page.evaluate(() => window.__toasts ?? [])
}

/** Closes the toasts on screen (before a screenshot where they would hide the page). */
export async function dismissToasts(page) {
  for (const button of await page.getByRole('button', { name: 'Dismiss notification' }).all()) {
    // A toast may close by itself meanwhile: then its button is gone, and the default timeout
    // (browser.mjs) would be spent waiting for it.
    await button.click({ timeout: 2000 }).catch(() => {})
  }
  await page.locator('[data-testid=toast]').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
}

/** Serious and critical axe violations on the current page, one line per failing element. */
export async function axeProblems(page) {
  // Evaluated through the DevTools protocol: the app's CSP (script-src 'self') rightly blocks an inline <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
  const result = await page.evaluate(async () => {
    // label-content-name-mismatch (WCAG 2.5.3, "label in name") is experimental in axe, so it is switched on.
    const r = await window.axe.run(document, {
      resultTypes: ['violations'],
      rules: { 'label-content-name-mismatch': { enabled: true } },
    })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }))
  })
  return result
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n}`))
}
