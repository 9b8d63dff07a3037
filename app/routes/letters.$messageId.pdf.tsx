// A queued letter as a PDF for printing (made and recorded on the first download; the same bytes afterwards).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { downloadLetter } from '~/communications/letter-queue.server';
import { isDomainError } from '~/errors';
import { domainErrorReply } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'ADMIN');
  try {
    const letter = await downloadLetter(params.messageId ?? '', { actor: actorOf(user), ipAddress: clientAddress(request) }, new Date());
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
    // A letter that cannot be made goes back to the queue, which says why (not an error saved as a PDF).
    if (isDomainError(error) && error.status !== 404) return redirect(`/letters?problem=${encodeURIComponent(params.messageId ?? '')}`);
    throw domainErrorReply(error);
  }
}
