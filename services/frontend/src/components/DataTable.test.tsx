import { fireEvent, render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { DataTable, type DataTableQuery } from './DataTable'

const query = (over: Partial<DataTableQuery>): DataTableQuery => ({ isError: false, isLoading: false, error: null, refetch: () => {}, ...over })

describe('DataTable', () => {
  it('shows the error with a retry that refetches instead of the table', () => {
    const refetch = vi.fn()
    render(
      <DataTable label="Users" headings={['User']} query={query({ isError: true, error: new Error('boom'), refetch })} errorTitle="Could not load users">
        <tr />
      </DataTable>,
    )
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByText('Could not load users')).toBeInTheDocument()
    expect(screen.getByText('boom')).toBeInTheDocument()
    fireEvent.click(screen.getByRole('button', { name: /retry|try again/i }))
    expect(refetch).toHaveBeenCalledTimes(1)
  })

  it('titles the error after its label unless told otherwise', () => {
    render(
      <DataTable label="Alert channels" headings={['Channel']} query={query({ isError: true, error: new Error('boom') })}>
        <tr />
      </DataTable>,
    )
    expect(screen.getByText('Could not load the alert channels')).toBeInTheDocument()
  })

  it('spans loading rows over every column, the actions column included unless turned off', () => {
    const { container, rerender } = render(
      <DataTable label="Users" headings={['User', { label: 'Role', className: 'w-44' }]} query={query({ isLoading: true })} errorTitle="x" loadingRows={3}>
        {null}
      </DataTable>,
    )
    expect(screen.getByRole('table', { name: 'Users' })).toBeInTheDocument()
    expect(screen.getByRole('columnheader', { name: 'Role' })).toHaveClass('table-head', 'w-44')
    expect(screen.getByRole('columnheader', { name: 'Actions' })).toBeInTheDocument()
    const cells = container.querySelectorAll('tbody td')
    expect(cells).toHaveLength(3)
    expect(cells[0]).toHaveAttribute('colspan', '3')
    rerender(
      <DataTable label="Users" headings={['User', 'Role']} query={query({ isLoading: true })} errorTitle="x" actions={false}>
        {null}
      </DataTable>,
    )
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull()
    expect(container.querySelector('tbody td')).toHaveAttribute('colspan', '2')
  })
})
