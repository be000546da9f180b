import { describe, expect, it } from 'vitest'
import { ApiError } from '@/lib/api/errors'
import { fieldErrors } from './field-errors'

describe("the API's 422 next to the fields", () => {
  it('maps FastAPI locations inside conditions and settings to the field, joining repeats', () => {
    const error = new ApiError(422, [
      { loc: ['body', 'conditions', 'species'], msg: "unknown species 'unicorn'" },
      { loc: ['body', 'conditions', 'species'], msg: "unknown species 'yeti'" },
      { loc: ['body', 'cooldown_minutes'], msg: 'Input should be greater than or equal to 0' },
      { loc: ['body', 'secrets', 'bot_token'], msg: 'is required' },
      { loc: ['body', 'conditions'], msg: 'a camera health rule needs battery_below' },
    ])
    expect(fieldErrors(error, ['species', 'cooldown_minutes', 'secrets.bot_token'])).toEqual({
      fields: {
        species: "unknown species 'unicorn'; unknown species 'yeti'",
        cooldown_minutes: 'Input should be greater than or equal to 0',
        'secrets.bot_token': 'is required',
      },
      other: ['a camera health rule needs battery_below'],
    })
  })

  it('reads the {field, message} shape as well, and keeps other errors as one message', () => {
    expect(fieldErrors(new ApiError(422, [{ field: 'settings.url', message: 'not an http(s) URL' }]), ['url']).fields).toEqual({ url: 'not an http(s) URL' })
    expect(fieldErrors(new ApiError(409, 'A rule with this name exists'), ['name'])).toEqual({ fields: {}, other: ['A rule with this name exists'] })
    expect(fieldErrors(new Error('offline'), [])).toEqual({ fields: {}, other: ['offline'] })
  })
})
