/**
 * Load for `npm run bench:peer`: a fixed number of connections (an undici Agent) each sending one request
 * after another for a while, every answer checked for errors; the runs of the two servers alternate.
 */
import { Agent, request } from 'undici';
import { percentile } from '../latency.js';

/** One server's side of a pair: where to send it and what. */
export type Target = { url: string; headers: Record<string, string>; body: string };
export type Run = { requests: number; perSecond: number; latencies: number[] };

/** Sends `target` for `seconds` over `connections` connections; any status but 200, or any GraphQL error, ends the bench. */
export async function drive(agent: Agent, target: Target, seconds: number, connections: number): Promise<Run> {
  const latencies: number[] = [];
  const headers = { 'content-type': 'application/json', ...target.headers };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        const response = await request(target.url, { method: 'POST', dispatcher: agent, headers, body: target.body });
        const text = await response.body.text();
        if (response.statusCode !== 200 || text.includes('"errors"')) throw new Error(`${target.url}: ${response.statusCode} ${text.slice(0, 300)}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { requests: latencies.length, perSecond: latencies.length / elapsed, latencies };
}

export type Summary = { perSecond: number[]; p50: number; p99: number };

/** Requests per second of each run, and p50 and p99 over all of them. */
export function summarise(runs: readonly Run[]): Summary {
  const latencies = runs.flatMap((run) => run.latencies).sort((a, b) => a - b);
  return { perSecond: runs.map((run) => run.perSecond), p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}
