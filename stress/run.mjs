#!/usr/bin/env node
// `npm run stress`: the long versions of the hardening checks (the test
// suite runs short ones). Prints its figures; exits non-zero on a failure.
//   1. 1,000,000 register/remove cycles — RSS before/after a collection
//   2. 1,000,000 distinct wrapped paths, each called once, then dropped
//   3. 200,000 concurrent async calls with every hook type (the load test)
//   4. random patterns and paths through the public API for a while
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createHooks, HookError, liveEngines } from "../index.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const gc = globalThis.gc;
if (typeof gc !== "function") {
  execFileSync(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url)], { stdio: "inherit" });
  process.exit(0);
}
const mb = (b) => `${(b / 1048576).toFixed(1)} MB`;
const settle = async () => {
  for (let i = 0; i < 6; i++) {
    gc();
    await new Promise((r) => setImmediate(r));
  }
  return process.memoryUsage().rss;
};
const failures = [];
const expect = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
};

// 1. register/remove cycles
{
  const hooks = createHooks(true);
  const f = hooks.wrapFunction("svc.op", (x) => x);
  for (let i = 0; i < 10000; i++) hooks.hook.off(hooks.hook.on(`svc.*:before`, () => undefined));
  const before = await settle();
  const t = Date.now();
  const N = 1_000_000;
  for (let i = 0; i < N; i++) {
    const id = hooks.hook.on(i % 2 ? "svc.*:before" : `svc.op${i % 100}:after`, () => undefined);
    if (i % 1000 === 0) f(i);
    hooks.hook.off(id);
  }
  const after = await settle();
  console.log(`register/remove: ${N.toLocaleString("en")} cycles in ${((Date.now() - t) / 1000).toFixed(1)} s; RSS ${mb(before)} -> ${mb(after)}`);
  expect(after - before < 64 << 20, "RSS flat (< 64 MB growth) after 1,000,000 register/remove cycles");
  expect(hooks.hook.list().registeredHooks.length === 0, "registry empty afterwards");
}

// 2. distinct wrapped paths
{
  const engines = liveEngines();
  const before = await settle();
  const t = Date.now();
  const N = 1_000_000;
  const BATCH = 100_000;
  for (let b = 0; b < N / BATCH; b++) {
    const hooks = createHooks(true);
    hooks.hook.on("p*.op:before", ({ args }) => args);
    hooks.hook.on("**:after", ({ result }) => result);
    const tree = {};
    for (let i = 0; i < BATCH; i++) tree[`p${b * BATCH + i}`] = { op: (x) => x };
    const api = hooks.wrap(tree);
    for (let i = 0; i < BATCH; i++) api[`p${b * BATCH + i}`].op(i);
  }
  const after = await settle();
  console.log(`wrapped paths: ${N.toLocaleString("en")} distinct paths wrapped and called in ${((Date.now() - t) / 1000).toFixed(1)} s; RSS ${mb(before)} -> ${mb(after)}`);
  expect(after - before < 64 << 20, "RSS flat (< 64 MB growth) after 1,000,000 wrapped paths were dropped");
  expect(liveEngines() <= engines, `the 10 engines of those batches released (${liveEngines()} live now, ${engines} before)`);
}

// 3. load
{
  const t = Date.now();
  try {
    execFileSync(process.execPath, ["--test", "__test__/load.test.mjs"], {
      cwd: root,
      env: { ...process.env, SLOTHOOK_LOAD_CALLS: "200000" },
      stdio: "pipe",
    });
    expect(true, `200,000 concurrent async calls, no hook call lost, no result mixed (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  } catch (err) {
    expect(false, `load test: ${err.stdout}`);
  }
}

// 4. random input
{
  const alphabet = ["*", "**", "?", "{", "}", ",", "!", ".", "a", "b", "é", "😀", "\\", "[", ":", "\n", "\uD800"];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const word = (n) => Array.from({ length: Math.floor(rnd() * n) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join("");
  const hooks = createHooks(true);
  const t = Date.now();
  let tried = 0;
  let raw = 0;
  while (Date.now() - t < 20000) {
    const p = word(24);
    const path = word(12);
    tried++;
    for (const call of [
      () => hooks.hook.on(`${p}:before`, () => undefined),
      () => hooks.diag.hook.compilePattern(p)(path),
      () => hooks.hook.enablePattern(p),
      () => hooks.hook.list({ pattern: p }),
      () => hooks.diag.hook.explain(path),
      () => hooks.wrapFunction(path, () => 1)(),
    ]) {
      try {
        call();
      } catch (err) {
        if (!(err instanceof HookError)) raw++;
      }
    }
    if (tried % 5000 === 0) {
      hooks.hook.clear();
      hooks.hook.resetPatternFilter();
    }
  }
  console.log(`random input: ${tried.toLocaleString("en")} patterns × 6 entry points in 20 s`);
  expect(raw === 0, `no raw (uncoded) error from random input (${raw})`);
}

if (failures.length) {
  console.error(`${failures.length} stress check(s) failed`);
  process.exit(1);
}
console.log("stress: all checks passed");
