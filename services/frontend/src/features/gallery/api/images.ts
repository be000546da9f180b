import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { imagesQuery, type ImageFilters } from '@/lib/filters'
import { keepWithinProject, useProjectSlug } from '@/lib/project'

export function useImages(filters: ImageFilters) {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['images', 'list', slug, filters],
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/projects/{slug}/images', { params: { path: { slug }, query: imagesQuery(filters) }, signal }),
      ),
    placeholderData: keepWithinProject(slug),
  })
}

/** Images per pipeline status under the other filters, for the "4 rejected" / "1 failed" filters. */
export function useStatusCounts(filters: ImageFilters) {
  const slug = useProjectSlug()
  const query = imagesQuery({ ...filters, status: [] }, false)
  return useQuery({
    queryKey: ['images', 'status-counts', slug, query],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/images/status-counts', { params: { path: { slug }, query }, signal })),
    placeholderData: keepWithinProject(slug),
  })
}
