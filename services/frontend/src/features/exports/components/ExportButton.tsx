import { useRef, useState } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { Download, Upload } from 'lucide-react'
import { Button } from '@/components/Button'
import { Modal } from '@/components/Modal'
import { formatNumber } from '@/lib/format'
import type { ImageFilters } from '@/lib/filters'
import { useProjectContext } from '@/lib/project'
import {
  exportUrl,
  fetchExport,
  FORMATS,
  importPackage,
  importProblems,
  saveFile,
  type ExportFormat,
  type ExportProgress,
  type ImportResult,
} from '../api/exports'

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`
}

/** "Export" on the gallery toolbar: the current filters, a format, and progress while it streams. */
export function ExportButton({ filters }: { filters: ImageFilters }) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button onClick={() => setOpen(true)} icon={<Download className="h-4 w-4" aria-hidden />}>
        Export
      </Button>
      {open && <ExportDialog filters={filters} onClose={() => setOpen(false)} />}
    </>
  )
}

function ProgressLine({ progress }: { progress: ExportProgress }) {
  const share = progress.expected ? Math.min(1, progress.received / progress.expected) : undefined
  return (
    <div className="mt-4 space-y-2" aria-live="polite">
      <div
        className="h-2 overflow-hidden rounded-full bg-stone-100"
        role="progressbar"
        aria-label="Export progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={share !== undefined ? Math.round(share * 100) : undefined}
      >
        <div
          className={share !== undefined ? 'h-full bg-forest-600 transition-all' : 'h-full w-1/3 animate-pulse bg-forest-600'}
          style={share !== undefined ? { width: `${Math.max(2, share * 100)}%` } : undefined}
        />
      </div>
      <p className="text-sm text-stone-600" data-testid="export-progress">
        {formatBytes(progress.received)} received
        {progress.expected ? ` of about ${formatBytes(progress.expected)}` : ''}
        {progress.images !== undefined ? ` · ${formatNumber(progress.images)} images` : ''}
      </p>
    </div>
  )
}

function ExportDialog({ filters, onClose }: { filters: ImageFilters; onClose: () => void }) {
  const { slug, project } = useProjectContext()
  const [format, setFormat] = useState<ExportFormat>('camtrap-media')
  const [progress, setProgress] = useState<ExportProgress | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [done, setDone] = useState<string | null>(null)
  const [importing, setImporting] = useState(false)
  const abort = useRef<AbortController | null>(null)
  const busy = progress !== null && done === null && error === null

  const start = async () => {
    const controller = new AbortController()
    abort.current = controller
    setError(null)
    setDone(null)
    setProgress({ received: 0 })
    try {
      const file = await fetchExport(exportUrl(slug, format, filters), setProgress, controller.signal)
      saveFile(file)
      setDone(`${file.filename} (${formatBytes(file.blob.size)}) downloaded.`)
    } catch (err) {
      setError(controller.signal.aborted ? 'Export cancelled.' : err instanceof Error ? err.message : String(err))
    }
  }

  const close = () => {
    abort.current?.abort()
    onClose()
  }

  if (importing) return <ImportDialog onClose={close} onBack={() => setImporting(false)} />

  return (
    <Modal
      open
      onClose={close}
      title="Export images"
      description="Everything that matches the gallery's current filters, in the format you choose."
      footer={
        <>
          {project?.role === 'admin' && (
            <Button variant="ghost" className="mr-auto" onClick={() => setImporting(true)} icon={<Upload className="h-4 w-4" aria-hidden />}>
              Import…
            </Button>
          )}
          <Button onClick={busy ? () => abort.current?.abort() : close}>{busy ? 'Cancel' : 'Close'}</Button>
          <Button variant="primary" onClick={() => void start()} loading={busy} disabled={busy}>
            Download
          </Button>
        </>
      }
    >
      <fieldset>
        <legend className="mb-2 text-sm font-medium text-stone-800">Format</legend>
        <div className="space-y-2">
          {(Object.keys(FORMATS) as ExportFormat[]).map((key) => (
            <label
              key={key}
              className="flex cursor-pointer gap-3 rounded-lg border border-stone-200 p-3 has-[:checked]:border-forest-600 has-[:checked]:bg-forest-50"
            >
              <input
                type="radio"
                name="export-format"
                value={key}
                checked={format === key}
                onChange={() => setFormat(key)}
                disabled={busy}
                className="mt-1 accent-forest-700"
              />
              <span>
                <span className="block text-sm font-medium text-stone-900">{FORMATS[key].label}</span>
                <span className="block text-xs text-stone-600">{FORMATS[key].hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {progress && <ProgressLine progress={progress} />}
      {done && (
        <p className="mt-3 text-sm text-forest-800" role="status">
          {done}
        </p>
      )}
      {error && (
        <p className="mt-3 text-sm text-red-700" role="alert">
          {error}
        </p>
      )}
    </Modal>
  )
}

function ImportDialog({ onClose, onBack }: { onClose: () => void; onBack: () => void }) {
  const { slug } = useProjectContext()
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [busy, setBusy] = useState(false)
  const [problems, setProblems] = useState<string[]>([])
  const [result, setResult] = useState<ImportResult | null>(null)

  const submit = async () => {
    if (!file) return
    setBusy(true)
    setProblems([])
    setResult(null)
    try {
      const imported = await importPackage(slug, file)
      setResult(imported)
      await queryClient.invalidateQueries()
    } catch (err) {
      setProblems(importProblems(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Modal
      open
      onClose={onClose}
      title="Import data"
      description="A Camtrap DP package or a MegaDetector results JSON, zipped together with its photos. Nothing is stored unless all of it is valid."
      footer={
        <>
          <Button variant="ghost" className="mr-auto" onClick={onBack} disabled={busy}>
            Back to export
          </Button>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" onClick={() => void submit()} loading={busy} disabled={!file || busy}>
            Import
          </Button>
        </>
      }
    >
      <label className="block text-sm font-medium text-stone-800" htmlFor="import-file">
        Zip file
      </label>
      <input
        id="import-file"
        type="file"
        accept=".zip,application/zip"
        onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        className="mt-1 block w-full text-sm text-stone-700 file:mr-3 file:rounded-lg file:border-0 file:bg-forest-50 file:px-3 file:py-2 file:text-forest-800"
      />
      {result && (
        <p className="mt-3 text-sm text-forest-800" role="status">
          Imported {formatNumber(result.images)} images, {formatNumber(result.detections)} detections,{' '}
          {formatNumber(result.deployments)} deployments and {formatNumber(result.human_labels)} human corrections (
          {result.format === 'camtrap-dp' ? 'Camtrap DP' : 'MegaDetector'}).
        </p>
      )}
      {problems.length > 0 && (
        <div className="mt-3 rounded-lg border border-red-200 bg-red-50 p-3" role="alert">
          <p className="text-sm font-medium text-red-800">Nothing was imported:</p>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-red-800">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
    </Modal>
  )
}
