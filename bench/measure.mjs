// Measurement helpers shared by the benchmark families: warm-up, repeats,
// medians and spread. Every family runs in its own process (bench/run.mjs).

/** Prevents the optimizer from dropping results. */
export let sink;
export function consume(v) {
  sink = v;
}

const REPEATS = Number(process.env.SLOTHOOK_BENCH_REPEATS ?? 7);
const BUDGET_MS = Number(process.env.SLOTHOOK_BENCH_MS ?? 60);

/**
 * ns per iteration of `expr` (JS source using `i` and the names bound in
 * `env`). Each call compiles its own loop with new Function, so every row
 * gets fresh type feedback: rows measured earlier in the process cannot
 * make a later row's call sites megamorphic. Calibrates an iteration count
 * of about BUDGET_MS, warms up, then runs REPEATS timed rounds; returns the
 * median and the spread (min/max) of the rounds.
 */
export function measureExpr(expr, env) {
  const names = Object.keys(env);
  const loop = new Function(...names, `return function loop(n) { let last; for (let i = 0; i < n; i++) last = ${expr}; return last; }`)(
    ...names.map((k) => env[k]),
  );
  let n = 1000;
  for (;;) {
    const t = process.hrtime.bigint();
    consume(loop(n));
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (ms > BUDGET_MS / 4 || n > 5e7) {
      n = Math.max(1000, Math.round((n * BUDGET_MS) / Math.max(ms, 0.001)));
      break;
    }
    n *= 4;
  }
  const rounds = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = process.hrtime.bigint();
    consume(loop(n));
    rounds.push(Number(process.hrtime.bigint() - t) / n);
  }
  return summarize(rounds);
}

/** ns per call of `fn(i, 2)`. */
export function measure(fn) {
  return measureExpr("fn(i, 2)", { fn });
}

/** Same for async work: `fn(i)` returns a promise; `batch` calls in flight per round-trip. */
export async function measureAsync(fn, { calls = 20000 } = {}) {
  for (let i = 0; i < calls / 4; i++) await fn(i);
  const rounds = [];
  for (let r = 0; r < REPEATS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) await fn(i);
    rounds.push(Number(process.hrtime.bigint() - t) / calls);
  }
  return summarize(rounds);
}

export function summarize(rounds) {
  const sorted = [...rounds].sort((a, b) => a - b);
  return { ns: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Prints one family's rows as a JSON line for bench/run.mjs. */
export function report(family, rows, extra = {}) {
  process.stdout.write(JSON.stringify({ family, rows, ...extra }) + "\n");
}
