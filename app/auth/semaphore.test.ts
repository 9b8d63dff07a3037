import { describe, expect, it } from 'vitest';
import { Semaphore, SemaphoreBusy } from './semaphore';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('Semaphore', () => {
  it('runs at most `limit` tasks at once; the others wait their turn, in order', async () => {
    const semaphore = new Semaphore(2, 10, 5000);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates = Array.from({ length: 5 }, deferred);
    const tasks = gates.map((gate, i) =>
      semaphore.run(async () => {
        running += 1;
        most = Math.max(most, running);
        order.push(i);
        await gate.promise;
        running -= 1;
        return i;
      }),
    );
    await Promise.resolve();
    expect(semaphore.active).toBe(2);
    expect(semaphore.queued).toBe(3);
    for (const gate of gates) gate.resolve();
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(semaphore.active).toBe(0);
  });

  it('refuses at once beyond the queue, and frees the place when a task fails', async () => {
    const semaphore = new Semaphore(1, 1, 5000);
    const gate = deferred();
    const first = semaphore.run(() => gate.promise);
    const second = semaphore.run(async () => 'second');
    await expect(semaphore.run(async () => 'third')).rejects.toBeInstanceOf(SemaphoreBusy);
    gate.resolve();
    await first;
    expect(await second).toBe('second');
    await expect(semaphore.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await semaphore.run(async () => 'after')).toBe('after');
    expect(semaphore.active).toBe(0);
  });

  it('gives up on a wait that is too long, without losing the place', async () => {
    const semaphore = new Semaphore(1, 5, 20);
    const gate = deferred();
    const first = semaphore.run(() => gate.promise);
    await expect(semaphore.run(async () => 'late')).rejects.toBeInstanceOf(SemaphoreBusy);
    expect(semaphore.queued).toBe(0);
    gate.resolve();
    await first;
    expect(await semaphore.run(async () => 'next')).toBe('next');
  });
});
