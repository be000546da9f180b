import { useEffect, useState, type FormEvent } from 'react'
import { UserPlus, Users } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { Button, DeleteIconButton } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { ConfirmDialog, Modal } from '@/components/Modal'
import { PageHeader } from '@/components/PageHeader'
import { EmptyState } from '@/components/States'
import { useToast } from '@/components/Toasts'
import { formatDate, formatRelative } from '@/lib/format'
import type { Role, User } from '@/lib/api/types'
import { useAuth } from '@/features/auth'
import { useCreateUser, useDeleteUser, useUpdateUser, useUsers } from '../api/admin'
import { AdminTabs } from './AdminTabs'

const ROLES: { value: Role; label: string; description: string }[] = [
  { value: 'viewer', label: 'Viewer', description: 'Browse images, maps and statistics' },
  { value: 'analyst', label: 'Analyst', description: 'Also review images and correct species' },
  { value: 'admin', label: 'Admin', description: 'Also manage users, cameras and settings' },
]

export default function UsersPage() {
  const users = useUsers()
  const { user: me } = useAuth()
  const update = useUpdateUser()
  const remove = useDeleteUser()
  const { push } = useToast()
  const [creating, setCreating] = useState(false)
  // A new key per opening: the dialog starts empty, with a fresh mutation (no leftover error).
  const [createKey, setCreateKey] = useState(0)
  const [deleting, setDeleting] = useState<User | null>(null)

  useEffect(() => {
    document.title = 'Users · AddaxAI Connect'
  }, [])

  const changeRole = (u: User, role: Role) =>
    update.mutate(
      { id: u.id, role },
      {
        onSuccess: () => push({ title: `${u.email} is now ${role === 'admin' ? 'an' : 'a'} ${role}`, tone: 'success' }),
        onError: (e) => push({ title: 'Role not changed', description: e.message, tone: 'error' }),
      },
    )
  const toggleActive = (u: User) =>
    update.mutate(
      { id: u.id, is_active: !u.is_active },
      {
        onSuccess: () => push({ title: u.is_active ? `${u.email} deactivated` : `${u.email} reactivated`, tone: 'success' }),
        onError: (e) => push({ title: 'Not changed', description: e.message, tone: 'error' }),
      },
    )

  return (
    <div>
      <PageHeader
        title="Administration"
        description="Who can see and review your camera-trap data."
        actions={
          <Button variant="primary" onClick={() => {
              setCreateKey((k) => k + 1)
              setCreating(true)
            }} icon={<UserPlus className="h-4 w-4" aria-hidden />}>
            Add user
          </Button>
        }
      />
      <AdminTabs />

      <DataTable
        label="Users"
        headings={['User', { label: 'Role', className: 'w-44' }, 'Status', 'Last sign-in', 'Created']}
        query={users}
        errorTitle="Could not load users"
        loadingRows={4}
        footer={
          users.data?.length === 0 && (
            <EmptyState className="m-4" icon={<Users className="h-6 w-6" aria-hidden />} title="No users" description="Add the first user." />
          )
        }
      >
        {users.data?.map((u) => {
          const self = u.id === me?.id
          return (
            <tr key={u.id} data-testid="user-row" data-email={u.email} className={u.is_active ? '' : 'bg-stone-50/60'}>
              <td className="table-cell">
                <div className="flex items-center gap-3">
                  <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full bg-forest-100 text-xs font-bold text-forest-800">
                    {(u.full_name || u.email).slice(0, 2).toUpperCase()}
                  </span>
                  <div className="min-w-0">
                    <p className="truncate font-medium text-stone-900">
                      {u.full_name || u.email.split('@')[0]}
                      {self && <span className="ml-2 text-xs font-normal text-stone-500">(you)</span>}
                    </p>
                    <p className="truncate text-xs text-stone-500">{u.email}</p>
                  </div>
                </div>
              </td>
              <td className="table-cell">
                <SelectField
                  label={`Role of ${u.email}`}
                  hideLabel
                  value={u.role}
                  disabled={self || update.isPending}
                  title={self ? 'You cannot change your own role' : undefined}
                  onChange={(e) => changeRole(u, e.target.value as Role)}
                >
                  {ROLES.map((r) => (
                    <option key={r.value} value={r.value}>
                      {r.label}
                    </option>
                  ))}
                </SelectField>
              </td>
              <td className="table-cell">
                {u.is_active ? <Badge tone="green" dot>Active</Badge> : <Badge tone="neutral" dot>Deactivated</Badge>}
              </td>
              <td className="table-cell text-stone-500">{u.last_login_at ? formatRelative(u.last_login_at) : 'Never'}</td>
              <td className="table-cell text-stone-500">{formatDate(u.created_at)}</td>
              <td className="table-cell">
                <div className="flex justify-end gap-1">
                  <Button size="sm" variant="ghost" disabled={self || update.isPending} onClick={() => toggleActive(u)}>
                    {u.is_active ? 'Deactivate' : 'Reactivate'}
                  </Button>
                  <DeleteIconButton
                    disabled={self}
                    onClick={() => setDeleting(u)}
                    label={`Delete ${u.email}`}
                  />
                </div>
              </td>
            </tr>
          )
        })}
      </DataTable>

      <div className="mt-6 grid gap-3 sm:grid-cols-3">
        {ROLES.map((r) => (
          <div key={r.value} className="rounded-xl border border-stone-200/80 bg-white/60 px-4 py-3">
            <p className="text-sm font-semibold text-stone-800">{r.label}</p>
            <p className="mt-0.5 text-xs text-stone-500">{r.description}</p>
          </div>
        ))}
      </div>

      <CreateUserDialog key={createKey} open={creating} onClose={() => setCreating(false)} />
      <ConfirmDialog
        open={!!deleting}
        onClose={() => {
          setDeleting(null)
          remove.reset()
        }}
        title="Delete user?"
        description={
          <>
            <strong>{deleting?.email}</strong> will lose access immediately. Their past reviews stay in the audit log. Deactivating
            is reversible; deleting is not.
          </>
        }
        confirmLabel="Delete user"
        confirmText={deleting?.email}
        busy={remove.isPending}
        error={remove.error?.message}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, email: deleting.email },
            {
              onSuccess: () => {
                push({ title: `${deleting.email} deleted`, tone: 'success' })
                setDeleting(null)
              },
            },
          )
        }
      />
    </div>
  )
}

