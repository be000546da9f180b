/**
 * What each channel kind asks for (settings and write-only secrets), following the channel classes in
 * services/alerts/addax_alerts/channels/, and the form ↔ API body conversion.
 */
import type { AlertChannel, AlertChannelCreate } from '@/lib/api/types'

export type ChannelKind = 'email' | 'signal' | 'whatsapp' | 'telegram' | 'earthranger' | 'webhook'

export interface SettingField {
  key: string
  label: string
  type?: 'text' | 'url' | 'number' | 'select' | 'list'
  required?: boolean
  placeholder?: string
  hint?: string
  options?: { value: string; label: string }[]
}

export interface KindMeta {
  label: string
  description: string
  fields: SettingField[]
  secrets: { key: string; label: string; required?: boolean; hint?: string }[]
}

const recipients = (what: string, placeholder: string): SettingField => ({
  key: 'recipients',
  label: 'Recipients',
  type: 'list',
  required: true,
  placeholder,
  hint: `One ${what} per line.`,
})

export const CHANNEL_KINDS: Record<ChannelKind, KindMeta> = {
  email: {
    label: 'E-mail',
    description: 'SMTP with STARTTLS or TLS; the photo inline or attached.',
    fields: [
      { key: 'host', label: 'SMTP server', required: true, placeholder: 'smtp.example.org' },
      { key: 'port', label: 'Port', type: 'number', placeholder: '587' },
      {
        key: 'security',
        label: 'Security',
        type: 'select',
        options: [
          { value: 'starttls', label: 'STARTTLS (port 587)' },
          { value: 'tls', label: 'TLS (port 465)' },
          { value: 'none', label: 'None (local relay only)' },
        ],
      },
      { key: 'username', label: 'User name', hint: 'Leave empty when the server needs no login.' },
      { key: 'from_address', label: 'From address', required: true, placeholder: 'alerts@example.org' },
      recipients('e-mail address', 'ranger@example.org'),
      {
        key: 'thumbnail',
        label: 'Photo',
        type: 'select',
        options: [
          { value: 'inline', label: 'In the message' },
          { value: 'attachment', label: 'As an attachment' },
          { value: 'none', label: 'No photo' },
        ],
      },
    ],
    secrets: [{ key: 'password', label: 'SMTP password' }],
  },
  signal: {
    label: 'Signal',
    description: 'Through a signal-cli REST API server.',
    fields: [
      { key: 'base_url', label: 'signal-cli REST API', type: 'url', required: true, placeholder: 'http://signal-api:8080' },
      { key: 'number', label: 'Registered number', required: true, placeholder: '+31612345678' },
      recipients('phone number', '+31687654321'),
    ],
    secrets: [{ key: 'api_token', label: 'API token', hint: 'Only when a proxy in front of signal-cli asks for one.' }],
  },
  whatsapp: {
    label: 'WhatsApp',
    description: 'The WhatsApp Cloud API (Meta).',
    fields: [
      { key: 'phone_number_id', label: 'Phone number ID', required: true },
      { key: 'api_version', label: 'API version', placeholder: 'v21.0' },
      { key: 'template', label: 'Message template', hint: 'An approved template; without one a text message goes (only inside 24 h of a reply).' },
      { key: 'template_language', label: 'Template language', placeholder: 'en' },
      { key: 'base_url', label: 'API address', type: 'url', placeholder: 'https://graph.facebook.com' },
      recipients('phone number', '+31687654321'),
    ],
    secrets: [{ key: 'access_token', label: 'Access token', required: true }],
  },
  telegram: {
    label: 'Telegram',
    description: 'A Telegram bot posts the photo with a caption.',
    fields: [
      recipients('chat id (a number or @channelname)', '-1001234567890'),
      { key: 'base_url', label: 'Bot API address', type: 'url', placeholder: 'https://api.telegram.org' },
    ],
    secrets: [{ key: 'bot_token', label: 'Bot token', required: true }],
  },
  earthranger: {
    label: 'EarthRanger',
    description: 'An event with species, time and location in EarthRanger.',
    fields: [
      { key: 'base_url', label: 'EarthRanger site', type: 'url', required: true, placeholder: 'https://yourpark.pamdas.org' },
      { key: 'event_type', label: 'Event type', placeholder: 'wildlife_sighting_rep' },
      {
        key: 'priority',
        label: 'Priority',
        type: 'select',
        options: [
          { value: '0', label: 'Gray (0)' },
          { value: '100', label: 'Green (100)' },
          { value: '200', label: 'Amber (200)' },
          { value: '300', label: 'Red (300)' },
        ],
      },
    ],
    secrets: [{ key: 'token', label: 'API token', required: true }],
  },
  webhook: {
    label: 'Webhook',
    description: 'A signed JSON POST to any HTTP(S) address.',
    fields: [{ key: 'url', label: 'URL', type: 'url', required: true, placeholder: 'https://example.org/hooks/addax' }],
    secrets: [
      {
        key: 'signing_secret',
        label: 'Signing secret',
        required: true,
        hint: 'Signs each request (X-Addax-Signature: HMAC-SHA256 over timestamp and body).',
      },
    ],
  },
}

