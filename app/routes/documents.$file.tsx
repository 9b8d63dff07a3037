// A stored document's bytes exactly as they were generated (/documents/:id.pdf), for staff; each download is audited.
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { getStoredDocument } from '~/leaflets/leaflet-documents.server';
import { fileResponse, notFound } from '~/utils/http.server';
import { loadUseCase } from '~/utils/route.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'DOCTOR', 'ADMIN');
  const match = /^([A-Za-z0-9_-]+)\.pdf$/.exec(params.file ?? '');
  if (!match) notFound();
  const document = await loadUseCase(() => getStoredDocument(match[1]!, { actor, ipAddress }));
  return fileResponse(document.content, { contentType: 'application/pdf', filename: document.filename });
}
