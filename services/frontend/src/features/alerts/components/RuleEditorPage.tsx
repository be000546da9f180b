import { useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { Link, useNavigate, useParams, useSearchParams } from 'react-router'
import { ArrowLeft, BatteryLow, HardDrive, MapPinned, PawPrint, Save, WifiOff } from 'lucide-react'
import { Button } from '@/components/Button'
import { Card } from '@/components/Card'
import { cn } from '@/components/cn'
import { SelectField, TextField } from '@/components/Field'
import { MultiSelect } from '@/components/MultiSelect'
import { ErrorState, LoadingState } from '@/components/States'
import { Switch } from '@/components/Switch'
import { useToast } from '@/components/Toasts'
import { timeZones } from '@/features/projects'
import { useCameras, useSpecies } from '@/lib/api/catalog'
import type { AlertRule } from '@/lib/api/types'
import { speciesName } from '@/lib/format'
import { useProjectContext, useProjectPath } from '@/lib/project'
import { useAlertChannels, useAlertRule, useSaveRule, useSpeciesGroups } from '../api/alerts'
import { CHANNEL_KINDS, type ChannelKind } from '../channel-form'
import { fieldErrors } from '../field-errors'
import {
  DAYS,
  formFromRule,
  formFromTemplate,
  ruleBodyFromForm,
  TEMPLATES,
  templateKind,
  type RuleForm,
  type TemplateId,
} from '../rule-form'
import { AlertsFrame } from './AlertTabs'
import { AreaMap, type AreaCamera } from './AreaMap'

const FIELDS = [
  'name', 'species', 'groups', 'min_confidence', 'min_count', 'verified_only', 'time_start', 'time_end', 'days',
  'first_sighting_days', 'battery_below', 'sd_above', 'temperature_min', 'temperature_max', 'window_hours',
  'silent_hours', 'camera_ids', 'area', 'cooldown_minutes', 'mode', 'digest_time', 'timezone', 'channel_ids',
] as const

const TEMPLATE_ICONS: Record<TemplateId, ReactNode> = {
  species_cameras: <PawPrint className="h-5 w-5" aria-hidden />,
  species_area: <MapPinned className="h-5 w-5" aria-hidden />,
  battery_low: <BatteryLow className="h-5 w-5" aria-hidden />,
  sd_full: <HardDrive className="h-5 w-5" aria-hidden />,
  camera_silent: <WifiOff className="h-5 w-5" aria-hidden />,
}

const DAY_LABEL: Record<(typeof DAYS)[number], string> = {
  mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun',
}

/** `/alerts/rules/new` (optionally `?template=battery_low`) and `/alerts/rules/:ruleId`. */
export default function RuleEditorPage() {
  const { ruleId } = useParams()
  const id = ruleId ? Number(ruleId) : null
  const { slug } = useProjectContext()
  const rule = useAlertRule(slug, id)
  useEffect(() => {
    document.title = `${id === null ? 'New alert rule' : 'Edit alert rule'} · AddaxAI Connect`
  }, [id])
  if (id !== null && rule.isLoading) return <LoadingState />
  if (id !== null && rule.isError) return <ErrorState title="Could not load the rule" error={rule.error} onRetry={() => void rule.refetch()} />
  // A fresh form per rule (and per saved version), so navigating between rules never mixes them.
  return <RuleEditor key={rule.data ? `${rule.data.id}:${rule.data.updated_at}` : 'new'} rule={rule.data ?? null} />
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <Card className="p-5">
      <h2 className="text-base font-semibold text-stone-900">{title}</h2>
      {description && <p className="mt-0.5 text-sm text-stone-500">{description}</p>}
      <div className="mt-4">{children}</div>
    </Card>
  )
}

function FieldError({ error }: { error?: string }) {
  if (!error) return null
  return (
    <p className="mt-1 text-xs text-red-700">
      {error}
    </p>
  )
}

