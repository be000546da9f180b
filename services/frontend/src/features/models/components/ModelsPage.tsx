import { useEffect, useState, type FormEvent, type ReactNode } from 'react'
import { Cpu, RefreshCw, ShieldCheck } from 'lucide-react'
import { Badge, type BadgeTone } from '@/components/Badge'
import { Button } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { ConfirmDialog } from '@/components/Modal'
import { PageHeader } from '@/components/PageHeader'
import { ErrorState, LoadingState } from '@/components/States'
import { Switch } from '@/components/Switch'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import type { InstalledModel, ModelsOverview, ReprocessJob, RuntimeSettings } from '@/lib/api/types'
import { formatDateTime, formatNumber, plural } from '@/lib/format'
import { useProjects } from '@/lib/project'
import { useModelsOverview, useReprocessJobs, useStartReprocess, useUpdateModelSettings } from '../api/models'

/** Server admins: which models exist and run, the thresholds they run with, and re-running images. */
export default function ModelsPage({ tabs }: { tabs?: ReactNode }) {
  const overview = useModelsOverview()
  useEffect(() => {
    document.title = 'Models · AddaxAI Connect'
  }, [])
  return (
    <div>
      <PageHeader
        title="Administration"
        description="Models: what is installed and running, the thresholds they work with, and reprocessing."
      />
      {tabs}
      {overview.isError ? (
        <ErrorState title="Could not load the models" error={overview.error} onRetry={() => void overview.refetch()} />
      ) : !overview.data ? (
        <LoadingState label="Loading models…" />
      ) : (
        <div className="space-y-6">
          <ActiveModels overview={overview.data} />
          <div className="grid gap-6 lg:grid-cols-2">
            <ThresholdsForm key={overview.data.settings.updated_at ?? 'defaults'} current={overview.data.settings} />
            <ReprocessPanel />
          </div>
          <ReprocessJobs />
          <InstalledModels overview={overview.data} />
        </div>
      )}
    </div>
  )
}

const TASK_NAME = { detection: 'Detector', classification: 'Species classifier' } as const

function ActiveModels({ overview }: { overview: ModelsOverview }) {
  return (
    <section aria-labelledby="active-models" className="grid gap-4 md:grid-cols-2">
      <h2 id="active-models" className="sr-only">
        Active models
      </h2>
      {(['detection', 'classification'] as const).map((task) => {
        const model = overview.active.find((m) => m.task === task)
        const report = overview.providers.find((p) => p.task === task)
        return (
          <Card key={task} className="p-5">
            <p className="text-xs font-medium uppercase tracking-wide text-stone-500">{TASK_NAME[task]}</p>
            {model ? (
              <>
                <p className="mt-1 flex flex-wrap items-center gap-2 text-lg font-semibold text-stone-900">
                  <span className="break-all">
                    {model.name}@{model.version}
                  </span>
                  {model.demo ? <Badge tone="amber">Demo model</Badge> : <Badge tone="green">Real model</Badge>}
                </p>
                <dl className="mt-3 grid grid-cols-[auto,1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-500">Licence</dt>
                  <dd className="text-stone-800">{model.license}</dd>
                  <dt className="text-stone-500">Source</dt>
                  <dd className="break-all text-stone-800">{model.source}</dd>
                  <dt className="text-stone-500">SHA-256</dt>
                  <dd className="truncate font-mono text-xs leading-5 text-stone-700" title={model.sha256}>
                    {model.sha256}
                  </dd>
                  <dt className="text-stone-500">Runs on</dt>
                  <dd className="flex flex-wrap items-center gap-1.5 text-stone-800">
                    <Cpu className="h-4 w-4 text-stone-500" aria-hidden />
                    {report ? report.providers.join(' → ') : 'not reported yet'}
                    {report && <span className="text-xs text-stone-500">({report.host})</span>}
                  </dd>
                </dl>
              </>
            ) : (
              <p className="mt-2 text-sm text-stone-600">No worker has started yet: nothing to show until one does.</p>
            )}
          </Card>
        )
      })}
    </section>
  )
}

const FIELDS = [
  ['detection_store_threshold', 'Detector: store at', 'Detections at or above this confidence are kept.'],
  ['detection_classify_threshold', 'Detector: crop and classify at', 'Animals at or above this go to the species classifier; at least the store threshold.'],
  ['classification_min_score', 'Classifier: minimum score', 'Species labels below this score are not stored.'],
  ['classification_rollup_threshold', 'Taxonomy rollup at', 'An unsure species rolls up to genus, family or order once their summed score reaches this.'],
] as const
type ThresholdField = (typeof FIELDS)[number][0]

/** The 422 answer's field (`loc: ["body", field]`) and message, so the error sits under its input. */
function fieldError(error: unknown): { field?: string; message: string } | null {
  if (!error) return null
  const first = error instanceof ApiError && Array.isArray(error.detail) ? (error.detail[0] as { loc?: unknown[]; msg?: string }) : null
  if (first?.loc) return { field: String(first.loc[first.loc.length - 1]), message: first.msg ?? 'is not valid' }
  return { message: error instanceof Error ? error.message : String(error) }
}

