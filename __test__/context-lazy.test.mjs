// Issues 4 and 16: the async-context machinery is created lazily — a process
// that never uses context.run / runAs / lockCaller / bind creates no
// AsyncLocalStorage. What that saves depends on the Node version: on Node 20
// and 22 the first AsyncLocalStorage.run turns on promise hooks for the whole
// process (every later await gets slower); on Node 24 AsyncLocalStorage is
// built on AsyncContextFrame and costs unrelated awaits nothing (the figures:
// bench/context-cost.mjs, README "Async context").
//
// Two observables, both of which work on Node 20, 22 and 24 (each child is a
// fresh process on the Node under test, process.execPath):
//   - stores created: the child counts the AsyncLocalStorage instances made
//     by slothook's own modules, by handing them a counting subclass where
//     they `require("node:async_hooks")` (Module.prototype.require; replacing
//     the property on the async_hooks module object no longer works: it is a
//     getter since Node 22);
//   - the process-wide cost itself: whether promise execution tracking is on
//     (documented in async_hooks, "Promise execution tracking": without
//     promise hooks, promise reactions are not given async ids, so two
//     reactions run under the same executionAsyncId()).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

const entry = new URL("../index.js", import.meta.url).pathname;

function child(body) {
  const script = `
    const async_hooks = require("node:async_hooks");
    const Module = require("node:module");
    let created = 0;
    const originalRequire = Module.prototype.require;
    Module.prototype.require = function (id) {
      const m = originalRequire.apply(this, arguments);
      if (id !== "node:async_hooks" && id !== "async_hooks") return m;
      return { ...m, AsyncLocalStorage: class extends m.AsyncLocalStorage { constructor(...a) { super(...a); created++; } } };
    };
    const tracking = async () => {
      const id = () => async_hooks.executionAsyncId();
      const [a, b] = await Promise.all([Promise.resolve().then(id), Promise.resolve().then(id)]);
      return a !== b;
    };
    const { createHooks } = require(${JSON.stringify(entry)});
    const out = {};
    (async () => {
      ${body}
      out.created = created;
      out.tracking = await tracking();
      process.stdout.write(JSON.stringify(out));
    })();
  `;
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

test("the probe sees promise hooks: off in a plain process, on after async_hooks.createHook().enable()", () => {
  assert.equal(child(``).tracking, false);
  assert.equal(child(`async_hooks.createHook({ init() {} }).enable();`).tracking, true);
});

test("the probe counts the stores slothook creates", () => {
  const out = child(`createHooks(true).context.run({}, () => {}); new async_hooks.AsyncLocalStorage();`);
  assert.equal(out.created, 1, "one through slothook; the one made outside slothook is not counted");
});

test("hooks, wrap, sync and async calls, get(), caller() and lockCaller() without an identity create no AsyncLocalStorage and leave promise hooks off", () => {
  const out = child(`
    const hooks = createHooks({ context: { shared: true } });
    hooks.hook.enable();
    hooks.hook.on("**:before", ({ ctx }) => { if (!ctx.shared) throw new Error("ctx"); });
    hooks.hook.on("**:after", ({ result }) => result);
    hooks.hook.on("**:always", () => {});
    hooks.hook.on("**:error", () => {});
    const api = hooks.wrap({ a: { f: (x) => x, g: async (x) => { await null; return x; }, bad: async () => { throw new Error("x"); } } });
    for (let i = 0; i < 100; i++) { api.a.f(i); await api.a.g(i); await api.a.bad().catch(() => {}); }
    const plain = () => 1;
    if (hooks.lockCaller(plain) !== plain) throw new Error("lockCaller without an identity returns fn itself");
    if (hooks.context.get() !== undefined || hooks.context.caller() !== undefined) throw new Error("outside");
  `);
  assert.deepEqual(out, { created: 0, tracking: false });
});

for (const [what, call, stores] of [
  ["context.run", "hooks.context.run({}, () => {})", 1],
  ["context.runAs", "hooks.context.runAs('me', () => {})", 1],
  ["lockCaller under an identity", "hooks.context.runAs('me', () => hooks.lockCaller(() => {}))()", 1],
  ["bind", "hooks.bind(() => {})()", 2],
]) {
  test(`${what} creates its store${stores > 1 ? "s" : ""} on first use, and only once`, () => {
    const out = child(`
      const hooks = createHooks(true);
      ${call};
      out.first = created;
      ${call};
      ${call};
    `);
    assert.equal(out.first, stores);
    assert.equal(out.created, stores);
  });
}

test("context.run turns promise hooks on exactly when a bare AsyncLocalStorage.run does on this Node", (t) => {
  const bare = child(`new async_hooks.AsyncLocalStorage().run(1, () => {});`).tracking;
  const slothook = child(`createHooks(true).context.run({}, () => {});`).tracking;
  t.diagnostic(`Node ${process.version}: AsyncLocalStorage.run ${bare ? "turns promise hooks on (laziness saves a process-wide cost)" : "leaves promise hooks off"}`);
  assert.equal(slothook, bare);
});
