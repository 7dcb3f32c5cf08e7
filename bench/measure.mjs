// Measurement for the benchmark families (each family runs in a process of
// its own, bench/run.mjs). Rows of a family are measured side by side in
// *interleaved rounds* — round 1 of every row, then round 2 of every row, … —
// so a change in machine load hits every row of a round alike, and a ratio is
// judged on the per-round ratios. Time is the process's CPU time
// (process.cpuUsage), which a shared machine disturbs far less than the wall
// clock. Each round starts after a young-generation collection (the
// families run with --expose-gc), so no row pays for another's garbage.
//
// Every row's loop is compiled from a source text of its own: V8 shares type
// feedback between functions compiled from identical text, so identical loops
// would make each other's call sites polymorphic.
//
// Environment: SLOTHOOK_BENCH_ROUNDS (rounds per row, default 21),
// SLOTHOOK_BENCH_MS (CPU ms per round, default 30).

/** Prevents the optimizer from dropping results. */
export let sink;
export function consume(v) {
  sink = v;
}

export const ROUNDS = Number(process.env.SLOTHOOK_BENCH_ROUNDS ?? 21);
const ROUND_MS = Number(process.env.SLOTHOOK_BENCH_MS ?? 30);

let serial = 0;

/** CPU nanoseconds `fn()` takes. */
function cpu(fn) {
  const t = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) * 1000;
}

async function cpuAsync(fn) {
  const t = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) * 1000;
}

/** A loop running `expr` (JS using `i` and the names bound in `env`) n times, from a unique text. */
function loopOf(expr, env) {
  const names = Object.keys(env);
  const src = `return function loop(n) { let last; for (let i = 0; i < n; i++) last = ${expr}; return last; } //# bench loop ${++serial}`;
  return new Function(...names, src)(...names.map((k) => env[k]));
}

/** Iterations of `loop` that take about ROUND_MS of CPU. */
function calibrate(loop) {
  let n = 1000;
  for (;;) {
    const ns = cpu(() => consume(loop(n)));
    if (ns > (ROUND_MS * 1e6) / 4 || n > 5e7) return Math.max(1000, Math.round((n * ROUND_MS * 1e6) / Math.max(ns, 1e5)));
    n *= 4;
  }
}

/**
 * A family's rows, measured side by side. `add(name, fn)` measures
 * `fn(i, 2)`; `expr(name, source, env)` an expression; `async(name, fn)`
 * awaits `fn(i, 2)` one call at a time.
 */
export class Suite {
  constructor() {
    this.rows = [];
  }

  add(name, fn, extra = {}) {
    return this.expr(name, "fn(i, 2)", { fn }, extra);
  }

  expr(name, source, env, extra = {}) {
    this.rows.push({ name, ...extra, kind: "sync", loop: loopOf(source, env) });
    return this;
  }

  async(name, fn, extra = {}) {
    this.rows.push({ name, ...extra, kind: "async", fn });
    return this;
  }

  /** Runs every row: calibration, warm-up, then ROUNDS interleaved rounds; rows get `rounds` (ns per call). */
  async run({ rounds = ROUNDS, asyncCalls = 20000 } = {}) {
    for (const r of this.rows) {
      if (r.kind === "sync") {
        r.iters = calibrate(r.loop);
        for (let k = 0; k < 3; k++) consume(r.loop(r.iters));
      } else {
        r.iters = asyncCalls;
        for (let i = 0; i < asyncCalls / 2; i++) await r.fn(i, 2);
      }
      r.rounds = [];
    }
    for (let k = 0; k < rounds; k++) {
      for (const r of this.rows) {
        // Each round starts with an empty young generation: another row's garbage is not collected on this row's time.
        globalThis.gc?.({ type: "minor" });
        const ns =
          r.kind === "sync"
            ? cpu(() => consume(r.loop(r.iters)))
            : await cpuAsync(async () => {
                for (let i = 0; i < r.iters; i++) await r.fn(i, 2);
              });
        r.rounds.push(ns / r.iters);
      }
    }
    return this.rows.map(({ loop, fn, kind, iters, ...row }) => ({ ...row, ...summarize(row.rounds) }));
  }
}

/** Quantile q of sorted xs (linear interpolation). */
export function quantile(sorted, q) {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

/** Median, interquartile range and extremes of a list of samples. */
export function summarize(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { ns: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75), min: s[0], max: s[s.length - 1] };
}

/** Prints one family's results as a JSON line for bench/run.mjs. */
export function report(family, rows, extra = {}) {
  process.stdout.write(JSON.stringify({ family, rows, ...extra }) + "\n");
}
