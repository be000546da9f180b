import { useEffect, useId, useState, type FormEvent } from 'react'
import { CheckCircle2, KeyRound, Pencil, Send, XCircle } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { AddButton, Button, DeleteIconButton } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { ConfirmDeleteDialog } from '@/components/ConfirmDeleteDialog'
import { Modal } from '@/components/Modal'
import { Switch } from '@/components/Switch'
import { useToast } from '@/components/Toasts'
import type { AlertChannel, ChannelTestResult } from '@/lib/api/types'
import { useProjectSlug } from '@/lib/project'
import { useAlertChannels, useDeleteChannel, useSaveChannel, useTestChannel, useUpdateChannel } from '../api/alerts'
import {
  CHANNEL_KIND_IDS,
  CHANNEL_KINDS,
  channelBodyFromForm,
  formFromChannel,
  newChannelForm,
  type ChannelForm,
  type ChannelKind,
} from '../channel-form'
import { fieldErrors } from '../field-errors'
import { AlertsFrame } from './AlertTabs'

function settingsSummary(channel: AlertChannel): string {
  const s = channel.settings as Record<string, unknown>
  const recipients = Array.isArray(s.recipients) ? s.recipients.length : 0
  if (channel.kind === 'webhook') return String(s.url ?? '')
  if (channel.kind === 'earthranger') return String(s.base_url ?? '')
  return `${recipients} recipient${recipients === 1 ? '' : 's'}`
}

