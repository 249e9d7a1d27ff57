/**
 * CPU time spent by processes (user + system), read from Linux's /proc: what one request costs a server and the
 * database, which other work on a shared machine skews far less than requests per second. A process that ended
 * meanwhile (a database backend closed) takes its time with it; elsewhere than Linux nothing is measured.
 */
import fs from 'node:fs';

/** /proc counts in clock ticks of 1/100 s (USER_HZ on Linux). */
const tickMs = 10;

/** The fields after a /proc/<pid>/stat's command (which may hold blanks): state, ppid, … utime at 11, stime at 12. */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

function cpuMsOf(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) * tickMs : 0;
}

/** The process and its children (PostgreSQL's postmaster and its backends and workers). */
function withChildren(pid: number): number[] {
  const children = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((child) => statFields(child)?.[1] === String(pid));
  return [pid, ...children];
}

export const cpuMeasured = fs.existsSync('/proc/self/stat');

/** The CPU milliseconds spent so far by each of the process `pid` and (with `children`) its children, by pid. */
export function cpuMs(pid: number, children = false): Map<number, number> {
  if (!cpuMeasured) return new Map();
  return new Map((children ? withChildren(pid) : [pid]).map((each) => [each, cpuMsOf(each)]));
}

/**
 * The CPU milliseconds spent between two readings: by the processes of the second, each since the first (or since
 * it started). A process that ended between them is not counted (its time went with it).
 */
export function cpuMsBetween(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ms] of after) spent += ms - (before.get(pid) ?? 0);
  return spent;
}

/** The parent of a process: the postmaster of a database backend (whose pid `pg_backend_pid()` says). */
export function parentOf(pid: number): number | undefined {
  const parent = Number(statFields(pid)?.[1]);
  return Number.isInteger(parent) && parent > 0 ? parent : undefined;
}
