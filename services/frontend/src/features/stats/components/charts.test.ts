import { afterEach, describe, expect, it, vi } from 'vitest'

function systemAsksForLessMotion(reduce: boolean) {
  vi.stubGlobal(
    'matchMedia',
    vi.fn((query: string) => ({ matches: reduce && query === '(prefers-reduced-motion: reduce)', media: query })),
  )
}

async function chartDefaults() {
  vi.resetModules() // charts.ts configures Chart.js when it loads
  await import('./charts')
  return (await import('chart.js')).Chart.defaults
}

describe('chart animation', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('is off when the system asks for less motion', async () => {
    systemAsksForLessMotion(true)
    expect((await chartDefaults()).animation).toBe(false)
  })

  it('is short otherwise, and without matchMedia', async () => {
    systemAsksForLessMotion(false)
    expect((await chartDefaults()).animation).toMatchObject({ duration: 250 })
    vi.unstubAllGlobals()
    vi.stubGlobal('matchMedia', undefined)
    expect((await chartDefaults()).animation).toMatchObject({ duration: 250 })
  })
})