function RuleEditor({ rule }: { rule: AlertRule | null }) {
  const { slug, project } = useProjectContext()
  const to = useProjectPath()
  const navigate = useNavigate()
  const [params] = useSearchParams()
  const { push } = useToast()
  const requested = params.get('template') as TemplateId | null
  const [form, setForm] = useState<RuleForm>(() =>
    rule
      ? formFromRule(rule)
      : formFromTemplate(TEMPLATES.some((t) => t.id === requested) ? requested! : 'species_cameras', project?.timezone ?? 'UTC'),
  )
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [otherErrors, setOtherErrors] = useState<string[]>([])
  const groups = useSpeciesGroups(slug)
  const species = useSpecies()
  const cameras = useCameras()
  const channels = useAlertChannels(slug)
  const save = useSaveRule(slug)
  const kind = templateKind(form.template)
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]) => setForm((f) => ({ ...f, [key]: value }))
  const text = (key: keyof RuleForm) => ({
    value: String(form[key]),
    onChange: (e: { target: { value: string } }) => set(key, e.target.value as never),
    error: errors[key],
  })

  const cameraList = useMemo<AreaCamera[]>(
    () =>
      (cameras.data?.features ?? [])
        .filter((f) => f.geometry && f.geometry.coordinates.length >= 2)
        .map((f) => ({ id: f.properties.id, name: f.properties.name, lon: f.geometry!.coordinates[0], lat: f.geometry!.coordinates[1] })),
    [cameras.data],
  )
  const cameraOptions = (cameras.data?.features ?? []).map((f) => ({ value: f.properties.id, label: f.properties.name }))
  const groupOptions = (groups.data?.groups ?? []).map((g) => ({ value: g.name, label: g.label || speciesName(g.name), hint: g.species.length }))
  // The labels the server accepts (its taxonomy file), the project's own species so far, and whatever the rule already names.
  const speciesOptions = useMemo(() => {
    const labels = new Set<string>(form.species)
    for (const s of groups.data?.labels ?? []) labels.add(s)
    for (const s of species.data ?? []) labels.add(s.species)
    return Array.from(labels)
      .sort((a, b) => a.localeCompare(b))
      .map((s) => ({ value: s, label: speciesName(s) }))
  }, [groups.data, species.data, form.species])
  const channelOptions = (channels.data ?? []).map((c) => ({
    value: c.id,
    label: c.name,
    hint: CHANNEL_KINDS[c.kind as ChannelKind]?.label ?? c.kind,
  }))

  const chooseTemplate = (id: TemplateId) =>
    setForm((f) => {
      const fresh = formFromTemplate(id, f.timezone)
      const defaultName = formFromTemplate(f.template, f.timezone).name
      return {
        ...fresh,
        name: f.name && f.name !== defaultName ? f.name : fresh.name,
        species: f.species,
        groups: f.groups,
        camera_ids: f.camera_ids,
        channel_ids: f.channel_ids,
        area: f.area,
      }
    })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { body, errors: found } = ruleBodyFromForm(form)
    setErrors(found as Record<string, string>)
    setOtherErrors([])
    if (Object.keys(found).length) return
    save.mutate(
      { id: rule?.id ?? null, body },
      {
        onSuccess: (saved) => {
          push({ title: rule ? `${saved.name} saved` : `${saved.name} created`, tone: 'success' })
          navigate(to('/alerts/rules'))
        },
        onError: (err) => {
          const mapped = fieldErrors(err, FIELDS)
          setErrors(mapped.fields)
          setOtherErrors(mapped.other)
        },
      },
    )
  }

  return (
    <AlertsFrame
      description={rule ? `Editing “${rule.name}”.` : 'A new rule, from a template.'}
      actions={
        <Link to={to('/alerts/rules')} className="inline-flex items-center gap-1.5 text-sm font-medium text-stone-600 hover:text-stone-900">
          <ArrowLeft className="h-4 w-4" aria-hidden /> All rules
        </Link>
      }
    >
      <form onSubmit={submit} noValidate aria-label={rule ? 'Edit alert rule' : 'New alert rule'}>
        {(otherErrors.length > 0 || Object.keys(errors).length > 0) && (
          <div role="alert" className="mb-4 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
            <p className="font-medium">The rule was not saved: check the fields marked below.</p>
            {otherErrors.length > 0 && (
              <ul className="mt-1 list-disc pl-5">
                {otherErrors.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <div className="grid content-start gap-6">
            {rule ? null : (
              <Section title="Template" description="Pick what the rule watches for; every field can be changed below.">
                <fieldset>
                  <legend className="sr-only">Template</legend>
                  <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                    {TEMPLATES.map((t) => (
                      <label
                        key={t.id}
                        data-testid={`template-${t.id}`}
                        className={cn(
                          'flex cursor-pointer gap-3 rounded-lg border p-3 transition-colors has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-forest-500',
                          form.template === t.id ? 'border-forest-600 bg-forest-50/60' : 'border-stone-200 hover:border-stone-300',
                        )}
                      >
                        <input
                          type="radio"
                          name="template"
                          value={t.id}
                          checked={form.template === t.id}
                          onChange={() => chooseTemplate(t.id)}
                          className="sr-only"
                        />
                        <span className={cn('mt-0.5 shrink-0', form.template === t.id ? 'text-forest-700' : 'text-stone-500')}>
                          {TEMPLATE_ICONS[t.id]}
                        </span>
                        <span>
                          <span className="block text-sm font-medium text-stone-900">{t.title}</span>
                          <span className="block text-xs text-stone-500">{t.description}</span>
                        </span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              </Section>
            )}

            {kind === 'species' && (
              <Section title="What" description="The species to look out for, and how sure the model must be.">
                <div className="grid gap-4 sm:grid-cols-2">
                  <MultiSelect
                    label="Species groups"
                    options={groupOptions}
                    value={form.groups}
                    onChange={(v) => set('groups', v)}
                    placeholder="No group"
                    loading={groups.isLoading}
                    error={errors.groups}
                  />
                  <MultiSelect
                    label="Species"
                    options={speciesOptions}
                    value={form.species}
                    onChange={(v) => set('species', v)}
                    placeholder="No single species"
                    loading={groups.isLoading}
                    error={errors.species}
                  />
                  <TextField label="Minimum confidence" type="number" inputMode="decimal" step="0.05" min={0} max={1} hint="0 to 1; the model's score for the species." {...text('min_confidence')} />
                  <TextField label="Minimum count in one photo" type="number" inputMode="numeric" min={1} {...text('min_count')} />
                  <label className="flex items-center gap-2 text-sm text-stone-700 sm:col-span-2">
                    <input type="checkbox" className="h-4 w-4 rounded border-stone-300 text-forest-700" checked={form.verified_only} onChange={(e) => set('verified_only', e.target.checked)} />
                    Only photos a person has approved
                  </label>
                </div>
              </Section>
            )}

            {kind === 'camera_health' && (
              <Section title="Camera health" description="From the photos' EXIF and the cameras' daily reports. Leave a field empty to ignore it.">
                <div className="grid gap-4 sm:grid-cols-2">
                  <TextField label="Battery below (%)" type="number" inputMode="decimal" min={0} max={100} {...text('battery_below')} />
                  <TextField label="SD card above (%)" type="number" inputMode="decimal" min={0} max={100} {...text('sd_above')} />
                  <TextField label="Temperature below (°C)" type="number" inputMode="decimal" {...text('temperature_min')} />
                  <TextField label="Temperature above (°C)" type="number" inputMode="decimal" {...text('temperature_max')} />
                </div>
              </Section>
            )}

            {kind === 'camera_silent' && (
              <Section title="Silence" description="Checked every few minutes for every camera of the rule.">
                <TextField label="Silent for (hours)" type="number" inputMode="decimal" min={0.1} className="sm:max-w-xs" hint="No photo and no daily report for this long." {...text('silent_hours')} />
              </Section>
            )}

            <Section title="Where" description={kind === 'species' ? 'At chosen cameras, or at every camera inside an area.' : 'The cameras this rule watches.'}>
              {kind === 'species' && (
                <fieldset className="mb-4">
                  <legend className="sr-only">Where</legend>
                  <div className="inline-flex rounded-lg border border-stone-200 bg-stone-50 p-0.5">
                    {(['cameras', 'area'] as const).map((where) => (
                      <label
                        key={where}
                        className={cn(
                          'cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-forest-500',
                          form.where === where ? 'bg-white text-forest-800 shadow-sm' : 'text-stone-600 hover:text-stone-900',
                        )}
                      >
                        <input type="radio" name="where" className="sr-only" checked={form.where === where} onChange={() => set('where', where)} />
                        {where === 'cameras' ? 'Chosen cameras' : 'Area on the map'}
                      </label>
                    ))}
                  </div>
                </fieldset>
              )}
              {form.where === 'area' && kind === 'species' ? (
                <AreaMap cameras={cameraList} value={form.area} onChange={(area) => set('area', area)} error={errors.area} />
              ) : (
                <MultiSelect
                  label="Cameras"
                  options={cameraOptions}
                  value={form.camera_ids}
                  onChange={(v) => set('camera_ids', v)}
                  placeholder="Every camera of the project"
                  loading={cameras.isLoading}
                  error={errors.camera_ids}
                  className="sm:max-w-md"
                />
              )}
            </Section>

            {kind === 'species' && (
              <Section title="When" description="In each camera's local time. Leave empty for any time.">
                <div className="grid gap-4 sm:grid-cols-3">
                  <TextField label="From" type="time" {...text('time_start')} />
                  <TextField label="Until" type="time" {...text('time_end')} />
                  <TextField
                    label="First sighting in (days)"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    hint="Only when not seen at that camera for this long."
                    {...text('first_sighting_days')}
                  />
                </div>
                <fieldset className="mt-4">
                  <legend className="field-label">Days (none chosen: every day)</legend>
                  <div className="flex flex-wrap gap-1.5">
                    {DAYS.map((d) => {
                      const on = form.days.includes(d)
                      return (
                        <button
                          key={d}
                          type="button"
                          aria-pressed={on}
                          onClick={() => set('days', on ? form.days.filter((x) => x !== d) : [...form.days, d])}
                          className={cn(
                            'h-9 min-w-12 rounded-lg border px-2 text-sm font-medium transition-colors',
                            on ? 'border-forest-700 bg-forest-700 text-white' : 'border-stone-300 bg-white text-stone-700 hover:bg-stone-50',
                          )}
                        >
                          {DAY_LABEL[d]}
                        </button>
                      )
                    })}
                  </div>
                  <FieldError error={errors.days} />
                </fieldset>
              </Section>
            )}
          </div>

          <div className="grid content-start gap-6">
            <Section title="Rule">
              <div className="grid gap-4">
                <TextField label="Name" required maxLength={200} {...text('name')} />
                <div className="flex items-center justify-between gap-3">
                  <span className="text-sm text-stone-700">{form.enabled ? 'On: the rule fires' : 'Off: the rule is kept but does not fire'}</span>
                  <Switch checked={form.enabled} onChange={(v) => set('enabled', v)} label="Rule on" />
                </div>
              </div>
            </Section>
            <Section title="Delivery" description="Where the alert goes, and how often.">
              <div className="grid gap-4">
                <div>
                  <MultiSelect
                    label="Channels"
                    options={channelOptions}
                    value={form.channel_ids}
                    onChange={(v) => set('channel_ids', v)}
                    placeholder="None: history only"
                    loading={channels.isLoading}
                    error={errors.channel_ids}
                  />
                  <p className="mt-1 text-xs text-stone-500">
                    <Link to={to('/alerts/channels')} className="font-medium text-forest-700 hover:underline">
                      Set up channels
                    </Link>{' '}
                    (e-mail, Signal, WhatsApp, Telegram, EarthRanger, webhook).
                  </p>
                </div>
                <SelectField label="Send" value={form.mode} onChange={(e) => set('mode', e.target.value as RuleForm['mode'])}>
                  <option value="immediate">Immediately</option>
                  <option value="digest_hourly">Hourly digest</option>
                  <option value="digest_daily">Daily digest</option>
                </SelectField>
                {form.mode === 'digest_daily' && <TextField label="Digest time" type="time" {...text('digest_time')} />}
                <TextField
                  label="Quiet time per camera (minutes)"
                  type="number"
                  inputMode="numeric"
                  min={0}
                  hint="After an alert, the same camera stays quiet this long for this rule."
                  {...text('cooldown_minutes')}
                />
                <div>
                  <SelectField label="Time zone" value={form.timezone} onChange={(e) => set('timezone', e.target.value)}>
                    {timeZones(form.timezone).map((z) => (
                      <option key={z} value={z}>
                        {z}
                      </option>
                    ))}
                  </SelectField>
                  <FieldError error={errors.timezone} />
                </div>
              </div>
            </Section>
            <div className="flex flex-wrap justify-end gap-2">
              <Link to={to('/alerts/rules')} className="inline-flex h-10 items-center rounded-lg px-4 text-sm font-medium text-stone-600 hover:bg-stone-100">
                Cancel
              </Link>
              <Button type="submit" variant="primary" loading={save.isPending} icon={<Save className="h-4 w-4" aria-hidden />}>
                {rule ? 'Save rule' : 'Create rule'}
              </Button>
            </div>
          </div>
        </div>
      </form>
    </AlertsFrame>
  )
}
