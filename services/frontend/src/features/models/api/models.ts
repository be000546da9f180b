import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { RuntimeSettingsUpdate } from '@/lib/api/types'

const JOB_POLL_MS = 2_000

export function useModelsOverview() {
  return useQuery({
    queryKey: ['models'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/models', { signal })),
  })
}

export function useUpdateModelSettings() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: RuntimeSettingsUpdate) => unwrap(api.PUT('/api/models/settings', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['models'] })
      void qc.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}

/** Every project's reprocess jobs; polled while one is still running, so the progress moves. */
export function useReprocessJobs() {
  return useQuery({
    queryKey: ['reprocess-jobs'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/models/reprocess-jobs', { signal })),
    refetchInterval: (query) => (query.state.data?.some((j) => j.state === 'running') ? JOB_POLL_MS : false),
  })
}

export function useStartReprocess() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ slug, stages }: { slug: string; stages: 'detection' | 'classification' }) =>
      unwrap(api.POST('/api/projects/{slug}/reprocess', { params: { path: { slug } }, body: { stages } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['reprocess-jobs'] })
    },
  })
}
