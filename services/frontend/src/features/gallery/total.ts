import { formatNumber } from '@/lib/format'

/** An image list's total as the gallery shows it: "10,000+" when the API stopped counting (total_exact false). */
export function formatTotal(page: { total: number; total_exact?: boolean }): string {
  return `${formatNumber(page.total)}${page.total_exact === false ? '+' : ''}`
}
