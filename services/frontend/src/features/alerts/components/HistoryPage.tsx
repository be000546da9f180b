import { useEffect } from 'react'
import { Link, useSearchParams } from 'react-router'
import { BellOff, RotateCcw } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { Button } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { Pagination } from '@/components/Pagination'
import { EmptyState } from '@/components/States'
import { useCameras } from '@/lib/api/catalog'
import type { AlertHistoryItem } from '@/lib/api/types'
import { formatDateTime, speciesName } from '@/lib/format'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { useAlertHistory, useAlertRules, type HistoryFilters } from '../api/alerts'
import { historyFilters, historyParams } from '../history-filters'
import { DELIVERY_META, kindMeta, LOG_KIND_META } from '../labels'
import { AlertsFrame } from './AlertTabs'

const LIMIT = 25

export default function HistoryPage() {
  const { slug, project } = useProjectContext()
  const to = useProjectPath()
  const [params, setParams] = useSearchParams()
  const filters = historyFilters(params, LIMIT)
  const history = useAlertHistory(slug, filters)
  const isAdmin = project?.role === 'admin'
  const rules = useAlertRules(slug)
  const cameras = useCameras()
  const set = (change: Partial<HistoryFilters>) => setParams(historyParams({ ...filters, page: 1, ...change }))
  const filtered = params.toString().replace(/(^|&)page=\d+/, '') !== ''

  useEffect(() => {
    document.title = 'Alert history · AddaxAI Connect'
  }, [])

  return (
    <AlertsFrame description={isAdmin ? 'Every alert the rules fired, and where each notification went.' : 'Every alert fired in this project, and where each notification went.'}>
      <form className="mb-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="History filters" onSubmit={(e) => e.preventDefault()}>
        <SelectField label="Rule" value={filters.rule_id ?? ''} onChange={(e) => set({ rule_id: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">Any rule</option>
          {(rules.data ?? []).map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </SelectField>
        <SelectField label="Camera" value={filters.camera_id ?? ''} onChange={(e) => set({ camera_id: e.target.value ? Number(e.target.value) : undefined })}>
          <option value="">Any camera</option>
          {(cameras.data?.features ?? []).map((f) => (
            <option key={f.properties.id} value={f.properties.id}>
              {f.properties.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Species" placeholder="e.g. wolf" value={filters.species ?? ''} onChange={(e) => set({ species: e.target.value || undefined })} />
        <SelectField label="Delivery" value={filters.status ?? ''} onChange={(e) => set({ status: (e.target.value || undefined) as HistoryFilters['status'] })}>
          <option value="">Any</option>
          <option value="failed">With failures</option>
          <option value="pending">Still pending</option>
          <option value="sent">Sent</option>
        </SelectField>
        <TextField label="From" type="date" value={filters.date_from ?? ''} onChange={(e) => set({ date_from: e.target.value || undefined })} />
        <TextField label="Until" type="date" value={filters.date_to ?? ''} onChange={(e) => set({ date_to: e.target.value || undefined })} />
      </form>
      {filtered && (
        <div className="mb-3 flex justify-end">
          <Button size="sm" variant="ghost" onClick={() => setParams(new URLSearchParams())} icon={<RotateCcw className="h-4 w-4" aria-hidden />}>
            Clear filters
          </Button>
        </div>
      )}
      <DataTable
        label="Alert history"
        headings={['Fired', 'Rule', 'What', 'Camera', 'Deliveries']}
        query={history}
        tableClassName="min-w-[820px]"
        loadingRows={4}
        footer={
          <>
            {history.data?.items.length === 0 && (
              <EmptyState
                className="m-4"
                icon={<BellOff className="h-6 w-6" aria-hidden />}
                title={filtered ? 'No alerts match these filters' : 'No alerts yet'}
                description={filtered ? 'Clear a filter to see more.' : 'Alerts appear here the moment a rule fires.'}
              />
            )}
            {history.data && history.data.pages > 1 && (
              <Pagination className="border-t border-stone-100 p-3" page={history.data.page} pages={history.data.pages} onPage={(page) => setParams(historyParams({ ...filters, page }))} />
            )}
          </>
        }
      >
        {history.data?.items.map((item) => (
          <HistoryRow key={item.id} item={item} link={to(`/alerts/history/${item.id}`)} imageLink={item.image_id ? to(`/images/${item.image_id}`) : null} />
        ))}
      </DataTable>
    </AlertsFrame>
  )
}

export function DeliveryCounts({ counts }: { counts: { sent: number; failed: number; pending: number } }) {
  const parts = (['sent', 'failed', 'pending'] as const).filter((s) => counts[s] > 0)
  if (parts.length === 0) return <span className="text-sm text-stone-500">No channel</span>
  return (
    <div className="flex flex-wrap gap-1">
      {parts.map((s) => (
        <Badge key={s} tone={DELIVERY_META[s].tone} dot>
          {counts[s]} {DELIVERY_META[s].label.toLowerCase()}
        </Badge>
      ))}
    </div>
  )
}

function HistoryRow({ item, link, imageLink }: { item: AlertHistoryItem; link: string; imageLink: string | null }) {
  const meta = kindMeta(item.kind, LOG_KIND_META)
  return (
    <tr data-testid="alert-row" data-alert-id={item.id}>
      <td className="table-cell whitespace-nowrap text-sm">
        <Link to={link} className="font-medium text-forest-800 hover:underline">
          {formatDateTime(item.fired_at)}
        </Link>
      </td>
      <td className="table-cell">
        <p className="text-sm font-medium text-stone-900">{item.rule_name}</p>
        <Badge tone={meta.tone} className="mt-0.5">
          {meta.label}
        </Badge>
      </td>
      <td className="table-cell max-w-[320px] text-sm text-stone-700">
        {item.species.length ? item.species.map(speciesName).join(', ') : <span className="line-clamp-2">{item.reason}</span>}
      </td>
      <td className="table-cell text-sm text-stone-700">
        {item.camera_name ?? '—'}
        {imageLink && (
          <Link to={imageLink} className="ml-2 text-xs font-semibold text-forest-700 hover:underline">
            Image
          </Link>
        )}
      </td>
      <td className="table-cell">
        <DeliveryCounts counts={item.deliveries} />
      </td>
      <td className="table-cell text-right">
        <Link to={link} className="text-sm font-semibold text-forest-700 hover:underline" aria-label={`Details of the alert of ${formatDateTime(item.fired_at)}`}>
          Details
        </Link>
      </td>
    </tr>
  )
}
