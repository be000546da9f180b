import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { BellRing, Pencil, Plus } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { buttonClasses, DeleteIconButton } from '@/components/Button'
import { DataTable } from '@/components/DataTable'
import { ConfirmDeleteDialog } from '@/components/ConfirmDeleteDialog'
import { Switch } from '@/components/Switch'
import { useToast } from '@/components/Toasts'
import { formatDateTime, formatRelative } from '@/lib/format'
import type { AlertRule } from '@/lib/api/types'
import { useProjectPath, useProjectSlug } from '@/lib/project'
import { useAlertChannels, useAlertRules, useDeleteRule, useUpdateRule } from '../api/alerts'
import { kindMeta, MODE_LABEL } from '../labels'
import { ruleSummary } from '../rule-form'
import { AlertsFrame } from './AlertTabs'

export default function RulesPage() {
  const slug = useProjectSlug()
  const to = useProjectPath()
  const rules = useAlertRules(slug)
  const channels = useAlertChannels(slug)
  const update = useUpdateRule(slug)
  const remove = useDeleteRule(slug)
  const { push } = useToast()
  const [deleting, setDeleting] = useState<AlertRule | null>(null)
  const channelNames = new Map((channels.data ?? []).map((c) => [c.id, c.name]))

  useEffect(() => {
    document.title = 'Alert rules · AddaxAI Connect'
  }, [])

  const toggle = (rule: AlertRule, enabled: boolean) =>
    update.mutate(
      { id: rule.id, body: { enabled } },
      {
        onSuccess: () => push({ title: `${rule.name} is ${enabled ? 'on' : 'off'}`, tone: 'success' }),
        onError: (e) => push({ title: 'Not changed', description: e.message, tone: 'error' }),
      },
    )

  return (
    <AlertsFrame
      description="Who hears about what: rules watch new photos and the cameras' health, channels carry the message."
      actions={
        <Link to={to('/alerts/rules/new')} className={buttonClasses({ variant: 'primary' })}>
          <Plus className="h-4 w-4" aria-hidden /> New rule
        </Link>
      }
    >
      <DataTable
        label="Alert rules"
        headings={['Rule', 'Kind', 'Channels', 'Last fired', { label: 'On', className: 'w-16' }]}
        query={rules}
        loadingRows={3}
        empty={{
          icon: <BellRing className="h-6 w-6" aria-hidden />,
          title: 'No alert rules yet',
          description: 'Start from a template: a species at your cameras or in an area, a low battery, a full SD card or a silent camera.',
          action: (
            <Link to={to('/alerts/rules/new')} className="text-sm font-semibold text-forest-700 hover:underline">
              Create the first rule
            </Link>
          ),
        }}
      >
        {rules.data?.map((rule) => {
          const meta = kindMeta(rule.kind)
          return (
            <tr key={rule.id} data-testid="rule-row" data-rule-name={rule.name}>
              <td className="table-cell max-w-[380px]">
                <Link to={to(`/alerts/rules/${rule.id}`)} className="font-medium text-stone-900 hover:text-forest-800 hover:underline">
                  {rule.name}
                </Link>
                <p className="truncate text-xs text-stone-500">
                  {ruleSummary(rule)} · {MODE_LABEL[rule.mode] ?? rule.mode}
                </p>
              </td>
              <td className="table-cell">
                <Badge tone={meta.tone}>{meta.label}</Badge>
              </td>
              <td className="table-cell">
                {rule.channel_ids.length === 0 ? (
                  <span className="text-sm text-stone-500">None (history only)</span>
                ) : (
                  <div className="flex flex-wrap gap-1">
                    {rule.channel_ids.map((id) => (
                      <Badge key={id}>{channelNames.get(id) ?? `Channel ${id}`}</Badge>
                    ))}
                  </div>
                )}
              </td>
              <td className="table-cell whitespace-nowrap text-sm text-stone-600" title={formatDateTime(rule.last_fired_at)}>
                {formatRelative(rule.last_fired_at)}
              </td>
              <td className="table-cell">
                <Switch
                  checked={rule.enabled}
                  label={`${rule.name} on`}
                  disabled={update.isPending && update.variables?.id === rule.id}
                  onChange={(on) => toggle(rule, on)}
                />
              </td>
              <td className="table-cell">
                <div className="flex justify-end gap-1">
                  <Link
                    to={to(`/alerts/rules/${rule.id}`)}
                    className={buttonClasses({ variant: 'ghost', size: 'sm' })}
                    aria-label={`Edit ${rule.name}`}
                  >
                    <Pencil className="h-4 w-4" aria-hidden />
                  </Link>
                  <DeleteIconButton
                    onClick={() => setDeleting(rule)}
                    label={`Delete ${rule.name}`}
                  />
                </div>
              </td>
            </tr>
          )
        })}
      </DataTable>
      <ConfirmDeleteDialog
        item={deleting}
        name={(r) => r.name}
        onClose={() => setDeleting(null)}
        mutation={remove}
        title="Delete alert rule?"
        description={
          <>
            <strong>{deleting?.name}</strong> stops firing, and its alerts leave the history.
          </>
        }
        confirmLabel="Delete rule"
      />
    </AlertsFrame>
  )
}
