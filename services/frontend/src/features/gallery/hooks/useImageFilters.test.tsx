import { act, renderHook } from '@testing-library/react'
import type { ReactNode } from 'react'
import { createMemoryRouter, RouterProvider, useLocation } from 'react-router'
import { describe, expect, it } from 'vitest'
import { useImageFilters } from './useImageFilters'

function setup(initial: string) {
  let location = ''
  const result: { current: ReturnType<typeof useImageFilters> | null } = { current: null }
  function Probe() {
    result.current = useImageFilters()
    location = useLocation().search
    return null
  }
  const router = createMemoryRouter([{ path: '/gallery', element: <Probe /> }], { initialEntries: [`/gallery${initial}`] })
  const wrapper = ({ children }: { children: ReactNode }) => (
    <>
      <RouterProvider router={router} />
      {children}
    </>
  )
  renderHook(() => null, { wrapper })
  return { result, location: () => location, router }
}

describe('useImageFilters', () => {
  it('reads the filters from the URL and writes changes back to it', () => {
    const { result, location } = setup('?camera_id=2&camera_id=9&page=3')
    expect(result.current![0].camera_id).toEqual([2, 9])
    expect(result.current![0].page).toBe(3)

    act(() => result.current![1]({ species: ['red fox', 'badger'] }))
    expect(location()).toBe('?camera_id=2&camera_id=9&species=red+fox&species=badger')
    expect(result.current![0].species).toEqual(['red fox', 'badger'])
    expect(result.current![0].page).toBe(1)
  })

  it('reset keeps sorting and page size but clears the filters', () => {
    const { result, location } = setup('?species=wolf&sort=confidence&limit=96&page=2')
    act(() => result.current![2]())
    expect(location()).toBe('?sort=confidence&limit=96')
  })

  it('the back button restores the previous filters', async () => {
    const { result, router } = setup('?species=wolf')
    act(() => result.current![1]({ species: ['badger'] }))
    expect(result.current![0].species).toEqual(['badger'])
    await act(() => router.navigate(-1))
    expect(result.current![0].species).toEqual(['wolf'])
  })
})
