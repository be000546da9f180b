import { useEffect, useState, type FormEvent } from 'react'
import { MapPinned, Pencil, Trash2 } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { AddButton, Button } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextAreaField, TextField } from '@/components/Field'
import { ConfirmDialog, Modal } from '@/components/Modal'
import { PageHeader } from '@/components/PageHeader'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import { useCameras } from '@/lib/api/catalog'
import { formatNumber } from '@/lib/format'
import { useProjectContext } from '@/lib/project'
import type { Deployment } from '@/lib/api/types'
import { LocationPicker } from '@/features/map'
import { ProjectTabs } from '@/features/projects'
import { pointOrNull } from '@/lib/coordinates'
import { TimeZoneField } from './TimeZoneField'
import { useDeleteDeployment, useDeployments, useSaveDeployment } from '../api/deployments'
import {
  deploymentFromForm,
  emptyForm,
  FEATURE_TYPE_LABELS,
  FEATURE_TYPES,
  formFromDeployment,
  serverErrors,
  setupSummary,
  type DeploymentForm,
  type FormErrors,
} from '../deployment-form'
import { utcToZoned } from '../zoned-time'

/** A deployment's period as wall-clock times in its own zone (what was written down in the field). */
function period(d: Deployment): string {
  const start = utcToZoned(d.start_at, d.timezone).replace('T', ' ')
  return `${start} → ${d.end_at ? utcToZoned(d.end_at, d.timezone).replace('T', ' ') : 'running'}`
}

function offsetText(seconds: number): string {
  if (seconds === 0) return 'none'
  return `${seconds > 0 ? '+' : '−'}${formatNumber(Math.abs(seconds))} s`
}

/** Where and when each camera stood: images belong to the deployment active at their capture time. */
export default function DeploymentsPage() {
  const { project } = useProjectContext()
  const slug = project?.slug ?? ''
  const deployments = useDeployments(slug)
  const remove = useDeleteDeployment(slug)
  const { push } = useToast()
  const [editing, setEditing] = useState<Deployment | 'new' | null>(null)
  const [deleting, setDeleting] = useState<Deployment | null>(null)
  const isAdmin = project?.role === 'admin'

  useEffect(() => {
    if (project) document.title = `${project.name} deployments · AddaxAI Connect`
  }, [project])
  if (!project) return null

  return (
    <div>
      <PageHeader
        title={project.name}
        description="Each camera's placements: where it stood, from when to when, and its clock correction."
        actions={isAdmin ? <AddButton onClick={() => setEditing('new')}>Add deployment</AddButton> : undefined}
      />
      <ProjectTabs />
      <DataTable
        label="Deployments"
        headings={['Camera', 'Location', 'Period (local time)', 'Clock offset', 'Images']}
        query={deployments}
        actions={isAdmin}
        errorTitle="Could not load deployments"
        empty={{
          icon: <MapPinned className="h-6 w-6" aria-hidden />,
          title: 'No deployments yet',
          description: 'Add one per camera placement; images are linked to the deployment active when they were taken.',
        }}
      >
        {deployments.data?.map((d) => (
          <tr key={d.id} data-testid="deployment-row">
            <td className="table-cell font-medium text-stone-900">{d.camera_name}</td>
            <td className="table-cell text-sm text-stone-700">
              <p>{d.location_name ?? 'Unnamed location'}</p>
              <p className="text-xs tabular-nums text-stone-500">
                {d.location.lat.toFixed(5)}, {d.location.lon.toFixed(5)}
              </p>
              {setupSummary(d) && <p className="text-xs text-stone-500">{setupSummary(d)}</p>}
            </td>
            <td className="table-cell text-sm tabular-nums text-stone-700">
              <p>{period(d)}</p>
              <p className="text-xs text-stone-500">{d.timezone}</p>
            </td>
            <td className="table-cell text-sm tabular-nums">
              {d.clock_offset_seconds === 0 ? (
                <span className="text-stone-500">none</span>
              ) : (
                <Badge tone="amber">{offsetText(d.clock_offset_seconds)}</Badge>
              )}
            </td>
            <td className="table-cell text-sm tabular-nums text-stone-700">{formatNumber(d.image_count)}</td>
            {isAdmin && (
              <td className="table-cell">
                <div className="flex justify-end gap-1">
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setEditing(d)}
                    aria-label={`Edit deployment of ${d.camera_name} from ${period(d)}`}
                    icon={<Pencil className="h-4 w-4" aria-hidden />}
                  />
                  <Button
                    size="sm"
                    variant="ghost"
                    className="text-red-700 hover:bg-red-50 hover:text-red-800"
                    onClick={() => setDeleting(d)}
                    aria-label={`Delete deployment of ${d.camera_name} from ${period(d)}`}
                    icon={<Trash2 className="h-4 w-4" aria-hidden />}
                  />
                </div>
              </td>
            )}
          </tr>
        ))}
      </DataTable>

      <DeploymentDialog
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : `edit-${editing.id}`}
        slug={slug}
        deployment={editing}
        defaultZone={project.timezone}
        onClose={() => setEditing(null)}
      />
      <ConfirmDialog
        open={!!deleting}
        onClose={() => {
          setDeleting(null)
          remove.reset()
        }}
        title="Delete deployment?"
        description="Its images stay; they lose the link to this deployment and return to their camera-clock times."
        confirmLabel="Delete deployment"
        busy={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              push({ title: 'Deployment deleted', tone: 'success' })
              setDeleting(null)
            },
          })
        }
      />
    </div>
  )
}

