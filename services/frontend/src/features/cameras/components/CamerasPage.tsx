import { useEffect, useState } from 'react'
import { Camera, MapPinOff, Pencil, Radar } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { AddButton, Button } from '@/components/Button'
import { Card } from '@/components/Card'
import { DataTable } from '@/components/DataTable'
import { PageHeader } from '@/components/PageHeader'
import { EmptyState } from '@/components/States'
import { useCameras } from '@/lib/api/catalog'
import type { CameraFeature } from '@/lib/api/types'
import { formatNumber, formatRelative } from '@/lib/format'
import { useProjectContext } from '@/lib/project'
import { ProjectTabs } from '@/features/projects'
import { AdoptDialog, type AdoptableCamera } from './AdoptDialog'
import { CameraDialog } from './CameraDialog'

function place(f: CameraFeature) {
  if (!f.geometry) return null
  const [lon, lat] = f.geometry.coordinates
  return { lat, lon }
}

/** The project's cameras: add and edit them, place them on the map, adopt the ones that registered themselves. */
export default function CamerasPage() {
  const { project } = useProjectContext()
  const slug = project?.slug ?? ''
  const cameras = useCameras()
  const [editing, setEditing] = useState<number | 'new' | null>(null)
  const [adopting, setAdopting] = useState<AdoptableCamera | null>(null)
  const isAdmin = project?.role === 'admin'

  useEffect(() => {
    if (project) document.title = `${project.name} cameras · AddaxAI Connect`
  }, [project])
  if (!project) return null

  const features = [...(cameras.data?.features ?? [])].sort((a, b) => a.properties.name.localeCompare(b.properties.name))
  const unassigned = features.filter((f) => !f.properties.is_assigned)
  const assigned = features.filter((f) => f.properties.is_assigned)

  return (
    <div>
      <PageHeader
        title={project.name}
        description="The project's cameras and where they stand. Cameras that register themselves with their first upload wait here to be adopted."
        actions={isAdmin ? <AddButton onClick={() => setEditing('new')}>Add camera</AddButton> : undefined}
      />
      <ProjectTabs />

      {unassigned.length > 0 && (
        <Card className="mb-6 border-amber-200 bg-amber-50/40" data-testid="unassigned-cameras">
          <div className="flex items-center gap-2 border-b border-amber-100 px-4 py-3">
            <Radar className="h-4 w-4 text-amber-800" aria-hidden />
            <h2 className="text-sm font-semibold text-stone-900">Unassigned cameras</h2>
            <Badge tone="amber">{unassigned.length}</Badge>
          </div>
          <ul className="divide-y divide-amber-100">
            {unassigned.map((f) => (
              <li key={f.id} className="flex flex-wrap items-center gap-3 px-4 py-3" data-testid="unassigned-camera">
                <div className="min-w-0 flex-1">
                  <p className="truncate text-sm font-medium text-stone-900">{f.properties.name}</p>
                  <p className="text-xs text-stone-600">
                    {[f.properties.serial_number && `serial ${f.properties.serial_number}`, f.properties.make, f.properties.model]
                      .filter(Boolean)
                      .join(' · ') || 'Registered by its uploads'}
                    {' · '}
                    {formatNumber(f.properties.image_count)} images
                    {f.properties.last_image_at ? `, last ${formatRelative(f.properties.last_image_at)}` : ''}
                  </p>
                </div>
                {isAdmin && (
                  <Button
                    size="sm"
                    variant="subtle"
                    onClick={() =>
                      setAdopting({ id: f.id, name: f.properties.name, serial_number: f.properties.serial_number, project: slug, location: place(f) })
                    }
                    aria-label={`Adopt ${f.properties.name}`}
                  >
                    Adopt
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Card>
      )}

      <DataTable
        label="Cameras"
        headings={['Camera', 'Serial number', 'Location', 'Images', 'Last image']}
        query={cameras}
        actions={isAdmin}
        errorTitle="Could not load cameras"
        tableClassName="min-w-[720px]"
        footer={
          cameras.data &&
          assigned.length === 0 && (
            <EmptyState
              className="m-4"
              icon={<Camera className="h-6 w-6" aria-hidden />}
              title="No cameras yet"
              description="Add a camera and place it on the map, or adopt one that registered itself with its first upload."
            />
          )
        }
      >
        {assigned.map((f) => {
          const at = place(f)
          return (
            <tr key={f.id} data-testid="camera-row">
              <td className="table-cell">
                <p className="font-medium text-stone-900">{f.properties.name}</p>
                {f.properties.site && <p className="text-xs text-stone-500">{f.properties.site}</p>}
              </td>
              <td className="table-cell text-sm text-stone-700">{f.properties.serial_number ?? '—'}</td>
              <td className="table-cell whitespace-nowrap text-sm tabular-nums text-stone-700">
                {at ? (
                  `${at.lat.toFixed(5)}, ${at.lon.toFixed(5)}`
                ) : (
                  <span className="inline-flex items-center gap-1 text-stone-500">
                    <MapPinOff className="h-3.5 w-3.5" aria-hidden /> Not placed
                  </span>
                )}
              </td>
              <td className="table-cell text-sm tabular-nums text-stone-700">{formatNumber(f.properties.image_count)}</td>
              <td className="table-cell text-sm text-stone-600">
                {f.properties.last_image_at ? formatRelative(f.properties.last_image_at) : 'No images yet'}
              </td>
              {isAdmin && (
                <td className="table-cell">
                  <div className="flex justify-end">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => setEditing(f.id)}
                      aria-label={`Edit ${f.properties.name}`}
                      icon={<Pencil className="h-4 w-4" aria-hidden />}
                    />
                  </div>
                </td>
              )}
            </tr>
          )
        })}
      </DataTable>

      {editing !== null && <CameraDialog key={String(editing)} slug={slug} cameraId={editing} onClose={() => setEditing(null)} />}
      {adopting && <AdoptDialog key={adopting.id} camera={adopting} onClose={() => setAdopting(null)} />}
    </div>
  )
}
