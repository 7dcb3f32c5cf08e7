// The tracing family (config `tracing`, issue 14): what publishing calls on a
// diagnostics_channel TracingChannel costs.
//
//   node --expose-gc bench/tracing.mjs           prints the rows and the ratios
//   node --expose-gc bench/tracing.mjs --json    one JSON line { family, rows, ratios }
//
// `tracing()` returns { rows: [{ name, ns, min, max }], ratios }:
//
//   ratios.noSubscriber  traced with no subscriber / untraced (the issue's
//                        ≤ 1.05× target): a call of a wrapped function from an
//                        instance with `tracing` while nobody subscribes,
//                        against the same call from an instance without it.
//                        Measured in three processes, because V8 makes
//                        the subscriber test cost different amounts
//                        (lib/tracing.js explains why):
//                          .pristine — no diagnostics channel of the
//                            process has ever had a subscriber;
//                          .otherLibrary — another library's channels have
//                            subscribers (an APM's http channels, say);
//                          .slothookChannel — another slothook instance's
//                            channel has one (this process, after the
//                            subscriber rows: slothook's channels share a
//                            map, and the test is five map checks per call);
//   ratios.subscriber    traced with one subscriber / a raw
//                        `TracingChannel#traceSync` of the same function with
//                        the same subscriber and a context of the same shape;
//   ratios.test          the two ways of testing for subscribers —
//                        `tracingChannel.hasSubscribers` and the five
//                        channels' getters — in a hand-written wrapper, against
//                        the wrapper without a test.
//
// Each slothook row is given for the two runners a call can take: no hook to
// run (the pass runner) and one before + one after hook (a generated runner),
// with `a + b` as the target (the worst case for a ratio) and, for the pass
// runner, a realistic target that builds a small object.
//
// Noise: the machine is shared, so time is CPU time (process.cpuUsage(), not
// the wall clock: time the process spends descheduled is not counted). Rows
// are measured in interleaved rounds (each round runs every row once, in a
// rotating order, so drift reaches all rows alike), after a calibration that
// waits for the loop to be optimized; a row's ns is the median of its
// rounds, min and max their spread; a ratio is the median of the per-round
// ratios (both rows of a ratio are measured in the same round), q1 and q3
// their quartiles (a target is judged on them, as bench/run.mjs does), `ofMinima`
// the ratio of the two rows' fastest rounds. Each row's
// loop, target and handlers are compiled from their own source text (V8
// shares type feedback between functions compiled from identical text).
import dc from "node:diagnostics_channel";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createHooks } from "../index.mjs";
import { summarize } from "./measure.mjs";

const ROUNDS = Number(process.env.SLOTHOOK_TRACING_ROUNDS ?? 41);
/** CPU time per row per round. */
const ROUND_MS = Number(process.env.SLOTHOOK_TRACING_MS ?? 15);
const self = fileURLToPath(import.meta.url);

export let sink;

let serial = 0;
/** A loop of `n` iterations of `expr` (using i and the names in env), from a unique source text. */
function compileLoop(name, expr, env) {
  const names = Object.keys(env);
  const source = `"use strict";
return function loop(n) {
  let last;
  for (let i = 0; i < n; i++) last = ${expr};
  return last;
};
//# tracing bench row ${++serial}: ${name.replace(/\n/g, " ")}`;
  // eslint-disable-next-line no-new-func
  return new Function(...names, source)(...names.map((k) => env[k]));
}

function cpuNs(loop, n) {
  const t = process.cpuUsage();
  sink = loop(n);
  const d = process.cpuUsage(t);
  return ((d.user + d.system) * 1000) / n;
}

/** Warm-up before calibrating: this many iterations and this much CPU time (ms), both. */
const WARM_ITERATIONS = 200_000;
const WARM_MS = 100;

/**
 * Iterations that take about ROUND_MS of CPU time, once the loop is warm
 * (WARM_ITERATIONS and WARM_MS): then the count is re-estimated until two
 * estimates in a row agree within 25%. An estimate taken while the loop still
 * runs in the interpreter or in baseline code gives rounds far too short.
 */
