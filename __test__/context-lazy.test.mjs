// Issue 4: the async-context machinery is created lazily — a process that
// never uses context.run / runAs / lockCaller / bind creates no
// AsyncLocalStorage (on Node 20 the first one slows every later await).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

const entry = new URL("../index.js", import.meta.url).pathname;

function countStores(body) {
  const script = `
    const async_hooks = require("node:async_hooks");
    let created = 0;
    const Original = async_hooks.AsyncLocalStorage;
    async_hooks.AsyncLocalStorage = class extends Original { constructor() { super(); created++; } };
    const { createHooks } = require(${JSON.stringify(entry)});
    (async () => {
      ${body}
      process.stdout.write(String(created));
    })();
  `;
  return Number(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }));
}

test("hooks, wrap, sync and async calls, get() and caller() create no AsyncLocalStorage", () => {
  const n = countStores(`
    const hooks = createHooks({ context: { shared: true } });
    hooks.hook.on("**:before", ({ ctx }) => { if (!ctx.shared) throw new Error("ctx"); });
    hooks.hook.on("**:after", ({ result }) => result);
    hooks.hook.on("**:always", () => {});
    const api = hooks.wrap({ a: { f: (x) => x, g: async (x) => { await null; return x; } } });
    for (let i = 0; i < 100; i++) { api.a.f(i); await api.a.g(i); }
    if (hooks.context.get() !== undefined || hooks.context.caller() !== undefined) throw new Error("outside");
  `);
  assert.equal(n, 0);
});

for (const [what, call] of [
  ["context.run", "hooks.context.run({}, () => {})"],
  ["context.runAs", "hooks.context.runAs('me', () => {})"],
  ["bind", "hooks.bind(() => {})"],
]) {
  test(`${what} creates the stores on first use (and only once)`, () => {
    const n = countStores(`
      const hooks = createHooks(true);
      ${call};
      ${call};
    `);
    assert.ok(n >= 1 && n <= 2, `created ${n}`);
  });
}
