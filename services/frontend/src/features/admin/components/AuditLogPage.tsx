import { useEffect, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { ScrollText } from 'lucide-react'
import { DateRangeFields } from '@/components/DateRangeFields'
import { Badge, type BadgeTone } from '@/components/Badge'
import { DataTable } from '@/components/DataTable'
import { SelectField } from '@/components/Field'
import { PageHeader } from '@/components/PageHeader'
import { Pagination } from '@/components/Pagination'
import { EmptyState } from '@/components/States'
import { formatDateTime, formatNumber } from '@/lib/format'
import { useProjectContext } from '@/lib/project'
import { ProjectTabs } from '@/features/projects'
import { useAuditLogs, type AuditFilters } from '../api/admin'
import { AdminTabs } from './AdminTabs'

const ACTION_GROUPS = [
  { value: '', label: 'All actions' },
  { value: 'image.', label: 'Image reviews & corrections' },
  { value: 'user.', label: 'User management' },
  { value: 'auth.', label: 'Sign-ins' },
  { value: 'camera.', label: 'Cameras' },
]

function actionTone(action: string): BadgeTone {
  if (/fail|delete|denied/.test(action)) return 'red'
  if (action.startsWith('image.')) return 'green'
  if (action.startsWith('user.')) return 'violet'
  if (action.startsWith('auth.')) return 'blue'
  if (action.startsWith('camera.')) return 'sand'
  return 'neutral'
}

/** A short, readable sentence from an audit entry's details. */
export function describeDetails(details: Record<string, unknown>): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(details ?? {})) {
    if (value === null || value === undefined || value === '') continue
    if (typeof value === 'object' && !Array.isArray(value)) {
      // {"changes": {"role": ["analyst", "viewer"]}} → "role: analyst → viewer"
      const inner = Object.entries(value as Record<string, unknown>)
        .map(([k, v]) =>
          Array.isArray(v) && v.length === 2 ? `${k}: ${String(v[0])} → ${String(v[1])}` : `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
        )
        .join(', ')
      if (inner) parts.push(key === 'changes' ? inner : `${key} (${inner})`)
    } else parts.push(`${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
  }
  return parts.join(' · ')
}

/** The server-wide audit log, or with `project` the current project's (for its admins). */
export default function AuditLogPage({ project = false }: { project?: boolean }) {
  const current = useProjectContext().project
  const [params, setParams] = useSearchParams()
  const key = params.toString()
  const filters: AuditFilters = useMemo(
    () => ({
      page: Math.max(1, Number(params.get('page')) || 1),
      action: params.get('action') ?? undefined,
      date_from: params.get('date_from') ?? undefined,
      date_to: params.get('date_to') ?? undefined,
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  )
  const set = (change: Partial<AuditFilters>) => {
    const next = { ...filters, ...change, page: change.page ?? 1 }
    const p = new URLSearchParams()
    if (next.action) p.set('action', next.action)
    if (next.date_from) p.set('date_from', next.date_from)
    if (next.date_to) p.set('date_to', next.date_to)
    if (next.page > 1) p.set('page', String(next.page))
    setParams(p)
  }
  const logs = useAuditLogs(filters, project ? current?.slug : undefined)

  useEffect(() => {
    document.title = 'Audit log · AddaxAI Connect'
  }, [])

  return (
    <div>
      {project ? (
        <>
          <PageHeader title={current?.name ?? 'Project'} description="Every change in this project, who made it and when." />
          <ProjectTabs />
        </>
      ) : (
        <>
          <PageHeader title="Administration" description="Every change, who made it and when." />
          <AdminTabs />
        </>
      )}

      <div className="mb-4 grid gap-3 sm:grid-cols-3">
        <SelectField label="Action" value={filters.action ?? ''} onChange={(e) => set({ action: e.target.value || undefined })}>
          {ACTION_GROUPS.map((g) => (
            <option key={g.value} value={g.value}>
              {g.label}
            </option>
          ))}
        </SelectField>
        <DateRangeFields idPrefix="audit" value={filters} onChange={set} />
      </div>

      <DataTable
        label="Audit log"
        headings={[{ label: 'When', className: 'w-44' }, 'Who', 'Action', 'Resource', 'Details', 'IP']}
        query={logs}
        actions={false}
        loadingRows={8}
        skeletonClassName="h-5"
        tableClassName="min-w-[820px]"
        footer={
          <>
            {logs.data && logs.data.items.length === 0 && (
              <EmptyState
                className="m-4"
                icon={<ScrollText className="h-6 w-6" aria-hidden />}
                title="Nothing recorded"
                description="No audit entries match these filters."
              />
            )}
            {logs.data && logs.data.pages > 1 && (
              <div className="flex flex-col items-center justify-between gap-3 border-t border-stone-100 px-4 py-3 sm:flex-row">
                <p className="text-sm text-stone-500">{formatNumber(logs.data.total)} entries</p>
                <Pagination page={logs.data.page} pages={logs.data.pages} onPage={(page) => set({ page })} />
              </div>
            )}
          </>
        }
      >
        {logs.data?.items.map((entry) => (
          <tr key={entry.id} data-testid="audit-row" className="align-top">
            <td className="table-cell whitespace-nowrap tabular-nums text-stone-500">{formatDateTime(entry.created_at)}</td>
            <td className="table-cell">{entry.user_email ?? <span className="text-stone-500">system</span>}</td>
            <td className="table-cell">
              <Badge tone={actionTone(entry.action)}>{entry.action}</Badge>
            </td>
            <td className="table-cell whitespace-nowrap text-stone-600">
              {entry.resource_type}
              {entry.resource_id && (
                <span className="ml-1 font-mono text-xs text-stone-500" title={entry.resource_id}>
                  #{entry.resource_id.length > 10 ? `${entry.resource_id.slice(0, 8)}…` : entry.resource_id}
                </span>
              )}
            </td>
            <td className="table-cell max-w-md text-xs text-stone-600">
              <span className="line-clamp-2 break-words" title={describeDetails(entry.details)}>
                {describeDetails(entry.details) || '—'}
              </span>
            </td>
            <td className="table-cell whitespace-nowrap font-mono text-xs text-stone-500">{entry.ip_address ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  )
}
