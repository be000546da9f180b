import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format'
import { shownTime, uploadTime } from './capture-time'

const base = { received_at: '2024-05-02T20:00:00Z', uploaded_at: '2024-05-02T19:59:00Z' }

describe('the time shown for an image', () => {
  it('shows the capture time when the photo has one', () => {
    const shown = shownTime({ ...base, captured_at: '2024-05-01T06:00:00Z', capture_time_known: true })
    expect(shown).toEqual({
      known: true,
      at: '2024-05-01T06:00:00Z',
      text: formatDateTime('2024-05-01T06:00:00Z'),
      description: `Captured ${formatDateTime('2024-05-01T06:00:00Z')}`,
    })
  })

  it('labels the upload time as the upload time when the capture time is unknown', () => {
    const shown = shownTime({ ...base, captured_at: null, capture_time_known: false })
    expect(shown.known).toBe(false)
    expect(shown.at).toBe('2024-05-02T19:59:00Z')
    expect(shown.text).toBe(`Uploaded ${formatDateTime('2024-05-02T19:59:00Z')}`)
    expect(shown.description).toBe(`Capture time unknown — uploaded ${formatDateTime('2024-05-02T19:59:00Z')}`)
  })

  it('falls back to the receive time when no upload time was recorded', () => {
    expect(uploadTime({ received_at: '2024-05-02T20:00:00Z', uploaded_at: null })).toBe('2024-05-02T20:00:00Z')
    const shown = shownTime({ received_at: '2024-05-02T20:00:00Z', uploaded_at: null, captured_at: null, capture_time_known: false })
    expect(shown.at).toBe('2024-05-02T20:00:00Z')
  })
})
