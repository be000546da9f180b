import { useEffect, useState, type FormEvent } from 'react'
import { Link } from 'react-router'
import { Archive, ArchiveRestore, FolderPlus } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { Button } from '@/components/Button'
import { Card } from '@/components/Card'
import { DataTable } from '@/components/DataTable'
import { SelectField, TextField } from '@/components/Field'
import { PageHeader } from '@/components/PageHeader'
import { useToast } from '@/components/Toasts'
import { formatDate } from '@/lib/format'
import { projectPath, slugify, useProjects } from '@/lib/project'
import { timeZones, useArchiveProject, useCreateProject } from '@/features/projects'
import { AdminTabs } from './AdminTabs'

/** Every project on the server (server admins see all): create, archive and unarchive. */
export default function ProjectsPage() {
  const projects = useProjects()
  const archive = useArchiveProject()
  const { push } = useToast()
  useEffect(() => {
    document.title = 'Projects · AddaxAI Connect'
  }, [])

  return (
    <div>
      <PageHeader title="Administration" description="Studies with their own cameras, members and settings." />
      <AdminTabs />
      <CreateProjectCard />
      <DataTable
        label="Projects"
        headings={['Project', 'Time zone', 'Created', 'Status']}
        query={projects}
        tableClassName="min-w-[640px]"
      >
        {projects.data?.map((p) => (
          <tr key={p.slug} data-testid="project-row" data-slug={p.slug}>
            <td className="table-cell">
              <Link to={projectPath(p.slug, '/settings')} className="font-medium text-forest-800 hover:underline">
                {p.name}
              </Link>
              <p className="text-xs text-stone-500">{p.slug}</p>
            </td>
            <td className="table-cell text-stone-600">{p.timezone}</td>
            <td className="table-cell text-stone-500">{formatDate(p.created_at)}</td>
            <td className="table-cell">
              {p.archived_at ? <Badge tone="amber">Archived</Badge> : <Badge tone="green" dot>Active</Badge>}
            </td>
            <td className="table-cell text-right">
              <Button
                size="sm"
                variant="ghost"
                disabled={archive.isPending}
                icon={p.archived_at ? <ArchiveRestore className="h-4 w-4" aria-hidden /> : <Archive className="h-4 w-4" aria-hidden />}
                onClick={() =>
                  archive.mutate(
                    { slug: p.slug, archived: !p.archived_at },
                    {
                      onSuccess: () => push({ title: p.archived_at ? `${p.name} unarchived` : `${p.name} archived`, tone: 'success' }),
                      onError: (e) => push({ title: 'Not changed', description: e.message, tone: 'error' }),
                    },
                  )
                }
              >
                {p.archived_at ? `Unarchive ${p.name}` : `Archive ${p.name}`}
              </Button>
            </td>
          </tr>
        ))}
      </DataTable>
    </div>
  )
}

function CreateProjectCard() {
  const create = useCreateProject()
  const { push } = useToast()
  const [name, setName] = useState('')
  const [slug, setSlug] = useState('')
  const [slugEdited, setSlugEdited] = useState(false)
  const [timezone, setTimezone] = useState('UTC')
  const effectiveSlug = slugEdited ? slug : slugify(name)

  const submit = (e: FormEvent) => {
    e.preventDefault()
    create.mutate(
      { name: name.trim(), slug: effectiveSlug, timezone },
      {
        onSuccess: (p) => {
          push({ title: `Project ${p.name} created`, description: 'You are its admin; add members in its settings.', tone: 'success' })
          setName('')
          setSlug('')
          setSlugEdited(false)
        },
      },
    )
  }

  return (
    <Card className="mb-6 p-5">
      <h2 className="mb-3 text-base font-semibold text-stone-900">New project</h2>
      <form onSubmit={submit} className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-[2fr_2fr_2fr_auto]" aria-label="New project">
        <TextField label="Name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
        <TextField
          label="Slug (in the URL)"
          required
          maxLength={64}
          value={effectiveSlug}
          error={create.error?.message}
          onChange={(e) => {
            setSlugEdited(true)
            setSlug(e.target.value)
          }}
        />
        <SelectField label="Time zone" value={timezone} onChange={(e) => setTimezone(e.target.value)}>
          {timeZones(timezone).map((z) => (
            <option key={z} value={z}>
              {z}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="primary" className="lg:mt-6" loading={create.isPending} icon={<FolderPlus className="h-4 w-4" aria-hidden />}>
          Create
        </Button>
      </form>
    </Card>
  )
}
