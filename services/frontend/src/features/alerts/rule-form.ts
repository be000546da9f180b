/**
 * The rule editor's form: templates in, the API's rule body (kind + conditions) out, and back again
 * for editing. The checks here mirror services/alerts/addax_alerts/rules.py so most mistakes show
 * before a round trip; the server's 422 stays the authority (see field-errors.ts).
 */
import type { AlertRule, AlertRuleCreate } from '@/lib/api/types'
import { plural } from '@/lib/format'
import type { Polygon } from './polygon'

export type RuleKind = 'species' | 'camera_health' | 'camera_silent'
export type TriggerMode = 'immediate' | 'digest_hourly' | 'digest_daily'
export type TemplateId = 'species_cameras' | 'species_area' | 'battery_low' | 'sd_full' | 'camera_silent'

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Day = (typeof DAYS)[number]

export interface RuleForm {
  template: TemplateId
  name: string
  enabled: boolean
  /** species: which cameras (empty = every camera of the project), or an area drawn on the map. */
  where: 'cameras' | 'area'
  camera_ids: number[]
  area: Polygon | null
  species: string[]
  groups: string[]
  min_confidence: string
  min_count: string
  verified_only: boolean
  time_start: string
  time_end: string
  /** Empty: every day. */
  days: Day[]
  first_sighting_days: string
  battery_below: string
  sd_above: string
  temperature_min: string
  temperature_max: string
  silent_hours: string
  cooldown_minutes: string
  mode: TriggerMode
  digest_time: string
  timezone: string
  channel_ids: number[]
}

export interface Template {
  id: TemplateId
  kind: RuleKind
  title: string
  description: string
}

export const TEMPLATES: Template[] = [
  { id: 'species_cameras', kind: 'species', title: 'Species at cameras', description: 'A species or group seen at chosen cameras (or any camera).' },
  { id: 'species_area', kind: 'species', title: 'Species in an area', description: 'A species or group seen by any camera inside an area you draw on the map.' },
  { id: 'battery_low', kind: 'camera_health', title: 'Battery low', description: 'A camera reports its battery below a level.' },
  { id: 'sd_full', kind: 'camera_health', title: 'SD card full', description: 'A camera reports its SD card fuller than a level.' },
  { id: 'camera_silent', kind: 'camera_silent', title: 'Camera silent', description: 'A camera sends nothing for a number of hours.' },
]

export function templateKind(id: TemplateId): RuleKind {
  return TEMPLATES.find((t) => t.id === id)!.kind
}

const EMPTY: Omit<RuleForm, 'template' | 'name' | 'timezone'> = {
  enabled: true,
  where: 'cameras',
  camera_ids: [],
  area: null,
  species: [],
  groups: [],
  min_confidence: '0.5',
  min_count: '1',
  verified_only: false,
  time_start: '',
  time_end: '',
  days: [],
  first_sighting_days: '',
  battery_below: '',
  sd_above: '',
  temperature_min: '',
  temperature_max: '',
  silent_hours: '',
  cooldown_minutes: '30',
  mode: 'immediate',
  digest_time: '',
  channel_ids: [],
}

/** A new rule from a template, with the values a ranger would most likely pick. */
export function formFromTemplate(id: TemplateId, timezone: string): RuleForm {
  const base: RuleForm = { ...EMPTY, template: id, name: '', timezone }
  switch (id) {
    case 'species_cameras':
      return { ...base, name: 'Species sighting' }
    case 'species_area':
      return { ...base, name: 'Species in area', where: 'area' }
    case 'battery_low':
      return { ...base, name: 'Battery low', battery_below: '20', cooldown_minutes: String(24 * 60) }
    case 'sd_full':
      return { ...base, name: 'SD card almost full', sd_above: '90', cooldown_minutes: String(24 * 60) }
    case 'camera_silent':
      return { ...base, name: 'Camera silent', silent_hours: '24', cooldown_minutes: String(24 * 60) }
  }
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))
const list = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])

