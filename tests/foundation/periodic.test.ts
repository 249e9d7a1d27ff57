import { afterEach, describe, expect, it, vi } from 'vitest';
import { every } from '../../server/jobs/periodic.js';

/** A promise and its resolve, to hold a turn open. */
function held() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

describe('every (periodic server work)', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at once, then every period, never two turns at once', async () => {
    vi.useFakeTimers();
    const turns: ReturnType<typeof held>[] = [];
    const stop = every(
      1,
      () => {
        const turn = held();
        turns.push(turn);
        return turn.promise;
      },
      () => undefined,
    );
    expect(turns).toHaveLength(1);
    // The first turn is still under way a period later: no second one beside it.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(turns).toHaveLength(1);
    turns[0].release();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(turns).toHaveLength(2);
    turns[1].release();
    await stop();
    await vi.advanceTimersByTimeAsync(180_000);
    expect(turns).toHaveLength(2);
  });

  it('stops only once the turn under way has ended', async () => {
    const turn = held();
    let ended = false;
    const stop = every(
      60,
      () => turn.promise.then(() => void (ended = true)),
      () => undefined,
    );
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(stopped).toBe(false);
    turn.release();
    await stopping;
    expect(ended).toBe(true);
  });

  it('reports a failed turn and tries again at the next one', async () => {
    vi.useFakeTimers();
    const reported: string[] = [];
    let calls = 0;
    const stop = every(
      1,
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('database away');
      },
      (error) => reported.push(error.message),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(reported).toEqual(['database away']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(calls).toBe(2);
    expect(reported).toEqual(['database away']);
    await stop();
  });

  it('does nothing when the period is zero (switched off)', async () => {
    let calls = 0;
    const stop = every(
      0,
      async () => void (calls += 1),
      () => undefined,
    );
    await stop();
    expect(calls).toBe(0);
  });
});
