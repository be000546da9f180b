import { useEffect, useMemo, useRef, useState, type DragEvent } from 'react'
import { Link } from 'react-router'
import { FolderUp, Pause, Play, Upload as UploadIcon, X } from 'lucide-react'
import { Badge, type BadgeTone } from '@/components/Badge'
import { Button } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { SelectField } from '@/components/Field'
import { PageHeader } from '@/components/PageHeader'
import { cn } from '@/components/cn'
import { useCameras } from '@/lib/api/catalog'
import { formatNumber } from '@/lib/format'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { knownHashes } from '../api/uploads'
import { counts, filesOfDrop, filesOfInput, folderName, plan, sha256Hex, type Picked, type PlannedFile } from '../plan'
import { cancel, upload, UploadFailed } from '../tus'
import { UploadKeysCard } from './UploadKeysCard'

const PARALLEL = 3
const LISTED = 300

type RowState = 'waiting' | 'uploading' | 'paused' | 'received' | 'duplicate' | 'rejected' | 'failed' | 'cancelled'

interface Row {
  state: RowState
  sent: number
  reason: string | null
  imageId: string | null
}

const TONE: Record<RowState, BadgeTone> = {
  waiting: 'neutral',
  uploading: 'blue',
  paused: 'amber',
  received: 'green',
  duplicate: 'sand',
  rejected: 'red',
  failed: 'red',
  cancelled: 'neutral',
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`
}

/** Upload an SD card's folder (or picked files) through the resumable protocol into the same ingestion as FTPS. */
export default function UploadPage() {
  const { project } = useProjectContext()
  const slug = project?.slug ?? ''
  const to = useProjectPath()
  const cameras = useCameras()
  const [planned, setPlanned] = useState<PlannedFile[] | null>(null)
  const [preparing, setPreparing] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [camera, setCamera] = useState<string>('detect')
  const [rows, setRows] = useState<Record<string, Row>>({})
  const [running, setRunning] = useState(false)
  const [dragging, setDragging] = useState(false)
  const controller = useRef<AbortController | null>(null)
  const folderInput = useRef<HTMLInputElement>(null)
  const filesInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (project) document.title = `${project.name} upload · AddaxAI Connect`
  }, [project])

  const cameraOptions = useMemo(() => (cameras.data?.features ?? []).map((f) => f.properties), [cameras.data])

  async function prepare(picked: Picked[]) {
    setError(null)
    setRows({})
    setPlanned(null)
    const hashes = new Map<Picked, string>()
    try {
      let done = 0
      for (const item of picked) {
        setPreparing(`Checking ${formatNumber(done)} of ${formatNumber(picked.length)} files…`)
        if (/\.(jpe?g|txt)$/i.test(item.path)) hashes.set(item, await sha256Hex(item.file))
        done += 1
      }
      const known = await knownHashes(slug, [...new Set(hashes.values())])
      const result = plan(picked, hashes, known)
      setPlanned(result)
      const named = folderName(picked)
      const match = named ? cameraOptions.find((c) => c.name.toLowerCase() === named.toLowerCase()) : undefined
      setCamera(match ? String(match.id) : 'detect')
    } catch (err) {
      setError(err instanceof Error ? err.message : 'The files could not be read')
    } finally {
      setPreparing(null)
    }
  }

  async function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault()
    setDragging(false)
    if (running) return
    await prepare(await filesOfDrop(event.dataTransfer))
  }

  const update = (path: string, change: Partial<Row>) =>
    setRows((all) => ({ ...all, [path]: { ...(all[path] ?? { state: 'waiting', sent: 0, reason: null, imageId: null }), ...change } }))

  async function start() {
    if (!planned) return
    const abort = new AbortController()
    controller.current = abort
    setRunning(true)
    const base = `/api/projects/${slug}/uploads`
    const chosen = camera === 'detect' ? null : Number(camera)
    const queue = planned.filter((f) => f.kind === 'new' && !['received', 'duplicate', 'rejected'].includes(rows[f.path]?.state ?? ''))
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        if (abort.signal.aborted) return
        const file = next
        update(file.path, { state: 'uploading', reason: null })
        try {
          const name = file.path.split('/').pop() ?? file.path
          const outcome = await upload(base, file.file, name, file.sha256 ?? '', chosen, abort.signal, (sent) => update(file.path, { sent }))
          const state: RowState = outcome.outcome === 'duplicate' ? 'duplicate' : outcome.status === 'rejected' ? 'rejected' : 'received'
          update(file.path, { state, sent: file.file.size, reason: outcome.reason, imageId: outcome.imageId })
        } catch (err) {
          if (abort.signal.aborted) {
            update(file.path, { state: 'paused' })
            return
          }
          update(file.path, { state: 'failed', reason: err instanceof UploadFailed ? err.message : 'upload failed' })
        }
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker))
    setRunning(false)
  }

  function pause() {
    controller.current?.abort()
  }

  async function cancelAll() {
    controller.current?.abort()
    const unfinished = (planned ?? []).filter((f) => f.kind === 'new' && !['received', 'duplicate', 'rejected'].includes(rows[f.path]?.state ?? ''))
    await Promise.all(unfinished.map((f) => (f.sha256 ? cancel(f.sha256) : undefined)))
    for (const f of unfinished) update(f.path, { state: 'cancelled', sent: 0 })
    setRunning(false)
  }

  if (!project) return null
  const summary = planned ? counts(planned) : null
  const toSend = (planned ?? []).filter((f) => f.kind === 'new')
  const totalBytes = toSend.reduce((sum, f) => sum + f.file.size, 0)
  const sentBytes = toSend.reduce((sum, f) => sum + Math.min(rows[f.path]?.sent ?? 0, f.file.size), 0)
  const finished = toSend.filter((f) => ['received', 'duplicate', 'rejected', 'failed', 'cancelled'].includes(rows[f.path]?.state ?? '')).length
  const started = Object.keys(rows).length > 0
  const share = totalBytes ? sentBytes / totalBytes : finished === toSend.length && started ? 1 : 0
  const outcome = (state: RowState) => toSend.filter((f) => rows[f.path]?.state === state).length

  return (
    <div>
      <PageHeader
        title="Upload"
        description="Photos and report files from an SD card go through the same checks as FTPS uploads: duplicates are skipped, bad files are quarantined with the reason."
      />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_380px]">
        <div className="space-y-6">
          <Card>
            <div
              data-testid="drop-zone"
              onDragOver={(e) => {
                e.preventDefault()
                setDragging(true)
              }}
              onDragLeave={() => setDragging(false)}
              onDrop={(e) => void onDrop(e)}
              className={cn(
                'm-4 flex flex-col items-center gap-3 rounded-xl border-2 border-dashed px-4 py-10 text-center',
                dragging ? 'border-forest-600 bg-forest-50' : 'border-stone-300',
              )}
            >
              <FolderUp className="h-10 w-10 text-forest-700" aria-hidden />
              <p className="hidden text-sm font-medium text-stone-800 sm:block">Drag an SD card's folder here</p>
              <p className="hidden text-xs text-stone-600 sm:block">or</p>
              <div className="flex flex-wrap justify-center gap-2">
                <Button onClick={() => folderInput.current?.click()} disabled={running}>
                  Pick a folder
                </Button>
                <Button onClick={() => filesInput.current?.click()} disabled={running}>
                  Pick files
                </Button>
              </div>
              <input
                ref={folderInput}
                type="file"
                className="sr-only"
                tabIndex={-1}
                aria-label="Folder to upload"
                // @ts-expect-error webkitdirectory is not in React's input attributes
                webkitdirectory=""
                multiple
                onChange={(e) => e.target.files && void prepare(filesOfInput(e.target.files))}
              />
              <input
                ref={filesInput}
                data-testid="file-input"
                type="file"
                className="sr-only"
                tabIndex={-1}
                aria-label="Files to upload"
                multiple
                onChange={(e) => e.target.files && void prepare(filesOfInput(e.target.files))}
              />
              <p className="max-w-md text-xs text-stone-600">
                Videos are stored and listed, but not analysed yet: the image models run on photos only. Uploads resume where they stopped after a closed tab or a dropped connection.
              </p>
            </div>
            {preparing && (
              <p role="status" className="px-5 pb-4 text-sm text-stone-600">
                {preparing}
              </p>
            )}
            {error && (
              <p role="alert" className="px-5 pb-4 text-sm text-red-700">
                {error}
              </p>
            )}
          </Card>

          {summary && (
            <Card>
              <CardHeader
                title="Before sending"
                description="Checked by content (sha256) against what the project already holds."
                actions={
                  running ? (
                    <>
                      <Button onClick={pause} icon={<Pause className="h-4 w-4" aria-hidden />}>
                        Pause
                      </Button>
                      <Button variant="ghost" onClick={() => void cancelAll()} icon={<X className="h-4 w-4" aria-hidden />}>
                        Cancel
                      </Button>
                    </>
                  ) : (
                    <Button
                      variant="primary"
                      onClick={() => void start()}
                      disabled={toSend.length === 0 || finished === toSend.length}
                      icon={started ? <Play className="h-4 w-4" aria-hidden /> : <UploadIcon className="h-4 w-4" aria-hidden />}
                    >
                      {started && finished === toSend.length
                        ? 'All sent'
                        : started
                          ? 'Resume'
                          : `Upload ${formatNumber(toSend.length)} files`}
                    </Button>
                  )
                }
              />
              <div className="grid gap-4 px-5 py-4 sm:grid-cols-[1fr_auto]">
                <dl className="grid grid-cols-3 gap-3" data-testid="preview-counts">
                  {(
                    [
                      ['new', 'New'],
                      ['duplicate', 'Duplicates'],
                      ['unsupported', 'Unsupported'],
                    ] as const
                  ).map(([kind, label]) => (
                    <div key={kind} className="rounded-lg bg-stone-50 px-3 py-2">
                      <dt className="text-xs text-stone-600">{label}</dt>
                      <dd className="text-xl font-semibold text-stone-900" data-testid={`count-${kind}`}>
                        {formatNumber(summary[kind])}
                      </dd>
                    </div>
                  ))}
                </dl>
                <SelectField label="Camera" value={camera} onChange={(e) => setCamera(e.target.value)} disabled={running || started}>
                  <option value="detect">Detect (EXIF serial, file name)</option>
                  {cameraOptions.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </SelectField>
              </div>
              {started && (
                <div className="border-t border-stone-100 px-5 py-4">
                  <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
                    <span className="font-medium text-stone-800" data-testid="overall-progress">
                      {formatNumber(finished)} of {formatNumber(toSend.length)} files · {megabytes(sentBytes)} of {megabytes(totalBytes)}
                    </span>
                    <span className="text-stone-600">
                      {outcome('received')} received · {outcome('duplicate')} duplicate · {outcome('rejected')} rejected
                      {outcome('failed') > 0 && ` · ${outcome('failed')} failed`}
                    </span>
                  </div>
                  <div
                    className="mt-2 h-2 overflow-hidden rounded-full bg-stone-100"
                    role="progressbar"
                    aria-label="Overall progress"
                    aria-valuemin={0}
                    aria-valuemax={100}
                    aria-valuenow={Math.round(share * 100)}
                  >
                    <div className="h-full bg-forest-600 transition-[width]" style={{ width: `${share * 100}%` }} />
                  </div>
                  {finished === toSend.length && outcome('received') > 0 && (
                    <p className="mt-3 text-sm">
                      <Link className="font-medium text-forest-800 underline" to={to('/gallery')}>
                        See the new images in the gallery
                      </Link>
                    </p>
                  )}
                </div>
              )}
              <ul className="max-h-[480px] divide-y divide-stone-100 overflow-y-auto border-t border-stone-100" aria-label="Files">
                {planned!.slice(0, LISTED).map((f) => {
                  const row = rows[f.path]
                  const state: RowState | null = row?.state ?? null
                  const percent = f.file.size ? Math.round(((row?.sent ?? 0) / f.file.size) * 100) : 100
                  return (
                    <li key={f.path} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-5 py-2 text-sm" data-testid="upload-row">
                      <span className="min-w-0 flex-1 truncate text-stone-800" title={f.path}>
                        {f.path}
                      </span>
                      <span className="text-xs text-stone-600">{megabytes(f.file.size)}</span>
                      {state === 'uploading' && (
                        <span className="text-xs tabular-nums text-stone-700" aria-label={`${f.path}: ${percent}%`}>
                          {percent}%
                        </span>
                      )}
                      <Badge tone={state ? TONE[state] : f.kind === 'new' ? 'neutral' : f.kind === 'duplicate' ? 'sand' : 'amber'}>
                        {state ?? (f.kind === 'new' ? 'new' : f.kind)}
                      </Badge>
                      {(row?.reason ?? f.note) && <span className="w-full text-xs text-stone-600">{row?.reason ?? f.note}</span>}
                    </li>
                  )
                })}
                {planned!.length > LISTED && (
                  <li className="px-5 py-2 text-xs text-stone-600">…and {formatNumber(planned!.length - LISTED)} more files</li>
                )}
              </ul>
            </Card>
          )}
        </div>
        {project.role === 'admin' && <UploadKeysCard slug={slug} cameras={cameraOptions} />}
      </div>
    </div>
  )
}