/** The template a stored rule looks most like, so its editor opens with the right fields. */
export function templateOf(rule: Pick<AlertRule, 'kind' | 'area' | 'conditions'>): TemplateId {
  const c = (rule.conditions ?? {}) as Record<string, unknown>
  if (rule.kind === 'species') return rule.area ? 'species_area' : 'species_cameras'
  if (rule.kind === 'camera_silent') return 'camera_silent'
  return c.battery_below == null && c.sd_above != null ? 'sd_full' : 'battery_low'
}

export function formFromRule(rule: AlertRule): RuleForm {
  const c = (rule.conditions ?? {}) as Record<string, unknown>
  const days = list<string | number>(c.days).map((d) => (typeof d === 'number' ? DAYS[d] : (d.slice(0, 3).toLowerCase() as Day)))
  const template = templateOf(rule)
  return {
    template,
    name: rule.name,
    enabled: rule.enabled,
    where: template === 'species_area' ? 'area' : 'cameras',
    camera_ids: list<number>(c.camera_ids),
    area: (rule.area as Polygon | null) ?? null,
    species: list<string>(c.species),
    groups: list<string>(c.groups),
    min_confidence: c.min_confidence == null ? EMPTY.min_confidence : text(c.min_confidence),
    min_count: c.min_count == null ? EMPTY.min_count : text(c.min_count),
    verified_only: Boolean(c.verified_only),
    time_start: text(c.time_start),
    time_end: text(c.time_end),
    days: days.filter((d) => DAYS.includes(d)),
    first_sighting_days: text(c.first_sighting_days),
    battery_below: text(c.battery_below),
    sd_above: text(c.sd_above),
    temperature_min: text(c.temperature_min),
    temperature_max: text(c.temperature_max),
    silent_hours: text(c.silent_hours),
    cooldown_minutes: text(rule.cooldown_minutes),
    mode: rule.mode,
    digest_time: rule.digest_time ?? '',
    timezone: rule.timezone,
    channel_ids: [...rule.channel_ids],
  }
}

/** Field name (as the API names it) → message. */
export type RuleErrors = Partial<Record<string, string>>

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/

function numberField(
  form: RuleForm,
  key: keyof RuleForm,
  errors: RuleErrors,
  { low, high, whole = false, label }: { low: number; high: number; whole?: boolean; label: string },
): number | undefined {
  const raw = String(form[key]).trim()
  if (raw === '') return undefined
  const n = Number(raw)
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < low || n > high) {
    errors[key] = `${label}: ${whole ? 'a whole number' : 'a number'} from ${low} to ${high}`
    return undefined
  }
  return n
}

/**
 * The body to send (create, or PATCH with every field), or the errors to show next to the fields.
 * Only the conditions the rule's kind uses are sent; an empty optional field is left out.
 */
