// A stored document's bytes exactly as they were generated (/documents/:id.pdf), for staff; each download is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { getStoredDocument } from '~/leaflets/leaflet-documents.server';
import { domainErrorReply, notFound } from '~/utils/http.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const match = /^([A-Za-z0-9_-]+)\.pdf$/.exec(params.file ?? '');
  if (!match) notFound();
  try {
    const document = await getStoredDocument(match[1]!, { actor: actorOf(user), ipAddress: clientAddress(request) });
    return new Response(new Uint8Array(document.content), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `attachment; filename="${document.filename}"`,
        'Content-Length': String(document.content.byteLength),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    throw domainErrorReply(error);
  }
}
