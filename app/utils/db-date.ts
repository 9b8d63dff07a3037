// Calendar dates as the database stores them (@db.Date): a local "yyyy-MM-dd" as midnight UTC. Pure.

export function dbDateOf(localDate: string): Date {
  return new Date(`${localDate}T00:00:00.000Z`);
}

export function isoDateOf(dbDate: Date): string {
  return dbDate.toISOString().slice(0, 10);
}
