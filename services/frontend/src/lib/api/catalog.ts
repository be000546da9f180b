/** Reference data every page uses (the current project's camera and species lists), cached across features. */
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { useProjectSlug } from '@/lib/project'

export function useSpecies() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['species', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/species', { params: { path: { slug } }, signal })),
    staleTime: 60_000,
    enabled: Boolean(slug), // no project yet (still loading, or the user has none)
  })
}

export function useCameras() {
  const slug = useProjectSlug()
  return useQuery({
    queryKey: ['cameras', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/cameras', { params: { path: { slug } }, signal })),
    staleTime: 30_000,
    enabled: Boolean(slug),
  })
}
