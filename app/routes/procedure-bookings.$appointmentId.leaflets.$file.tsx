// A booking's leaflets as PDFs: /procedure-bookings/:id/leaflets/before.pdf and after.pdf. Shown inline (preview)
// or, with ?download=1, as an attachment. Each opening makes and records the document and is audited. The
// file name never holds the patient's name.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { openLeafletDocument } from '~/leaflets/leaflet-documents.server';
import type { LeafletDocumentKind } from '~/leaflets/leaflet-model';
import { fileResponse, notFound } from '~/utils/http.server';
import { loadUseCase } from '~/utils/route.server';

const FILES: Record<string, LeafletDocumentKind> = { 'before.pdf': 'BEFORE_PROCEDURE', 'after.pdf': 'AFTER_PROCEDURE' };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const kind = FILES[params.file ?? ''];
  if (!kind) notFound();
  const download = new URL(request.url).searchParams.get('download') === '1';
  const document = await loadUseCase(
    () => openLeafletDocument(params.appointmentId ?? '', kind, download ? 'download' : 'preview', { actor, ipAddress }, new Date()),
    // A cancelled booking or one the leaflets cannot be made for: a plain message, not a form reply.
    (error) =>
      error.status !== 404 && error.status !== 403
        ? new Response(error.message, { status: error.status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
        : undefined,
  );
  return fileResponse(document.content, { contentType: 'application/pdf', filename: document.filename, inline: !download });
}