function calibrate(loop) {
  const t = process.cpuUsage();
  for (let done = 0, chunk = 1000; ; done += chunk, chunk = Math.min(chunk * 2, 100_000)) {
    const d = process.cpuUsage(t);
    if (done >= WARM_ITERATIONS && (d.user + d.system) / 1000 >= WARM_MS) break;
    sink = loop(chunk);
  }
  let n = 100;
  let agreed = 0;
  for (let tries = 0; tries < 40; tries++) {
    const t = process.cpuUsage();
    sink = loop(n);
    const d = process.cpuUsage(t);
    const ms = Math.max((d.user + d.system) / 1000, 0.001);
    const next = Math.min(1e9, Math.max(100, Math.round((n * ROUND_MS) / ms)));
    // A round far below the target says little: grow it before trusting it.
    if (ms < ROUND_MS / 8) {
      n = Math.min(next, n * 8);
      continue;
    }
    agreed = Math.abs(next - n) <= n / 4 ? agreed + 1 : 0;
    n = next;
    if (agreed >= 2) break;
  }
  return n;
}


/**
 * The target and the two handlers, compiled for one row from their own
 * source text: rows share no type feedback through them (a handler shared
 * by two instances would carry both instances' feedback into either
 * instance's inlined runner). `realistic` builds a small object (bench/targets.mjs).
 */
function functions(realistic = false) {
  const body = realistic ? "({ id: a, total: a + b, tags: [String(b)], ok: a > b })" : "a + b";
  // eslint-disable-next-line no-new-func
  return new Function(`"use strict";
return {
  target: (a, b) => ${body},
  before: ({ args }) => { args[0] = args[0] | 0; },
  after: ({ result }) => result,
};
//# tracing bench functions ${++serial}`)();
}

/** A wrapped `svc.op` (plain-object tree) from an instance with `tracing` (or without, null). */
function wrapped(tracing, { hooks: withHooks = false, realistic = false } = {}) {
  const { target, before, after } = functions(realistic);
  const hooks = createHooks(tracing === null ? true : { tracing });
  if (withHooks) {
    hooks.hook.on("svc.op:before", before);
    hooks.hook.on("svc.op:after", after);
  }
  return hooks.wrap({ svc: { op: target } }).svc;
}

/** One subscriber for every event, doing what a minimal APM does: touch the context. */
function subscriber() {
  let seen = 0;
  const on = (ctx) => {
    if (ctx.path !== undefined) seen++;
  };
  return { start: on, end: on, asyncStart: on, asyncEnd: on, error: on, seen: () => seen };
}

let channelSerial = 0;
const channelName = (what) => `slothook-bench:${what}:${process.pid}:${++channelSerial}`;

/**
 * A hand-written wrapper around a + b that makes `test` (an expression of
 * tc, s, e, as, ae, er) before calling it: what the subscriber test itself
 * costs inside a small wrapper, without slothook around it.
 */
function handWritten(test) {
  const tc = dc.tracingChannel(channelName("probe"));
  const { target } = functions();
  // eslint-disable-next-line no-new-func
  return new Function("fn", "tc", "s", "e", "as", "ae", "er", `"use strict";
return function wrapper(a, b) {
  if (${test}) return tc.traceSync(fn, {}, undefined, a, b);
  return fn(a, b);
};
//# tracing bench wrapper ${++serial}`)(target, tc, tc.start, tc.end, tc.asyncStart, tc.asyncEnd, tc.error);
}

const KINDS = [
  ["a + b, no hook", {}],
  ["a + b, before + after", { hooks: true }],
  ["realistic, no hook", { realistic: true }],
];
const RAW = "raw TracingChannel#traceSync, one subscriber";
const CHECKS = {
  none: "false",
  tracingChannel: "tc.hasSubscribers",
  "five channels": "s.hasSubscribers || e.hasSubscribers || as.hasSubscribers || ae.hasSubscribers || er.hasSubscribers",
};