export const CHANNEL_KIND_IDS = Object.keys(CHANNEL_KINDS) as ChannelKind[]

export interface ChannelForm {
  kind: ChannelKind
  name: string
  enabled: boolean
  /** Every setting as typed; lists one item per line. */
  settings: Record<string, string>
  /** Secrets typed in this form; an empty one keeps the stored value. */
  secrets: Record<string, string>
}

export function newChannelForm(kind: ChannelKind): ChannelForm {
  const settings: Record<string, string> = {}
  for (const f of CHANNEL_KINDS[kind].fields) settings[f.key] = f.type === 'select' ? (f.options?.[0]?.value ?? '') : ''
  if (kind === 'earthranger') settings.priority = '200'
  return { kind, name: '', enabled: true, settings, secrets: {} }
}

export function formFromChannel(channel: AlertChannel): ChannelForm {
  const kind = channel.kind as ChannelKind
  const form = newChannelForm(kind)
  const stored = (channel.settings ?? {}) as Record<string, unknown>
  for (const f of CHANNEL_KINDS[kind].fields) {
    const value = stored[f.key]
    if (value === undefined || value === null) continue
    form.settings[f.key] = Array.isArray(value) ? value.join('\n') : String(value)
  }
  return { ...form, name: channel.name, enabled: channel.enabled }
}

export type ChannelErrors = Partial<Record<string, string>>

/**
 * The body for the API, or the errors to show. `stored` names the secrets already set (editing):
 * a required secret must be typed only when it is not set yet.
 */
export function channelBodyFromForm(form: ChannelForm, stored: string[] = []): { body: AlertChannelCreate; errors: ChannelErrors } {
  const meta = CHANNEL_KINDS[form.kind]
  const errors: ChannelErrors = {}
  const settings: Record<string, unknown> = {}
  if (!form.name.trim()) errors.name = 'Give the channel a name'
  for (const f of meta.fields) {
    const raw = (form.settings[f.key] ?? '').trim()
    if (!raw) {
      if (f.required) errors[f.key] = f.type === 'list' ? 'Give at least one' : 'Required'
      continue
    }
    if (f.type === 'list') settings[f.key] = Array.from(new Set(raw.split(/[\n,;]/).map((s) => s.trim()).filter(Boolean)))
    else if (f.type === 'number' || f.key === 'priority') {
      const n = Number(raw)
      if (!Number.isInteger(n)) errors[f.key] = 'A whole number'
      settings[f.key] = n
    } else if (f.type === 'url' && !/^https?:\/\/[^\s/]+/i.test(raw)) {
      errors[f.key] = 'An http:// or https:// address'
      settings[f.key] = raw
    } else settings[f.key] = raw
  }
  const secrets: Record<string, string> = {}
  for (const s of meta.secrets) {
    const typed = (form.secrets[s.key] ?? '').trim()
    if (typed) secrets[s.key] = typed
    else if (s.required && !stored.includes(s.key)) errors[`secrets.${s.key}`] = 'Required'
  }
  return { body: { kind: form.kind, name: form.name.trim(), enabled: form.enabled, settings, secrets }, errors }
}
