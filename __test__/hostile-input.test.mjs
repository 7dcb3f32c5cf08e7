// Issue 6: bad input on every public entry point answers a coded HookError
// or behaves as documented — never a raw TypeError, a crash, a hang or
// prototype pollution.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { catchError, captureWarnings } from "./helpers/common.mjs";

const { proxy: revoked, revoke } = Proxy.revocable({}, {});
revoke();
const trap = () => {
  throw new Error("trap");
};
const hostile = {
  undefined: undefined,
  null: null,
  number: 5,
  NaN: NaN,
  bigint: 10n,
  string: "x",
  "1 MB string": "x".repeat(1 << 20),
  "lone surrogate": "\uD800",
  symbol: Symbol("s"),
  function: () => {},
  object: {},
  array: [],
  frozen: Object.freeze({ id: "f" }),
  "throwing getters": Object.defineProperties({}, { id: { get: trap }, type: { get: trap }, pattern: { get: trap }, enabled: { get: trap } }),
  "throwing proxy": new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap, getPrototypeOf: trap }),
  "revoked proxy": revoked,
  "__proto__": "__proto__",
  constructor: "constructor",
};

const entryPoints = {
  createHooks: (h, v) => createHooks(v),
  "hook.on(typePattern)": (h, v) => h.hook.on(v, () => {}),
  "hook.on(handler)": (h, v) => h.hook.on("a.b:before", v),
  "hook.on(options)": (h, v) => h.hook.on("a.b:before", () => {}, v),
  "hook.on({ id })": (h, v) => h.hook.on("a.b:before", () => {}, { id: v }),
  "hook.on({ priority })": (h, v) => h.hook.on("a.b:before", () => {}, { priority: v }),
  "hook.on({ subset })": (h, v) => h.hook.on("a.b:before", () => {}, { subset: v }),
  "hook.on({ pattern })": (h, v) => h.hook.on("a.b:before", () => {}, { pattern: v }),
  "hook.on({ once })": (h, v) => h.hook.on("a.b:before", () => {}, { once: v }),
  "hook.on({ [unknown]: value })": (h, v) => h.hook.on("a.b:before", () => {}, { priorty: v }),
  "hook.remove": (h, v) => h.hook.remove(v),
  "hook.clear": (h, v) => h.hook.clear(v),
  "hook.off": (h, v) => h.hook.off(v),
  "hook.enable": (h, v) => h.hook.enable(v),
  "hook.disable": (h, v) => h.hook.disable(v),
  "hook.enable({ type })": (h, v) => h.hook.enable({ type: v }),
  "hook.remove({ pattern })": (h, v) => h.hook.remove({ pattern: v }),
  "hook.list": (h, v) => h.hook.list(v),
  "hook.list({ pattern })": (h, v) => h.hook.list({ pattern: v }),
  "hook.list({ enabled })": (h, v) => h.hook.list({ enabled: v }),
  "hook.enablePattern": (h, v) => h.hook.enablePattern(v),
  "hook.disablePattern": (h, v) => h.hook.disablePattern(v),
  "diag.hook.compilePattern": (h, v) => h.diag.hook.compilePattern(v),
  "diag.hook.compilePattern(**)(path)": (h, v) => h.diag.hook.compilePattern("**")(v),
  "diag.hook.explain": (h, v) => h.diag.hook.explain(v),
  wrap: (h, v) => h.wrap(v),
  "wrap({ a: value })": (h, v) => h.wrap({ a: v }),
  "wrapFunction(path)": (h, v) => h.wrapFunction(v, () => {}),
  "wrapFunction(fn)": (h, v) => h.wrapFunction("a", v),
  "context.run(fn)": (h, v) => h.context.run({}, v),
  "context.runAs(fn)": (h, v) => h.context.runAs("me", v),
  lockCaller: (h, v) => h.lockCaller(v),
  bind: (h, v) => h.bind(v),
};

