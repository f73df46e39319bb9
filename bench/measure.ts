/** Latency measurement: a fixed number of calls spread over concurrent workers, timed one by one. */

export interface Sample {
  ms: number;
  ok: boolean;
  status?: number;
}

export interface Summary {
  count: number;
  errors: number;
  p50: number;
  p95: number;
  max: number;
  throughput: number;
  statuses: Record<string, number>;
}

/** Runs `call(i)` for i = 0…count-1 with `concurrency` calls in flight; returns one sample per call. */
export async function runConcurrent(
  count: number,
  concurrency: number,
  call: (i: number, worker: number) => Promise<{ ok: boolean; status?: number }>,
): Promise<{ samples: Sample[]; wallMs: number }> {
  const samples: Sample[] = new Array(count);
  let next = 0;
  const start = performance.now();
  const worker = async (w: number) => {
    for (;;) {
      const i = next;
      next += 1;
      if (i >= count) return;
      const t0 = performance.now();
      let result: { ok: boolean; status?: number };
      try {
        result = await call(i, w);
      } catch (error) {
        result = { ok: false, status: -1 };
        if (process.env.BENCH_DEBUG) console.error(error);
      }
      samples[i] = { ms: performance.now() - t0, ...result };
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, (_, w) => worker(w)));
  return { samples, wallMs: performance.now() - start };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

export function summarise(samples: readonly Sample[], wallMs: number): Summary {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const statuses: Record<string, number> = {};
  for (const s of samples) {
    const key = String(s.status ?? (s.ok ? 'ok' : 'error'));
    statuses[key] = (statuses[key] ?? 0) + 1;
  }
  return {
    count: samples.length,
    errors: samples.filter((s) => !s.ok).length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: ms[ms.length - 1] ?? Number.NaN,
    throughput: samples.length / (wallMs / 1000),
    statuses,
  };
}
