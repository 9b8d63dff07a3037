// The printable day list (PDF). Printing shows patient data, so it is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { renderDayListPdf } from '~/scheduling/day-list/day-list-pdf.server';
import { getDayList } from '~/scheduling/day-list/day-list-repo.server';
import { domainErrorReply } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'DOCTOR', 'ADMIN');
  try {
    const { list, dayList } = await getDayList(params.listId ?? '', 'print', {
      actor: actorOf(user),
      ipAddress: clientAddress(request),
    });
    const pdf = await renderDayListPdf(dayList, list.startsAt);
    return new Response(new Uint8Array(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${dayList.fileName}.pdf"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    throw domainErrorReply(error);
  }
}
