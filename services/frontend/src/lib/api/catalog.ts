/** Reference data every page uses (camera list, species list), cached across features. */
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'

export function useSpecies() {
  return useQuery({
    queryKey: ['species'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/species', { signal })),
    staleTime: 60_000,
  })
}

export function useCameras() {
  return useQuery({
    queryKey: ['cameras'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/cameras', { signal })),
    staleTime: 30_000,
  })
}
