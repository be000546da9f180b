import { useMemo } from 'react'
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { useProjectSlug } from '@/lib/project'
import { activeFilterCount, imagesQuery, type ImageFilters } from '@/lib/filters'

/** The map shows the gallery's filters (the URL is the same), without its order and paging. */
export type MapFilters = ImageFilters

export function hasMapFilters(f: MapFilters): boolean {
  return activeFilterCount(f) > 0
}

/**
 * The query of GET /cameras for the map's filters: exactly the gallery's image query without order
 * and paging (the API counts with the same filter code as the image list), so a pin's count is the
 * number of images the gallery shows for that camera.
 */
export function cameraCountsQuery(filters: MapFilters) {
  const { sort: _sort, order: _order, ...query } = imagesQuery(filters, false)
  return {
    ...query,
    species: query.species ? [...query.species].sort() : undefined,
    review_status: query.review_status ? [...query.review_status].sort() : undefined,
  }
}

/** Images per camera under the map's filters: one call to GET /cameras with the gallery's filters. */
export function useCameraCounts(filters: MapFilters) {
  const slug = useProjectSlug()
  const query = cameraCountsQuery(filters)
  const counted = useQuery({
    queryKey: ['cameras', slug, 'counts', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/cameras', { params: { path: { slug }, query }, signal })),
    placeholderData: (previous) => previous,
  })
  const counts = useMemo(
    () =>
      counted.data ? new Map<number, number>(counted.data.features.map((f) => [f.properties.id, f.properties.image_count])) : null,
    [counted.data],
  )
  return { counts, isLoading: counted.isFetching && !counted.data, isFetching: counted.isFetching }
}

export function useCameraCollection() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['cameras', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/cameras', { params: { path: { slug } }, signal })),
    staleTime: 30_000,
  })
}
