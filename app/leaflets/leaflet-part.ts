// A leaflet part as loaded from leaflets/**: kept free of fs so the pure model can take parts as input.

export type LeafletPart = {
  /** Path under leaflets/ without ".md", e.g. "shared/fasting" or "caudal-epidural/about". */
  key: string;
  title: string;
  reference: string;
  version: string;
  /** yyyy-MM-dd */
  updated: string;
  /** yyyy-MM-dd */
  review: string;
  owner: string;
  /** Facts in this part that clinical-facts.md marks unconfirmed. */
  unconfirmed: string[];
  /** Markdown with handlebars placeholders. */
  body: string;
  /** SHA-256 (hex) of the whole file, front matter included: what a sent document records. */
  contentHash: string;
};

export type LeafletPartHistory = Pick<LeafletPart, 'key' | 'title' | 'reference' | 'version' | 'updated' | 'review' | 'owner'>;
