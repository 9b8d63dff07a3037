// Settings and retries for interactive transactions that every domain shares: bookings, the messages they
// cause, the letter queue. Here, not in a domain, so that no domain reaches into another's for them (ADR 21).

/**
 * Interactive transaction limits for bookings and messages. The embedded database runs one transaction at a
 * time, so a burst of simultaneous bookings queues; waiting is better than refusing a clerk with a time-out.
 */
export const BOOKING_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const;

/** PostgreSQL chose this transaction as a deadlock victim (40P01) or a serialization failure (40001). */
export function isRetryableConflict(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  if ((error as { code?: unknown }).code === 'P2034') return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string; kind?: string } } } }).meta
    ?.driverAdapterError?.cause;
  const code = cause?.originalCode ?? cause?.code;
  return code === '40P01' || code === '40001' || cause?.kind === 'TransactionWriteConflict';
}

/** Runs a whole transaction again (a few times) when PostgreSQL aborted it to break a deadlock. */
export async function retryOnDeadlock<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isRetryableConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}
