import { Link } from 'react-router'
import { Compass } from 'lucide-react'
import { EmptyState } from '@/components/States'

export function NotFound() {
  return (
    <EmptyState
      icon={<Compass className="h-6 w-6" aria-hidden />}
      title="This trail ends here"
      headingLevel={1}
      description="The page you were looking for does not exist or has moved."
      action={
        <Link to="/gallery" className="text-sm font-semibold text-forest-700 hover:underline">
          Back to the gallery
        </Link>
      }
    />
  )
}