/** The conditions measured in a child process each, and what each subscribes first. */
const CHILD_CONDITIONS = {
  pristine: () => {},
  otherLibrary: () => {
    dc.tracingChannel("other-library:query").subscribe(subscriber());
    dc.channel("other-library:request").subscribe(() => {});
  },
};
const SUFFIX = { pristine: "pristine", otherLibrary: "another library's channels subscribed", slothookChannel: "another slothook channel subscribed" };

/** The rows of a child process: untraced and traced, no subscriber. */
function idleRows(row) {
  for (const [label, options] of KINDS) {
    row(`${label}: untraced`, "svc.op(i, 2)", { svc: wrapped(null, options) });
    row(`${label}: traced, no subscriber`, "svc.op(i, 2)", { svc: wrapped(channelName("idle"), options) });
  }
}

/** The rows of this process, where channels have subscribers. */
function subscribedRows(row) {
  const busy = [];
  for (const [label, options] of KINDS) {
    row(`${label}: untraced (${SUFFIX.slothookChannel})`, "svc.op(i, 2)", { svc: wrapped(null, options) });
    row(`${label}: traced, no subscriber (${SUFFIX.slothookChannel})`, "svc.op(i, 2)", { svc: wrapped(channelName("idle"), options) });
    if (options.realistic) continue;
    const name = channelName("busy");
    row(`${label}: traced, one subscriber`, "svc.op(i, 2)", { svc: wrapped(name, options) });
    busy.push(name);
  }
  // The reference for the subscriber ratio: Node's own traceSync of the same
  // function, with the same subscriber and a context of the same shape.
  const raw = dc.tracingChannel(channelName("raw"));
  const { target } = functions();
  const svc = { op: target };
  row(RAW, 'tc.traceSync(fn, { path: "svc.op", args: [i, 2], self: svc }, svc, i, 2)', { tc: raw, fn: target, svc });
  // The two subscriber tests, each in a hand-written wrapper.
  for (const [name, test] of Object.entries(CHECKS)) row(`hand-written wrapper, test: ${name}`, "w(i, 2)", { w: handWritten(test) });
  // Subscribed last, once every wrapper exists.
  for (const name of busy) dc.tracingChannel(name).subscribe(subscriber());
  raw.subscribe(subscriber());
}

/** Measures the rows `make(row)` declares, in interleaved rounds. */
function measureRows(make, rounds) {
  const rows = [];
  make((name, expr, env) => rows.push({ name, loop: compileLoop(name, expr, env) }));
  for (const r of rows) {
    r.n = calibrate(r.loop);
    r.rounds = [];
  }
  // One collection before the rounds, none between them: a full collection
  // clears objects that optimized code refers to weakly (V8 then deoptimizes
  // traceCall, runStores, traceSync … and re-optimizes them during the next
  // round), which no real workload does once per round.
  if (typeof globalThis.gc === "function") globalThis.gc();
  for (let k = 0; k < rounds; k++) {
    for (let j = 0; j < rows.length; j++) {
      const r = rows[(j + k) % rows.length];
      r.rounds.push(cpuNs(r.loop, r.n));
    }
  }
  return rows;
}

function ratioOf(rows, a, b) {
  const byName = new Map(rows.map((r) => [r.name, r]));
  const ra = byName.get(a).rounds;
  const rb = byName.get(b).rounds;
  const per = ra.map((x, i) => x / rb[i]);
  // ratio: the median of the per-round ratios, q1-q3 their interquartile range; ofMinima: the two rows' fastest rounds (the least disturbed)
  const q = summarize(per);
  return { ratio: q.ns, q1: q.q1, q3: q.q3, ofMinima: Math.min(...ra) / Math.min(...rb), min: q.min, max: q.max };
}

const summary = (r) => {
  const q = summarize(r.rounds);
  return { name: r.name, ns: q.ns, min: q.min, max: q.max };
};

