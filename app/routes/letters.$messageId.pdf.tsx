// A queued letter as a PDF for printing (made and recorded on the first download; the same bytes afterwards).
import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireActor } from '~/auth/session.server';
import { downloadLetter } from '~/communications/letter-queue.server';
import { fileResponse } from '~/utils/http.server';
import { loadUseCase } from '~/utils/route.server';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { actor, ipAddress } = await requireActor(request, 'CLERK', 'ADMIN');
  const messageId = params.messageId ?? '';
  const letter = await loadUseCase(
    () => downloadLetter(messageId, { actor, ipAddress }, new Date()),
    // A letter that cannot be made goes back to the queue, which says why (not an error saved as a PDF).
    (error) => (error.status !== 404 ? redirect(`/letters?problem=${encodeURIComponent(messageId)}`) : undefined),
  );
  return fileResponse(letter.content, { contentType: 'application/pdf', filename: letter.filename });
}
