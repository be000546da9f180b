import { useState, type FormEvent } from 'react'
import { Button } from '@/components/Button'
import { SelectField, TextAreaField, TextField } from '@/components/Field'
import { Modal } from '@/components/Modal'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import { useProjectContext } from '@/lib/project'
import { useCamera, useSaveCamera } from '../api/cameras'
import { cameraFromForm, cameraServerErrors, emptyCameraForm, formFromCamera, type CameraForm, type CameraFormErrors } from '../camera-form'
import { PlaceFields } from './PlaceFields'

/** Create a camera in the project, or edit one (its project too: that moves it, with its images). */
export function CameraDialog({ slug, cameraId, onClose }: { slug: string; cameraId: number | 'new'; onClose: () => void }) {
  const existing = useCamera(slug, cameraId === 'new' ? null : cameraId)
  if (cameraId !== 'new' && !existing.data) {
    return (
      <Modal open onClose={onClose} title="Edit camera" description={existing.isError ? 'The camera could not be loaded.' : 'Loading…'}>
        <div />
      </Modal>
    )
  }
  const camera = cameraId === 'new' ? null : existing.data!
  return (
    <CameraFormDialog
      slug={slug}
      id={camera?.id ?? null}
      initial={camera ? formFromCamera(camera, slug) : emptyCameraForm(slug)}
      title={camera ? `Edit ${camera.name}` : 'Add camera'}
      onClose={onClose}
    />
  )
}

function CameraFormDialog({
  slug,
  id,
  initial,
  title,
  onClose,
}: {
  slug: string
  id: number | null
  initial: CameraForm
  title: string
  onClose: () => void
}) {
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<CameraFormErrors>({})
  const save = useSaveCamera(slug)
  const { projects } = useProjectContext()
  const { push } = useToast()
  // A camera moves only into a project its editor administers.
  const targets = projects.filter((p) => p.role === 'admin' && !p.archived_at)
  const text = (key: keyof CameraForm) => ({
    value: form[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { body, errors: found } = cameraFromForm(form)
    setErrors(found)
    if (Object.keys(found).length) return
    save.mutate(
      { id, body, project: form.project },
      {
        onSuccess: (camera) => {
          const moved = id !== null && form.project !== slug
          push({ title: moved ? `${camera.name} moved to ${form.project}` : id ? 'Camera saved' : `${camera.name} added`, tone: 'success' })
          onClose()
        },
        onError: (err) => {
          const next = err instanceof ApiError ? cameraServerErrors(err.status, err.detail) : {}
          setErrors(next)
          if (!Object.keys(next).length) push({ title: 'Camera not saved', description: err.message, tone: 'error' })
        },
      },
    )
  }

  return (
    <Modal
      open
      onClose={onClose}
      size="lg"
      title={title}
      description="Where the camera stands now; its placements over time are its deployments."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="camera-form" loading={save.isPending}>
            {id ? 'Save' : 'Add camera'}
          </Button>
        </>
      }
    >
      <form id="camera-form" onSubmit={submit} noValidate aria-label="Camera" className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required maxLength={120} {...text('name')} />
        <TextField label="Serial number / identifier" maxLength={120} hint="Matches uploads to this camera" {...text('serial_number')} />
        <TextField label="Site" maxLength={200} {...text('site')} />
        {id !== null ? (
          <SelectField
            label="Project"
            value={form.project}
            onChange={(e) => setForm((f) => ({ ...f, project: e.target.value }))}
          >
            {targets.some((p) => p.slug === slug) ? null : <option value={slug}>{slug}</option>}
            {targets.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </SelectField>
        ) : (
          <div />
        )}
        <PlaceFields
          label="Map: click to place the camera"
          lat={form.lat}
          lon={form.lon}
          errors={errors}
          onChange={(p) => setForm((f) => ({ ...f, ...p }))}
        />
        <TextAreaField label="Notes" className="sm:col-span-2" value={form.notes} onChange={(v) => setForm((f) => ({ ...f, notes: v }))} />
        {id !== null && form.project !== slug && (
          <p role="note" className="text-xs text-amber-800 sm:col-span-2">
            Saving moves the camera, its deployments and its images to the other project.
          </p>
        )}
      </form>
    </Modal>
  )
}
