import { useEffect, useMemo, type ReactNode } from 'react'
import { ScrollRegion } from '@/components/ScrollRegion'
import { Link, useSearchParams } from 'react-router'
import { Bar, Doughnut } from 'react-chartjs-2'
import { Activity, BarChart3, Camera, Clock, Images, PawPrint, RefreshCw, RotateCcw } from 'lucide-react'
import { DateRangeFields } from '@/components/DateRangeFields'
import { Button } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { cn } from '@/components/cn'
import { MultiSelect } from '@/components/MultiSelect'
import { PageHeader } from '@/components/PageHeader'
import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import { formatNumber, formatRelative, formatTime, speciesName } from '@/lib/format'
import { speciesColor, useSpeciesColorVersion } from '@/lib/species-colors'
import { useCameras } from '@/lib/api/catalog'
import { parseFilters, serializeFilters } from '@/lib/filters'
import { REFRESH_MS, useCameraStats, useSpeciesStats, useSummary, useTimeline, type Interval, type StatsFilters } from '../api/stats'
import { bucketLabel, chartTimeline, spansYears } from '../timeline'
import { FOREST, FOREST_LIGHT, SAND } from './charts'
import { EcologySection } from './EcologySection'
import { useProjectPath } from '@/lib/project'

const INTERVALS: Interval[] = ['hour', 'day', 'week', 'month']

