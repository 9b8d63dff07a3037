// A queued letter as a PDF for printing (made and recorded on the first download; the same bytes afterwards).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { clientAddress, requireRole } from '~/auth/session.server';
import { downloadLetter } from '~/communications/letter-queue.server';
import { domainErrorReply } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'ADMIN');
  try {
    const letter = await downloadLetter(params.messageId ?? '', { actor: { id: user.id, role: user.role }, ipAddress: clientAddress(request) }, new Date());
    return new Response(new Uint8Array(letter.content), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${letter.filename}"`,
        'Content-Length': String(letter.content.byteLength),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    throw domainErrorReply(error);
  }
}
