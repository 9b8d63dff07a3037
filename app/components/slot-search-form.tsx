// The free-slot search (a GET form, so it works without JavaScript and the URL can be shared): any site or
// one, any doctor or one, from a date. Hidden fields keep who the search is for.
import { Form } from '@remix-run/react';
import { Select, TextInput } from '~/components/forms';

export type SlotSearchOptions = { sites: { id: string; name: string }[]; clinicians: { id: string; name: string }[] };

/** The two choices of the search, each "any" unless one is picked. */
const CHOICES = [
  { name: 'siteId', label: 'Site', emptyLabel: 'Any site', options: 'sites' },
  { name: 'clinicianId', label: 'Doctor', emptyLabel: 'Any doctor', options: 'clinicians' },
] as const;

export function SlotSearchForm(props: {
  options: SlotSearchOptions;
  search: { siteId?: string; clinicianId?: string; from?: string };
  errors: Record<string, string[]>;
  keep: Record<string, string>;
  legend: string;
}) {
  return (
    <Form method="get" role="search" aria-label={props.legend}>
      {Object.entries(props.keep).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="nhsuk-grid-row">
        {CHOICES.map((choice) => (
          <div className="nhsuk-grid-column-one-third" key={choice.name}>
            <Select
              name={choice.name}
              label={choice.label}
              emptyLabel={choice.emptyLabel}
              options={props.options[choice.options].map((o) => ({ value: o.id, label: o.name }))}
              defaultValue={props.search[choice.name]}
            />
          </div>
        ))}
        <div className="nhsuk-grid-column-one-third">
          <TextInput name="from" label="From date" type="date" defaultValue={props.search.from} errors={props.errors.from} />
        </div>
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit">
        Find free slots
      </button>
    </Form>
  );
}
