import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { afterEach, describe, expect, it } from 'vitest'
import { CONFIG_QUERY_KEY } from '@/lib/api/config'
import type { ClientConfig } from '@/lib/api/types'
import { DEMO_MODELS_MESSAGE, speciesTooltip } from '@/lib/models'
import { DemoModelsBanner, DISMISS_KEY } from './DemoModelsBanner'

const provenance = { sha256: 'a'.repeat(64), license: 'MIT', source: 'build: addax_models.build_demo' }
const demoConfig: ClientConfig = {
  map: { tile_url: null, attribution: '' },
  models: {
    demo: true,
    demo_models: ['demo-detector@1.1.0', 'demo-classifier@1.0.1'],
    active: [
      { task: 'detection', name: 'demo-detector', version: '1.1.0', demo: true, ...provenance },
      { task: 'classification', name: 'demo-classifier', version: '1.0.1', demo: true, ...provenance },
    ],
  },
}
const realConfig: ClientConfig = {
  ...demoConfig,
  models: {
    demo: false,
    demo_models: [],
    active: [{ task: 'detection', name: 'megadetector-v5a', version: '5a.0.0', demo: false, ...provenance }],
  },
}

/** The config as GET /api/config answered it, already in the query cache (no network in this test). */
function renderBanner(config: ClientConfig) {
  const client = new QueryClient()
  client.setQueryData(CONFIG_QUERY_KEY, config)
  return render(
    <QueryClientProvider client={client}>
      <DemoModelsBanner />
    </QueryClientProvider>,
  )
}

afterEach(() => {
  cleanup()
  sessionStorage.clear()
})

describe('DemoModelsBanner', () => {
  it('names the demo models and points to the docs while they are active', () => {
    renderBanner(demoConfig)
    const banner = screen.getByRole('region', { name: 'Demo models' })
    expect(banner).toHaveTextContent(DEMO_MODELS_MESSAGE)
    expect(banner).toHaveTextContent('Install MegaDetector: docs/models.md')
    expect(banner).toHaveTextContent('demo-detector@1.1.0, demo-classifier@1.0.1')
  })

  it('stays hidden for the rest of the browser session once dismissed, and returns in a new one', () => {
    renderBanner(demoConfig)
    fireEvent.click(screen.getByRole('button', { name: /hide the demo models notice/i }))
    expect(screen.queryByRole('region', { name: 'Demo models' })).toBeNull()
    expect(sessionStorage.getItem(DISMISS_KEY)).toBe('1')
    cleanup()
    renderBanner(demoConfig) // another page of the same session
    expect(screen.queryByRole('region', { name: 'Demo models' })).toBeNull()
    cleanup()
    sessionStorage.clear() // a new session
    renderBanner(demoConfig)
    expect(screen.getByRole('region', { name: 'Demo models' })).toBeInTheDocument()
  })

  it('is absent when only real models run', () => {
    renderBanner(realConfig)
    expect(screen.queryByRole('region', { name: 'Demo models' })).toBeNull()
  })
})

describe('speciesTooltip', () => {
  it('names the model, and says when it is a demo model', () => {
    expect(speciesTooltip('Red fox', 'demo-classifier@1.0.1', demoConfig.models)).toBe(
      'Red fox, named by demo-classifier@1.0.1, a demo model: it knows the coloured shapes of the demo photos, not animals',
    )
    expect(speciesTooltip('Red fox', 'speciesnet@4.0.3a', realConfig.models)).toBe('Red fox, named by speciesnet@4.0.3a')
    expect(speciesTooltip('Red fox', 'human', demoConfig.models)).toBe('Red fox (set by a reviewer)')
  })
})
