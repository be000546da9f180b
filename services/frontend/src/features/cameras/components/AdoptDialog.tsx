import { TextField } from '@/components/Field'
import { useToast } from '@/components/Toasts'
import { useProjectContext } from '@/lib/project'
import { useAdoptCamera } from '../api/cameras'
import { CameraFormModal, ProjectField } from './CameraFormModal'

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
  const adopt = useAdoptCamera()
  const { projects } = useProjectContext()
  const { push } = useToast()
  return (
    <CameraFormModal
      id="adopt-form"
      title={`Adopt ${camera.name}`}
      description={`Registered by its uploads${camera.serial_number ? ` (serial ${camera.serial_number})` : ''}. Its images move with it.`}
      submitLabel="Adopt camera"
      busy={adopt.isPending}
      failure="Camera not adopted"
      initial={{
        name: camera.name,
        serial_number: camera.serial_number ?? '',
        site: '',
        notes: '',
        lat: camera.location ? String(camera.location.lat) : '',
        lon: camera.location ? String(camera.location.lon) : '',
        project: camera.project,
      }}
      extra={(field, form, set) => (
        <>
          <ProjectField value={form.project} current={camera.project} onChange={(project) => set({ project })} />
          <TextField label="Site" maxLength={200} className="sm:col-span-2" {...field('site')} />
        </>
      )}
      onSave={(body, form, onError) =>
        adopt.mutate(
          { from: camera.project, id: camera.id, body: { name: body.name, site: body.site, notes: body.notes, location: body.location, project: form.project } },
          {
            onSuccess: (c) => {
              const project = projects.find((p) => p.slug === form.project)?.name ?? form.project
              push({ title: `${c.name} adopted into ${project}`, tone: 'success' })
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