export default function StatsPage() {
  const [params, setParams] = useSearchParams()
  const key = params.toString()
  const filters: StatsFilters = useMemo(() => {
    const f = parseFilters(params)
    return { date_from: f.date_from, date_to: f.date_to, camera_id: f.camera_id }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  const intervalParam = params.get('interval')
  const interval: Interval = (INTERVALS as string[]).includes(intervalParam ?? '') ? (intervalParam as Interval) : 'day'
  const setFilters = (change: Partial<StatsFilters & { interval: Interval }>) => {
    const next = { ...filters, ...change }
    const p = serializeFilters(next)
    const iv = change.interval ?? interval
    if (iv !== 'day') p.set('interval', iv)
    setParams(p)
  }
  const summary = useSummary(filters)
  const species = useSpeciesStats(filters)
  const timeline = useTimeline(filters, interval)
  const cameraStats = useCameraStats(filters)
  const cameras = useCameras()
  const to = useProjectPath()
  const filtered = !!(filters.date_from || filters.date_to || filters.camera_id.length)

  useEffect(() => {
    document.title = 'Statistics · AddaxAI Connect'
  }, [])

  const updatedAt = Math.max(summary.dataUpdatedAt, species.dataUpdatedAt, timeline.dataUpdatedAt)
  const fetching = summary.isFetching || species.isFetching || timeline.isFetching || cameraStats.isFetching
  const gallery = (extra: Record<string, string | string[]>) => {
    const p = serializeFilters({ date_from: filters.date_from, date_to: filters.date_to, camera_id: filters.camera_id })
    for (const [k, v] of Object.entries(extra)) (Array.isArray(v) ? v : [v]).forEach((x) => p.append(k, x))
    return to(`/gallery?${p}`)
  }

  return (
    <div>
      <PageHeader
        title="Statistics"
        description="Activity across your cameras. Refreshes every 30 seconds."
        actions={
          <span className="inline-flex items-center gap-2 text-xs text-stone-500" aria-live="polite">
            <RefreshCw className={cn('h-3.5 w-3.5', fetching && 'animate-spin text-forest-600')} aria-hidden />
            {updatedAt ? `Updated ${formatTime(new Date(updatedAt).toISOString())}` : 'Loading…'}
            <span className="sr-only">Auto-refresh every {REFRESH_MS / 1000} seconds</span>
          </span>
        }
      />

      <Card className="mb-6 p-4">
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-[repeat(3,minmax(0,1fr))_auto] lg:items-end">
          <DateRangeFields idPrefix="stats" value={filters} onChange={setFilters} />
          <MultiSelect
            label="Cameras"
            placeholder="All cameras"
            options={(cameras.data?.features ?? [])
              .map((f) => ({ value: f.properties.id, label: f.properties.name }))
              .sort((a, b) => a.label.localeCompare(b.label))}
            value={filters.camera_id}
            loading={cameras.isLoading}
            onChange={(camera_id) => setFilters({ camera_id })}
          />
          <Button variant="ghost" disabled={!filtered} onClick={() => setParams(new URLSearchParams())} icon={<RotateCcw className="h-4 w-4" aria-hidden />}>
            Reset
          </Button>
        </div>
      </Card>

      {summary.isError ? (
        <ErrorState title="Could not load statistics" error={summary.error} onRetry={() => void summary.refetch()} className="mb-6" />
      ) : (
        <section aria-label="Summary" className="mb-6 grid grid-cols-2 gap-3 sm:gap-4 lg:grid-cols-4">
          <SummaryCard
            icon={<Images className="h-5 w-5" aria-hidden />}
            label="Images processed"
            value={summary.data?.completed_images}
            sub={summary.data ? `${formatNumber(summary.data.total_images)} received` : undefined}
          />
          <SummaryCard
            icon={<PawPrint className="h-5 w-5" aria-hidden />}
            label="Species"
            value={summary.data?.species_count}
            sub="distinct labels"
            tone="sand"
          />
          <SummaryCard
            icon={<Camera className="h-5 w-5" aria-hidden />}
            label="Active cameras"
            value={summary.data?.active_cameras}
            sub="sent an image in 7 days"
          />
          <SummaryCard
            icon={<Activity className="h-5 w-5" aria-hidden />}
            label="Processed today"
            value={summary.data?.processed_today}
            sub={
              summary.data
                ? [
                    summary.data.pending ? `${formatNumber(summary.data.pending)} in progress` : 'pipeline idle',
                    summary.data.failed ? `${formatNumber(summary.data.failed)} failed` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : undefined
            }
            tone="sand"
          />
        </section>
      )}

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-5">
        <Card className="flex flex-col xl:col-span-3">
          <CardHeader
            title="Images over time"
            description="By capture time (UTC)"
            actions={
              <div role="radiogroup" aria-label="Interval" className="inline-flex rounded-lg border border-stone-200 bg-stone-50 p-0.5">
                {INTERVALS.map((iv) => (
                  <button
                    key={iv}
                    type="button"
                    role="radio"
                    aria-checked={interval === iv}
                    onClick={() => setFilters({ interval: iv })}
                    className={cn(
                      'rounded-md px-2.5 py-1 text-xs font-medium capitalize',
                      interval === iv ? 'bg-white text-forest-800 shadow-sm' : 'text-stone-500 hover:text-stone-800',
                    )}
                  >
                    {iv}
                  </button>
                ))}
              </div>
            }
          />
          <div className="h-72 flex-1 p-4 xl:min-h-[18rem]" data-testid="timeline-chart">
            <ChartState query={timeline} skeletonClassName="h-full" errorClassName="h-full py-4" empty="No images in this period">
              {(data) => <TimelineChart data={data} interval={interval} />}
            </ChartState>
          </div>
        </Card>

        <Card className="xl:col-span-2">
          <CardHeader title="Species distribution" description="Detections per species" />
          <div className="p-4" data-testid="species-chart">
            <ChartState query={species} skeletonClassName="h-64" empty="No species identified yet">
              {(data) => <SpeciesChart data={data} galleryHref={(s) => gallery({ species: s })} />}
            </ChartState>
          </div>
        </Card>

        <Card className="xl:col-span-5">
          <CardHeader title="Top cameras" description="Most active cameras in the period" />
          <div className="p-4" data-testid="cameras-chart">
            <ChartState query={cameraStats} skeletonClassName="h-56" empty="No camera activity in this period">
              {(data) => <TopCameras data={data} galleryHref={(id) => gallery({ camera_id: String(id) })} />}
            </ChartState>
          </div>
        </Card>
      </div>

      <EcologySection filters={filters} />
    </div>
  )
}

function SummaryCard({
  icon,
  label,
  value,
  sub,
  tone = 'green',
}: {
  icon: ReactNode
  label: string
  value: number | undefined
  sub?: string
  tone?: 'green' | 'sand'
}) {
  return (
    <Card className="p-4 sm:p-5" data-testid="summary-card">
      <div className="flex items-start justify-between gap-2">
        <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</p>
        <span
          className={cn(
            'flex h-9 w-9 items-center justify-center rounded-lg',
            tone === 'green' ? 'bg-forest-50 text-forest-700' : 'bg-sand-100 text-sand-700',
          )}
        >
          {icon}
        </span>
      </div>
      {value === undefined ? (
        <Skeleton className="mt-2 h-8 w-20" />
      ) : (
        <p className="mt-1 text-3xl font-semibold tabular-nums tracking-tight text-stone-900">{formatNumber(value)}</p>
      )}
      {sub && <p className="mt-1 truncate text-xs text-stone-500">{sub}</p>}
    </Card>
  )
}

/** A chart card's body: a skeleton while loading, an error with retry, a note when there is no data, else the chart. */
function ChartState<T>({
  query,
  skeletonClassName,
  errorClassName = 'py-6',
  empty,
  children,
}: {
  query: { isLoading: boolean; isError: boolean; error: unknown; refetch: () => unknown; data?: T[] }
  skeletonClassName: string
  errorClassName?: string
  empty: string
  children: (data: T[]) => ReactNode
}) {
  if (query.isLoading) return <Skeleton className={cn(skeletonClassName, 'w-full')} />
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} className={errorClassName} />
  if (!query.data?.length) return <EmptyChart text={empty} />
  return <>{children(query.data)}</>
}

function EmptyChart({ text }: { text: string }) {
  return (
    <div className="flex h-full min-h-[12rem] flex-col items-center justify-center gap-2 text-sm text-stone-500">
      <BarChart3 className="h-6 w-6" aria-hidden />
      {text}
    </div>
  )
}

function TimelineChart({ data, interval: asked }: { data: { timestamp: string; count: number }[]; interval: Interval }) {
  const { points, interval, periods } = chartTimeline(data, asked)
  const total = points.reduce((s, p) => s + p.count, 0)
  return (
    <div className="flex h-full flex-col gap-2">
      {interval !== asked && (
        <p className="text-xs text-stone-500" data-testid="timeline-coarsened">
          Shown per {interval}: {formatNumber(periods)} {asked}s are too many bars to draw.
        </p>
      )}
      <div className="relative min-h-0 flex-1">
        <Bar
          aria-label={`Images per ${interval}: ${formatNumber(total)} in ${points.length} ${interval}s`}
          role="img"
          data={{
            labels: points.map((p) => bucketLabel(p.timestamp, interval, spansYears(points))),
            datasets: [
              {
                label: 'Images',
                data: points.map((p) => p.count),
                backgroundColor: FOREST,
                hoverBackgroundColor: SAND,
                borderRadius: 4,
                maxBarThickness: 36,
              },
            ],
          }}
          options={{
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: {
              x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
              y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: FOREST_LIGHT } },
            },
          }}
        />
      </div>
    </div>
  )
}

