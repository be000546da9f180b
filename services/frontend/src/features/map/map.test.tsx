import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { hasMapFilters, useCameraCounts } from './api/cameras'
import { DEFAULT_FILTERS, DEFAULT_STATUSES } from '@/lib/filters'
import type { ReviewStatus } from '@/lib/api/types'
import { buildTimeTiles, DEFAULT_ATTRIBUTION, DEFAULT_TILE_URL, resolveTiles, tileHealth, useTiles } from './tiles'
import { StaticProjectProvider } from '@/lib/project'

const STATION = 'http://192.168.1.20:8080/{z}/{x}/{y}.png'
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

describe('tile settings', () => {
  it('a build-time VITE_TILE_URL overrides the platform setting; "none" turns tiles off', () => {
    expect(buildTimeTiles({})).toBeUndefined()
    expect(buildTimeTiles({ VITE_TILE_URL: '  ' })).toBeUndefined()
    expect(buildTimeTiles({ VITE_TILE_URL: 'None' })).toBeNull()
    expect(buildTimeTiles({ VITE_TILE_URL: STATION, VITE_TILE_ATTRIBUTION: 'Station' })).toEqual({ url: STATION, attribution: 'Station' })
    const fromApi = { data: { tile_url: 'https://tiles.example/{z}/{x}/{y}.png', attribution: 'API' }, failed: false }
    expect(resolveTiles(fromApi, { VITE_TILE_URL: STATION })).toEqual({ url: STATION, attribution: '' })
    expect(resolveTiles(fromApi, { VITE_TILE_URL: 'none' })).toBeNull()
  })

  it('otherwise follows GET /api/config: a URL, no tiles, or OpenStreetMap when the setting cannot be read', () => {
    expect(resolveTiles({ failed: false }, {})).toBeUndefined() // still loading: nothing requested, no notice
    expect(resolveTiles({ data: { tile_url: STATION, attribution: ' Station ' }, failed: false }, {})).toEqual({
      url: STATION,
      attribution: 'Station',
    })
    expect(resolveTiles({ data: { tile_url: null, attribution: '' }, failed: false }, {})).toBeNull()
    expect(resolveTiles({ data: { tile_url: ' ', attribution: '' }, failed: false }, {})).toBeNull()
    expect(resolveTiles({ failed: true }, {})).toEqual({ url: DEFAULT_TILE_URL, attribution: DEFAULT_ATTRIBUTION })
  })
})

describe('tileHealth', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('reports the tiles down after repeated errors with none loaded, and up again when one loads', () => {
    const changes: boolean[] = []
    const health = tileHealth((down) => changes.push(down), { failuresBeforeNotice: 3, timeoutMs: 10_000 })
    health.failed()
    health.failed()
    expect(changes).toEqual([])
    health.failed()
    health.failed()
    expect(changes).toEqual([true])
    health.loaded()
    expect(changes).toEqual([true, false])
    health.failed() // a single missing tile once others loaded is not an outage
    vi.advanceTimersByTime(20_000)
    expect(changes).toEqual([true, false])
    health.stop()
  })

  it('reports an unreachable server that never answers after the timeout', () => {
    const changes: boolean[] = []
    const health = tileHealth((down) => changes.push(down), { timeoutMs: 10_000 })
    vi.advanceTimersByTime(9_999)
    expect(changes).toEqual([])
    vi.advanceTimersByTime(1)
    expect(changes).toEqual([true])
    health.loaded()
    expect(changes).toEqual([true, false])
    health.stop()
  })

  it('stays quiet once stopped (the layer was removed)', () => {
    const changes: boolean[] = []
    const health = tileHealth((down) => changes.push(down), { failuresBeforeNotice: 1, timeoutMs: 10 })
    health.stop()
    health.failed()
    vi.advanceTimersByTime(100)
    expect(changes).toEqual([])
  })
})

