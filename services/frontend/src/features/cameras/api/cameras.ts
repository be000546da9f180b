import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { CameraBody } from '../camera-form'

/** One camera with its notes and location (the collection leaves notes out). */
export function useCamera(slug: string, id: number | null) {
  return useQuery({
    queryKey: ['camera', slug, id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/cameras/{camera_id}', { params: { path: { slug, camera_id: id! } }, signal })),
    enabled: id !== null,
  })
}

/** Cameras waiting to be adopted, in every project (server admins). */
export function useUnassignedCameras(enabled = true) {
  return useQuery({
    queryKey: ['cameras', 'unassigned'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/cameras/unassigned', { signal })),
    enabled,
  })
}

/** A camera change moves pins, counts and (moving it) images between projects: those views are stale. */
function useCamerasChanged() {
  const qc = useQueryClient()
  return () => {
    for (const key of ['cameras', 'camera', 'images', 'stats', 'audit', 'deployments']) void qc.invalidateQueries({ queryKey: [key] })
  }
}

export function useSaveCamera(slug: string) {
  const done = useCamerasChanged()
  return useMutation({
    mutationFn: ({ id, body, project }: { id: number | null; body: CameraBody; project?: string }) => {
      // A camera an admin adds is placed on purpose: it is assigned from the start.
      if (id === null) return unwrap(api.POST('/api/projects/{slug}/cameras', { params: { path: { slug } }, body: { ...body, is_assigned: true, config: {} } }))
      return unwrap(
        api.PUT('/api/projects/{slug}/cameras/{camera_id}', {
          params: { path: { slug, camera_id: id } },
          body: { ...body, ...(project && project !== slug ? { project } : {}) },
        }),
      )
    },
    onSuccess: done,
  })
}

export interface AdoptBody {
  name: string
  site: string | null
  notes: string | null
  location: { lat: number; lon: number } | null
  project: string
}

/** Adopt an unassigned camera: name it, place it, and move it into `project` (from the project `from`). */
export function useAdoptCamera() {
  const done = useCamerasChanged()
  return useMutation({
    mutationFn: ({ from, id, body }: { from: string; id: number; body: AdoptBody }) => {
      const { location, site, notes, ...rest } = body
      return unwrap(
        api.POST('/api/projects/{slug}/cameras/{camera_id}/assign', {
          params: { path: { slug: from, camera_id: id } },
          // Unset fields are left alone; null is not sent.
          body: { ...rest, ...(location ? { location } : {}), ...(site ? { site } : {}), ...(notes ? { notes } : {}) },
        }),
      )
    },
    onSuccess: done,
  })
}
