// A booking's leaflets as PDFs: /procedure-bookings/:id/leaflets/before.pdf and after.pdf. Shown inline (preview)
// or, with ?download=1, as an attachment. Each opening makes and records the document and is audited. The
// file name never holds the patient's name.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { actorOf, clientAddress, requireRole } from '~/auth/session.server';
import { isDomainError } from '~/errors';
import { openLeafletDocument } from '~/leaflets/leaflet-documents.server';
import type { LeafletDocumentKind } from '~/leaflets/leaflet-model';
import { domainErrorReply, notFound } from '~/utils/http.server';

const FILES: Record<string, LeafletDocumentKind> = { 'before.pdf': 'BEFORE_PROCEDURE', 'after.pdf': 'AFTER_PROCEDURE' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const kind = FILES[params.file ?? ''];
  if (!kind) notFound();
  const download = new URL(request.url).searchParams.get('download') === '1';
  try {
    const document = await openLeafletDocument(
      params.appointmentId ?? '',
      kind,
      download ? 'download' : 'preview',
      { actor: actorOf(user), ipAddress: clientAddress(request) },
      new Date(),
    );
    return new Response(new Uint8Array(document.content), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `${download ? 'attachment' : 'inline'}; filename="${document.filename}"`,
        'Content-Length': String(document.byteSize),
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch (error) {
    // A cancelled booking or one the leaflets cannot be made for: a plain message, not a form reply.
    if (isDomainError(error) && error.status !== 404 && error.status !== 403) {
      return new Response(error.message, { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
    }
    throw domainErrorReply(error);
  }
}
