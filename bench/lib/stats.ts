/** Percentiles, mergeable latency histograms and plain-text tables for the benchmarks. */

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export function summarize(values: number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] as number) : Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/**
 * Log-bucketed histogram (1 % relative resolution from 1 µs up), cheap to record into and mergeable,
 * so load processes can ship hundreds of thousands of samples to the coordinator as a few hundred numbers.
 */
const MIN = 0.001;
const LOG_STEP = Math.log(1.01);

export interface HistogramData {
  /** Sparse bucket index → count. */
  buckets: Record<number, number>;
  count: number;
  sum: number;
  max: number;
}

export class Histogram {
  buckets = new Map<number, number>();
  count = 0;
  sum = 0;
  max = 0;

  record(value: number): void {
    const v = Math.max(value, MIN);
    const index = Math.floor(Math.log(v / MIN) / LOG_STEP);
    this.buckets.set(index, (this.buckets.get(index) ?? 0) + 1);
    this.count++;
    this.sum += value;
    if (value > this.max) this.max = value;
  }

  merge(data: HistogramData): this {
    for (const [index, n] of Object.entries(data.buckets)) {
      const i = Number(index);
      this.buckets.set(i, (this.buckets.get(i) ?? 0) + n);
    }
    this.count += data.count;
    this.sum += data.sum;
    if (data.max > this.max) this.max = data.max;
    return this;
  }

  /** Upper edge of the bucket holding the p-th percentile, capped by the true maximum. */
  percentile(p: number): number {
    if (this.count === 0) return Number.NaN;
    const target = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (const index of [...this.buckets.keys()].sort((a, b) => a - b)) {
      seen += this.buckets.get(index) ?? 0;
      if (seen >= target) return Math.min(this.max, MIN * Math.exp((index + 1) * LOG_STEP));
    }
    return this.max;
  }

  summary(): Summary {
    return {
      count: this.count,
      p50: this.percentile(50),
      p99: this.percentile(99),
      max: this.count ? this.max : Number.NaN,
      mean: this.count ? this.sum / this.count : Number.NaN,
    };
  }

  toJSON(): HistogramData {
    return { buckets: Object.fromEntries(this.buckets), count: this.count, sum: this.sum, max: this.max };
  }

  static from(data: HistogramData): Histogram {
    return new Histogram().merge(data);
  }
}

/** The middle value (the mean of the two middle values for an even count), ignoring NaN. */
export const median = (values: number[]): number => {
  const sorted = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  if (sorted.length === 0) return Number.NaN;
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export function fmt(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "-∞";
  return value.toFixed(digits);
}

/** ours / reference, formatted as a multiplier ("1.23×"). */
export function ratio(ours: number | null | undefined, ref: number | null | undefined): string {
  if (ours == null || ref == null || !Number.isFinite(ours) || !Number.isFinite(ref) || ref === 0) return "–";
  return `${(ours / ref).toFixed(2)}×`;
}

/** A fixed-width text table; the first column is left-aligned, the rest right-aligned. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The same table as GitHub markdown, for docs/benchmarks.md. */
export function formatMarkdownTable(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map((_, i) => (i === 0 ? "---" : "---:"))), ...rows.map(line)].join("\n");
}
