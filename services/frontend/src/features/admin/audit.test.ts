import { describe, expect, it } from 'vitest'
import { describeDetails } from './components/AuditLogPage'

describe('describeDetails', () => {
  it('reads like a sentence', () => {
    expect(describeDetails({ email: 'a@b.org', role: 'analyst' })).toBe('email: a@b.org · role: analyst')
    expect(describeDetails({ email: 'a@b.org', changes: { role: ['analyst', 'viewer'] } })).toBe('email: a@b.org · role: analyst → viewer')
    expect(describeDetails({ note: null, from: 'unreviewed', to: 'approved' })).toBe('from: unreviewed · to: approved')
    expect(describeDetails({})).toBe('')
  })
})
