// Issue 4: slothook in worker threads — one engine and registry per worker,
// no hook crosses threads, and terminating a worker releases its engines.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";
import { once } from "node:events";
import { createHooks, liveEngines } from "../index.mjs";

const entry = new URL("../index.js", import.meta.url).pathname;

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
const { createHooks, liveEngines } = require(workerData.entry);
const keep = [];
const log = [];
for (let i = 0; i < workerData.engines; i++) {
  const hooks = createHooks(true);
  hooks.hook.on("math.add:before", ({ args }) => { log.push("worker-" + i); return [args[0] * 10, args[1]]; });
  keep.push(hooks);
}
const api = keep[0].wrap({ math: { add: (a, b) => a + b } });
const result = api.math.add(1, 2);
parentPort.postMessage({ result, log, live: liveEngines() });
parentPort.on("message", () => {}); // stay alive until terminated
`;

async function startWorker(engines) {
  const w = new Worker(workerSource, { eval: true, workerData: { entry, engines } });
  const [msg] = await once(w, "message");
  return { w, msg };
}

test("workers each get their own engines; main-thread hooks never fire there; terminate releases them", async () => {
  const mainLog = [];
  const main = createHooks(true);
  main.hook.on("**:before", ({ path }) => {
    mainLog.push(path);
  });
  const before = liveEngines();
  assert.ok(before >= 1);

  const a = await startWorker(3);
  const b = await startWorker(2);
  assert.equal(a.msg.result, 12); // only the worker's own hook (x10) ran, once
  assert.deepEqual(a.msg.log, ["worker-0"]);
  assert.deepEqual(b.msg.log, ["worker-0"]);
  assert.deepEqual(mainLog, []);
  assert.equal(liveEngines(), before + 5);

  await a.w.terminate();
  assert.equal(liveEngines(), before + 2);
  await b.w.terminate();
  assert.equal(liveEngines(), before);

  // the main thread's engine is untouched
  const api = main.wrap({ math: { add: (x, y) => x + y } });
  assert.equal(api.math.add(1, 2), 3);
  assert.deepEqual(mainLog, ["math.add"]);
});
