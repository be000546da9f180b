import { useId, useState, type ComponentType, type ReactNode } from 'react'
import { Link } from 'react-router'
import { Bar, Line, Radar } from 'react-chartjs-2'
import { Leaf } from 'lucide-react'
import { Card, CardHeader } from '@/components/Card'
import { cn } from '@/components/cn'
import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import { formatNumber, formatPercent, speciesName } from '@/lib/format'
import { useProjectPath } from '@/lib/project'
import type { Accumulation, Activity, Occupancy, Rai, TrapDays } from '@/lib/api/types'
import { useAccumulation, useActivity, useOccupancy, useRai, useTrapDays, type StatsFilters } from '../api/stats'
import { accumulationCurve, activityFor, formatRai, formatTrapDays, HOURS, peakHours } from '../ecology'
import { FOREST, FOREST_LIGHT, SAND } from './charts'

const SAND_LIGHT = 'rgba(199, 153, 87, 0.18)'
const TOP_SPECIES = 10

/** Trap-days, RAI, activity, species accumulation and naive occupancy (definitions: docs/statistics.md). */
export function EcologySection({ filters }: { filters: StatsFilters }) {
  const trapDays = useTrapDays(filters)
  const rai = useRai(filters)
  const activity = useActivity(filters)
  const accumulation = useAccumulation(filters)
  const occupancy = useOccupancy(filters)
  const to = useProjectPath()
  const interval = rai.data?.independence_interval_minutes ?? activity.data?.independence_interval_minutes
  const noEffort = trapDays.data !== undefined && trapDays.data.total === 0

  return (
    <section aria-labelledby="ecology-heading" className="mt-8" data-testid="ecology">
      <div className="mb-4">
        <h2 id="ecology-heading" className="flex items-center gap-2 text-lg font-semibold text-stone-900">
          <Leaf className="h-5 w-5 text-forest-700" aria-hidden /> Ecology
        </h2>
        <p className="mt-1 max-w-3xl text-sm text-stone-600">
          Survey effort and detection rates from your{' '}
          <Link to={to('/deployments')} className="font-medium text-forest-700 underline">
            deployments
          </Link>
          : only images taken within a deployment count. An independent event is one species at one deployment, with
          less than {interval ?? '…'} minutes between its photos. A person&apos;s species correction wins over the model.
        </p>
      </div>
      {noEffort ? (
        <Card className="p-6 text-sm text-stone-600" data-testid="ecology-empty">
          No deployment was running in this period, so there is no survey effort to relate detections to. Add deployments
          (a camera at a place from a start to an end) to see trap-days, relative abundance, activity and occupancy.
        </Card>
      ) : (
        <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
          <ChartCard
            testId="trap-days-chart"
            title="Trap-days per deployment"
            description="Days each camera was out, within the selected period"
            actions={trapDays.data && <Total label="total" value={formatTrapDays(trapDays.data.total)} />}
            query={trapDays}
            skeleton="h-40"
            chart={TrapDaysList}
          />
          <ChartCard
            testId="rai-chart"
            title="Relative abundance (RAI)"
            description="Independent events per 100 trap-days, per species"
            query={rai}
            skeleton="h-64"
            chart={RaiChart}
          />
          <ChartCard
            testId="activity-chart"
            title="Activity pattern"
            description="By local hour of each deployment's time zone"
            query={activity}
            skeleton="h-72"
            chart={ActivityChart}
          />
          <ChartCard
            testId="accumulation-chart"
            title="Species accumulation"
            description="Distinct species against cumulative trap-days"
            query={accumulation}
            skeleton="h-64"
            chart={AccumulationChart}
          />
          <ChartCard
            testId="occupancy-chart"
            className="xl:col-span-2"
            title="Naive occupancy"
            description="Share of surveyed sites where each species was seen"
            query={occupancy}
            skeleton="h-40"
            chart={OccupancyList}
          />
        </div>
      )}
    </section>
  )
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <span className="text-sm text-stone-600">
      <span className="font-semibold tabular-nums text-stone-900" data-testid="trap-days-total">
        {value}
      </span>{' '}
      {label}
    </span>
  )
}

