/** The platform's public settings (GET /api/config; no login needed): map tiles and the active models. */
import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import { ApiError } from '@/lib/api/errors'

export const CONFIG_QUERY_KEY = ['config'] as const

/** Read once per page load: the tiles change only with a restart, the models with a worker restart. */
export function useClientConfig(enabled = true) {
  return useQuery({
    queryKey: CONFIG_QUERY_KEY,
    queryFn: ({ signal }) => unwrap(api.GET('/api/config', { signal })),
    staleTime: Infinity,
    // One more try for a network or server error, then the map falls back (see features/map/tiles.ts).
    retry: (failures, error) => failures < 1 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    enabled,
  })
}
