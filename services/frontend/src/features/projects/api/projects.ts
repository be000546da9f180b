import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { ProjectCreate, ProjectUpdate, Role } from '@/lib/api/types'

/** After any project change: the project list (switcher, settings) and the audit log are stale. */
function useProjectMutationDone() {
  const qc = useQueryClient()
  return () => {
    void qc.invalidateQueries({ queryKey: ['projects'] })
    void qc.invalidateQueries({ queryKey: ['audit'] })
  }
}

export function useUpdateProject(slug: string) {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: (body: ProjectUpdate) => unwrap(api.PATCH('/api/projects/{slug}', { params: { path: { slug } }, body })),
    onSuccess: done,
  })
}

export function useCreateProject() {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: (body: ProjectCreate) => unwrap(api.POST('/api/projects', { body })),
    onSuccess: done,
  })
}

/** Archive (true) or unarchive (false) a project. */
export function useArchiveProject() {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: ({ slug, archived }: { slug: string; archived: boolean }) =>
      unwrap(
        archived
          ? api.POST('/api/projects/{slug}/archive', { params: { path: { slug } } })
          : api.POST('/api/projects/{slug}/unarchive', { params: { path: { slug } } }),
      ),
    onSuccess: done,
  })
}

export function useMembers(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: ['projects', slug, 'members'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/members', { params: { path: { slug } }, signal })),
    enabled,
  })
}

export function useAddMember(slug: string) {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(api.POST('/api/projects/{slug}/members', { params: { path: { slug } }, body })),
    onSuccess: done,
  })
}

export function useUpdateMember(slug: string) {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: ({ userId, role }: { userId: number; role: Role }) =>
      unwrap(api.PATCH('/api/projects/{slug}/members/{user_id}', { params: { path: { slug, user_id: userId } }, body: { role } })),
    onSuccess: done,
  })
}

export function useRemoveMember(slug: string) {
  const done = useProjectMutationDone()
  return useMutation({
    mutationFn: (userId: number) =>
      unwrap(api.DELETE('/api/projects/{slug}/members/{user_id}', { params: { path: { slug, user_id: userId } } })),
    onSuccess: done,
  })
}