/** A chart card: its header, then a skeleton while the query loads, an error with a retry, or `chart` with the data. */
function ChartCard<T>({
  testId,
  className,
  title,
  description,
  actions,
  query,
  skeleton,
  chart: Chart,
}: {
  testId: string
  className?: string
  title: string
  description: string
  actions?: ReactNode
  query: { isLoading: boolean; isError: boolean; error: unknown; refetch: () => unknown; data?: T }
  skeleton: string
  chart: ComponentType<{ data: T }>
}) {
  let content: ReactNode
  if (query.isLoading) content = <Skeleton className={`${skeleton} w-full`} />
  else if (query.isError || query.data === undefined)
    content = <ErrorState error={query.error} onRetry={() => void query.refetch()} className="py-6" />
  else content = <Chart data={query.data} />
  return (
    <Card className={cn('min-w-0', className)} data-testid={testId}>
      <CardHeader title={title} description={description} actions={actions} />
      <div className="p-4">{content}</div>
    </Card>
  )
}

function Empty({ text }: { text: string }) {
  return <p className="py-8 text-center text-sm text-stone-500">{text}</p>
}

function BarRow({ label, value, fraction, testId }: { label: ReactNode; value: ReactNode; fraction: number; testId?: string }) {
  return (
    <li className="grid grid-cols-[minmax(0,9rem)_1fr_auto] items-center gap-3 py-1.5 text-sm" data-testid={testId}>
      <span className="truncate text-stone-700">{label}</span>
      <span className="h-2 overflow-hidden rounded-full bg-stone-100" aria-hidden>
        <span className="block h-full rounded-full bg-forest-600" style={{ width: `${Math.min(1, fraction) * 100}%` }} />
      </span>
      <span className="text-right tabular-nums text-stone-700">{value}</span>
    </li>
  )
}

function TrapDaysList({ data }: { data: TrapDays }) {
  const rows = data.deployments.filter((d) => d.trap_days > 0)
  if (!rows.length) return <Empty text="No deployment in this period" />
  const max = Math.max(...rows.map((d) => d.trap_days))
  return (
    <ul aria-label="Trap-days per deployment">
      {rows.map((d) => (
        <BarRow
          key={d.deployment_id}
          testId="trap-days-row"
          label={
            <span title={d.location_name ?? undefined}>
              {d.camera_name}
              {d.location_name ? <span className="text-stone-500"> · {d.location_name}</span> : null}
            </span>
          }
          value={formatTrapDays(d.trap_days)}
          fraction={d.trap_days / max}
        />
      ))}
    </ul>
  )
}

