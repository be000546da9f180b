import { useEffect, useState, type FormEvent } from 'react'
import { AlertTriangle, Pencil, Upload } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { AddButton, Button, DeleteIconButton } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { ConfirmDeleteDialog } from '@/components/ConfirmDeleteDialog'
import { Modal } from '@/components/Modal'
import { PageHeader } from '@/components/PageHeader'
import { useToast } from '@/components/Toasts'
import { formatDate } from '@/lib/format'
import { useProjectContext, useProjects } from '@/lib/project'
import type { FtpAccount } from '@/lib/api/types'
import { useCreateFtpAccount, useDeleteFtpAccount, useFtpAccounts, useUpdateFtpAccount } from '../api/ftpAccounts'
import { AdminTabs } from './AdminTabs'

// Shown next to the checkbox before the admin saves; the API's cleartext_warning says the same once saved.
const PLAIN_FTP_WARNING =
  'Without TLS, this account’s password and every photo travel unencrypted: anyone on the network path (mobile operator, Wi-Fi) can read them and reuse the password. Only for cameras that cannot do FTPS; the account can then only upload. Restrict the IP addresses if you can.'

/** Upload accounts created here work on the FTP server within seconds; accounts from FTPS_ACCOUNTS are not listed. */
export default function FtpAccountsPage() {
  const accounts = useFtpAccounts()
  const remove = useDeleteFtpAccount()
  const [editing, setEditing] = useState<FtpAccount | 'new' | null>(null)
  const [deleting, setDeleting] = useState<FtpAccount | null>(null)
  const projects = useProjects()
  const projectNames = new Map((projects.data ?? []).map((p) => [p.slug, p.name]))

  useEffect(() => {
    document.title = 'FTP accounts · AddaxAI Connect'
  }, [])

  return (
    <div>
      <PageHeader
        title="Administration"
        description="Upload accounts your cameras log in with (FTPS; plain FTP only where you allow it)."
        actions={<AddButton onClick={() => setEditing('new')}>Add FTP account</AddButton>}
      />
      <AdminTabs />

      <DataTable
        label="FTP accounts"
        headings={['Account', 'Project', 'Transport', 'Allowed from', 'Status', 'Created']}
        query={accounts}
        errorTitle="Could not load FTP accounts"
        empty={{
          icon: <Upload className="h-6 w-6" aria-hidden />,
          title: 'No FTP accounts created here',
          description: "Accounts from the server's FTPS_ACCOUNTS setting work as well; add one here per camera or site.",
        }}
      >
        {accounts.data?.map((a) => (
          <tr key={a.id} data-testid="ftp-account-row" data-username={a.username}>
            <td className="table-cell">
              <p className="font-medium text-stone-900">{a.username}</p>
              <p className="text-xs text-stone-500">{a.camera_name ? `Camera: ${a.camera_name}` : 'Camera from EXIF or file name'}</p>
            </td>
            <td className="table-cell text-sm text-stone-700" data-testid="ftp-account-project">
              {projectNames.get(a.project) ?? a.project}
            </td>
            <td className="table-cell">
              {a.allow_plain_ftp ? (
                <span title={a.cleartext_warning ?? undefined}>
                  <Badge tone="amber" dot>
                    Plain FTP allowed
                  </Badge>
                </span>
              ) : (
                <Badge tone="green" dot>
                  TLS only
                </Badge>
              )}
            </td>
            <td className="table-cell text-sm text-stone-600">{a.ip_allowlist.length ? a.ip_allowlist.join(', ') : 'Anywhere'}</td>
            <td className="table-cell">
              {a.enabled ? <Badge tone="green">Enabled</Badge> : <Badge tone="neutral">Disabled</Badge>}
            </td>
            <td className="table-cell text-stone-500">{formatDate(a.created_at)}</td>
            <td className="table-cell">
              <div className="flex justify-end gap-1">
                <Button size="sm" variant="ghost" onClick={() => setEditing(a)} aria-label={`Edit ${a.username}`} icon={<Pencil className="h-4 w-4" aria-hidden />} />
                <DeleteIconButton
                  onClick={() => setDeleting(a)}
                  label={`Delete ${a.username}`}
                />
              </div>
            </td>
          </tr>
        ))}
      </DataTable>
      {accounts.data?.some((a) => a.allow_plain_ftp) && (
        <p role="note" className="mt-4 flex gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
          {accounts.data.find((a) => a.allow_plain_ftp)?.cleartext_warning}
        </p>
      )}

      <AccountDialog
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : `edit-${editing.username}`}
        account={editing}
        onClose={() => setEditing(null)}
      />
      <ConfirmDeleteDialog
        item={deleting}
        name={(a) => a.username}
        onClose={() => setDeleting(null)}
        mutation={remove}
        title="Delete FTP account?"
        description={
          <>
            Cameras using <strong>{deleting?.username}</strong> can no longer upload (within a few seconds).
          </>
        }
        confirmLabel="Delete account"
        typeName
      />
    </div>
  )
}

