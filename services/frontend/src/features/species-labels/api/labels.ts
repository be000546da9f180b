import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { useProjectSlug } from '@/lib/project'
import type { SpeciesLabel } from '../labels'

/** The project's species list (specials, classifier and taxonomy labels, groups, admin additions). */
export function useSpeciesLabels() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['species-labels', slug],
    queryFn: async ({ signal }): Promise<SpeciesLabel[]> =>
      (await unwrap(api.GET('/api/projects/{slug}/species-labels', { params: { path: { slug } }, signal }))).labels,
    staleTime: 5 * 60_000,
    enabled: Boolean(slug),
  })
}

/** Adds a label to the list (project admins). */
export function useAddSpeciesLabel() {
  const slug = useProjectSlug()
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (label: string) =>
      unwrap(api.POST('/api/projects/{slug}/species-labels', { params: { path: { slug } }, body: { label } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['species-labels', slug] }),
  })
}