for (const [entry, call] of Object.entries(entryPoints)) {
  test(`${entry}: every hostile value gives a result or a coded HookError`, () => {
    const raw = [];
    for (const [name, value] of Object.entries(hostile)) {
      const hooks = createHooks(true);
      try {
        call(hooks, value);
      } catch (err) {
        if (!(err instanceof HookError) || typeof err.code !== "string") raw.push(`${name}: ${err}`);
      }
      // the engine still works afterwards (after undoing documented effects
      // such as disable() or a narrowed path filter)
      hooks.hook.enable();
      hooks.hook.resetPatternFilter();
      const f = hooks.wrapFunction("ok.f", (x) => x);
      hooks.hook.on("ok.f:after", ({ result }) => result + 1, { id: "after-check" });
      assert.equal(f(1), 2, `${entry} with ${name} broke the engine`);
    }
    assert.deepEqual(raw, []);
  });
}

test("cyclic trees map to the same wrapped node; a value shared under another key is its own path (§11 (s))", () => {
  const hooks = createHooks(true);
  const paths = [];
  hooks.hook.on("**:before", ({ path }) => {
    paths.push(path);
  });
  const tree = { a: { f: () => 1 } };
  tree.a.self = tree;
  tree.list = [tree.a];
  const api = hooks.wrap(tree);
  assert.equal(api.a.self, api);
  assert.equal(api.a.self.a.f(), 1);
  assert.notEqual(api.list[0], api.a, "list.0 is not a cycle: it gets its own node");
  assert.equal(api.list[0].self, api, "…whose back edge to the root is a cycle");
  assert.equal(api.list[0].f(), 1);
  assert.deepEqual(paths, ["a.f", "list.0.f"]);
});

test("sharing that multiplies paths (2^40 of them) → INVALID_WRAP_TARGET, quickly", () => {
  const hooks = createHooks(true);
  let node = { f: () => 1 };
  for (let i = 0; i < 40; i++) node = { l: node, r: node };
  const t = Date.now();
  const e = catchError(() => hooks.wrap(node));
  assert.ok(e instanceof HookError, String(e));
  assert.equal(e.code, "INVALID_WRAP_TARGET");
  assert.match(e.message, /several keys/);
  assert.ok(Date.now() - t < 10_000, `took ${Date.now() - t} ms`);
  // the engine keeps working
  assert.equal(hooks.wrap({ g: () => 2 }).g(), 2);
});

test("__proto__ / constructor / prototype as path segments and patterns: no prototype pollution", () => {
  const hooks = createHooks(true);
  const tree = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"g": 1}}, "prototype": {"h": 2}}');
  tree["__proto__"].f = () => "f";
  const api = hooks.wrap(tree);
  for (const p of ["__proto__.*", "constructor.prototype.*", "__proto__:before", "prototype"]) {
    hooks.hook.on(p.includes(":") ? p : `${p}:before`, () => "hooked");
  }
  hooks.hook.enablePattern("__proto__.*");
  hooks.hook.enablePattern("constructor");
  hooks.hook.remove({ pattern: "__proto__" });
  hooks.hook.list({ pattern: "__proto__.*" });
  assert.equal(api["__proto__"].f(), "hooked");
  assert.equal(Object.getPrototypeOf(api), Object.prototype);
  assert.equal({}.polluted, undefined);
  assert.equal({}.g, undefined);
  assert.equal({}.f, undefined);
  assert.equal(Object.prototype.polluted, undefined);
});

test("pathological patterns are refused quickly or compiled within the bounds", () => {
  const hooks = createHooks(true);
  const started = Date.now();
  const cases = [
    "{0,1,2,3,4,5,6,7,8,9}".repeat(9), // 10^9 strings
    `{${Array.from({ length: 20000 }, (_, i) => `a${i}`).join(",")}}`, // 20,000 alternatives
    "{".repeat(5000) + "}".repeat(5000), // deep nesting
    "!".repeat(65536), // negation chain
    "x".repeat(1 << 20), // 1 MB
    "?".repeat(30000) + `{${Array.from({ length: 60 }, (_, i) => i).join(",")}}`,
  ];
  for (const p of cases) {
    try {
      hooks.hook.on(`${p}:before`, () => {});
    } catch (err) {
      assert.ok(err instanceof HookError, String(err));
      assert.ok(
        ["HOOK_PATTERN_TOO_COMPLEX", "HOOK_BRACE_EXPANSION_MAX_DEPTH", "INVALID_HOOK_PATTERN"].includes(err.code),
        err.code,
      );
    }
  }
  // a generous guard against hangs, not a speed target
  assert.ok(Date.now() - started < 20000, `took ${Date.now() - started} ms`);
  const ok = hooks.wrapFunction("a.b", () => 1);
  assert.equal(ok(), 1);
});