function AccountDialog({ account, onClose }: { account: FtpAccount | 'new' | null; onClose: () => void }) {
  const create = useCreateFtpAccount()
  const update = useUpdateFtpAccount()
  const { push } = useToast()
  const existing = account && account !== 'new' ? account : null
  // Mounted afresh for each opening (see the key where it is used): the form starts from the account.
  const [username, setUsername] = useState(existing?.username ?? '')
  const [password, setPassword] = useState('')
  const [camera, setCamera] = useState(existing?.camera_name ?? '')
  const [plain, setPlain] = useState(existing?.allow_plain_ftp ?? false)
  const [allowlist, setAllowlist] = useState(existing?.ip_allowlist.join('\n') ?? '')
  const [enabled, setEnabled] = useState(existing?.enabled ?? true)
  const mutation = existing ? update : create
  // New accounts start in the project on screen; any project (archived ones refused by the API) may be chosen.
  const { slug: currentSlug, projects } = useProjectContext()
  const [project, setProject] = useState(existing?.project ?? currentSlug)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    const fields = {
      camera_name: camera.trim() || null,
      allow_plain_ftp: plain,
      ip_allowlist: allowlist.split(/[\s,]+/).filter(Boolean),
      enabled,
    }
    const done = (a: FtpAccount) => {
      push({ title: existing ? `${a.username} saved` : `${a.username} created`, tone: 'success' })
      onClose()
    }
    if (existing) update.mutate({ id: existing.id, project, ...fields, ...(password ? { password } : {}) }, { onSuccess: done })
    else create.mutate({ username: username.trim(), password, project, ...fields }, { onSuccess: done })
  }

  return (
    <Modal
      open={!!account}
      onClose={onClose}
      title={existing ? `Edit ${existing.username}` : 'Add FTP account'}
      description="Cameras log in with this name and password; their photos land in their own folder."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="ftp-account-form" loading={mutation.isPending}>
            {existing ? 'Save' : 'Create account'}
          </Button>
        </>
      }
    >
      <form id="ftp-account-form" onSubmit={submit} className="space-y-4">
        {!existing && (
          <TextField
            label="Account name"
            required
            autoComplete="off"
            pattern="[A-Za-z0-9][A-Za-z0-9._\-]{0,63}"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            hint="Letters, digits, dot, dash, underscore; e.g. cam07 or ridge-site."
          />
        )}
        <TextField
          label={existing ? 'New password' : 'Password'}
          type="password"
          required={!existing}
          minLength={12}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={existing ? 'Leave empty to keep the current one.' : 'At least 12 characters, no spaces; unique per camera.'}
        />
        <SelectField
          label="Project"
          value={project}
          onChange={(e) => setProject(e.target.value)}
          aria-describedby="ftp-project-hint"
        >
          {projects.map((p) => (
            <option key={p.slug} value={p.slug} disabled={Boolean(p.archived_at) && p.slug !== existing?.project}>
              {p.archived_at ? `${p.name} (archived)` : p.name}
            </option>
          ))}
        </SelectField>
        <p id="ftp-project-hint" className="-mt-3 text-xs text-stone-500">
          Photos uploaded with this account, and cameras first seen through it, belong to this project.
        </p>
        <TextField label="Camera name" autoComplete="off" value={camera} onChange={(e) => setCamera(e.target.value)} placeholder="Optional: one camera per account" />
        <div>
          <label htmlFor="ftp-allowlist" className="field-label">
            Allowed IP addresses
          </label>
          <textarea
            id="ftp-allowlist"
            className="input min-h-[4.5rem]"
            value={allowlist}
            onChange={(e) => setAllowlist(e.target.value)}
            placeholder="Any address. Or one per line: 198.51.100.0/24"
            aria-describedby="ftp-allowlist-hint"
          />
          <p id="ftp-allowlist-hint" className="mt-1 text-xs text-stone-500">
            Addresses or networks (CIDR) the account may log in from; empty = anywhere.
          </p>
        </div>
        <label className="flex items-start gap-3 text-sm text-stone-800">
          <input type="checkbox" className="mt-0.5 accent-forest-700" checked={plain} onChange={(e) => setPlain(e.target.checked)} />
          <span>
            <span className="block font-medium">Allow plain FTP (no encryption)</span>
            <span className="block text-xs text-stone-500">For camera firmware without FTPS. TLS stays required otherwise.</span>
          </span>
        </label>
        {plain && (
          <p role="alert" className="flex gap-2 rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            <AlertTriangle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden />
            {PLAIN_FTP_WARNING}
          </p>
        )}
        <label className="flex items-center gap-3 text-sm text-stone-800">
          <input type="checkbox" className="accent-forest-700" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          Enabled
        </label>
        {mutation.error && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {mutation.error.message}
          </p>
        )}
      </form>
    </Modal>
  )
}
