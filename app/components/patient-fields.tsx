// The patient form's fields, shared by "Add a patient" and the new-patient part of the referral form:
// the same names, so patientFormSchema checks both and the messages match.
import { Checkboxes, DateInput, TextInput, type FieldErrors } from '~/components/forms';
import { COMMUNICATION_NEEDS } from '~/patients/patient-form';
import { listValue, textValue, type SubmittedValues } from '~/utils/form-values';

export function PatientFields({
  values,
  errors,
  withSectionHeadings = false,
}: {
  values: SubmittedValues;
  errors: FieldErrors;
  /** "Contact" and "Communication needs" headings, where the fields are the whole page. */
  withSectionHeadings?: boolean;
}) {
  const text = (name: string) => textValue(values, name);
  return (
    <>
      <TextInput name="nhsNumber" label="NHS number" hint="10 digits, for example 943 476 5919" width={10} inputMode="numeric" errors={errors?.nhsNumber} defaultValue={text('nhsNumber')} spellCheck={false} />
      <TextInput name="firstName" label="First name" autoComplete="off" errors={errors?.firstName} defaultValue={text('firstName')} spellCheck={false} />
      <TextInput name="lastName" label="Last name" autoComplete="off" errors={errors?.lastName} defaultValue={text('lastName')} spellCheck={false} />
      <DateInput
        name="dateOfBirth"
        legend="Date of birth"
        hint="For example, 27 3 1956"
        errors={errors?.dateOfBirth}
        defaultValue={{ day: text('dateOfBirth.day'), month: text('dateOfBirth.month'), year: text('dateOfBirth.year') }}
      />
      {withSectionHeadings ? <h2 className="nhsuk-heading-m">Contact</h2> : null}
      <TextInput name="email" label="Email address (optional)" type="email" errors={errors?.email} defaultValue={text('email')} spellCheck={false} />
      <div className="nhsuk-form-group">
        <div className="nhsuk-checkboxes">
          <div className="nhsuk-checkboxes__item">
            <input className="nhsuk-checkboxes__input" id="field-emailConsent" name="emailConsent" type="checkbox" defaultChecked={values.emailConsent === 'on'} />
            <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="field-emailConsent">
              The patient agrees to receive appointment letters and leaflets by email
            </label>
          </div>
        </div>
      </div>
      <TextInput name="mobilePhone" label="Mobile phone (optional)" type="tel" width={20} errors={errors?.mobilePhone} defaultValue={text('mobilePhone')} />
      <TextInput name="addressLine1" label="Address line 1 (optional)" defaultValue={text('addressLine1')} />
      <TextInput name="addressLine2" label="Address line 2 (optional)" defaultValue={text('addressLine2')} />
      <TextInput name="town" label="Town or city (optional)" width={20} defaultValue={text('town')} />
      <TextInput name="postcode" label="Postcode (optional)" width={10} errors={errors?.postcode} defaultValue={text('postcode')} />
      <TextInput name="gpPractice" label="GP practice (optional)" defaultValue={text('gpPractice')} />
      {withSectionHeadings ? <h2 className="nhsuk-heading-m">Communication needs</h2> : null}
      <Checkboxes
        name="communicationNeeds"
        legend="Does the patient have any communication needs?"
        hint="Select all that apply. These change the letters and leaflets we send."
        options={COMMUNICATION_NEEDS}
        defaultValue={listValue(values, 'communicationNeeds')}
      />
      <TextInput name="interpreterLanguage" label="Interpreter language (if an interpreter is needed)" width={20} errors={errors?.interpreterLanguage} defaultValue={text('interpreterLanguage')} />
    </>
  );
}
