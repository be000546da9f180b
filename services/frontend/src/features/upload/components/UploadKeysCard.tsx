import { useState, type FormEvent } from 'react'
import { KeyRound } from 'lucide-react'
import { Button } from '@/components/Button'
import { Card, CardHeader } from '@/components/Card'
import { SelectField, TextField } from '@/components/Field'
import { ConfirmDialog, Modal } from '@/components/Modal'
import { ApiError } from '@/lib/api/errors'
import { formatDateTime } from '@/lib/format'
import type { UploadKey, UploadKeyCreated } from '@/lib/api/types'
import { useCreateUploadKey, useRevokeUploadKey, useUploadKeys } from '../api/uploads'

/** Upload keys for cellular cameras, gateways and addax-upload: shown once, stored hashed, revocable. */
export function UploadKeysCard({ slug, cameras }: { slug: string; cameras: { id: number; name: string }[] }) {
  const keys = useUploadKeys(slug, true)
  const create = useCreateUploadKey(slug)
  const revoke = useRevokeUploadKey(slug)
  const [name, setName] = useState('')
  const [camera, setCamera] = useState('')
  const [shown, setShown] = useState<UploadKeyCreated | null>(null)
  const [revoking, setRevoking] = useState<UploadKey | null>(null)
  const [error, setError] = useState<string | null>(null)

  async function submit(event: FormEvent) {
    event.preventDefault()
    setError(null)
    try {
      setShown(await create.mutateAsync({ name, camera_id: camera ? Number(camera) : null }))
      setName('')
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'The key could not be created')
    }
  }

  return (
    <Card className="self-start">
      <CardHeader title="Upload keys" description="For cameras and gateways that POST over HTTPS, and for addax-upload." />
      <form onSubmit={(e) => void submit(e)} className="space-y-3 px-5 py-4">
        <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} required maxLength={120} error={error} />
        <SelectField label="Camera" value={camera} onChange={(e) => setCamera(e.target.value)}>
          <option value="">Any (a station key: the camera is detected)</option>
          {cameras.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" loading={create.isPending} icon={<KeyRound className="h-4 w-4" aria-hidden />}>
          Create key
        </Button>
      </form>
      <ul className="divide-y divide-stone-100 border-t border-stone-100" aria-label="Upload keys">
        {(keys.data ?? []).map((key) => (
          <li key={key.id} className="flex items-center gap-3 px-5 py-2.5 text-sm" data-testid="upload-key">
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-stone-800">{key.name}</p>
              <p className="text-xs text-stone-600">
                <code>{key.prefix}…</code> · {key.camera_name ?? 'any camera'} ·{' '}
                {key.revoked_at ? 'revoked' : key.last_used_at ? `last used ${formatDateTime(key.last_used_at)}` : 'never used'}
              </p>
            </div>
            {!key.revoked_at && (
              <Button size="sm" variant="ghost" onClick={() => setRevoking(key)}>
                Revoke
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Modal
        open={shown !== null}
        onClose={() => setShown(null)}
        title="Your new upload key"
        description="Copy it now: it is shown only this once."
        footer={<Button onClick={() => setShown(null)}>Done</Button>}
      >
        <code className="block break-all rounded-lg bg-stone-100 p-3 text-sm" data-testid="new-upload-key">
          {shown?.key}
        </code>
      </Modal>
      <ConfirmDialog
        open={revoking !== null}
        title="Revoke this key?"
        description={`Devices using “${revoking?.name ?? ''}” can no longer upload.`}
        confirmLabel="Revoke"
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) revoke.mutate(revoking.id)
          setRevoking(null)
        }}
      />
    </Card>
  )
}
