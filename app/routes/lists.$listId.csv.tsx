// The day list as CSV. Exporting shows patient data, so it is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { dayListCsv } from '~/scheduling/day-list/day-list-csv';
import { getDayList } from '~/scheduling/day-list/day-list-repo.server';
import { fileResponse } from '~/utils/http.server';
import { loadUseCase } from '~/utils/route.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const { dayList } = await loadUseCase(() => getDayList(params.listId ?? '', 'export', { actor, ipAddress }));
  return fileResponse(dayListCsv(dayList), { contentType: 'text/csv; charset=utf-8', filename: `${dayList.fileName}.csv` });
}
