import { TextField } from '@/components/Field'
import { Modal } from '@/components/Modal'
import { useToast } from '@/components/Toasts'
import { useCamera, useSaveCamera } from '../api/cameras'
import { emptyCameraForm, formFromCamera, type CameraForm } from '../camera-form'
import { CameraFormModal, ProjectField } from './CameraFormModal'

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
    <CameraEditor
      slug={slug}
      id={camera?.id ?? null}
      initial={camera ? formFromCamera(camera, slug) : emptyCameraForm(slug)}
      title={camera ? `Edit ${camera.name}` : 'Add camera'}
      onClose={onClose}
    />
  )
}

function CameraEditor({
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
  const save = useSaveCamera(slug)
  const { push } = useToast()
  return (
    <CameraFormModal
      id="camera-form"
      title={title}
      description="Where the camera stands now; its placements over time are its deployments."
      submitLabel={id ? 'Save' : 'Add camera'}
      busy={save.isPending}
      failure="Camera not saved"
      initial={initial}
      extra={(field, form, set) => (
        <>
          <TextField label="Serial number / identifier" maxLength={120} hint="Matches uploads to this camera" {...field('serial_number')} />
          <TextField label="Site" maxLength={200} {...field('site')} />
          {id !== null ? <ProjectField value={form.project} current={slug} onChange={(project) => set({ project })} /> : <div />}
          {id !== null && form.project !== slug && (
            <p role="note" className="text-xs text-amber-800 sm:col-span-2">
              Saving moves the camera, its deployments and its images to the other project.
            </p>
          )}
        </>
      )}
      onSave={(body, form, onError) =>
        save.mutate(
          { id, body, project: form.project },
          {
            onSuccess: (camera) => {
              const moved = id !== null && form.project !== slug
              push({ title: moved ? `${camera.name} moved to ${form.project}` : id ? 'Camera saved' : `${camera.name} added`, tone: 'success' })
              onClose()
            },
            onError,
          },
        )
      }
      onClose={onClose}
    />
  )
}
