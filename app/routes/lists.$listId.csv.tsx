// The day list as CSV. Exporting shows patient data, so it is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { dayListCsv } from '~/scheduling/day-list/day-list-csv';
import { getDayList } from '~/scheduling/day-list/day-list-repo.server';
import { domainErrorReply } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'DOCTOR', 'ADMIN');
  try {
    const { dayList } = await getDayList(params.listId ?? '', 'export', {
      actor: actorOf(user),
      ipAddress: clientAddress(request),
    });
    return new Response(dayListCsv(dayList), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="${dayList.fileName}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    throw domainErrorReply(error);
  }
}
