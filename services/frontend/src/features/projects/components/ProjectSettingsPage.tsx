import { useEffect, useState, type FormEvent } from 'react'
import { Archive, ArchiveRestore, Save } from 'lucide-react'
import { Badge } from '@/components/Badge'
import { Button } from '@/components/Button'
import { Card } from '@/components/Card'
import { SelectField, TextAreaField, TextField } from '@/components/Field'
import { PageHeader } from '@/components/PageHeader'
import { useToast } from '@/components/Toasts'
import type { Project } from '@/lib/api/types'
import { useProjectContext } from '@/lib/project'
import { useArchiveProject, useUpdateProject } from '../api/projects'
import { formFromProject, settingsFromForm, timeZones, type SettingsForm } from '../settings-form'
import { MembersCard } from './MembersCard'
import { ProjectTabs } from './ProjectTabs'

export default function ProjectSettingsPage() {
  const { project } = useProjectContext()
  useEffect(() => {
    if (project) document.title = `${project.name} settings · AddaxAI Connect`
  }, [project])
  if (!project) return null
  const isAdmin = project.role === 'admin'
  return (
    <div>
      <PageHeader
        title={
          <span className="inline-flex flex-wrap items-center gap-3">
            {project.name}
            {project.archived_at && <Badge tone="amber">Archived</Badge>}
          </span>
        }
        description={
          isAdmin ? 'Settings and members of this project.' : 'Settings of this project (only its admins can change them).'
        }
        actions={isAdmin ? <ArchiveButton project={project} /> : undefined}
      />
      <ProjectTabs />
      <div className="grid gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        {/* A new form per project (and per saved version), so switching never keeps another project's edits. */}
        <SettingsCard key={`${project.slug}:${project.name}`} project={project} readOnly={!isAdmin} />
        {isAdmin && <MembersCard slug={project.slug} />}
      </div>
    </div>
  )
}

function ArchiveButton({ project }: { project: Project }) {
  const archive = useArchiveProject()
  const { push } = useToast()
  const archived = Boolean(project.archived_at)
  return (
    <Button
      loading={archive.isPending}
      icon={archived ? <ArchiveRestore className="h-4 w-4" aria-hidden /> : <Archive className="h-4 w-4" aria-hidden />}
      onClick={() =>
        archive.mutate(
          { slug: project.slug, archived: !archived },
          {
            onSuccess: () => push({ title: archived ? `${project.name} is active again` : `${project.name} archived`, tone: 'success' }),
            onError: (e) => push({ title: 'Not changed', description: e.message, tone: 'error' }),
          },
        )
      }
    >
      {archived ? 'Unarchive project' : 'Archive project'}
    </Button>
  )
}

function SettingsCard({ project, readOnly }: { project: Project; readOnly: boolean }) {
  const [form, setForm] = useState<SettingsForm>(() => formFromProject(project))
  const [errors, setErrors] = useState<ReturnType<typeof settingsFromForm>['errors']>({})
  const update = useUpdateProject(project.slug)
  const { push } = useToast()
  const zones = timeZones(project.timezone)
  const field = (key: keyof SettingsForm) => ({
    value: form[key],
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value })),
    error: errors[key],
  })

  const submit = (e: FormEvent) => {
    e.preventDefault()
    const { update: body, errors: found } = settingsFromForm(form)
    setErrors(found)
    if (Object.keys(found).length) return
    update.mutate(body, {
      onSuccess: () => push({ title: 'Project settings saved', tone: 'success' }),
      onError: (err) => push({ title: 'Settings not saved', description: err.message, tone: 'error' }),
    })
  }

  return (
    <Card className="p-5">
      <h2 className="mb-4 text-base font-semibold text-stone-900">Settings</h2>
      <form onSubmit={submit} noValidate aria-label="Project settings">
        <fieldset disabled={readOnly || update.isPending} className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" className="sm:col-span-2" required maxLength={200} {...field('name')} />
          <div className="sm:col-span-2">
            <TextAreaField label="Description" value={form.description} onChange={(v) => setForm((f) => ({ ...f, description: v }))} />
          </div>
          <SelectField
            label="Time zone"
            className="sm:col-span-2"
            value={form.timezone}
            onChange={(e) => setForm((f) => ({ ...f, timezone: e.target.value }))}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </SelectField>
          <TextField
            label="Independence interval (minutes)"
            type="number"
            inputMode="numeric"
            min={0}
            hint="Photos of one species at one deployment at most this long after the previous one are one independent event (relative abundance, activity)."
            {...field('independence_interval_minutes')}
          />
          <TextField
            label="Sequence gap (seconds)"
            type="number"
            inputMode="numeric"
            min={0}
            hint="Photos of one camera at most this long after the previous one form one sequence (one card in the gallery)."
            {...field('sequence_gap_seconds')}
          />
          {(['detection', 'classification'] as const).map((kind) => (
            <TextField
              key={kind}
              label={`${kind === 'detection' ? 'Detection' : 'Classification'} threshold`}
              type="number"
              inputMode="decimal"
              step="0.01"
              min={0}
              max={1}
              placeholder="Server default"
              {...field(`${kind}_threshold`)}
            />
          ))}
          <div className="sm:col-span-2">
            <TextAreaField
              label="Allowed species"
              rows={5}
              value={form.allowed_species}
              onChange={(v) => setForm((f) => ({ ...f, allowed_species: v }))}
              hint="One species per line (or a genus, family, order: the classifier's names at any rank). Leave empty to allow every species the model knows."
            />
          </div>
          <TextField
            label="Geofence countries"
            className="sm:col-span-2"
            placeholder="e.g. FRA, CHE"
            hint="Three-letter ISO codes of the countries your cameras are in. Species the classifier's range map places elsewhere are never suggested. Leave empty for no country geofence."
            {...field('geofence_countries')}
          />
        </fieldset>
        {!readOnly && (
          <div className="mt-5 flex justify-end">
            <Button type="submit" variant="primary" loading={update.isPending} icon={<Save className="h-4 w-4" aria-hidden />}>
              Save settings
            </Button>
          </div>
        )}
      </form>
    </Card>
  )
}
