// The leaflets page (administrators and doctors): the parts as they are on disk now (never a cached copy), with
// their approvals, flagged against today in Europe/London, and how many messages wait for an approval.
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
