import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { parseFilters, serializeFilters, updateFilters, type ImageFilters } from '@/lib/filters'

/** The gallery filters, read from and written to the URL. */
export function useImageFilters(): [ImageFilters, (change: Partial<ImageFilters>, options?: { replace?: boolean }) => void, () => void] {
  const [params, setParams] = useSearchParams()
  const key = params.toString()
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const filters = useMemo(() => parseFilters(params), [key])
  const setFilters = useCallback(
    (change: Partial<ImageFilters>, options?: { replace?: boolean }) => {
      setParams(serializeFilters(updateFilters(filters, change)), { replace: options?.replace })
    },
    [filters, setParams],
  )
  const reset = useCallback(() => {
    setParams(serializeFilters({ sort: filters.sort, order: filters.order, limit: filters.limit }))
  }, [filters, setParams])
  return [filters, setFilters, reset]
}
