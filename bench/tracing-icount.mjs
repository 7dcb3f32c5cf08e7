// Instructions per call, counted by valgrind's callgrind instead of timed: a
// count does not depend on what else the machine runs. Each count is the
// difference between two runs of N1 and N2 calls (after the same warm-up),
// divided by N2 - N1, so start-up and warm-up cancel out.
//
//   node bench/tracing-icount.mjs        (needs valgrind; 10-20 minutes)
//   node bench/tracing-icount.mjs --only wrapped | --only others   (one table)
//
// Two tables:
//
// 1. A wrapped function, traced (no subscriber) and untraced, under four
//    conditions, each in a process of its own:
//      pristine           no diagnostics channel of the process ever had a subscriber;
//      other-channel      another library's TracingChannel has a subscriber (as
//                         an APM's http or database channels do);
//      slothook-channel   another slothook instance's channel has a subscriber;
//      own-channel-cycle  this instance's channel had a subscriber (one call
//                         was published) and lost it.
//    V8 folds the subscriber test into a code dependency while the channels'
//    map is stable; else it is a map check per channel (lib/tracing.js).
//
// 2. What slothook's channels, on a map of their own, cost other libraries'
//    diagnostics_channel calls, which go through the same functions inside
//    Node: each call after two slothook instances with tracing were called
//    with and without subscribers, against the same after two TracingChannels
//    on Node's map were (othersCall).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const N1 = 200_000;
const N2 = 1_200_000;
const handlers = () => ({ start() {}, end() {}, asyncStart() {}, asyncEnd() {}, error() {} });

async function wrappedCall(variant, count, condition) {
  const dc = await import("node:diagnostics_channel");
  const { createHooks } = await import("../index.mjs");
  const h = handlers();
  if (condition === "other-channel") dc.tracingChannel("icount:other-library").subscribe(h);
  if (condition === "slothook-channel") {
    createHooks({ tracing: "icount:other-instance" });
    dc.tracingChannel("icount:other-instance").subscribe(h);
  }
  const traced = variant.startsWith("traced");
  const hooks = createHooks(traced ? { tracing: "icount:calls" } : true);
  if (variant.endsWith("hooks")) {
    hooks.hook.on("svc.op:before", ({ args }) => {
      args[0] = args[0] | 0;
    });
    hooks.hook.on("svc.op:after", ({ result }) => result);
  }
  const svc = hooks.wrap({ svc: { op: (a, b) => a + b } }).svc;
  if (condition === "own-channel-cycle") {
    const tc = dc.tracingChannel("icount:calls");
    tc.subscribe(h);
    svc.op(1, 2);
    tc.unsubscribe(h);
  }
  const loop = (n) => {
    let last;
    for (let i = 0; i < n; i++) last = svc.op(i, 2);
    return last;
  };
  for (let r = 0; r < 20; r++) loop(20_000);
  globalThis.sink = loop(Number(count));
}

const OTHERS = {
  "publish (a channel with a subscriber)": "publish",
  "traceSync (a subscriber)": "traceSync",
  "traceSync (no subscriber)": "idleTraceSync",
  "TracingChannel#hasSubscribers": "hasSubscribers",
};

/**
 * Two traced "instances" called with a subscriber, without one, and left
 * with one on the first: slothook's (`slothook`: its channels on a map of
 * their own), or the same done with Node's traceSync on TracingChannels of
 * Node's map (`node-map`), so that only the channels' map differs.
 */
