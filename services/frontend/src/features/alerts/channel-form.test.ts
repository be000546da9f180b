import { describe, expect, it } from 'vitest'
import type { AlertChannel } from '@/lib/api/types'
import { channelBodyFromForm, formFromChannel, newChannelForm } from './channel-form'

describe('channel settings form', () => {
  it('builds an e-mail channel: numbers as numbers, recipients as a de-duplicated list', () => {
    const form = newChannelForm('email')
    form.name = 'Rangers'
    Object.assign(form.settings, { host: 'smtp.example.org', port: '587', from_address: 'alerts@example.org', recipients: 'a@example.org\nb@example.org, a@example.org' })
    form.secrets.password = 'hunter2'
    const { body, errors } = channelBodyFromForm(form)
    expect(errors).toEqual({})
    expect(body).toEqual({
      kind: 'email',
      name: 'Rangers',
      enabled: true,
      settings: { host: 'smtp.example.org', port: 587, security: 'starttls', from_address: 'alerts@example.org', recipients: ['a@example.org', 'b@example.org'], thumbnail: 'inline' },
      secrets: { password: 'hunter2' },
    })
  })

  it('asks for a required secret only until it is set, and never sends an empty one', () => {
    const form = { ...newChannelForm('webhook'), name: 'Hook' }
    form.settings.url = 'http://127.0.0.1:9/hook'
    expect(channelBodyFromForm(form).errors).toEqual({ 'secrets.signing_secret': 'Required' })
    const { body, errors } = channelBodyFromForm(form, ['signing_secret'])
    expect(errors).toEqual({})
    expect(body.secrets).toEqual({})
  })

  it('flags a malformed URL and missing recipients', () => {
    const form = { ...newChannelForm('signal'), name: 'S' }
    form.settings.base_url = 'signal-api:8080'
    form.settings.number = '+31612345678'
    const { errors } = channelBodyFromForm(form)
    expect(errors.base_url).toMatch(/http/)
    expect(errors.recipients).toBeTruthy()
  })

  it('edits a stored channel: lists one per line, priority as text', () => {
    const channel: AlertChannel = {
      id: 1, kind: 'earthranger', name: 'ER', settings: { base_url: 'https://park.pamdas.org', priority: 300 },
      secret_fields: ['token'], enabled: false, created_at: '2026-01-01T00:00:00Z', updated_at: null,
    }
    const form = formFromChannel(channel)
    expect(form).toMatchObject({ name: 'ER', enabled: false, settings: { base_url: 'https://park.pamdas.org', priority: '300' } })
    expect(channelBodyFromForm(form, channel.secret_fields).body.settings).toEqual({ base_url: 'https://park.pamdas.org', priority: 300 })
    const telegram = formFromChannel({ ...channel, kind: 'telegram', settings: { recipients: ['-100', '@park'] } })
    expect(telegram.settings.recipients).toBe('-100\n@park')
  })
})
