import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { Role } from '@/lib/api/types'
import { dateRangeToIso } from '@/lib/filters'
import { keepWithinProject } from '@/lib/project'

export function useUsers() {
  return useQuery({
    queryKey: ['users'],
    queryFn: ({ signal }) => unwrap(api.GET('/api/users', { signal })),
  })
}

export interface NewUser {
  email: string
  password: string
  full_name?: string | null
  role: Role
}

export function useCreateUser() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: NewUser) => unwrap(api.POST('/api/users', { body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] })
      void qc.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}

export function useUpdateUser() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: { id: number; role?: Role; is_active?: boolean; full_name?: string | null }) =>
      unwrap(api.PATCH('/api/users/{user_id}', { params: { path: { user_id: id } }, body })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] })
      void qc.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}

export function useDeleteUser() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, email }: { id: number; email: string }) =>
      unwrap(api.DELETE('/api/users/{user_id}', { params: { path: { user_id: id }, query: { confirm: email } } })),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] })
      void qc.invalidateQueries({ queryKey: ['audit'] })
    },
  })
}

export interface AuditFilters {
  page: number
  action?: string
  date_from?: string
  date_to?: string
}

/** The whole audit log (server admins), or one project's (`slug`, for its admins). */
export function useAuditLogs(f: AuditFilters, slug?: string) {
  const query = { page: f.page, limit: 50, action: f.action || undefined, ...dateRangeToIso(f.date_from, f.date_to) }
  return useQuery({
    queryKey: ['audit', slug ?? null, f],
    queryFn: ({ signal }) =>
      unwrap(
        slug
          ? api.GET('/api/projects/{slug}/audit-logs', { params: { path: { slug }, query }, signal })
          : api.GET('/api/audit-logs', { params: { query }, signal }),
      ),
    placeholderData: slug ? keepWithinProject(slug) : keepPreviousData,
  })
}
