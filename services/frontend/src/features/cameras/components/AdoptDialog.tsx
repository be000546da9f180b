import { useState, type FormEvent } from 'react'
import { Button } from '@/components/Button'
import { SelectField, TextAreaField, TextField } from '@/components/Field'
import { Modal } from '@/components/Modal'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import { useProjectContext } from '@/lib/project'
import { useAdoptCamera } from '../api/cameras'
import { cameraFromForm, cameraServerErrors, type CameraForm, type CameraFormErrors } from '../camera-form'
import { PlaceFields } from './PlaceFields'

export interface AdoptableCamera {
  id: number
  name: string
  serial_number: string | null
  /** The slug of the project it registered in. */
  project: string
  location: { lat: number; lon: number } | null
}

/**
 * Adopt a camera that registered itself with its first upload: name it, choose its project (its
 * images move with it) and place it on the map.
 */
export function AdoptDialog({ camera, onClose }: { camera: AdoptableCamera; onClose: () => void }) {
  const [form, setForm] = useState<CameraForm>({
    name: camera.name,
    serial_number: camera.serial_number ?? '',
    site: '',
    notes: '',
    lat: camera.location ? String(camera.location.lat) : '',
    lon: camera.location ? String(camera.location.lon) : '',
    project: camera.project,
  })
  const [errors, setErrors] = useState<CameraFormErrors>({})
  const adopt = useAdoptCamera()
  const { projects } = useProjectContext()
  const { push } = useToast()
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
    adopt.mutate(
      { from: camera.project, id: camera.id, body: { name: body.name, site: body.site, notes: body.notes, location: body.location, project: form.project } },
      {
        onSuccess: (c) => {
          const project = targets.find((p) => p.slug === form.project)?.name ?? form.project
          push({ title: `${c.name} adopted into ${project}`, tone: 'success' })
          onClose()
        },
        onError: (err) => {
          const next = err instanceof ApiError ? cameraServerErrors(err.status, err.detail) : {}
          setErrors(next)
          if (!Object.keys(next).length) push({ title: 'Camera not adopted', description: err.message, tone: 'error' })
        },
      },
    )
  }

  return (
    <Modal
      open
      onClose={onClose}
      size="lg"
      title={`Adopt ${camera.name}`}
      description={`Registered by its uploads${camera.serial_number ? ` (serial ${camera.serial_number})` : ''}. Its images move with it.`}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="adopt-form" loading={adopt.isPending}>
            Adopt camera
          </Button>
        </>
      }
    >
      <form id="adopt-form" onSubmit={submit} noValidate aria-label="Adopt camera" className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required maxLength={120} {...text('name')} />
        <SelectField label="Project" value={form.project} onChange={(e) => setForm((f) => ({ ...f, project: e.target.value }))}>
          {targets.some((p) => p.slug === camera.project) ? null : <option value={camera.project}>{camera.project}</option>}
          {targets.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.name}
            </option>
          ))}
        </SelectField>
        <TextField label="Site" maxLength={200} className="sm:col-span-2" {...text('site')} />
        <PlaceFields
          label="Map: click to place the camera"
          lat={form.lat}
          lon={form.lon}
          errors={errors}
          onChange={(p) => setForm((f) => ({ ...f, ...p }))}
        />
        <TextAreaField label="Notes" className="sm:col-span-2" value={form.notes} onChange={(v) => setForm((f) => ({ ...f, notes: v }))} />
      </form>
    </Modal>
  )
}
