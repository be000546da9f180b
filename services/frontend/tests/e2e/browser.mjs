// Launches Debian's Chromium through playwright-core (no browser download) with the flags this
// environment needs, in a fresh profile directory.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
// How long an action, a navigation or a wait for something to appear may take before the test
// fails. These take a second or two on an idle machine; CI machines have run the suite more than
// twice as slowly as that (a page load took over 30 s, Playwright's default), beside the other tests.
const WAIT_MS = 60_000

export async function launch(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'addax-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1440, height: 900 },
    deviceScaleFactor: 1,
    locale: 'en-GB',
    timezoneId: 'UTC',
    ...options,
  })
  context.setDefaultTimeout(WAIT_MS)
  context.setDefaultNavigationTimeout(WAIT_MS)
  return {
    context,
    async close() {
      await context.close().catch(() => {})
      rmSync(profile, { recursive: true, force: true })
    },
  }
}
