import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { render, screen } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import type { Detection } from '@/lib/api/types'
import { DetectionList } from './DetectionList'

vi.mock('@/lib/models', async (original) => ({
  ...(await original<typeof import('@/lib/models')>()),
  useActiveModels: () => undefined,
}))

function detection(rank: string | null, label: string): Detection {
  return {
    id: 1, index: 0, category: 'animal', confidence: 0.9, bbox: [0.1, 0.1, 0.2, 0.2], model_name: 'md@5',
    crop_url: null, human_label: null, label,
    classifications: [
      { label, score: 0.8, rank: 1, model_name: 'speciesnet@4', source: 'machine', taxon_rank: rank, taxonomy: null },
      { label: 'red fox', score: 0.4, rank: 2, model_name: 'speciesnet@4', source: 'machine', taxon_rank: 'species', taxonomy: null },
    ],
  }
}

function show(d: Detection) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <DetectionList detections={[d]} highlighted={null} onHighlight={() => {}} canCorrect={false} labels={[]} hotkeys={[]}
        canAddLabels={false} onAddLabel={async () => {}} onCorrect={async () => {}} onUndo={() => {}} correcting={false} />
    </QueryClientProvider>,
  )
}

describe('DetectionList taxon rank', () => {
  it('says the rank a rolled-up answer was made at', () => {
    show(detection('family', 'canidae'))
    expect(screen.getByTestId('taxon-rank')).toHaveTextContent('family level')
  })

  it('says nothing for a species-level or untaxonomic answer', () => {
    show(detection('species', 'red fox'))
    expect(screen.queryByTestId('taxon-rank')).toBeNull()
  })
})
