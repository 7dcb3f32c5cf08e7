#!/usr/bin/env node
// Issue 4's cost row: what the async-context machinery costs the whole
// process. The cost is process-wide (on Node 20 the first AsyncLocalStorage
// turns on promise hooks for every later await), so it is measured in two
// separate processes, side by side: one that never touches the context API
// and one that calls hooks.context.run once. Both run the same hooked async
// workload. Prints a JSON line (`--json`) or a small table.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROUNDS = Number(process.env.SLOTHOOK_CTX_ROUNDS ?? 5);

if (process.argv[2] === "--child") {
  const useContext = process.argv[3] === "1";
  const { createHooks } = await import(new URL("../index.mjs", import.meta.url));
  const hooks = createHooks(true);
  hooks.hook.on("svc.*:before", ({ args }) => args);
  hooks.hook.on("svc.*:after", ({ result }) => result);
  hooks.hook.on("svc.*:always", () => {});
  const api = hooks.wrap({ svc: { get: async (id) => ({ id }) } });
  if (useContext) hooks.context.run({ once: true }, () => {});
  const N = 200_000;
  // warm-up
  for (let i = 0; i < 20_000; i++) await api.svc.get(i);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < N; i++) await api.svc.get(i);
  const ns = Number(process.hrtime.bigint() - t0) / N;
  process.stdout.write(JSON.stringify({ ns }));
  process.exit(0);
}

const self = fileURLToPath(import.meta.url);
const run = (flag) => JSON.parse(execFileSync(process.execPath, [self, "--child", flag], { encoding: "utf8" })).ns;
const without = [];
const withCtx = [];
for (let r = 0; r < ROUNDS; r++) {
  // alternate, so machine noise hits both sides alike
  without.push(run("0"));
  withCtx.push(run("1"));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const result = {
  scenario: "async hooked call + await, context API never used vs used once (separate processes)",
  withoutContextNs: median(without),
  withContextNs: median(withCtx),
  ratio: median(withCtx) / median(without),
  rounds: ROUNDS,
};
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(result));
} else {
  console.log(`context API never used : ${result.withoutContextNs.toFixed(0)} ns per hooked async call`);
  console.log(`context API used once  : ${result.withContextNs.toFixed(0)} ns per hooked async call`);
  console.log(`ratio                  : ${result.ratio.toFixed(2)}x (median of ${ROUNDS} process pairs)`);
}