test("a 1 MB path and a 1 MB id work", () => {
  const hooks = createHooks(true);
  const path = "p." + "x".repeat(1 << 20);
  const id = "i".repeat(1 << 20);
  hooks.hook.on("p.*:before", () => "short", { id });
  assert.equal(hooks.wrapFunction(path, () => "long")(), "short");
  assert.equal(hooks.hook.off(id), 1);
});

test("once: every non-boolean value is INVALID_HOOK_OPTIONS and registers nothing", () => {
  for (const [name, value] of Object.entries(hostile)) {
    if (value === undefined) continue;
    const hooks = createHooks(true);
    const e = catchError(() => hooks.hook.on("a:before", () => {}, { once: value }));
    assert.ok(e instanceof HookError, `${name}: ${e}`);
    assert.equal(e.code, "INVALID_HOOK_OPTIONS", name);
    assert.match(e.message, /once/, name);
    assert.equal(hooks.hook.list().registeredHooks.length, 0, name);
  }
});

test("unknown options with hostile names: a correct HOOK_UNKNOWN_OPTION warning or a coded error", async () => {
  const hooks = createHooks(true);
  const on = (options) => hooks.hook.on("a:before", () => {}, options);
  const sym = Symbol("opt");
  const longName = "n".repeat(10_000); // (Node prints the detail: keep the test output small)
  const throwingGetter = Object.defineProperty({}, "priorty", { get: trap, enumerable: true });
  const many = Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`k${i}`, i]));
  let t;
  // let warnings queued by earlier tests arrive first
  await new Promise((r) => setImmediate(r));
  await new Promise((r) => setImmediate(r));
  const warnings = await captureWarnings(() => {
    on({ [sym]: 1 });
    on(JSON.parse('{"__proto__": {"polluted": true}}'));
    on({ constructor: 1, toString: 2 });
    on({ [longName]: 1 });
    on(throwingGetter);
    t = Date.now();
    on(many);
    t = Date.now() - t;
  });
  const options = warnings.map((w) => JSON.parse(w.detail).option).map((o) => (o === longName ? "<long name>" : o));
  assert.ok(warnings.every((w) => w.code === "HOOK_UNKNOWN_OPTION" && w.name === "Warning"));
  assert.deepEqual(options.slice(0, 5), ["Symbol(opt)", "__proto__", "constructor", "toString", "<long name>"]);
  assert.equal(warnings[0].message, '[HOOK_UNKNOWN_OPTION] Unknown hook option "Symbol(opt)" is ignored.');
  assert.equal(warnings[1].message, '[HOOK_UNKNOWN_OPTION] Unknown hook option "__proto__" is ignored.');
  assert.ok(warnings[4].message.length < 300, "a long name is clipped in the message");
  assert.equal(options[5], "priorty", "the throwing getter of an unknown option is never invoked");
  assert.equal(options.length, 6 + 10, "at most 10 warnings for one on() call");
  assert.ok(t < 2000, `100,000 unknown options took ${t} ms`);
  assert.equal(Object.prototype.polluted, undefined);
  assert.equal(hooks.hook.list().registeredHooks.length, 6, "every one of them registered");

  for (const [name, handler] of [
    ["ownKeys throws", { ownKeys: trap }],
    ["getOwnPropertyDescriptor throws", { getOwnPropertyDescriptor: trap }],
    ["ownKeys returns a bogus list", { ownKeys: () => [1] }],
  ]) {
    const e = catchError(() => on(new Proxy({ extra: 1 }, handler)));
    assert.ok(e instanceof HookError, `${name}: ${e}`);
    assert.equal(e.code, "INVALID_HOOK_OPTIONS", name);
  }
});