export function ruleBodyFromForm(form: RuleForm): { body: AlertRuleCreate; errors: RuleErrors } {
  const errors: RuleErrors = {}
  const kind = templateKind(form.template)
  const conditions: Record<string, unknown> = {}
  const put = (key: string, value: unknown) => {
    if (value !== undefined) conditions[key] = value
  }
  if (!form.name.trim()) errors.name = 'Give the rule a name'

  if (kind === 'species') {
    if (form.species.length === 0 && form.groups.length === 0) errors.species = 'Choose at least one species or group'
    if (form.species.length) put('species', form.species)
    if (form.groups.length) put('groups', form.groups)
    put('min_confidence', numberField(form, 'min_confidence', errors, { low: 0, high: 1, label: 'Confidence' }))
    put('min_count', numberField(form, 'min_count', errors, { low: 1, high: 10_000, whole: true, label: 'Count' }))
    if (form.verified_only) put('verified_only', true)
    const start = form.time_start.trim()
    const end = form.time_end.trim()
    if (start && !HHMM.test(start)) errors.time_start = 'A time of day as HH:MM'
    if (end && !HHMM.test(end)) errors.time_end = 'A time of day as HH:MM'
    if (!errors.time_start && !errors.time_end) {
      if (Boolean(start) !== Boolean(end)) errors.time_end = 'Give both the start and the end, or neither'
      else if (start && end <= start) errors.time_end = 'The window ends before it starts (use two rules across midnight)'
    }
    if (start) put('time_start', start)
    if (end) put('time_end', end)
    if (form.days.length && form.days.length < 7) put('days', DAYS.filter((d) => form.days.includes(d)))
    put('first_sighting_days', numberField(form, 'first_sighting_days', errors, { low: 1, high: 3650, whole: true, label: 'Days' }))
    if (form.where === 'area' && !form.area) errors.area = 'Draw the area on the map: click at least three corners, then close it'
  } else if (kind === 'camera_health') {
    put('battery_below', numberField(form, 'battery_below', errors, { low: 0, high: 100, label: 'Battery' }))
    put('sd_above', numberField(form, 'sd_above', errors, { low: 0, high: 100, label: 'SD card' }))
    put('temperature_min', numberField(form, 'temperature_min', errors, { low: -90, high: 90, label: 'Temperature' }))
    put('temperature_max', numberField(form, 'temperature_max', errors, { low: -90, high: 90, label: 'Temperature' }))
    const health = ['battery_below', 'sd_above', 'temperature_min', 'temperature_max']
    if (!health.some((k) => k in conditions) && !health.some((k) => errors[k])) {
      errors[form.template === 'sd_full' ? 'sd_above' : 'battery_below'] = 'Set a battery level, an SD card level or a temperature range'
    }
    const low = conditions.temperature_min as number | undefined
    const high = conditions.temperature_max as number | undefined
    if (low !== undefined && high !== undefined && high <= low) errors.temperature_max = 'Must be above the minimum'
  } else {
    const hours = numberField(form, 'silent_hours', errors, { low: 0.1, high: 24 * 365, label: 'Hours' })
    if (hours === undefined && !errors.silent_hours) errors.silent_hours = 'How many hours without a photo or report'
    put('silent_hours', hours)
  }
  if (form.where === 'cameras' && form.camera_ids.length) put('camera_ids', form.camera_ids)

  const cooldown = form.cooldown_minutes.trim() === '' ? 0 : Number(form.cooldown_minutes)
  if (!Number.isInteger(cooldown) || cooldown < 0) errors.cooldown_minutes = 'Minutes: a whole number, 0 or more'
  const digest = form.digest_time.trim()
  if (form.mode === 'digest_daily' && !HHMM.test(digest)) errors.digest_time = 'The time of the daily digest, as HH:MM'

  const body: AlertRuleCreate = {
    name: form.name.trim(),
    kind,
    enabled: form.enabled,
    conditions,
    area: kind === 'species' && form.where === 'area' ? form.area : null,
    cooldown_minutes: cooldown,
    mode: form.mode,
    digest_time: form.mode === 'digest_daily' ? digest : null,
    timezone: form.timezone,
    channel_ids: form.channel_ids,
  }
  return { body, errors }
}

/** One line saying what a rule watches for, for the rules list. */
export function ruleSummary(rule: Pick<AlertRule, 'kind' | 'conditions' | 'area'>): string {
  const c = (rule.conditions ?? {}) as Record<string, unknown>
  if (rule.kind === 'camera_silent') return `No photo or report for ${text(c.silent_hours)} h`
  if (rule.kind === 'camera_health') {
    const parts = []
    if (c.battery_below != null) parts.push(`battery below ${text(c.battery_below)}%`)
    if (c.sd_above != null) parts.push(`SD card above ${text(c.sd_above)}%`)
    if (c.temperature_min != null || c.temperature_max != null) {
      parts.push(`temperature outside ${text(c.temperature_min ?? '−∞')}…${text(c.temperature_max ?? '∞')} °C`)
    }
    const sentence = parts.join(', ')
    return sentence.charAt(0).toUpperCase() + sentence.slice(1)
  }
  const names = [...list<string>(c.groups), ...list<string>(c.species)]
  const cameras = list(c.camera_ids).length
  const where = rule.area ? 'in the drawn area' : cameras ? `at ${plural(cameras, 'camera')}` : 'at any camera'
  const count = Number(c.min_count ?? 1) > 1 ? `${text(c.min_count)}+ × ` : ''
  return `${count}${names.join(', ') || 'species'} ${where}`
}