function ThresholdsForm({ current }: { current: RuntimeSettings }) {
  const save = useUpdateModelSettings()
  const toast = useToast()
  const [values, setValues] = useState<Record<ThresholdField, string>>(
    () => Object.fromEntries(FIELDS.map(([name]) => [name, String(current[name])])) as Record<ThresholdField, string>,
  )
  const [blur, setBlur] = useState(current.blur_people)
  const error = fieldError(save.error)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const body = Object.fromEntries(FIELDS.map(([name]) => [name, Number(values[name])]))
    save.mutate({ ...body, blur_people: blur }, {
      onSuccess: () => toast.push({ title: 'Thresholds saved', description: `Workers use them within ${current.ttl_seconds} seconds.`, tone: 'success' }),
    })
  }
  return (
    <Card>
      <CardHeader
        title="Thresholds and privacy"
        description={`Changed at run time: every worker picks a change up within ${current.ttl_seconds} s, no restart.`}
      />
      <form onSubmit={submit} className="space-y-4 p-5" aria-label="Thresholds">
        <div className="grid gap-4 sm:grid-cols-2">
          {FIELDS.map(([name, label, hint]) => (
            <TextField
              key={name}
              label={label}
              hint={hint}
              type="number"
              inputMode="decimal"
              min={0}
              max={1}
              step={0.01}
              required
              value={values[name]}
              onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
              error={error?.field === name ? error.message : undefined}
            />
          ))}
        </div>
        <div className="flex items-start gap-3 rounded-lg bg-stone-50 p-3">
          <Switch checked={blur} onChange={setBlur} label="Blur people" />
          <div className="text-sm">
            <p className="flex items-center gap-1.5 font-medium text-stone-800">
              <ShieldCheck className="h-4 w-4 text-forest-700" aria-hidden /> Blur people
            </p>
            <p className="text-stone-600">
              In thumbnails, crops and the images viewers and analysts see. Admins can still open the original (logged).
            </p>
          </div>
        </div>
        {error && !FIELDS.some(([name]) => name === error.field) && (
          <p role="alert" className="text-sm text-red-700">
            {error.message}
          </p>
        )}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-xs text-stone-500">
            {current.updated_at
              ? `Last changed ${formatDateTime(current.updated_at)} by ${current.updated_by_email ?? 'a removed user'}`
              : 'Defaults from the server settings'}
          </p>
          <Button type="submit" variant="primary" disabled={save.isPending}>
            {save.isPending ? 'Saving…' : 'Save thresholds'}
          </Button>
        </div>
      </form>
    </Card>
  )
}

