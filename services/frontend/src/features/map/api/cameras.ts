import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { useProjectSlug } from '@/lib/project'
import { dateRangeToIso } from '@/lib/filters'

export interface MapFilters {
  date_from?: string
  date_to?: string
  species: string[]
}

export function hasMapFilters(f: MapFilters): boolean {
  return !!(f.date_from || f.date_to || f.species.length)
}

/** The query of /api/stats/cameras for the map's filters (species repeatable, dates as in the gallery). */
export function cameraCountsQuery(filters: MapFilters) {
  const query: { date_from?: string; date_to?: string; species?: string[] } = dateRangeToIso(filters.date_from, filters.date_to)
  if (filters.species.length) query.species = [...filters.species].sort()
  return query
}

/**
 * Images per camera under the map's filters: one call to /api/stats/cameras, which counts only
 * images with the chosen species (human corrections win, as in the gallery).
 */
export function useCameraCounts(filters: MapFilters) {
  const active = hasMapFilters(filters)
  const query = cameraCountsQuery(filters)
  const slug = useProjectSlug()
  const stats = useQuery({
    queryKey: ['stats', 'cameras', 'map', slug, query],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/stats/cameras', { params: { path: { slug }, query }, signal })),
    enabled: active,
  })
  const counts = useMemo(
    () => (stats.data ? new Map<number, number>(stats.data.map((c) => [c.camera_id, c.image_count])) : null),
    [stats.data],
  )
  if (!active) return { counts: null, isLoading: false }
  return { counts, isLoading: stats.isLoading }
}

export function useCameraCollection() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['cameras', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/cameras', { params: { path: { slug } }, signal })),
    staleTime: 30_000,
  })
}
