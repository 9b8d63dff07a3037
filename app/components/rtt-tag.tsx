// How a waiting patient stands against the 18-week standard, as an NHS.UK tag.
import { Tag } from '~/components/forms';
import type { RttFlag } from '~/scheduling/rtt';

export function RttTag({ flag }: { flag: RttFlag }) {
  if (flag === 'BREACHED') return <Tag colour="red">Over 18 weeks</Tag>;
  if (flag === 'DUE_SOON') return <Tag colour="orange">Breach within 2 weeks</Tag>;
  return null;
}
