// A bound on concurrent work in this process: bcrypt is CPU-heavy (cost 12 is ~200 ms of one core), so thirty
// password checks at once starve every other request. At most `limit` run at once; up to `maxWaiting` more wait
// their turn for at most `maxWaitMs`; anything beyond is refused at once (the caller answers 503).
export class SemaphoreBusy extends Error {
  constructor() {
    super('Too many checks in progress');
    this.name = 'SemaphoreBusy';
  }
}

type Waiter = { resolve: () => void; timer: ReturnType<typeof setTimeout> };

export class Semaphore {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  constructor(
    readonly limit: number,
    readonly maxWaiting: number,
    readonly maxWaitMs: number,
  ) {}

  get active() {
    return this.running;
  }

  get queued() {
    return this.waiting.length;
  }

  /** Runs `task` when a place is free; throws SemaphoreBusy if the queue is full or the wait is too long. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.limit) {
      this.running += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(new SemaphoreBusy());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const index = this.waiting.indexOf(waiter);
          if (index >= 0) this.waiting.splice(index, 1);
          reject(new SemaphoreBusy());
        }, this.maxWaitMs),
      };
      this.waiting.push(waiter);
    });
  }

  private release() {
    const next = this.waiting.shift();
    if (next) {
      // The place passes straight to the next waiter: `running` stays the same.
      clearTimeout(next.timer);
      next.resolve();
    } else {
      this.running -= 1;
    }
  }
}
