// The admin leaflets page: the parts as they are on disk now (never a cached copy), flagged against today in
// Europe/London.
import { londonToday } from '~/utils/format';
import { leafletAdminView, type LeafletAdminView } from './leaflet-admin';
import { loadLeafletParts } from './leaflet-content.server';

export function getLeafletAdminView(now: Date, root?: string): LeafletAdminView & { today: string } {
  const today = londonToday(now);
  return { ...leafletAdminView(loadLeafletParts(root), today), today };
}
