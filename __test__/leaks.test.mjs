// Issue 6: handlers never become GC roots. A removed handler, a handler whose
// hooks object is dropped, and a dropped wrapped tree become collectable.
// (npm test runs node with --expose-gc.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";

const gc = globalThis.gc;

const tick = () => new Promise((r) => setImmediate(r));

/**
 * Collects until every WeakRef in `refs` is empty (or gives up). deref()
 * keeps its target alive until the current job ends, so each check happens
 * in a job of its own, after the collection.
 */
async function collected(refs) {
  for (let i = 0; i < 20; i++) {
    await tick();
    gc();
    await tick();
    if (refs.every((r) => r.deref() === undefined)) return true;
  }
  return false;
}

test("--expose-gc is on (npm test passes it)", () => {
  assert.equal(typeof gc, "function");
});

test("a removed handler (and what it closes over) is collectable", async () => {
  const hooks = createHooks(true);
  const api = hooks.wrap({ svc: { op: (x) => x } });
  const refs = [];
  (() => {
    const big = { payload: new Array(1000).fill("x") };
    const handler = ({ args }) => (big.payload.length ? args : args);
    refs.push(new WeakRef(handler), new WeakRef(big));
    hooks.hook.on("svc.*:before", handler, { id: "tmp" });
    // run it hot so the generated runner holds it too
    for (let i = 0; i < 100; i++) api.svc.op(i);
  })();
  assert.equal(hooks.hook.off("tmp"), 1);
  api.svc.op(1); // the next call rebuilds the plan without the handler
  assert.equal(await collected(refs), true);
});

test("a handler that closes over its hooks object is freed with the hooks object", async () => {
  const refs = [];
  (() => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ svc: { op: (x) => x } });
    const handler = () => {
      hooks.hook.list(); // closes over hooks: a cycle through the engine
    };
    hooks.hook.on("**:after", handler);
    for (let i = 0; i < 100; i++) api.svc.op(i);
    refs.push(new WeakRef(hooks), new WeakRef(handler), new WeakRef(api));
  })();
  assert.equal(await collected(refs), true);
});

test("a dropped wrapped tree is collectable while its hooks object lives on", async () => {
  const hooks = createHooks(true);
  hooks.hook.on("**:before", () => {});
  const refs = [];
  (() => {
    const tree = { a: { f: () => 1, g: () => 2 }, b: [() => 3] };
    const api = hooks.wrap(tree);
    for (let i = 0; i < 100; i++) api.a.f() + api.b[0]();
    refs.push(new WeakRef(api), new WeakRef(api.a.f), new WeakRef(tree));
  })();
  assert.equal(await collected(refs), true);
  assert.equal(hooks.hook.list().registeredHooks.length, 1);
});

test("the native engine of a dropped hooks object is released", async () => {
  const { liveEngines } = await import("../index.mjs");
  await collected([]);
  const before = liveEngines();
  (() => {
    for (let i = 0; i < 50; i++) createHooks(true).hook.on("x:before", () => {});
  })();
  assert.ok(liveEngines() >= before + 50);
  for (let i = 0; i < 20 && liveEngines() > before; i++) await collected([]);
  assert.equal(liveEngines(), before);
});
