// Telephone numbers that must never reach a real patient. The demo data uses Ofcom's range reserved for drama
// (01632 960000-960999 and 0113 496 0000-0999 etc.), so a demo leaflet can never send a patient to a real
// ward; a live unit must replace every one (docs/safety/hazard-log.md, "placeholder phone numbers"). Pure.

/** Ofcom's numbers reserved for TV and radio drama (UK geographic and mobile), as digits. */
const DRAMA_RANGES: readonly RegExp[] = [
  /^01632960\d{3}$/,
  /^0113496\d{4}$/,
  /^0114496\d{4}$/,
  /^0115496\d{4}$/,
  /^0116496\d{4}$/,
  /^0117496\d{4}$/,
  /^0118496\d{4}$/,
  /^0121496\d{4}$/,
  /^0131496\d{4}$/,
  /^0141496\d{4}$/,
  /^0151496\d{4}$/,
  /^0161496\d{4}$/,
  /^02079460\d{3}$/,
  /^01914980\d{3}$/,
  /^02890180\d{3}$/,
  /^02920180\d{3}$/,
  /^07700900\d{3}$/,
];

export function isPlaceholderPhone(phone: string | null | undefined): boolean {
  const digits = (phone ?? '').replace(/[^\d+]/g, '').replace(/^\+44/, '0');
  if (digits === '') return true;
  return DRAMA_RANGES.some((range) => range.test(digits));
}
