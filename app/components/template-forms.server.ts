// The action both template pages share (clinic templates and procedure list templates, with their forms in
// template-forms.tsx): add a template, generate dated clinics and lists ahead from every template, deactivate a
// template. Each page names its own add and deactivate use cases, and what its notice says was generated.
import { redirect } from '@remix-run/node';
import type { ZodTypeAny, output } from 'zod';
import { requireActor, type RouteActor } from '~/auth/session.server';
import { deactivateTemplateFormSchema, generateAheadFormSchema } from '~/scheduling/clinic-forms';
import { generateClinicsAhead } from '~/scheduling/clinic-templates.server';
import { londonToday } from '~/utils/format';
import { formErrorReply } from '~/utils/http.server';
import { readForm } from '~/utils/read-form.server';
import { submitForm } from '~/utils/route.server';

type Actor = RouteActor['actor'];

export type TemplatePageAction<Schema extends ZodTypeAny> = {
  /** The page's address, where every change comes back to with what it did. */
  path: string;
  /** The add form's hidden intent. */
  createIntent: string;
  createSchema: (today: string) => Schema;
  create: (value: output<Schema>, actor: Actor, ipAddress: string | null) => Promise<unknown>;
  deactivate: (templateId: string, actor: Actor, ipAddress: string | null) => Promise<unknown>;
  /** The address query after generating ahead, for the page's notice. */
  generated: (result: Awaited<ReturnType<typeof generateClinicsAhead>>) => string;
};

export async function templatePageAction<Schema extends ZodTypeAny>(request: Request, page: TemplatePageAction<Schema>) {
  const { actor, ipAddress } = await requireActor(request, 'ADMIN');
  const now = new Date();
  const formData = await readForm(request);
  switch (formData.get('intent')) {
    case page.createIntent:
      return submitForm(formData, page.createSchema(londonToday(now)), async (value) => {
        await page.create(value, actor, ipAddress);
        return redirect(`${page.path}?created=1`);
      });
    case 'generate':
      return submitForm(formData, generateAheadFormSchema, async ({ weeks }) => {
        const result = await generateClinicsAhead(weeks, actor, ipAddress, now);
        return redirect(`${page.path}?${page.generated(result)}`);
      });
    case 'deactivate-template':
      return submitForm(formData, deactivateTemplateFormSchema, async ({ templateId }) => {
        await page.deactivate(templateId, actor, ipAddress);
        return redirect(`${page.path}?deactivated=1`);
      });
    default:
      return formErrorReply('Choose what to do on this page.');
  }
}
