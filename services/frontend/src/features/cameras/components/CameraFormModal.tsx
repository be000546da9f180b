import { useState, type FormEvent, type ReactNode } from 'react'
import { Button } from '@/components/Button'
import { SelectField, TextAreaField, TextField } from '@/components/Field'
import { Modal } from '@/components/Modal'
import { useToast } from '@/components/Toasts'
import { ApiError } from '@/lib/api/errors'
import { useProjectContext } from '@/lib/project'
import { cameraFromForm, cameraServerErrors, type CameraBody, type CameraForm, type CameraFormErrors } from '../camera-form'
import { PlaceFields } from './PlaceFields'

type Save = (body: CameraBody, onError: (error: Error) => void) => void

/**
 * The camera form in a dialog, as adding, editing and adopting a camera share it: name, the fields
 * of the caller (`extra`), the place (typed or clicked on the map) and notes. `onSave` is called with
 * a checked body; the API's refusals are shown beside their fields.
 */
export function CameraFormModal({
  id,
  title,
  description,
  submitLabel,
  busy,
  initial,
  extra,
  failure,
  onSave,
  onClose,
}: {
  id: string
  title: string
  description: string
  submitLabel: string
  busy: boolean
  initial: CameraForm
  extra: (field: FieldProps, form: CameraForm, set: (change: Partial<CameraForm>) => void) => ReactNode
  failure: string
  onSave: (body: CameraBody, form: CameraForm, onError: (error: Error) => void) => void
  onClose: () => void
}) {
  const [form, setForm] = useState(initial)
  const [errors, setErrors] = useState<CameraFormErrors>({})
  const { push } = useToast()
  const set = (change: Partial<CameraForm>) => {
    setForm((f) => ({ ...f, ...change }))
    // A field changed is a field to check again on saving: its old complaint goes.
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([key]) => !(key in change))))
  }
  const field: FieldProps = (key) => ({
    value: form[key],
    error: errors[key],
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value }),
  })
  const save: Save = (body, onError) => onSave(body, form, onError)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { body, errors: found } = cameraFromForm(form)
    setErrors(found)
    if (Object.keys(found).length) return
    save(body, (err) => {
      const next = err instanceof ApiError ? cameraServerErrors(err.status, err.detail) : {}
      setErrors(next)
      if (!Object.keys(next).length) push({ title: failure, description: err.message, tone: 'error' })
    })
  }

  return (
    <Modal
      open
      onClose={onClose}
      size="lg"
      title={title}
      description={description}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form={id} loading={busy}>
            {submitLabel}
          </Button>
        </>
      }
    >
      <form id={id} onSubmit={submit} noValidate aria-label={title} className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" required maxLength={120} {...field('name')} />
        {extra(field, form, set)}
        <PlaceFields label="Map: click to place the camera" lat={form.lat} lon={form.lon} errors={errors} onChange={set} />
        <TextAreaField label="Notes" className="sm:col-span-2" value={form.notes} onChange={(notes) => set({ notes })} />
      </form>
    </Modal>
  )
}

export type FieldProps = (key: keyof CameraForm) => {
  value: string
  error: string | undefined
  onChange: (e: { target: { value: string } }) => void
}

/** The projects a camera can go to: those the user administers (and its current one, named by slug). */
export function ProjectField({ value, current, onChange }: { value: string; current: string; onChange: (slug: string) => void }) {
  const { projects } = useProjectContext()
  const targets = projects.filter((p) => p.role === 'admin' && !p.archived_at)
  return (
    <SelectField label="Project" value={value} onChange={(e) => onChange(e.target.value)}>
      {targets.some((p) => p.slug === current) ? null : <option value={current}>{current}</option>}
      {targets.map((p) => (
        <option key={p.slug} value={p.slug}>
          {p.name}
        </option>
      ))}
    </SelectField>
  )
}
