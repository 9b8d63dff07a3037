// The leaflets page (administrators and doctors): the parts as they are on disk now (never a cached copy), with
// their approvals, flagged against today in Europe/London, and how many messages wait for an approval.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getPrisma } from '~/db.server';
import { londonToday } from '~/utils/format';
import { leafletAdminView, type LeafletAdminView } from './leaflet-admin';
import { countHeldLeafletMessages, readLeafletApprovals } from './leaflet-approval.server';
import { loadLeafletParts } from './leaflet-content.server';

export async function getLeafletAdminView(now: Date, root?: string): Promise<LeafletAdminView & { today: string; heldMessages: number }> {
  const today = londonToday(now);
  const prisma = await getPrisma();
  const [approvals, heldMessages] = await Promise.all([readLeafletApprovals(prisma), countHeldLeafletMessages(prisma)]);
  return { ...leafletAdminView(loadLeafletParts(root), today, approvals), today, heldMessages };
}

export type LeafletPartSource = {
  row: LeafletAdminView['rows'][number];
  /** The whole file as it is on disk now (front matter included): exactly what an approval is for. */
  source: string;
  today: string;
};

/**
 * One part as a doctor reads it before approving: the file's text and the state of its approval. Only keys of
 * parts that exist are looked up (never a path from the request), so nothing outside leaflets/ can be read.
 * Null when there is no such part.
 */
export async function getLeafletPartSource(key: string, now: Date, root: string = path.resolve(process.cwd(), 'leaflets')): Promise<LeafletPartSource | null> {
  const today = londonToday(now);
  const parts = loadLeafletParts(root);
  const part = parts.find((p) => p.key === key);
  if (!part) return null;
  const source = fs.readFileSync(path.join(root, `${part.key}.md`), 'utf8');
  // The hash shown (and posted by the Approve form) is of these very bytes: if the file changed between the two
  // reads, the page shows the newer text with its own hash, and approving an older hash is refused.
  const contentHash = createHash('sha256').update(source).digest('hex');
  const prisma = await getPrisma();
  const approvals = await readLeafletApprovals(prisma, [part.key]);
  const view = leafletAdminView([{ ...part, contentHash }], today, approvals);
  return { row: view.rows[0]!, source, today };
}
