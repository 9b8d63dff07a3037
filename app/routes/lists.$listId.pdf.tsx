// The printable day list (PDF). Printing shows patient data, so it is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { renderDayListPdf } from '~/scheduling/day-list/day-list-pdf.server';
import { getDayList } from '~/scheduling/day-list/day-list-repo.server';
import { fileResponse } from '~/utils/http.server';
import { loadUseCase } from '~/utils/route.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const { list, dayList } = await loadUseCase(() => getDayList(params.listId ?? '', 'print', { actor, ipAddress }));
  return fileResponse(await renderDayListPdf(dayList, list.startsAt), { contentType: 'application/pdf', filename: `${dayList.fileName}.pdf` });
}
