// NHS.UK form pieces that render the server's field errors, so forms work without JavaScript.
import type { ReactNode } from 'react';

export type FieldErrors = Record<string, string[] | null | undefined> | undefined;

/** Error summary at the top of a form: links to each field with an error. */
export function ErrorSummary({ errors, formError }: { errors?: FieldErrors; formError?: string | null }) {
  const entries = Object.entries(errors ?? {}).filter(
    (e): e is [string, string[]] => Array.isArray(e[1]) && e[1].length > 0 && e[0] !== '',
  );
  const formErrors = [formError, ...(errors?.[''] ?? [])].filter((m): m is string => !!m);
  if (entries.length === 0 && formErrors.length === 0) return null;
  return (
    <div className="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id="error-summary-title">
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {formErrors.map((message) => (
            <li key={message}>{message}</li>
          ))}
          {entries.map(([field, messages]) => (
            <li key={field}>
              <a href={`#${fieldId(field)}`}>{messages[0]}</a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export function fieldId(name: string) {
  return `field-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
}

function ErrorMessage({ id, messages }: { id: string; messages?: string[] | null }) {
  if (!messages || messages.length === 0) return null;
  return (
    <span className="nhsuk-error-message" id={id}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {messages[0]}
    </span>
  );
}

/** Id, error state and aria-describedby of a field, as every form piece works them out. */
function fieldState(props: { name: string; hint?: ReactNode; errors?: string[] | null }) {
  const id = fieldId(props.name);
  const hasError = !!props.errors?.length;
  const describedBy = [props.hint ? `${id}-hint` : null, hasError ? `${id}-error` : null].filter(Boolean).join(' ');
  return { id, hasError, describedBy };
}

/** The aria attributes of a labelled control: its hint and error, and whether it is invalid. */
function controlAria({ hasError, describedBy }: ReturnType<typeof fieldState>) {
  return { 'aria-describedby': describedBy || undefined, 'aria-invalid': hasError || undefined };
}

/** The NHS.UK form group, marked when its field has an error. */
function FormGroup({ hasError, children }: { hasError: boolean; children: ReactNode }) {
  return <div className={`nhsuk-form-group${hasError ? ' nhsuk-form-group--error' : ''}`}>{children}</div>;
}

/** The optional hint and the first error message, between a field's label (or legend) and its control. */
function HintAndError({ id, hint, errors }: { id: string; hint?: ReactNode; errors?: string[] | null }) {
  return (
    <>
      {hint ? (
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      <ErrorMessage id={`${id}-error`} messages={errors} />
    </>
  );
}

/** A form group with a label, the hint and error, then the control (`children`). */
function LabelledField({
  state,
  label,
  hint,
  errors,
  children,
}: {
  state: ReturnType<typeof fieldState>;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  children: ReactNode;
}) {
  return (
    <FormGroup hasError={state.hasError}>
      <label className="nhsuk-label" htmlFor={state.id}>
        {label}
      </label>
      <HintAndError id={state.id} hint={hint} errors={errors} />
      {children}
    </FormGroup>
  );
}

type InputProps = {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  defaultValue?: string;
  type?: string;
  autoComplete?: string;
  width?: 2 | 3 | 4 | 5 | 10 | 20 | 30;
  inputMode?: 'numeric' | 'email' | 'tel' | 'text';
  spellCheck?: boolean;
  required?: boolean;
  /** The id of a <datalist> of suggestions. */
  list?: string;
};

export function TextInput(props: InputProps) {
  const state = fieldState(props);
  return (
    <LabelledField state={state} label={props.label} hint={props.hint} errors={props.errors}>
      <input
        className={`nhsuk-input${props.width ? ` nhsuk-input--width-${props.width}` : ''}${state.hasError ? ' nhsuk-input--error' : ''}`}
        id={state.id}
        name={props.name}
        type={props.type ?? 'text'}
        defaultValue={props.defaultValue}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        spellCheck={props.spellCheck}
        list={props.list}
        {...controlAria(state)}
        aria-required={props.required || undefined}
      />
    </LabelledField>
  );
}

export function DateInput(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  defaultValue?: { day?: string; month?: string; year?: string };
}) {
  const id = fieldId(props.name);
  const hasError = !!props.errors?.length;
  const parts = [
    { key: 'day', label: 'Day', width: 2 },
    { key: 'month', label: 'Month', width: 2 },
    { key: 'year', label: 'Year', width: 4 },
  ] as const;
  return (
    <FormGroup hasError={hasError}>
      <fieldset className="nhsuk-fieldset" role="group" aria-describedby={`${id}-hint${hasError ? ` ${id}-error` : ''}`}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <div className="nhsuk-hint" id={`${id}-hint`}>
          {props.hint ?? 'For example, 15 3 1984'}
        </div>
        <ErrorMessage id={`${id}-error`} messages={props.errors} />
        <div className="nhsuk-date-input" id={id}>
          {parts.map((part) => (
            <div className="nhsuk-date-input__item" key={part.key}>
              <div className="nhsuk-form-group">
                <label className="nhsuk-label nhsuk-date-input__label" htmlFor={`${id}-${part.key}`}>
                  {part.label}
                </label>
                <input
                  className={`nhsuk-input nhsuk-date-input__input nhsuk-input--width-${part.width}${hasError ? ' nhsuk-input--error' : ''}`}
                  id={`${id}-${part.key}`}
                  name={`${props.name}.${part.key}`}
                  type="text"
                  inputMode="numeric"
                  defaultValue={props.defaultValue?.[part.key]}
                />
              </div>
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  );
}

export function Checkboxes(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  defaultValue?: string[];
  errors?: string[] | null;
}) {
  const id = fieldId(props.name);
  const hasError = !!props.errors?.length;
  return (
    <FormGroup hasError={hasError}>
      <fieldset className="nhsuk-fieldset" aria-describedby={props.hint ? `${id}-hint` : undefined}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{props.legend}</legend>
        <HintAndError id={id} hint={props.hint} errors={props.errors} />
        <div className="nhsuk-checkboxes" id={id}>
          {props.options.map((option) => (
            <div className="nhsuk-checkboxes__item" key={option.value}>
              <input
                className="nhsuk-checkboxes__input"
                id={`${id}-${option.value}`}
                name={props.name}
                type="checkbox"
                value={option.value}
                defaultChecked={props.defaultValue?.includes(option.value)}
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={`${id}-${option.value}`}>
                {option.label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  );
}

/** One checkbox of a group, sent as "on" when ticked. */
export function CheckboxItem({ name, label, defaultChecked }: { name: string; label: ReactNode; defaultChecked?: boolean }) {
  const id = fieldId(name);
  return (
    <div className="nhsuk-checkboxes__item">
      <input className="nhsuk-checkboxes__input" id={id} name={name} type="checkbox" defaultChecked={defaultChecked} />
      <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );
}

/** A yes-or-no question as one checkbox on its own. */
export function SingleCheckbox(props: { name: string; label: ReactNode; defaultChecked?: boolean }) {
  return (
    <div className="nhsuk-form-group">
      <div className="nhsuk-checkboxes">
        <CheckboxItem {...props} />
      </div>
    </div>
  );
}

export function Tag({ children, colour }: { children: ReactNode; colour?: 'blue' | 'green' | 'orange' | 'red' | 'yellow' | 'grey' | 'purple' }) {
  return <strong className={`nhsuk-tag${colour ? ` nhsuk-tag--${colour}` : ''}`}>{children}</strong>;
}

type Option = { value: string; label: string };

/** A drop-down list. Prefer Radios for fewer than about seven options a user must compare. */
export function Select(props: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly Option[];
  defaultValue?: string;
  errors?: string[] | null;
  /** A first, empty option such as "Any site"; omit to force a choice. */
  emptyLabel?: string;
}) {
  const state = fieldState(props);
  return (
    <LabelledField state={state} label={props.label} hint={props.hint} errors={props.errors}>
      <select
        className={`nhsuk-select${state.hasError ? ' nhsuk-select--error' : ''}`}
        id={state.id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        {...controlAria(state)}
      >
        {props.emptyLabel !== undefined ? <option value="">{props.emptyLabel}</option> : null}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

/** One choice from a few options, as NHS.UK radios (inline for two short options). */
export function Radios(props: {
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  options: readonly (Option & { hint?: ReactNode })[];
  defaultValue?: string;
  errors?: string[] | null;
  inline?: boolean;
  /** Legend size: "s" inside a form section (default), "m" when the question is the section. */
  legendSize?: 's' | 'm';
}) {
  const { id, hasError, describedBy } = fieldState(props);
  return (
    <FormGroup hasError={hasError}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy || undefined}>
        <legend className={`nhsuk-fieldset__legend nhsuk-fieldset__legend--${props.legendSize ?? 's'}`}>{props.legend}</legend>
        <HintAndError id={id} hint={props.hint} errors={props.errors} />
        <div className={`nhsuk-radios${props.inline ? ' nhsuk-radios--inline' : ''}`} id={id}>
          {props.options.map((option) => (
            <div className="nhsuk-radios__item" key={option.value}>
              <input
                className="nhsuk-radios__input"
                id={`${id}-${option.value}`}
                name={props.name}
                type="radio"
                value={option.value}
                defaultChecked={props.defaultValue === option.value}
                aria-describedby={option.hint ? `${id}-${option.value}-hint` : undefined}
              />
              <label className="nhsuk-label nhsuk-radios__label" htmlFor={`${id}-${option.value}`}>
                {option.label}
              </label>
              {option.hint ? (
                <div className="nhsuk-hint nhsuk-radios__hint" id={`${id}-${option.value}-hint`}>
                  {option.hint}
                </div>
              ) : null}
            </div>
          ))}
        </div>
      </fieldset>
    </FormGroup>
  );
}

export function Textarea(props: {
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: string[] | null;
  defaultValue?: string;
  rows?: number;
}) {
  const state = fieldState(props);
  return (
    <LabelledField state={state} label={props.label} hint={props.hint} errors={props.errors}>
      <textarea
        className={`nhsuk-textarea${state.hasError ? ' nhsuk-textarea--error' : ''}`}
        id={state.id}
        name={props.name}
        rows={props.rows ?? 3}
        defaultValue={props.defaultValue}
        {...controlAria(state)}
      />
    </LabelledField>
  );
}
