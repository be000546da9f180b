import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
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

/** The frames of a sequence (GET /sequences/{id}), cached briefly: the selection expands to them. */
export function useFetchSequence() {
  const slug = useProjectSlug()
  const queryClient = useQueryClient()
  return (sequenceId: string) =>
    queryClient.fetchQuery({
      queryKey: ['sequence', slug, sequenceId],
      queryFn: ({ signal }) =>
        unwrap(api.GET('/api/projects/{slug}/sequences/{sequence_id}', { params: { path: { slug, sequence_id: sequenceId } }, signal })),
      staleTime: 10_000,
    })
}
