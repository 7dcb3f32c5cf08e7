// Instructions per call of a wrapped function, traced (no subscriber) and
// untraced, counted by valgrind's callgrind instead of timed: a count does not
// depend on what else the machine runs. Each count is the difference between
// two runs of N1 and N2 calls (after the same warm-up), divided by N2 - N1, so
// start-up and warm-up cancel out.
//
//   node bench/tracing-icount.mjs        (needs valgrind; a few minutes)
//
// Conditions: `pristine` (no diagnostics channel of the process ever had a
// subscriber: V8 folds the subscriber test into a code dependency on the
// channels' map) and `after subscribers` (another channel was subscribed and
// unsubscribed first: the test is five map checks).
import { execFileSync, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const N1 = 200_000;
const N2 = 1_200_000;

if (process.argv[2] === "--child") {
  const [, , , variant, count, other] = process.argv;
  const dc = await import("node:diagnostics_channel");
  const { createHooks } = await import("../index.mjs");
  if (other === "after-subscribers") {
    const tc = dc.tracingChannel("icount:other");
    const handlers = { start() {}, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
    tc.subscribe(handlers);
    tc.unsubscribe(handlers);
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
  const loop = (n) => {
    let last;
    for (let i = 0; i < n; i++) last = svc.op(i, 2);
    return last;
  };
  for (let r = 0; r < 20; r++) loop(20_000);
  globalThis.sink = loop(Number(count));
} else {
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.error("valgrind is not installed (apt-get install valgrind)");
    process.exit(1);
  }
  const instructions = (variant, n, other) => {
    const r = spawnSync(
      "valgrind",
      ["--tool=callgrind", "--callgrind-out-file=/dev/null", process.execPath, "--predictable", self, "--child", variant, String(n), other],
      { encoding: "utf8" },
    );
    const m = /Collected : (\d+)/.exec(r.stderr);
    if (m === null) throw new Error(`no count for ${variant} ${n} ${other}:\n${r.stderr.slice(-2000)}`);
    return Number(m[1]);
  };
  console.log(`instructions per call (callgrind, Node ${process.version}, ${execFileSync("valgrind", ["--version"], { encoding: "utf8" }).trim()})`);
  console.log();
  console.log("| condition | runner | untraced | traced, no subscriber |");
  console.log("| --- | --- | ---: | ---: |");
  for (const other of ["pristine", "after-subscribers"]) {
    for (const runner of ["no hook", "before + after"]) {
      const suffix = runner === "no hook" ? "" : "-hooks";
      const per = (variant) => (instructions(variant, N2, other) - instructions(variant, N1, other)) / (N2 - N1);
      console.log(`| ${other.replace("-", " ")} | ${runner} | ${per(`untraced${suffix}`).toFixed(1)} | ${per(`traced${suffix}`).toFixed(1)} |`);
    }
  }
}
