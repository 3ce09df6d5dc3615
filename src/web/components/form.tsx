// Form pieces shared by every page form: labelled fields with their messages beside them.
import type { ErrorFields } from '../../http/errors.ts'

type TextFieldProps = {
  name: string
  label: string
  type?: 'text' | 'email' | 'password' | 'url'
  value?: string | undefined
  errors?: string[] | undefined
  hint?: string
  autocomplete?: string
  required?: boolean
  maxLength?: number
}

export function TextField({ name, label, type = 'text', value, errors, hint, autocomplete, required, maxLength }: TextFieldProps) {
  const describedBy = [errors?.length ? `${name}-error` : '', hint ? `${name}-hint` : ''].filter(Boolean).join(' ') || undefined
  return (
    <div class={errors?.length ? 'field field--invalid' : 'field'}>
      <label for={name}>{label}</label>
      <input
        id={name}
        name={name}
        type={type as 'text'}
        value={type === 'password' ? undefined : value}
        autocomplete={autocomplete}
        required={required}
        maxLength={maxLength}
        aria-invalid={errors?.length ? 'true' : undefined}
        aria-describedby={describedBy}
      />
      {hint && <p class="field__hint" id={`${name}-hint`}>{hint}</p>}
      {errors?.length ? <p class="field__error" id={`${name}-error`}>{sentence(name, errors)}</p> : null}
    </div>
  )
}

/** Messages that belong to no single field (e.g. wrong email or password). */
export function FieldErrors({ errors, fields }: { errors: ErrorFields; fields: string[] }) {
  const messages = fields.flatMap((field) => (errors[field] ?? []).map((message) => sentence(field, [message])))
  if (!messages.length) return null
  return (
    <div class="form-alert" role="alert">
      {messages.map((message) => <p>{message}</p>)}
    </div>
  )
}

const labels: Record<string, string> = { credentials: 'Email or password', tagList: 'Tags', body: 'Story', currentPassword: 'Current password' }

/** RealWorld's terse "can't be blank" read as a sentence: "Title can't be blank." */
export function sentence(field: string, messages: string[]): string {
  const label = labels[field] ?? field.charAt(0).toUpperCase() + field.slice(1)
  return `${label} ${messages.join(' and ')}.`
}
