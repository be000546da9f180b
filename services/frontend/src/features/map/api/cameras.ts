import { useQueries, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { dateRangeToIso } from '@/features/gallery/filters'

export interface MapFilters {
  date_from?: string
  date_to?: string
  species: string[]
}

export function hasMapFilters(f: MapFilters): boolean {
  return !!(f.date_from || f.date_to || f.species.length)
}

/**
 * Images per camera under the map's filters. Dates alone: one call to /api/stats/cameras.
 * With species: the API has no per-camera species breakdown yet, so each located camera is
 * counted with /api/images?camera_id=…&limit=1 (the page total is the count).
 */
export function useCameraCounts(filters: MapFilters, cameraIds: number[]) {
  const active = hasMapFilters(filters)
  const range = dateRangeToIso(filters.date_from, filters.date_to)
  const bySpecies = filters.species.length > 0
  const stats = useQuery({
    queryKey: ['stats', 'cameras', 'map', range],
    queryFn: ({ signal }) => unwrap(api.GET('/api/stats/cameras', { params: { query: range }, signal })),
    enabled: active && !bySpecies,
  })
  const perCamera = useQueries({
    queries: (active && bySpecies ? cameraIds : []).map((id) => ({
      queryKey: ['images', 'count', id, filters],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        unwrap(
          api.GET('/api/images', {
            params: { query: { ...range, camera_id: [id], species: filters.species, limit: 1, page: 1 } },
            signal,
          }),
        ).then((page) => [id, page.total] as const),
    })),
  })
  if (!active) return { counts: null, isLoading: false }
  if (!bySpecies) {
    const counts = new Map<number, number>((stats.data ?? []).map((c) => [c.camera_id, c.image_count]))
    return { counts: stats.data ? counts : null, isLoading: stats.isLoading }
  }
  const counts = new Map<number, number>()
  for (const q of perCamera) if (q.data) counts.set(q.data[0], q.data[1])
  return { counts, isLoading: perCamera.some((q) => q.isLoading) }
}

export function useCameraCollection() {
  return useQuery({
    queryKey: ['cameras'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/cameras', { signal })),
    staleTime: 30_000,
  })
}