/** The rows of one child condition, measured in this process (which must have subscribed to nothing else). */
function childRows(condition, rounds) {
  CHILD_CONDITIONS[condition]();
  const rows = measureRows(idleRows, rounds);
  const ratios = {};
  for (const [label] of KINDS) ratios[label] = ratioOf(rows, `${label}: traced, no subscriber`, `${label}: untraced`);
  return { rows: rows.map((r) => ({ ...summary(r), name: `${r.name} (${SUFFIX[condition]})` })), ratios };
}

/** Runs the family; { rows, ratios }. The child conditions run in a process each. */
export async function tracing({ rounds = ROUNDS } = {}) {
  const children = {};
  for (const condition of Object.keys(CHILD_CONDITIONS)) {
    children[condition] = JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", self, "--child", condition], {
        encoding: "utf8",
        env: { ...process.env, SLOTHOOK_TRACING_ROUNDS: String(rounds) },
        maxBuffer: 1 << 24,
      })
        .trim()
        .split("\n")
        .pop(),
    );
  }
  const rows = measureRows(subscribedRows, rounds);
  const ratios = {
    noSubscriber: { ...Object.fromEntries(Object.entries(children).map(([k, c]) => [k, c.ratios])), slothookChannel: {} },
    subscriber: {},
    test: {},
  };
  for (const [label, options] of KINDS) {
    ratios.noSubscriber.slothookChannel[label] = ratioOf(
      rows,
      `${label}: traced, no subscriber (${SUFFIX.slothookChannel})`,
      `${label}: untraced (${SUFFIX.slothookChannel})`,
    );
    if (!options.realistic) ratios.subscriber[label] = ratioOf(rows, `${label}: traced, one subscriber`, RAW);
  }
  for (const name of Object.keys(CHECKS)) {
    if (name !== "none") ratios.test[name] = ratioOf(rows, `hand-written wrapper, test: ${name}`, "hand-written wrapper, test: none");
  }
  return { rows: [...Object.values(children).flatMap((c) => c.rows), ...rows.map(summary)], ratios };
}

if (process.argv[1] === self) {
  const child = process.argv.indexOf("--child");
  if (child !== -1) {
    process.stdout.write(JSON.stringify(childRows(process.argv[child + 1], ROUNDS)) + "\n");
  } else {
    const result = await tracing();
    if (process.argv.includes("--json")) {
      process.stdout.write(JSON.stringify({ family: "tracing", ...result }) + "\n");
    } else {
      const fmt = (ns) => `${ns.toFixed(2)} ns`;
      console.log(`tracing — Node ${process.version}, ${ROUNDS} interleaved rounds of ~${ROUND_MS} ms CPU time per row`);
      console.log();
      console.log("| row | ns/call (median) | min | max |");
      console.log("| --- | ---: | ---: | ---: |");
      for (const r of result.rows) console.log(`| ${r.name} | ${fmt(r.ns)} | ${fmt(r.min)} | ${fmt(r.max)} |`);
      console.log();
      const show = (label, x, target) =>
        console.log(
          `${label}: ${x.ratio.toFixed(3)}× (IQR ${x.q1.toFixed(3)}–${x.q3.toFixed(3)}, rounds ${x.min.toFixed(3)}–${x.max.toFixed(3)}; fastest rounds ${x.ofMinima.toFixed(3)}×)${target ? ` — target ≤ ${target}×: ${x.q3 <= target ? "PASS" : x.q1 > target ? "MISS" : "NOISY"}` : ""}`,
        );
      for (const [when, set] of Object.entries(result.ratios.noSubscriber)) {
        for (const [k, x] of Object.entries(set)) show(`traced, no subscriber / untraced (${k}; ${when})`, x, 1.05);
      }
      for (const [k, x] of Object.entries(result.ratios.subscriber)) show(`traced, one subscriber / raw traceSync (${k})`, x);
      for (const [k, x] of Object.entries(result.ratios.test)) show(`hand-written wrapper testing ${k} / testing nothing`, x);
    }
  }
}
