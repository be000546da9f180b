import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { DeploymentCreate, DeploymentUpdate } from '@/lib/api/types'

export function useDeployments(slug: string) {
  return useQuery({
    queryKey: ['deployments', slug],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/deployments', { params: { path: { slug } }, signal })),
  })
}

/** A deployment change re-assigns images and may shift their capture times: every image view is stale. */
function useDeploymentChanged(slug: string) {
  const qc = useQueryClient()
  return () => {
    for (const key of ['deployments', 'images', 'image', 'stats', 'cameras', 'audit']) {
      void qc.invalidateQueries({ queryKey: key === 'deployments' ? [key, slug] : [key] })
    }
  }
}

export function useSaveDeployment(slug: string) {
  const done = useDeploymentChanged(slug)
  return useMutation({
    mutationFn: ({ id, body }: { id: number | null; body: DeploymentCreate }) => {
      if (id === null) return unwrap(api.POST('/api/projects/{slug}/deployments', { params: { path: { slug } }, body }))
      // The camera of a deployment does not change; everything else is sent as it is in the form.
      const { camera_id: _camera, ...update } = body
      return unwrap(
        api.PUT('/api/projects/{slug}/deployments/{deployment_id}', {
          params: { path: { slug, deployment_id: id } },
          body: update satisfies DeploymentUpdate,
        }),
      )
    },
    onSuccess: done,
  })
}

export function useDeleteDeployment(slug: string) {
  const done = useDeploymentChanged(slug)
  return useMutation({
    mutationFn: (id: number) =>
      unwrap(api.DELETE('/api/projects/{slug}/deployments/{deployment_id}', { params: { path: { slug, deployment_id: id } } })),
    onSuccess: done,
  })
}
