import { useEffect } from 'react'
import { Link, useParams } from 'react-router'
import { ArrowLeft, Image as ImageIcon } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { buttonClasses } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { DataTable } from '@/components/DataTable'
import { EmptyState } from '@/components/States'
import { formatDateTime, speciesName } from '@/lib/format'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { useAlertDetail } from '../api/alerts'
import { CHANNEL_KINDS, type ChannelKind } from '../channel-form'
import { DELIVERY_META, kindMeta, LOG_KIND_META } from '../labels'
import { AlertsFrame } from './AlertTabs'
import { DeliveryCounts } from './HistoryPage'

/** One alert: what fired it, and every notification with its state, attempts and last error. */
export default function AlertDetailPage() {
  const { alertId } = useParams()
  const { slug } = useProjectContext()
  const to = useProjectPath()
  const alert = useAlertDetail(slug, Number(alertId))
  const data = alert.data

  useEffect(() => {
    document.title = `Alert ${alertId} · AddaxAI Connect`
  }, [alertId])

  const meta = data ? kindMeta(data.kind, LOG_KIND_META) : null
  return (
    <AlertsFrame
      description="What fired, and where the notifications went."
      actions={
        <Link to={to('/alerts/history')} className="inline-flex items-center gap-1.5 text-sm font-medium text-stone-600 hover:text-stone-900">
          <ArrowLeft className="h-4 w-4" aria-hidden /> All alerts
        </Link>
      }
    >
      {data && meta && (
        <Card className="mb-6" data-testid="alert-detail">
          <CardHeader
            title={data.rule_name}
            description={formatDateTime(data.fired_at)}
            actions={
              data.image_id ? (
                <Link to={to(`/images/${data.image_id}`)} className={buttonClasses({ size: 'sm' })}>
                  <ImageIcon className="h-4 w-4" aria-hidden /> View image
                </Link>
              ) : undefined
            }
          />
          <dl className="grid gap-4 px-5 py-4 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Kind</dt>
              <dd className="mt-1">
                <Badge tone={meta.tone}>{meta.label}</Badge>
              </dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Camera</dt>
              <dd className="mt-1 text-stone-800">{data.camera_name ?? '—'}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Species</dt>
              <dd className="mt-1 text-stone-800">{data.species.length ? data.species.map(speciesName).join(', ') : '—'}</dd>
            </div>
            <div>
              <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Deliveries</dt>
              <dd className="mt-1">
                <DeliveryCounts counts={data.delivery_counts} />
              </dd>
            </div>
            <div className="sm:col-span-2 lg:col-span-4">
              <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">Reason</dt>
              <dd className="mt-1 text-stone-800">{data.reason}</dd>
            </div>
          </dl>
        </Card>
      )}
      <DataTable
        label="Deliveries"
        headings={['Channel', 'Recipient', 'Status', 'Attempts', 'Sent', 'Last error']}
        query={alert}
        errorTitle="Could not load the alert"
        actions={false}
        loadingRows={2}
        footer={
          data?.deliveries.length === 0 && (
            <EmptyState className="m-4" title="No notifications" description="The rule had no channel when it fired (or a digest carries it later)." />
          )
        }
      >
        {data?.deliveries.map((d) => {
          const status = DELIVERY_META[d.status] ?? { label: d.status, tone: 'neutral' as const }
          return (
            <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
              <td className="table-cell">
                <p className="text-sm font-medium text-stone-900">{d.channel_name}</p>
                <p className="text-xs text-stone-500">{CHANNEL_KINDS[d.channel_kind as ChannelKind]?.label ?? d.channel_kind}</p>
              </td>
              <td className="table-cell text-sm text-stone-700">{d.recipient || '—'}</td>
              <td className="table-cell">
                <Badge tone={status.tone} dot>
                  {status.label}
                </Badge>
              </td>
              <td className="table-cell text-sm tabular-nums text-stone-700">{d.attempts}</td>
              <td className="table-cell whitespace-nowrap text-sm text-stone-600">{formatDateTime(d.sent_at)}</td>
              <td className="table-cell max-w-[320px] break-words text-xs text-red-700">{d.last_error ?? ''}</td>
            </tr>
          )
        })}
      </DataTable>
    </AlertsFrame>
  )
}