function SpeciesChart({
  data,
  galleryHref,
}: {
  data: { species: string; count: number; image_count: number }[]
  galleryHref: (species: string) => string
}) {
  useSpeciesColorVersion()
  const top = data.slice(0, 8)
  const rest = data.slice(8).reduce((s, d) => s + d.count, 0)
  const labels = [...top.map((d) => speciesName(d.species)), ...(rest ? ['Other'] : [])]
  const values = [...top.map((d) => d.count), ...(rest ? [rest] : [])]
  const colors = [...top.map((d) => speciesColor(d.species)), ...(rest ? ['#d6d3d1'] : [])]
  const total = values.reduce((s, v) => s + v, 0)
  return (
    <div className="grid items-center gap-4 sm:grid-cols-[200px_1fr] xl:grid-cols-1 2xl:grid-cols-[180px_1fr]">
      <div className="relative mx-auto h-48 w-48">
        <Doughnut
          role="img"
          aria-label={`Species distribution: ${top.map((d) => `${speciesName(d.species)} ${d.count}`).join(', ')}`}
          data={{ labels, datasets: [{ data: values, backgroundColor: colors, borderColor: '#fff', borderWidth: 2, hoverOffset: 6 }] }}
          options={{ cutout: '68%', maintainAspectRatio: false, plugins: { legend: { display: false } } }}
        />
        <div className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
          <span className="text-2xl font-semibold tabular-nums text-stone-900">{formatNumber(total)}</span>
          <span className="text-xs text-stone-500">detections</span>
        </div>
      </div>
      <ul className="space-y-1.5" aria-label="Species legend">
        {top.map((d) => (
          <li key={d.species}>
            <Link
              to={galleryHref(d.species)}
              className="flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-stone-50"
              title={`Show ${speciesName(d.species)} in the gallery`}
            >
              <span className="h-2.5 w-2.5 shrink-0 rounded-full" style={{ backgroundColor: speciesColor(d.species) }} aria-hidden />
              <span className="min-w-0 flex-1 truncate text-stone-700">{speciesName(d.species)}</span>
              <span className="tabular-nums text-stone-500">{formatNumber(d.count)}</span>
              <span className="w-10 text-right text-xs tabular-nums text-stone-500">{Math.round((d.count / total) * 100)}%</span>
            </Link>
          </li>
        ))}
        {rest > 0 && (
          <li className="flex items-center gap-2 px-2 py-1 text-sm text-stone-500">
            <span className="h-2.5 w-2.5 rounded-full bg-stone-300" aria-hidden />
            <span className="flex-1">{data.length - 8} more species</span>
            <span className="tabular-nums">{formatNumber(rest)}</span>
          </li>
        )}
      </ul>
    </div>
  )
}