async function othersCall(which, count, instances) {
  const dc = await import("node:diagnostics_channel");
  const { createHooks } = await import("../index.mjs");
  for (const name of ["icount:instance-a", "icount:instance-b"]) {
    const tc = dc.tracingChannel(name);
    const op = (a, b) => a + b;
    const call =
      instances === "slothook"
        ? createHooks({ tracing: name }).wrap({ svc: { op } }).svc.op
        : (a, b) => tc.traceSync(op, { path: "svc.op", args: [a, b], self: undefined }, undefined, a, b);
    const h = handlers();
    tc.subscribe(h);
    for (let i = 0; i < 50_000; i++) call(i, 2);
    tc.unsubscribe(h);
    for (let i = 0; i < 50_000; i++) call(i, 2);
    if (name.endsWith("a")) tc.subscribe(h);
  }
  const busy = dc.tracingChannel("icount:library-busy");
  busy.subscribe(handlers());
  const idle = dc.tracingChannel("icount:library-idle");
  const plain = dc.channel("icount:library-plain");
  plain.subscribe(() => {});
  const fn = (a) => a + 1;
  const loops = {
    publish: (n) => {
      for (let i = 0; i < n; i++) plain.publish(i);
      return n;
    },
    traceSync: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += busy.traceSync(fn, { i }, null, i);
      return s;
    },
    idleTraceSync: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += idle.traceSync(fn, { i }, null, i);
      return s;
    },
    hasSubscribers: (n) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += idle.hasSubscribers ? 1 : i;
      return s;
    },
  };
  const loop = loops[which];
  for (let r = 0; r < 10; r++) loop(20_000);
  globalThis.sink = loop(Number(count));
}

if (process.argv[2] === "--child") {
  const [, , , kind, ...rest] = process.argv;
  await (kind === "wrapped" ? wrappedCall : othersCall)(...rest);
} else {
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.error("valgrind is not installed (apt-get install valgrind)");
    process.exit(1);
  }
  // callgrind's counts do not depend on how many run at once: two at a time.
  let running = 0;
  const queue = [];
  const slot = () => (running < 2 ? Promise.resolve(running++) : new Promise((go) => queue.push(go)).then(() => running++));
  const release = () => {
    running--;
    queue.shift()?.();
  };
  const instructions = async (args) => {
    await slot();
    try {
      const stderr = await new Promise((resolve, reject) => {
        const child = spawn("valgrind", ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--predictable", self, "--child", ...args]);
        let err = "";
        child.stderr.on("data", (d) => (err += d));
        child.on("error", reject);
        child.on("close", () => resolve(err));
      });
      const m = /Collected : (\d+)/.exec(stderr);
      if (m === null) throw new Error(`no count for ${args.join(" ")}:\n${stderr.slice(-2000)}`);
      return Number(m[1]);
    } finally {
      release();
    }
  };
  const per = async (args) => {
    const [a, b] = await Promise.all([instructions(args(N1)), instructions(args(N2))]);
    return ((b - a) / (N2 - N1)).toFixed(1);
  };
  // --only wrapped | --only others: one of the two tables
  const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : null;
  const valgrind = execFileSync("valgrind", ["--version"], { encoding: "utf8" }).trim();
  const wrapped = [];
  for (const condition of only === "others" ? [] : ["pristine", "other-channel", "slothook-channel", "own-channel-cycle"]) {
    for (const runner of ["no hook", "before + after"]) {
      const suffix = runner === "no hook" ? "" : "-hooks";
      const count = (variant) => per((n) => ["wrapped", variant, String(n), condition]);
      wrapped.push(Promise.all([condition, runner, count(`untraced${suffix}`), count(`traced${suffix}`)]));
    }
  }
  const others = Object.entries(only === "wrapped" ? {} : OTHERS).map(([label, which]) =>
    Promise.all([label, per((n) => ["others", which, String(n), "node-map"]), per((n) => ["others", which, String(n), "slothook"])]),
  );
  console.log(`instructions per call (callgrind, Node ${process.version}, ${valgrind})`);
  console.log();
  if (only !== "others") {
    console.log("| condition | runner | untraced | traced, no subscriber |");
    console.log("| --- | --- | ---: | ---: |");
    for (const row of await Promise.all(wrapped)) console.log(`| ${row.join(" | ")} |`);
    console.log();
  }
  if (only !== "wrapped") {
    console.log("another library's diagnostics_channel calls:");
    console.log();
    console.log("| call | after channels on Node's map | after slothook's channels |");
    console.log("| --- | ---: | ---: |");
    for (const row of await Promise.all(others)) console.log(`| ${row.join(" | ")} |`);
  }
}
