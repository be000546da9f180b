import { useState, type FormEvent } from 'react'
import { UserPlus } from 'lucide-react'
import { Button, DeleteIconButton } from '@/components/Button'
import { Card } from '@/components/Card'
import { SelectField, TextField } from '@/components/Field'
import { Skeleton } from '@/components/Skeleton'
import { ErrorState } from '@/components/States'
import { useToast } from '@/components/Toasts'
import type { ProjectMember, Role } from '@/lib/api/types'
import { useAddMember, useMembers, useRemoveMember, useUpdateMember } from '../api/projects'

const ROLES: { value: Role; label: string }[] = [
  { value: 'viewer', label: 'Viewer' },
  { value: 'analyst', label: 'Analyst' },
  { value: 'admin', label: 'Admin' },
]

function RoleOptions() {
  return (
    <>
      {ROLES.map((r) => (
        <option key={r.value} value={r.value}>
          {r.label}
        </option>
      ))}
    </>
  )
}

/**
 * Who works in the project and as what. The API refuses to remove or demote the last admin (409);
 * its reason is shown as it comes.
 */
export function MembersCard({ slug }: { slug: string }) {
  const members = useMembers(slug, true)
  const update = useUpdateMember(slug)
  const remove = useRemoveMember(slug)
  const { push } = useToast()
  const [problem, setProblem] = useState<string | null>(null)

  const changeRole = (m: ProjectMember, role: Role) => {
    setProblem(null)
    update.mutate(
      { userId: m.user_id, role },
      {
        onSuccess: () => {
          push({ title: `${m.email} is now ${role === 'admin' ? 'an' : 'a'} ${role}`, tone: 'success' })
          void members.refetch()
        },
        onError: (e) => setProblem(e.message),
      },
    )
  }
  const removeMember = (m: ProjectMember) => {
    setProblem(null)
    remove.mutate(m.user_id, {
      onSuccess: () => {
        push({ title: `${m.email} removed from the project`, tone: 'success' })
        void members.refetch()
      },
      onError: (e) => setProblem(e.message),
    })
  }

  return (
    <Card className="self-start p-5">
      <h2 className="mb-4 text-base font-semibold text-stone-900">Members</h2>
      <AddMemberForm slug={slug} onAdded={() => void members.refetch()} />
      {problem && (
        <p role="alert" className="mt-4 rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="member-error">
          {problem}
        </p>
      )}
      {members.isError ? (
        <ErrorState title="Could not load the members" error={members.error} onRetry={() => void members.refetch()} />
      ) : (
        <ul className="mt-4 divide-y divide-stone-100" aria-label="Members">
          {members.isLoading && <Skeleton className="h-10 w-full" />}
          {members.data?.map((m) => (
            <li key={m.user_id} className="flex flex-wrap items-center gap-3 py-3" data-testid="member-row" data-email={m.email}>
              <div className="min-w-0 flex-1">
                <p className="truncate text-sm font-medium text-stone-900">{m.full_name || m.email.split('@')[0]}</p>
                <p className="truncate text-xs text-stone-500">
                  {m.email}
                  {!m.is_active && ' · deactivated'}
                </p>
              </div>
              <SelectField
                label={`Role of ${m.email}`}
                hideLabel
                className="w-32"
                value={m.role}
                disabled={update.isPending}
                onChange={(e) => changeRole(m, e.target.value as Role)}
              >
                <RoleOptions />
              </SelectField>
              <DeleteIconButton
                disabled={remove.isPending}
                onClick={() => removeMember(m)}
                label={`Remove ${m.email}`}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  )
}

function AddMemberForm({ slug, onAdded }: { slug: string; onAdded: () => void }) {
  const add = useAddMember(slug)
  const { push } = useToast()
  const [email, setEmail] = useState('')
  const [role, setRole] = useState<Role>('viewer')
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!email.trim()) return
    add.mutate(
      { email: email.trim(), role },
      {
        onSuccess: (m) => {
          push({ title: `${m.email} added as ${role}`, tone: 'success' })
          setEmail('')
          onAdded()
        },
      },
    )
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2" aria-label="Add a member">
      <TextField
        label="Add by e-mail"
        type="email"
        className="min-w-[12rem] flex-1"
        value={email}
        placeholder="name@example.org"
        error={add.error?.message}
        onChange={(e) => {
          setEmail(e.target.value)
          if (add.error) add.reset()
        }}
      />
      <SelectField label="Role for the new member" hideLabel className="w-32" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <RoleOptions />
      </SelectField>
      <Button type="submit" variant="primary" loading={add.isPending} icon={<UserPlus className="h-4 w-4" aria-hidden />}>
        Add
      </Button>
    </form>
  )
}