export default function ChannelsPage() {
  const slug = useProjectSlug()
  const channels = useAlertChannels(slug)
  const update = useUpdateChannel(slug)
  const remove = useDeleteChannel(slug)
  const { push } = useToast()
  const [editing, setEditing] = useState<AlertChannel | 'new' | null>(null)
  const [deleting, setDeleting] = useState<AlertChannel | null>(null)
  const [testing, setTesting] = useState<AlertChannel | null>(null)

  useEffect(() => {
    document.title = 'Alert channels · AddaxAI Connect'
  }, [])

  return (
    <AlertsFrame
      description="Where alerts go. Passwords and tokens are stored encrypted and never shown again."
      actions={<AddButton onClick={() => setEditing('new')}>New channel</AddButton>}
    >
      <DataTable
        label="Alert channels"
        headings={['Channel', 'Kind', 'Destination', 'Secrets', { label: 'On', className: 'w-16' }]}
        query={channels}
        loadingRows={2}
        empty={{
          icon: <Send className="h-6 w-6" aria-hidden />,
          title: 'No channels yet',
          description: 'Add an e-mail list, a Signal or WhatsApp number, a Telegram chat, EarthRanger or a webhook, then send a test.',
        }}
      >
        {channels.data?.map((c) => (
          <tr key={c.id} data-testid="channel-row" data-channel-name={c.name}>
            <td className="table-cell font-medium text-stone-900">{c.name}</td>
            <td className="table-cell">
              <Badge>{CHANNEL_KINDS[c.kind as ChannelKind]?.label ?? c.kind}</Badge>
            </td>
            <td className="table-cell max-w-[260px] truncate text-sm text-stone-600">{settingsSummary(c)}</td>
            <td className="table-cell text-sm text-stone-600">
              {c.secret_fields.length ? (
                <span className="inline-flex items-center gap-1.5">
                  <KeyRound className="h-3.5 w-3.5 text-forest-700" aria-hidden /> {c.secret_fields.length} set
                </span>
              ) : (
                '—'
              )}
            </td>
            <td className="table-cell">
              <Switch
                checked={c.enabled}
                label={`${c.name} on`}
                onChange={(enabled) =>
                  update.mutate(
                    { id: c.id, body: { enabled } },
                    { onError: (e) => push({ title: 'Not changed', description: e.message, tone: 'error' }) },
                  )
                }
              />
            </td>
            <td className="table-cell">
              <div className="flex justify-end gap-1">
                <Button size="sm" variant="subtle" onClick={() => setTesting(c)} icon={<Send className="h-4 w-4" aria-hidden />}>
                  Send test
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`} icon={<Pencil className="h-4 w-4" aria-hidden />} />
                <DeleteIconButton
                  onClick={() => setDeleting(c)}
                  label={`Delete ${c.name}`}
                />
              </div>
            </td>
          </tr>
        ))}
      </DataTable>

      <ChannelDialog
        key={editing === null ? 'closed' : editing === 'new' ? 'new' : `edit-${editing.id}`}
        slug={slug}
        channel={editing}
        onClose={() => setEditing(null)}
      />
      <TestDialog key={testing?.id ?? 'none'} slug={slug} channel={testing} onClose={() => setTesting(null)} />
      <ConfirmDeleteDialog
        item={deleting}
        name={(c) => c.name}
        onClose={() => setDeleting(null)}
        mutation={remove}
        title="Delete channel?"
        description={
          <>
            Rules stop sending to <strong>{deleting?.name}</strong>.
          </>
        }
        confirmLabel="Delete channel"
      />
    </AlertsFrame>
  )
}

function ListField({ label, value, onChange, hint, error, placeholder }: { label: string; value: string; onChange: (v: string) => void; hint?: string; error?: string; placeholder?: string }) {
  const id = useId()
  return (
    <div className="sm:col-span-2">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <textarea
        id={id}
        rows={3}
        className={error ? 'input border-red-400' : 'input'}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-note`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-note`} className={error ? 'mt-1 text-xs text-red-700' : 'mt-1 text-xs text-stone-500'}>
        {error ?? hint}
      </p>
    </div>
  )
}

function ChannelDialog({ slug, channel, onClose }: { slug: string; channel: AlertChannel | 'new' | null; onClose: () => void }) {
  const existing = channel && channel !== 'new' ? channel : null
  const [form, setForm] = useState<ChannelForm>(() => (existing ? formFromChannel(existing) : newChannelForm('webhook')))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [other, setOther] = useState<string[]>([])
  const save = useSaveChannel(slug)
  const { push } = useToast()
  const meta = CHANNEL_KINDS[form.kind]
  const stored = existing?.secret_fields ?? []
  const known = ['name', 'kind', ...meta.fields.map((f) => f.key), ...meta.secrets.map((s) => `secrets.${s.key}`)]

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { body, errors: found } = channelBodyFromForm(form, stored)
    setErrors(found as Record<string, string>)
    setOther([])
    if (Object.keys(found).length) return
    save.mutate(
      { id: existing?.id ?? null, body },
      {
        onSuccess: (saved) => {
          push({ title: existing ? `${saved.name} saved` : `${saved.name} added`, tone: 'success' })
          onClose()
        },
        onError: (err) => {
          const mapped = fieldErrors(err, known)
          setErrors(mapped.fields)
          setOther(mapped.other)
        },
      },
    )
  }
  const setting = (key: string, value: string) => setForm((f) => ({ ...f, settings: { ...f.settings, [key]: value } }))

  return (
    <Modal
      open={channel !== null}
      onClose={onClose}
      size="lg"
      title={existing ? `Edit ${existing.name}` : 'New channel'}
      description={meta.description}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="channel-form" variant="primary" loading={save.isPending}>
            {existing ? 'Save channel' : 'Add channel'}
          </Button>
        </>
      }
    >
      <form id="channel-form" onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2" aria-label="Channel">
        {other.length > 0 && (
          <div role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 sm:col-span-2">
            {other.join('; ')}
          </div>
        )}
        <SelectField
          label="Kind"
          value={form.kind}
          disabled={!!existing}
          onChange={(e) => setForm((f) => ({ ...newChannelForm(e.target.value as ChannelKind), name: f.name, enabled: f.enabled }))}
        >
          {CHANNEL_KIND_IDS.map((k) => (
            <option key={k} value={k}>
              {CHANNEL_KINDS[k].label}
            </option>
          ))}
        </SelectField>
        <TextField label="Name" required value={form.name} error={errors.name} onChange={(e) => setForm((f) => ({ ...f, name: e.target.value }))} />
        {meta.fields.map((f) =>
          f.type === 'list' ? (
            <ListField key={f.key} label={f.label} value={form.settings[f.key] ?? ''} onChange={(v) => setting(f.key, v)} hint={f.hint} error={errors[f.key]} placeholder={f.placeholder} />
          ) : f.type === 'select' ? (
            <SelectField key={f.key} label={f.label} value={form.settings[f.key] ?? ''} onChange={(e) => setting(f.key, e.target.value)}>
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </SelectField>
          ) : (
            <TextField
              key={f.key}
              label={f.label}
              className={f.type === 'url' ? 'sm:col-span-2' : undefined}
              type={f.type === 'number' ? 'number' : f.type === 'url' ? 'url' : 'text'}
              inputMode={f.type === 'number' ? 'numeric' : undefined}
              required={f.required}
              placeholder={f.placeholder}
              hint={f.hint}
              value={form.settings[f.key] ?? ''}
              error={errors[f.key]}
              onChange={(e) => setting(f.key, e.target.value)}
            />
          ),
        )}
        {meta.secrets.map((s) => {
          const isSet = stored.includes(s.key)
          return (
            <div key={s.key} className="sm:col-span-2">
              <TextField
                label={s.label}
                type="password"
                autoComplete="new-password"
                placeholder={isSet ? 'Set — type to replace' : s.required ? 'Required' : 'Optional'}
                hint={
                  <span className="inline-flex flex-wrap items-center gap-1.5">
                    {isSet && (
                      <Badge tone="green" dot>
                        Set
                      </Badge>
                    )}
                    <span>{s.hint ?? 'Write-only: never shown again once saved.'}</span>
                  </span>
                }
                value={form.secrets[s.key] ?? ''}
                error={errors[`secrets.${s.key}`]}
                onChange={(e) => setForm((f) => ({ ...f, secrets: { ...f.secrets, [s.key]: e.target.value } }))}
              />
            </div>
          )
        })}
        <div className="flex items-center justify-between gap-3 sm:col-span-2">
          <span className="text-sm text-stone-700">{form.enabled ? 'On: rules send through it' : 'Off: nothing is sent'}</span>
          <Switch checked={form.enabled} onChange={(v) => setForm((f) => ({ ...f, enabled: v }))} label="Channel on" />
        </div>
      </form>
    </Modal>
  )
}

/** Sends a test notification at once and shows what every recipient's server answered. */
function TestDialog({ slug, channel, onClose }: { slug: string; channel: AlertChannel | null; onClose: () => void }) {
  const test = useTestChannel(slug)
  return (
    <Modal
      open={channel !== null}
      onClose={onClose}
      title={`Send a test through ${channel?.name ?? ''}`}
      description="A notification marked as a test goes to every recipient of the channel now."
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            Close
          </Button>
          <Button variant="primary" loading={test.isPending} onClick={() => channel && test.mutate(channel.id)} icon={<Send className="h-4 w-4" aria-hidden />}>
            {test.data || test.isError ? 'Send again' : 'Send test'}
          </Button>
        </>
      }
    >
      <div aria-live="polite" data-testid="test-result">
        {test.isError && (
          <p role="alert" className="rounded-lg border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {test.error.message}
          </p>
        )}
        {test.data && <TestResults result={test.data} />}
        {!test.data && !test.isError && <p className="text-sm text-stone-500">Nothing sent yet.</p>}
      </div>
    </Modal>
  )
}

function TestResults({ result }: { result: ChannelTestResult }) {
  return (
    <div>
      <p className={result.ok ? 'text-sm font-medium text-forest-800' : 'text-sm font-medium text-red-800'}>
        {result.ok ? 'Every recipient accepted the test.' : 'The test did not reach every recipient.'}
      </p>
      <ul className="mt-3 grid gap-2">
        {result.results.map((r, i) => (
          <li key={`${r.recipient}-${i}`} data-testid="test-recipient" data-ok={r.ok} className="rounded-lg border border-stone-200 p-3">
            <p className="flex items-center gap-2 text-sm font-medium text-stone-900">
              {r.ok ? <CheckCircle2 className="h-4 w-4 text-forest-700" aria-hidden /> : <XCircle className="h-4 w-4 text-red-700" aria-hidden />}
              {r.recipient || 'The receiver'}: {r.ok ? 'sent' : 'failed'}
            </p>
            {r.error && <p className="mt-1 text-xs text-red-700">{r.error}</p>}
            {r.receipt && Object.keys(r.receipt).length > 0 && (
              <pre className="mt-2 max-h-40 overflow-auto whitespace-pre-wrap break-all rounded-md bg-stone-50 p-2 text-xs text-stone-700" data-testid="test-receipt">
                {JSON.stringify(r.receipt, null, 2)}
              </pre>
            )}
          </li>
        ))}
      </ul>
    </div>
  )
}