function ReprocessPanel() {
  const projects = useProjects()
  const start = useStartReprocess()
  const toast = useToast()
  const [slug, setSlug] = useState('')
  const [stages, setStages] = useState<'detection' | 'classification'>('detection')
  const [confirming, setConfirming] = useState(false)
  const chosen = slug || projects.data?.[0]?.slug || ''
  const name = projects.data?.find((p) => p.slug === chosen)?.name ?? chosen
  const run = () =>
    start.mutate(
      { slug: chosen, stages },
      {
        onSuccess: (job) => {
          setConfirming(false)
          toast.push({
            title: 'Reprocessing started',
            description: `${plural(job.total, 'image')} queued${job.skipped ? `, ${job.skipped} still in the pipeline skipped` : ''}.`,
            tone: 'success',
          })
        },
      },
    )
  return (
    <Card role="region" aria-label="Reprocess images">
      <CardHeader
        title="Reprocess images"
        description="Runs completed images through the active models again. Human species labels and review decisions are never changed."
      />
      <div className="space-y-4 p-5">
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField label="Project" value={chosen} onChange={(e) => setSlug(e.target.value)}>
            {(projects.data ?? []).map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </SelectField>
          <SelectField label="Run again" value={stages} onChange={(e) => setStages(e.target.value as typeof stages)}>
            <option value="detection">Detection and classification</option>
            <option value="classification">Classification only</option>
          </SelectField>
        </div>
        <p className="text-xs text-stone-500">
          To reprocess only some images (a camera, a species, a period), filter the project&apos;s gallery and use its
          Reprocess button.
        </p>
        <div className="flex justify-end">
          <Button
            variant="primary"
            onClick={() => setConfirming(true)}
            disabled={!chosen}
            icon={<RefreshCw className="h-4 w-4" aria-hidden />}
          >
            Reprocess all images
          </Button>
        </div>
      </div>
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={run}
        title={`Reprocess every completed image of ${name}?`}
        description="The machine's detections and species labels are replaced image by image; human labels and reviews stay."
        confirmLabel="Reprocess"
        busy={start.isPending}
        error={start.error ? String(start.error.message) : undefined}
      />
    </Card>
  )
}

function Progress({ job }: { job: ReprocessJob }) {
  const pct = job.total ? Math.round(((job.done + job.failed) / job.total) * 100) : 100
  return (
    <div className="min-w-[160px]">
      <div
        role="progressbar"
        aria-label={`Job ${job.id} progress`}
        aria-valuemin={0}
        aria-valuemax={job.total}
        aria-valuenow={job.done + job.failed}
        className="h-2 overflow-hidden rounded-full bg-stone-200"
      >
        <div className={job.failed ? 'h-full bg-amber-500' : 'h-full bg-forest-600'} style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-stone-600">
        {formatNumber(job.done)} / {formatNumber(job.total)} done
        {job.failed ? `, ${job.failed} failed` : ''}
        {job.skipped ? `, ${job.skipped} skipped` : ''}
      </p>
    </div>
  )
}

function ReprocessJobs() {
  const jobs = useReprocessJobs()
  return (
    <section aria-labelledby="reprocess-jobs">
      <h2 id="reprocess-jobs" className="mb-3 text-sm font-semibold text-stone-900">
        Reprocess jobs
      </h2>
      <DataTable
        label="Reprocess jobs"
        headings={['Started', 'Project', 'Runs', 'Models', 'Progress', 'State']}
        query={jobs}
        actions={false}
        tableClassName="min-w-[760px]"
        footer={jobs.data?.length === 0 && <p className="p-4 text-sm text-stone-600">No images have been reprocessed yet.</p>}
      >
        {(jobs.data ?? []).map((job) => (
          <tr key={job.id} data-testid="reprocess-job-row" data-job-id={job.id} data-state={job.state}>
            <td className="table-cell whitespace-nowrap">
              {formatDateTime(job.created_at)}
              <span className="block text-xs text-stone-500">{job.created_by_email ?? ''}</span>
            </td>
            <td className="table-cell">{job.project_slug}</td>
            <td className="table-cell">{job.stages === 'detection' ? 'Detection + classification' : 'Classification'}</td>
            <td className="table-cell text-xs text-stone-600">
              {[job.detector, job.classifier].filter(Boolean).join(', ') || 'unknown'}
            </td>
            <td className="table-cell">
              <Progress job={job} />
            </td>
            <td className="table-cell">
              <Badge tone={job.state === 'running' ? 'blue' : job.failed ? 'amber' : 'green'} dot>
                {job.state === 'running' ? 'Running' : 'Finished'}
              </Badge>
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}

const HASH: Record<InstalledModel['sha256_status'], { label: string; tone: BadgeTone }> = {
  match: { label: 'SHA-256 matches', tone: 'green' },
  mismatch: { label: 'SHA-256 differs', tone: 'red' },
  unknown: { label: 'No catalog hash', tone: 'neutral' },
}

function InstalledModels({ overview }: { overview: ModelsOverview }) {
  const rows = overview.installed
  return (
    <section aria-labelledby="installed-models">
      <h2 id="installed-models" className="mb-3 text-sm font-semibold text-stone-900">
        Installed models
      </h2>
      {overview.catalog_error && (
        <p role="alert" className="mb-3 rounded-lg bg-red-50 p-3 text-sm text-red-800">
          The model catalog could not be read: {overview.catalog_error}
        </p>
      )}
      <DataTable
        label="Installed models"
        headings={['Model', 'Task', 'Provenance', 'File', 'Check']}
        query={{ isError: false, isLoading: false, error: null, refetch: () => undefined }}
        errorTitle="Could not load the models"
        actions={false}
        tableClassName="min-w-[860px]"
        footer={
          rows.length === 0 && (
            <p className="p-4 text-sm text-stone-600">
              No model of the catalog is in the models directory or bucket. See docs/models.md.
            </p>
          )
        }
      >
        {rows.map((m) => (
          <tr key={`${m.name}-${m.location}`} data-testid="installed-model-row" data-model={m.name}>
            <td className="table-cell">
              <span className="font-medium text-stone-900">{m.name}</span>
              <span className="block text-xs text-stone-500">version {m.version}</span>
              <span className="mt-1 flex flex-wrap gap-1">
                {m.demo && <Badge tone="amber">Demo</Badge>}
                {m.active && <Badge tone="green">Active</Badge>}
              </span>
            </td>
            <td className="table-cell">{TASK_NAME[m.task]}</td>
            <td className="table-cell max-w-[280px] text-xs text-stone-700">
              <span className="block">Licence: {m.license}</span>
              <span className="block break-all">{m.source}</span>
            </td>
            <td className="table-cell text-xs text-stone-700">
              <span className="block break-all font-mono">{m.file}</span>
              <span className="block text-stone-500">
                {m.location === 'bucket' ? 'models bucket' : 'models directory'}
                {m.size_bytes != null ? ` · ${formatNumber(Math.round(m.size_bytes / 1024))} KiB` : ''}
              </span>
            </td>
            <td className="table-cell">
              <Badge tone={HASH[m.sha256_status].tone}>{HASH[m.sha256_status].label}</Badge>
              {m.file_sha256 && (
                <span className="mt-1 block max-w-[180px] truncate font-mono text-xs text-stone-500" title={m.file_sha256}>
                  {m.file_sha256}
                </span>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  )
}
