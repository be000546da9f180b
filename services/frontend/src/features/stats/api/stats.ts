import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { keepWithinProject, useProjectSlug } from '@/lib/project'
import { dateRangeToIso } from '@/lib/filters'

export type Interval = 'hour' | 'day' | 'week' | 'month'
export const REFRESH_MS = 30_000

export interface StatsFilters {
  date_from?: string
  date_to?: string
  camera_id: number[]
}

function statsQuery(f: StatsFilters) {
  return { ...dateRangeToIso(f.date_from, f.date_to), camera_id: f.camera_id.length ? f.camera_id : undefined }
}

/** Refreshed every 30 s; the previous numbers stay while new filters load (within one project). */
const live = (slug: string) => ({ refetchInterval: REFRESH_MS, placeholderData: keepWithinProject(slug), staleTime: 10_000 })

export function useSummary(f: StatsFilters) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['stats', 'summary', slug, f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/stats/summary', { params: { path: { slug }, query: statsQuery(f) }, signal })),
    ...live(slug),
  })
}

export function useSpeciesStats(f: StatsFilters) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['stats', 'species', slug, f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/stats/species', { params: { path: { slug }, query: statsQuery(f) }, signal })),
    ...live(slug),
  })
}

export function useTimeline(f: StatsFilters, interval: Interval) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['stats', 'timeline', slug, f, interval],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/projects/{slug}/stats/timeline', {
          params: { path: { slug }, query: { ...statsQuery(f), interval } },
          signal,
        }),
      ),
    ...live(slug),
  })
}

export function useCameraStats(f: StatsFilters) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['stats', 'cameras', slug, f],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/stats/cameras', { params: { path: { slug }, query: statsQuery(f) }, signal })),
    ...live(slug),
  })
}

// Ecology statistics under the page's filters (definitions: docs/statistics.md). They are not polled:
// each one reads every image of the range (seconds at 100,000 images) and a new photo barely moves
// a detection rate or an occupancy estimate; they reload when the filters change or the page opens.

const ECOLOGY_STALE_MS = 5 * 60_000

type StatsQuery = ReturnType<typeof statsQuery>

function useStatsQuery<T>(name: string, f: StatsFilters, fetch: (slug: string, query: StatsQuery, signal: AbortSignal) => Promise<T>) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['stats', name, slug, f],
    queryFn: ({ signal }) => fetch(slug, statsQuery(f), signal),
    placeholderData: keepWithinProject(slug),
    staleTime: ECOLOGY_STALE_MS,
  })
}

export const useTrapDays = (f: StatsFilters) =>
  useStatsQuery('trap-days', f, (slug, query, signal) =>
    unwrap(api.GET('/api/projects/{slug}/stats/trap-days', { params: { path: { slug }, query }, signal })),
  )

export const useRai = (f: StatsFilters) =>
  useStatsQuery('rai', f, (slug, query, signal) => unwrap(api.GET('/api/projects/{slug}/stats/rai', { params: { path: { slug }, query }, signal })))

export const useActivity = (f: StatsFilters) =>
  useStatsQuery('activity', f, (slug, query, signal) =>
    unwrap(api.GET('/api/projects/{slug}/stats/activity', { params: { path: { slug }, query }, signal })),
  )

export const useAccumulation = (f: StatsFilters) =>
  useStatsQuery('accumulation', f, (slug, query, signal) =>
    unwrap(api.GET('/api/projects/{slug}/stats/accumulation', { params: { path: { slug }, query }, signal })),
  )

export const useOccupancy = (f: StatsFilters) =>
  useStatsQuery('occupancy', f, (slug, query, signal) =>
    unwrap(api.GET('/api/projects/{slug}/stats/occupancy', { params: { path: { slug }, query }, signal })),
  )