function TopCameras({
  data,
  galleryHref,
}: {
  data: { camera_id: number; camera_name: string; image_count: number; species_count: number; last_image_at: string | null }[]
  galleryHref: (id: number) => string
}) {
  const top = [...data].sort((a, b) => b.image_count - a.image_count).slice(0, 10)
  const max = Math.max(1, ...top.map((c) => c.image_count))
  return (
    <ScrollRegion label="Top cameras table">
      <table className="w-full min-w-[520px]">
        <thead>
          <tr className="border-b border-stone-100">
            <th className="table-head pl-2">Camera</th>
            <th className="table-head w-1/2">Images</th>
            <th className="table-head text-right">Species</th>
            <th className="table-head text-right">
              <Clock className="inline h-3.5 w-3.5" aria-hidden /> Last image
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-50">
          {top.map((c) => (
            <tr key={c.camera_id}>
              <td className="table-cell pl-2 font-medium">
                <Link to={galleryHref(c.camera_id)} className="text-stone-900 hover:text-forest-700 hover:underline">
                  {c.camera_name}
                </Link>
              </td>
              <td className="table-cell">
                <div className="flex items-center gap-3">
                  <div className="h-2 flex-1 overflow-hidden rounded-full bg-stone-100">
                    <div className="h-full rounded-full bg-forest-600" style={{ width: `${(c.image_count / max) * 100}%` }} />
                  </div>
                  <span className="w-12 text-right text-sm tabular-nums text-stone-700">{formatNumber(c.image_count)}</span>
                </div>
              </td>
              <td className="table-cell text-right tabular-nums">{formatNumber(c.species_count)}</td>
              <td className="table-cell text-right text-stone-500">{formatRelative(c.last_image_at)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  )
}
