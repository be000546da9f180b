import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
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

const live = { refetchInterval: REFRESH_MS, placeholderData: keepPreviousData, staleTime: 10_000 } as const

export function useSummary(f: StatsFilters) {
  return useQuery({
    queryKey: ['stats', 'summary', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/summary', { params: { query: statsQuery(f) }, signal })),
    ...live,
  })
}

export function useSpeciesStats(f: StatsFilters) {
  return useQuery({
    queryKey: ['stats', 'species', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/species', { params: { query: statsQuery(f) }, signal })),
    ...live,
  })
}

export function useTimeline(f: StatsFilters, interval: Interval) {
  return useQuery({
    queryKey: ['stats', 'timeline', f, interval],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/stats/timeline', { params: { query: { ...statsQuery(f), interval } }, signal })),
    ...live,
  })
}

export function useCameraStats(f: StatsFilters) {
  return useQuery({
    queryKey: ['stats', 'cameras', f],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/cameras', { params: { query: statsQuery(f) }, signal })),
    ...live,
  })
}
