/**
 * What the load shows while it runs: one line per table, redrawn in place (`\r`) on a terminal with a bar,
 * rows done and rows per second, then one line per finishing step, and a summary table at the end.
 * Anywhere but a terminal only the finished lines are written.
 */
const numberFormat = new Intl.NumberFormat('en-US');
const count = (n: number) => numberFormat.format(Math.round(n));
const barWidth = 24;

export class Progress {
  private readonly tty: boolean;

  constructor(private readonly output: NodeJS.WritableStream) {
    this.tty = (output as NodeJS.WritableStream & { isTTY?: boolean }).isTTY === true;
  }

  line(text: string): void {
    this.output.write(`${text}\n`);
  }

  /** Tracks one table's COPY; `update` redraws at most every 200 ms. */
  table(name: string, expected: number): { update: (rows: number) => void; done: (rows: number) => void } {
    const started = performance.now();
    let drawn = 0;
    const label = `  ${name.padEnd(22)}`;
    const rate = (rows: number) => `${count(rows / Math.max((performance.now() - started) / 1000, 0.001))} rows/s`;
    return {
      update: (rows) => {
        if (!this.tty || performance.now() - drawn < 200) return;
        drawn = performance.now();
        const filled = Math.min(barWidth, Math.round((rows / Math.max(expected, 1)) * barWidth));
        this.output.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}] ${count(rows).padStart(11)} / ~${count(expected)}  ${rate(rows)}   `);
      },
      done: (rows) => {
        const seconds = (performance.now() - started) / 1000;
        this.output.write(`${this.tty ? '\r\x1b[2K' : ''}${label} ${count(rows).padStart(11)} rows  ${seconds.toFixed(1).padStart(6)} s  ${rate(rows).padStart(16)}\n`);
      },
    };
  }

  /** Times a step (building indexes, validating foreign keys …) and reports it when done. */
  async step<T>(label: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    if (this.tty) this.output.write(`  ${label} …`);
    const result = await run();
    const seconds = (performance.now() - started) / 1000;
    this.output.write(`${this.tty ? '\r\x1b[2K' : ''}  ${label.padEnd(48)} ${seconds.toFixed(1).padStart(6)} s\n`);
    return result;
  }

  summary(rows: Record<string, number>, seconds: number, databaseSize: string, title: string): void {
    const total = Object.values(rows).reduce((sum, n) => sum + n, 0);
    const lines = [
      '',
      title,
      `  ${'table'.padEnd(22)} ${'rows'.padStart(12)}`,
      ...Object.entries(rows).map(([table, n]) => `  ${table.padEnd(22)} ${count(n).padStart(12)}`),
      `  ${'total'.padEnd(22)} ${count(total).padStart(12)}`,
      '',
      `  time           ${seconds.toFixed(1)} s (${count(total / Math.max(seconds, 0.001))} rows/s overall)`,
      `  database size  ${databaseSize}`,
      '',
    ];
    this.output.write(lines.join('\n'));
  }
}
