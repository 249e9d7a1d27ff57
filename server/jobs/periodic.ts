/**
 * Work the server does now and then every `minutes` while it runs (audit anchors, the deadline scan): never two
 * turns at once, a failure reported and tried again at the next turn, and a stop that waits for a turn under
 * way, so nothing is cut when the pools close behind it.
 */
export function every(minutes: number, work: () => Promise<void>, report: (error: Error) => void): () => Promise<void> {
  if (minutes <= 0) return async () => undefined;
  let running: Promise<void> | undefined;
  const turn = () => {
    running ??= work()
      .catch((error: unknown) => report(error as Error))
      .finally(() => (running = undefined));
  };
  turn();
  const timer = setInterval(turn, minutes * 60_000);
  // A timer alone does not keep the process alive: the server's own handles decide that.
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
