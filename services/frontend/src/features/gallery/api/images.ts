import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { imagesQuery, type ImageFilters } from '@/lib/filters'
import { keepWithinProject, useProjectSlug } from '@/lib/project'
import type { ReviewStatus } from '@/lib/api/types'

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

/** Sets the review status of many images at once (the selection toolbar). */
export function useBulkReview() {
  const slug = useProjectSlug()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ ids, status }: { ids: string[]; status: ReviewStatus }) =>
      unwrap(api.POST('/api/projects/{slug}/images/review', { params: { path: { slug } }, body: { image_ids: ids, status } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['images'] })
      void queryClient.invalidateQueries({ queryKey: ['image'] })
      void queryClient.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}

/** Gives every animal detection of many images one species label of the list. */
export function useBulkSpecies() {
  const slug = useProjectSlug()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ ids, label }: { ids: string[]; label: string }) =>
      unwrap(api.POST('/api/projects/{slug}/images/species', { params: { path: { slug } }, body: { image_ids: ids, label } })),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['images'] })
      void queryClient.invalidateQueries({ queryKey: ['image'] })
      void queryClient.invalidateQueries({ queryKey: ['species'] })
      void queryClient.invalidateQueries({ queryKey: ['stats'] })
    },
  })
}
