// Consultation rebooking tasks. Pure.
/** The one open rebooking task per cancelled consultation (Task.dedupeKey is unique). */
export function rebookTaskKey(appointmentId: string): string {
  return `rebook-consultation:${appointmentId}`;
}
