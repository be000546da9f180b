import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { useProjectSlug } from '@/lib/project'
import { dateRangeToIso, type ImageFilters } from '../filters'

/** The API query for a set of gallery filters (empty lists and unset values left out). */
export function imagesQuery(filters: ImageFilters, paging = true) {
  const q = {
    ...dateRangeToIso(filters.date_from, filters.date_to),
    camera_id: filters.camera_id.length ? filters.camera_id : undefined,
    species: filters.species.length ? filters.species : undefined,
    status: filters.status.length ? filters.status : undefined,
    review_status: filters.review_status.length ? filters.review_status : undefined,
    min_confidence: filters.min_confidence,
    sort: filters.sort,
    order: filters.order,
    ...(paging ? { page: filters.page, limit: filters.limit } : {}),
  }
  return q
}

export function useImages(filters: ImageFilters) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['images', 'list', slug, filters],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/projects/{slug}/images', { params: { path: { slug }, query: imagesQuery(filters) }, signal }),
      ),
    placeholderData: keepPreviousData,
  })
}

export function useSpecies() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['species', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/species', { params: { path: { slug } }, signal })),
    staleTime: 60_000,
  })
}

export function useCameras() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['cameras', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/cameras', { params: { path: { slug } }, signal })),
    staleTime: 30_000,
  })
}