describe('map data hooks', () => {
  let fetchMock: ReturnType<typeof vi.fn>
  const requested = () => fetchMock.mock.calls.map((c) => new URL((c[0] as Request).url))
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <StaticProjectProvider slug="default">{children}</StaticProjectProvider>
    </QueryClientProvider>
  )

  beforeEach(() => {
    fetchMock = vi.fn()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('useTiles reads the tile server from /api/config', async () => {
    fetchMock.mockResolvedValue(json(200, { map: { tile_url: STATION, attribution: 'Station' } }))
    const { result } = renderHook(() => useTiles({}), { wrapper })
    expect(result.current).toBeUndefined()
    await waitFor(() => expect(result.current).toEqual({ url: STATION, attribution: 'Station' }))
    expect(requested().map((u) => u.pathname)).toEqual(['/api/config'])
  })

  it('useTiles falls back to OpenStreetMap when /api/config fails, and skips it with a build-time override', async () => {
    fetchMock.mockResolvedValue(json(503, { detail: 'unavailable' }))
    const { result } = renderHook(() => useTiles({}), { wrapper })
    // After one retry (the hook's own policy): a second request, then the fallback.
    await waitFor(() => expect(result.current).toEqual({ url: DEFAULT_TILE_URL, attribution: DEFAULT_ATTRIBUTION }), { timeout: 4000 })
    expect(fetchMock).toHaveBeenCalledTimes(2)
    fetchMock.mockClear()
    const override = renderHook(() => useTiles({ VITE_TILE_URL: 'none' }), { wrapper })
    expect(override.result.current).toBeNull()
    expect(fetchMock).not.toHaveBeenCalled()
  })

  const collection = (counts: [number, number][]) => ({
    type: 'FeatureCollection',
    features: counts.map(([id, n]) => ({ type: 'Feature', id, geometry: null, properties: { id, name: `c${id}`, image_count: n } })),
  })

  it('useCameraCounts asks GET /cameras once, with every gallery filter', async () => {
    fetchMock.mockResolvedValue(json(200, collection([[7, 3], [9, 0]])))
    const filters = {
      ...DEFAULT_FILTERS,
      species: ['zebra', 'red fox'],
      date_from: '2024-05-01',
      review_status: ['flagged', 'approved'] as ReviewStatus[],
      min_confidence: 0.5,
      capture_time: 'known' as const,
      sort: 'confidence' as const,
      page: 3,
    }
    const { result } = renderHook(() => useCameraCounts(filters), { wrapper })
    await waitFor(() => expect(result.current.counts).not.toBeNull())
    expect([...result.current.counts!]).toEqual([
      [7, 3],
      [9, 0],
    ])
    const urls = requested()
    expect(urls).toHaveLength(1)
    expect(urls[0].pathname).toBe('/api/projects/default/cameras')
    const q = urls[0].searchParams
    expect(q.getAll('species')).toEqual(['red fox', 'zebra'])
    expect(q.getAll('review_status')).toEqual(['approved', 'flagged'])
    expect(q.get('min_confidence')).toBe('0.5')
    expect(q.get('capture_time')).toBe('known')
    expect(q.get('date_from')).toBe(new Date('2024-05-01T00:00:00').toISOString())
    // The order and the page of the gallery do not change a count.
    expect([q.has('sort'), q.has('order'), q.has('page'), q.has('limit')]).toEqual([false, false, false, false])
  })

  it('useCameraCounts without filters counts what the gallery shows by default', async () => {
    fetchMock.mockResolvedValue(json(200, collection([[7, 2]])))
    const { result } = renderHook(() => useCameraCounts(DEFAULT_FILTERS), { wrapper })
    await waitFor(() => expect(result.current.counts).not.toBeNull())
    expect(requested()[0].searchParams.getAll('status')).toEqual(DEFAULT_STATUSES)
    expect(hasMapFilters(DEFAULT_FILTERS)).toBe(false)
    expect(hasMapFilters({ ...DEFAULT_FILTERS, review_status: ['approved'] })).toBe(true)
  })
})
