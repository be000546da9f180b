import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '@/lib/api/client'
import type { AlertChannelCreate, AlertChannelUpdate, AlertRuleCreate, AlertRuleUpdate } from '@/lib/api/types'
import { keepWithinProject } from '@/lib/project'

const PENDING_POLL_MS = 5000

/** Every alerts query of a project starts with ['alerts', slug]; a fired alert (live event) refreshes them all. */
const key = (slug: string, ...rest: unknown[]) => ['alerts', slug, ...rest]

function useAlertsChanged(slug: string) {
  const qc = useQueryClient()
  return () => void qc.invalidateQueries({ queryKey: key(slug) })
}

export function useSpeciesGroups(slug: string) {
  return useQuery({
    queryKey: key(slug, 'groups'),
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/alerts/groups', { params: { path: { slug } }, signal })),
    staleTime: 10 * 60_000,
  })
}

export function useAlertRules(slug: string) {
  return useQuery({
    queryKey: key(slug, 'rules'),
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/alerts/rules', { params: { path: { slug } }, signal })),
  })
}

export function useAlertRule(slug: string, ruleId: number | null) {
  return useQuery({
    queryKey: key(slug, 'rules', ruleId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/alerts/rules/{rule_id}', { params: { path: { slug, rule_id: ruleId! } }, signal })),
    enabled: ruleId !== null,
  })
}

const rulePath = (slug: string, id: number) => ({ params: { path: { slug, rule_id: id } } })
const channelPath = (slug: string, id: number) => ({ params: { path: { slug, channel_id: id } } })

/** A change to the project's alerts; every alerts query refetches after it. */
function useAlertsMutation<V, R>(slug: string, send: (vars: V) => Promise<R>) {
  const done = useAlertsChanged(slug)
  return useMutation({ mutationFn: send, onSuccess: done })
}

/** A change to one rule or channel whose answer goes into the cached list at once, so a switch shows its new state without waiting for the refetch. */
function useListItemMutation<V, T extends { id: number }>(slug: string, list: 'rules' | 'channels', send: (vars: V) => Promise<T>) {
  const qc = useQueryClient()
  const done = useAlertsChanged(slug)
  return useMutation({
    mutationFn: send,
    onSuccess: (saved: T) => {
      qc.setQueryData<T[]>(key(slug, list), (items) => items?.map((item) => (item.id === saved.id ? saved : item)))
      done()
    },
  })
}

export const useSaveRule = (slug: string) =>
  useAlertsMutation(slug, ({ id, body }: { id: number | null; body: AlertRuleCreate }) =>
    unwrap(
      id === null
        ? api.POST('/api/projects/{slug}/alerts/rules', { params: { path: { slug } }, body })
        : api.PATCH('/api/projects/{slug}/alerts/rules/{rule_id}', { ...rulePath(slug, id), body }),
    ),
  )

export const useUpdateRule = (slug: string) =>
  useListItemMutation(slug, 'rules', ({ id, body }: { id: number; body: AlertRuleUpdate }) =>
    unwrap(api.PATCH('/api/projects/{slug}/alerts/rules/{rule_id}', { ...rulePath(slug, id), body })),
  )

export const useDeleteRule = (slug: string) =>
  useAlertsMutation(slug, (id: number) => unwrap(api.DELETE('/api/projects/{slug}/alerts/rules/{rule_id}', rulePath(slug, id))))

export function useAlertChannels(slug: string, enabled = true) {
  return useQuery({
    queryKey: key(slug, 'channels'),
    queryFn: ({ signal }) => unwrap(api.GET('/api/projects/{slug}/alerts/channels', { params: { path: { slug } }, signal })),
    enabled,
  })
}

export const useSaveChannel = (slug: string) =>
  useAlertsMutation(slug, ({ id, body }: { id: number | null; body: AlertChannelCreate }) =>
    unwrap(
      id === null
        ? api.POST('/api/projects/{slug}/alerts/channels', { params: { path: { slug } }, body })
        : api.PATCH('/api/projects/{slug}/alerts/channels/{channel_id}', { ...channelPath(slug, id), body: body as AlertChannelUpdate }),
    ),
  )

export const useUpdateChannel = (slug: string) =>
  useListItemMutation(slug, 'channels', ({ id, body }: { id: number; body: AlertChannelUpdate }) =>
    unwrap(api.PATCH('/api/projects/{slug}/alerts/channels/{channel_id}', { ...channelPath(slug, id), body })),
  )

export const useDeleteChannel = (slug: string) =>
  useAlertsMutation(slug, (id: number) =>
    unwrap(api.DELETE('/api/projects/{slug}/alerts/channels/{channel_id}', channelPath(slug, id))),
  )

export function useTestChannel(slug: string) {
  return useMutation({
    mutationFn: (id: number) => unwrap(api.POST('/api/projects/{slug}/alerts/channels/{channel_id}/test', channelPath(slug, id))),
  })
}

export interface HistoryFilters {
  rule_id?: number
  camera_id?: number
  species?: string
  status?: 'sent' | 'failed' | 'pending'
  date_from?: string
  date_to?: string
  page: number
  limit: number
}

export function useAlertHistory(slug: string, filters: HistoryFilters) {
  return useQuery({
    queryKey: key(slug, 'history', filters),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/alerts/history', { params: { path: { slug }, query: filters }, signal })),
    placeholderData: keepWithinProject(slug),
    // No live event says a delivery went out: while some are pending, look again now and then.
    refetchInterval: (query) => (query.state.data?.items.some((i) => i.deliveries.pending > 0) ? PENDING_POLL_MS : false),
  })
}

export function useAlertDetail(slug: string, alertId: number) {
  return useQuery({
    queryKey: key(slug, 'history', 'detail', alertId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/projects/{slug}/alerts/history/{alert_id}', { params: { path: { slug, alert_id: alertId } }, signal })),
    refetchInterval: (query) => (query.state.data?.delivery_counts.pending ? PENDING_POLL_MS : false),
  })
}
