// Starting a publication and running it: the settings form, the members with their roles and
// titles, invitations, and handing over ownership. Owners only; plain forms.
import type { ErrorFields } from '../http/errors.ts'
import type { MembershipRole } from '../db/schema.ts'
import { FieldErrors, TextField } from '../web/components/form.tsx'
import { Avatar, Layout, type ViewerSummary } from '../web/layout.tsx'
import { PublicationFrame, roleName, type HeaderState, type Member, type ShownPublication } from './views.tsx'

export type SettingsValues = { name: string; slug: string; tagline: string; description: string; logoUrl: string; accentColor: string; title: string }

const ROLES: MembershipRole[] = ['writer', 'editor', 'owner']

export function NewPublicationPage({ viewer, values, errors }: { viewer: ViewerSummary; values: SettingsValues; errors: ErrorFields }) {
  return (
    <Layout title="Start a publication · Ovation" viewer={viewer} path="/new-publication" width="narrow">
      <h1 class="page-title">Start a publication</h1>
      <p class="page-lede">A home for stories by several writers, with editors who review what is submitted.</p>
      <FieldErrors errors={errors} fields={['publication']} />
      <form method="post" action="/new-publication" class="form">
        <TextField name="name" label="Name" value={values.name} errors={errors.name} required maxLength={100} />
        <TextField name="slug" label="Address" value={values.slug} errors={errors.slug} required maxLength={60} hint="Your publication lives at /address: lowercase letters, digits and hyphens." />
        <TextField name="tagline" label="Tagline" value={values.tagline} errors={errors.tagline} maxLength={200} />
        <TextareaField name="description" label="About (shown on the about page)" value={values.description} errors={errors.description} />
        <TextField name="logoUrl" label="Logo URL" type="url" value={values.logoUrl} errors={errors.logoUrl} />
        <ColorField value={values.accentColor} errors={errors.accentColor} />
        <TextField name="title" label="Your title on the masthead" value={values.title} errors={errors.title} maxLength={100} hint="For example: Editor in Chief." />
        <button class="button button--accent" type="submit">Create publication</button>
      </form>
    </Layout>
  )
}

type SettingsProps = {
  publication: ShownPublication
  state: HeaderState
  values: Omit<SettingsValues, 'slug' | 'title'>
  members: Member[]
  invitations: { email: string | null; username: string | null; name: string | null; role: MembershipRole; title: string | null }[]
  viewerUsername: string
  errors: ErrorFields
  invite: { who: string; role: MembershipRole; title: string }
}

export function SettingsPage({ publication, state, values, members, invitations, viewerUsername, errors, invite }: SettingsProps) {
  const base = `/${publication.slug}`
  return (
    <PublicationFrame publication={publication} state={state} tab="settings" title={`Settings · ${publication.name}`}>
      <div class="publication-settings">
        <section aria-labelledby="settings-title">
          <h2 id="settings-title" class="section-title">Publication</h2>
          <form method="post" action={`${base}/settings`} class="form">
            <TextField name="name" label="Name" value={values.name} errors={errors.name} required maxLength={100} />
            <TextField name="tagline" label="Tagline" value={values.tagline} errors={errors.tagline} maxLength={200} />
            <TextareaField name="description" label="About" value={values.description} errors={errors.description} />
            <TextField name="logoUrl" label="Logo URL" type="url" value={values.logoUrl} errors={errors.logoUrl} />
            <ColorField value={values.accentColor} errors={errors.accentColor} />
            <button class="button button--accent" type="submit">Save settings</button>
          </form>
        </section>

        <section aria-labelledby="members-title">
          <h2 id="members-title" class="section-title">Members</h2>
          <FieldErrors errors={errors} fields={['member', 'role', 'username', 'email']} />
          <ul class="members">
            {members.map((member) => (
              <li class="members__item">
                <div class="members__who">
                  <Avatar name={member.name} image={member.image} size={32} />
                  <span><a href={`/@${member.username}`}>{member.name}</a> <span class="members__handle">@{member.username}</span></span>
                </div>
                <form method="post" action={`${base}/members/${member.username}`} class="members__form">
                  <label class="visually-hidden" for={`role-${member.username}`}>Role of {member.name}</label>
                  <RoleSelect id={`role-${member.username}`} value={member.role} />
                  <label class="visually-hidden" for={`title-${member.username}`}>Title of {member.name}</label>
                  <input id={`title-${member.username}`} name="title" value={member.title ?? ''} placeholder={roleName(member.role)} maxLength={100} />
                  <button class="button" type="submit">Save</button>
                </form>
                <div class="members__more">
                  {member.role !== 'owner' && (
                    <form method="post" action={`${base}/members/${member.username}/transfer`}><button class="link-button" type="submit">Make owner, and step down to editor</button></form>
                  )}
                  {member.username !== viewerUsername && (
                    <form method="post" action={`${base}/members/${member.username}/remove`}><button class="link-button link-button--danger" type="submit">Remove</button></form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section aria-labelledby="invite-title">
          <h2 id="invite-title" class="section-title">Invite someone</h2>
          <form method="post" action={`${base}/members`} class="form">
            <TextField name="who" label="Username or e-mail address" value={invite.who} errors={errors.who} required maxLength={320} />
            <div class="field">
              <label for="invite-role">Role</label>
              <RoleSelect id="invite-role" value={invite.role} />
            </div>
            <TextField name="title" label="Title on the masthead" value={invite.title} errors={errors.title} maxLength={100} hint="For example: U.S. Politics Editor." />
            <button class="button button--accent" type="submit">Send invitation</button>
          </form>
          {invitations.length > 0 && (
            <>
              <h3 class="publication-settings__subtitle">Waiting for an answer</h3>
              <ul class="desk-list">
                {invitations.map((invitation) => (
                  <li class="desk-list__item">
                    <span>{invitation.name ?? invitation.email} · {roleName(invitation.role)}{invitation.title ? `, ${invitation.title}` : ''}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      </div>
    </PublicationFrame>
  )
}

function RoleSelect({ id, value }: { id: string; value: MembershipRole }) {
  return (
    <select id={id} name="role">
      {ROLES.map((role) => <option value={role} selected={role === value}>{roleName(role)}</option>)}
    </select>
  )
}

function TextareaField({ name, label, value, errors }: { name: string; label: string; value: string; errors?: string[] | undefined }) {
  return (
    <div class={errors?.length ? 'field field--invalid' : 'field'}>
      <label for={name}>{label}</label>
      <textarea id={name} name={name} rows={5} maxLength={5000} aria-invalid={errors?.length ? 'true' : undefined}>{value}</textarea>
      {errors?.length ? <p class="field__error">{errors.join(', ')}</p> : null}
    </div>
  )
}

function ColorField({ value, errors }: { value: string; errors?: string[] | undefined }) {
  return (
    <div class={errors?.length ? 'field field--invalid' : 'field'}>
      <label for="accentColor">Accent colour</label>
      <input id="accentColor" name="accentColor" value={value} placeholder="#1a8917" pattern="#[0-9a-fA-F]{6}" maxLength={7} />
      <p class="field__hint">A colour like #1a8917 for the publication's buttons and links; empty for Ovation's green.</p>
      {errors?.length ? <p class="field__error">Accent colour {errors.join(', ')}.</p> : null}
    </div>
  )
}
