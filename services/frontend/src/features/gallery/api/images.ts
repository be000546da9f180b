import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { imagesQuery, type ImageFilters } from '@/lib/filters'

export function useImages(filters: ImageFilters) {
  return useQuery({
    queryKey: ['images', 'list', filters],
    queryFn: ({ signal }) => unwrap(api.GET('/api/images', { params: { query: imagesQuery(filters) }, signal })),
    placeholderData: keepPreviousData,
  })
}

/** Images per pipeline status under the other filters, for the "4 rejected" / "1 failed" filters. */
export function useStatusCounts(filters: ImageFilters) {
  const query = imagesQuery({ ...filters, status: [] }, false)
  return useQuery({
    queryKey: ['images', 'status-counts', query],
    queryFn: ({ signal }) => unwrap(api.GET('/api/images/status-counts', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  })
}