function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateUser()
  const { push } = useToast()
  const [email, setEmail] = useState('')
  const [fullName, setFullName] = useState('')
  const [password, setPassword] = useState('')
  const [role, setRole] = useState<Role>('viewer')


  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { email: email.trim(), password, full_name: fullName.trim() || null, role },
      {
        onSuccess: (u) => {
          push({ title: `Account created for ${u.email}`, description: 'Share the password with them securely.', tone: 'success' })
          onClose()
        },
      },
    )
  }

  return (
    <Modal
      open={open}
      onClose={onClose}
      title="Add user"
      description="They sign in with this email and password."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" type="submit" form="create-user-form" loading={create.isPending}>
            Create user
          </Button>
        </>
      }
    >
      <form id="create-user-form" onSubmit={submit} className="space-y-4">
        <TextField label="Email" type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        <TextField label="Full name" autoComplete="off" value={fullName} onChange={(e) => setFullName(e.target.value)} placeholder="Optional" />
        <TextField
          label="Password"
          type="password"
          required
          minLength={8}
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="At least 8 characters."
        />
        <fieldset>
          <legend className="mb-1.5 block text-sm font-medium text-stone-700">Role</legend>
          <div className="grid gap-2">
            {ROLES.map((r) => (
              <label
                key={r.value}
                className={`flex cursor-pointer items-start gap-3 rounded-lg border px-3 py-2.5 ${role === r.value ? 'border-forest-600 bg-forest-50/60' : 'border-stone-200 hover:border-stone-300'}`}
              >
                <input
                  type="radio"
                  name="role"
                  value={r.value}
                  checked={role === r.value}
                  onChange={() => setRole(r.value)}
                  className="mt-0.5 accent-forest-700"
                />
                <span>
                  <span className="block text-sm font-medium text-stone-800">{r.label}</span>
                  <span className="block text-xs text-stone-500">{r.description}</span>
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {create.error && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {create.error.message}
          </p>
        )}
      </form>
    </Modal>
  )
}
