import { useEffect, useState } from 'react'
import { Radar } from 'lucide-react'
import { Button } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { PageHeader } from '@/components/PageHeader'
import { EmptyState } from '@/components/States'
import { formatNumber, formatRelative } from '@/lib/format'
import { AdoptDialog, useUnassignedCameras, type AdoptableCamera } from '@/features/cameras'
import { AdminTabs } from './AdminTabs'

/** Cameras that registered themselves with their first upload, in every project, waiting to be adopted. */
export default function UnassignedCamerasPage() {
  const cameras = useUnassignedCameras()
  const [adopting, setAdopting] = useState<AdoptableCamera | null>(null)

  useEffect(() => {
    document.title = 'Unassigned cameras · AddaxAI Connect'
  }, [])

  return (
    <div>
      <PageHeader
        title="Administration"
        description="Cameras that registered themselves with their first upload. Adopt each into its project and place it on the map."
      />
      <AdminTabs />
      <DataTable
        label="Unassigned cameras"
        headings={['Camera', 'Identified by', 'Registered in', 'Images', 'Last image']}
        query={cameras}
        errorTitle="Could not load unassigned cameras"
        tableClassName="min-w-[760px]"
        footer={
          cameras.data?.length === 0 && (
            <EmptyState
              className="m-4"
              icon={<Radar className="h-6 w-6" aria-hidden />}
              title="No unassigned cameras"
              description="A camera whose upload matches no known camera registers itself and appears here."
            />
          )
        }
      >
        {cameras.data?.map((c) => (
          <tr key={c.id} data-testid="unassigned-camera">
            <td className="table-cell">
              <p className="font-medium text-stone-900">{c.name}</p>
              <p className="text-xs text-stone-500">{[c.make, c.model].filter(Boolean).join(' ') || 'Unknown model'}</p>
            </td>
            <td className="table-cell text-sm text-stone-700">
              {c.serial_number ? `Serial ${c.serial_number}` : c.ftps_account ? `Account ${c.ftps_account}` : 'File name'}
            </td>
            <td className="table-cell text-sm text-stone-700">{c.project_name}</td>
            <td className="table-cell text-sm tabular-nums text-stone-700">{formatNumber(c.image_count)}</td>
            <td className="table-cell text-sm text-stone-600">{c.last_image_at ? formatRelative(c.last_image_at) : 'No images yet'}</td>
            <td className="table-cell">
              <div className="flex justify-end">
                <Button size="sm" variant="subtle" onClick={() => setAdopting(c)} aria-label={`Adopt ${c.name}`}>
                  Adopt
                </Button>
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      {adopting && <AdoptDialog key={adopting.id} camera={adopting} onClose={() => setAdopting(null)} />}
    </div>
  )
}