function RaiChart({ data }: { data: Rai }) {
  const top = data.species.slice(0, TOP_SPECIES)
  if (!top.length) return <Empty text="No independent events in this period" />
  return (
    <div className="space-y-4">
      <div className="h-56">
        <Bar
          role="img"
          aria-label={`Relative abundance per 100 trap-days: ${top.map((s) => `${speciesName(s.species)} ${formatRai(s.rai)}`).join(', ')}`}
          data={{
            labels: top.map((s) => speciesName(s.species)),
            datasets: [{ label: 'Events per 100 trap-days', data: top.map((s) => s.rai ?? 0), backgroundColor: FOREST, borderRadius: 4 }],
          }}
          options={{
            indexAxis: 'y',
            maintainAspectRatio: false,
            plugins: { legend: { display: false } },
            scales: { x: { beginAtZero: true, grid: { color: FOREST_LIGHT } }, y: { grid: { display: false } } },
          }}
        />
      </div>
      <table className="w-full text-sm" aria-label="Relative abundance per species">
        <thead>
          <tr className="border-b border-stone-100 text-left text-xs uppercase tracking-wide text-stone-500">
            <th className="py-1.5 font-medium">Species</th>
            <th className="py-1.5 text-right font-medium">Events</th>
            <th className="py-1.5 text-right font-medium">RAI</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-50">
          {top.map((s) => (
            <tr key={s.species} data-testid="rai-row" data-species={s.species}>
              <td className="py-1.5 text-stone-800">{speciesName(s.species)}</td>
              <td className="py-1.5 text-right tabular-nums">{formatNumber(s.events)}</td>
              <td className="py-1.5 text-right font-medium tabular-nums" data-testid="rai-value">
                {formatRai(s.rai)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-stone-500">
        {formatTrapDays(data.trap_days)} trap-days; photos more than {data.independence_interval_minutes} min apart are
        separate events.
      </p>
    </div>
  )
}

function ActivityChart({ data }: { data: Activity }) {
  const [species, setSpecies] = useState<string | null>(null)
  const selectId = useId()
  const series = activityFor(data, species)
  const total = series.detections.reduce((s, n) => s + n, 0)
  if (!data.species.length) return <Empty text="No detections in this period" />
  const peaks = peakHours(series.events)
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={selectId} className="text-stone-600">
          Species
        </label>
        <select
          id={selectId}
          className="min-w-0 max-w-full rounded-lg border border-stone-300 bg-white px-2 py-1 text-sm"
          value={species ?? ''}
          onChange={(e) => setSpecies(e.target.value || null)}
        >
          <option value="">All species</option>
          {data.species.map((s) => (
            <option key={s.species} value={s.species ?? ''}>
              {speciesName(s.species)}
            </option>
          ))}
        </select>
      </div>
      <div className="mx-auto aspect-square w-full max-w-sm">
        <Radar
          role="img"
          aria-label={`Activity by local hour: ${formatNumber(total)} detections; most events at ${peaks.join(', ') || 'no hour'}`}
          data={{
            labels: HOURS,
            datasets: [
              {
                label: 'Detections',
                data: series.detections,
                borderColor: FOREST,
                backgroundColor: FOREST_LIGHT,
                pointRadius: 2,
                fill: true,
              },
              {
                label: 'Independent events',
                data: series.events,
                borderColor: SAND,
                backgroundColor: SAND_LIGHT,
                pointRadius: 2,
                fill: true,
              },
            ],
          }}
          options={{
            maintainAspectRatio: true,
            plugins: { legend: { position: 'bottom' } },
            scales: { r: { beginAtZero: true, ticks: { precision: 0, backdropColor: 'transparent' } } },
          }}
        />
      </div>
    </div>
  )
}

function AccumulationChart({ data }: { data: Accumulation }) {
  const curve = accumulationCurve(data.points)
  if (!curve.length) return <Empty text="No survey days in this period" />
  const last = curve[curve.length - 1]
  return (
    <div className="h-64">
      <Line
        role="img"
        aria-label={`Species accumulation: ${formatNumber(last.y)} species after ${formatTrapDays(last.x)} trap-days`}
        data={{
          datasets: [
            {
              label: 'Species',
              data: curve,
              borderColor: FOREST,
              backgroundColor: FOREST_LIGHT,
              stepped: 'before',
              fill: true,
              pointRadius: 0,
            },
          ],
        }}
        options={{
          maintainAspectRatio: false,
          parsing: false,
          plugins: {
            legend: { display: false },
            tooltip: {
              callbacks: {
                title: (items) => (items[0]?.raw as { date?: string } | undefined)?.date ?? '',
                label: (item) => `${formatNumber(item.parsed.y)} species after ${formatTrapDays(item.parsed.x ?? 0)} trap-days`,
              },
            },
          },
          scales: {
            x: { type: 'linear', beginAtZero: true, title: { display: true, text: 'Trap-days' }, grid: { color: FOREST_LIGHT } },
            y: { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: 'Species' }, grid: { color: FOREST_LIGHT } },
          },
        }}
      />
    </div>
  )
}

function OccupancyList({ data }: { data: Occupancy }) {
  if (!data.species.length) return <Empty text="No species detected at a surveyed site" />
  return (
    <div>
      <p className="mb-2 text-xs text-stone-500">
        {formatNumber(data.sites_surveyed)} {data.sites_surveyed === 1 ? 'site' : 'sites'} surveyed
      </p>
      <ul aria-label="Naive occupancy per species" className="grid gap-x-8 lg:grid-cols-2">
        {data.species.slice(0, 20).map((s) => (
          <BarRow
            key={s.species}
            testId="occupancy-row"
            label={speciesName(s.species)}
            value={`${formatPercent(s.naive_occupancy)} · ${s.sites_detected}/${data.sites_surveyed}`}
            fraction={s.naive_occupancy}
          />
        ))}
      </ul>
    </div>
  )
}