function DeploymentDialog({
  slug,
  deployment,
  defaultZone,
  onClose,
}: {
  slug: string
  deployment: Deployment | 'new' | null
  defaultZone: string
  onClose: () => void
}) {
  const existing = deployment && deployment !== 'new' ? deployment : null
  // Mounted afresh for each opening (see the key where it is used): the form starts from the deployment.
  const [form, setForm] = useState<DeploymentForm>(() => (existing ? formFromDeployment(existing) : emptyForm(defaultZone)))
  const [errors, setErrors] = useState<FormErrors>({})
  const save = useSaveDeployment(slug)
  const cameras = useCameras()
  const { push } = useToast()
  const set = (key: keyof DeploymentForm) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }))
  const field = (key: keyof DeploymentForm) => ({ value: form[key], onChange: set(key), error: errors[key] })
  const cameraOptions = (cameras.data?.features ?? []).map((f) => f.properties).sort((a, b) => a.name.localeCompare(b.name))

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { body, errors: found } = deploymentFromForm(form)
    setErrors(found)
    if (Object.keys(found).length) return
    save.mutate(
      { id: existing?.id ?? null, body },
      {
        onSuccess: (d) => {
          push({ title: existing ? 'Deployment saved' : `Deployment of ${d.camera_name} added`, tone: 'success' })
          onClose()
        },
        onError: (err) => {
          const next = err instanceof ApiError && err.status === 422 ? serverErrors(err.detail) : {}
          setErrors(next)
          if (!Object.keys(next).length) push({ title: 'Deployment not saved', description: err.message, tone: 'error' })
        },
      },
    )
  }

  return (
    <Modal
      open={!!deployment}
      onClose={onClose}
      size="lg"
      title={existing ? `Edit deployment of ${existing.camera_name}` : 'Add deployment'}
      description="Times are wall-clock times in the deployment's time zone."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="deployment-form" loading={save.isPending}>
            {existing ? 'Save' : 'Add deployment'}
          </Button>
        </>
      }
    >
      <form id="deployment-form" onSubmit={submit} noValidate aria-label="Deployment" className="grid gap-4 sm:grid-cols-2">
        {existing ? (
          <TextField label="Camera" value={existing.camera_name} readOnly className="sm:col-span-2" />
        ) : (
          <div className="sm:col-span-2">
            <SelectField label="Camera" value={form.camera_id} onChange={set('camera_id')} aria-invalid={errors.camera_id ? true : undefined}>
              <option value="">Choose a camera…</option>
              {cameraOptions.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </SelectField>
            {errors.camera_id && <p className="mt-1 text-xs text-red-700">{errors.camera_id}</p>}
          </div>
        )}
        <TextField label="Start" type="datetime-local" required {...field('start')} />
        <TextField label="End" type="datetime-local" hint="Empty while the camera is still out." {...field('end')} />
        <TimeZoneField
          className="sm:col-span-2"
          value={form.timezone}
          error={errors.timezone}
          onChange={(timezone) => {
            setForm((f) => ({ ...f, timezone }))
            setErrors((e) => ({ ...e, timezone: undefined }))
          }}
        />
        <TextField label="Latitude" inputMode="decimal" placeholder="-1.28333" required {...field('lat')} />
        <TextField label="Longitude" inputMode="decimal" placeholder="36.81667" required {...field('lon')} />
        <div className="sm:col-span-2">
          <LocationPicker
            label="Map: click to place the deployment"
            lat={pointOrNull(form.lat, form.lon)?.lat ?? null}
            lon={pointOrNull(form.lat, form.lon)?.lon ?? null}
            onPick={({ lat, lon }) => setForm((f) => ({ ...f, lat: String(lat), lon: String(lon) }))}
          />
          <p className="mt-1 text-xs text-stone-500">Click the map to fill in the coordinates, or type them above.</p>
        </div>
        <TextField label="Location name" className="sm:col-span-2" maxLength={200} {...field('location_name')} />
        <TextField label="Camera height (m)" inputMode="decimal" {...field('camera_height_m')} />
        <SelectField label="Feature type" value={form.feature_type} onChange={set('feature_type')}>
          <option value="">None</option>
          {FEATURE_TYPES.map((t) => (
            <option key={t} value={t}>
              {FEATURE_TYPE_LABELS[t]}
            </option>
          ))}
        </SelectField>
        <TextField label="Bait" maxLength={200} placeholder="None" {...field('bait')} />
        <TextField label="Habitat" maxLength={200} {...field('habitat')} />
        <TextField
          label="Clock offset (seconds)"
          inputMode="numeric"
          className="sm:col-span-2"
          hint="Added to every photo's camera time: +3600 for a camera whose clock ran an hour slow. Set it back to undo."
          {...field('clock_offset_seconds')}
        />
        <TextAreaField label="Notes" className="sm:col-span-2" value={form.notes} onChange={(v) => setForm((f) => ({ ...f, notes: v }))} />
      </form>
    </Modal>
  )
}
