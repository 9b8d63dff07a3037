// The leaflets page's approve and withdraw forms (one schema, told apart by intent): the part and the SHA-256 of
// the content the doctor read, so an approval is for exactly that content.
import { z } from 'zod';

const change = {
  partKey: z.string({ required_error: 'Choose a leaflet part.' }).regex(/^[a-z0-9-]+(\/[a-z0-9-]+)*$/, 'Choose a leaflet part.'),
  contentHash: z.string({ required_error: 'This form is out of date. Open the page again.' }).regex(/^[0-9a-f]{64}$/, 'This form is out of date. Open the page again.'),
};

export const leafletApprovalSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), ...change }),
  z.object({ intent: z.literal('revoke'), ...change }),
]);
