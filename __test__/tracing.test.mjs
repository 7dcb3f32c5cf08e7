// config.tracing (issue 14): every call of a wrapped function published on a
// diagnostics_channel TracingChannel with the events, order and context
// fields of Node's own TracingChannel#traceSync / #tracePromise. Where a call
// runs no hooks, the events are compared with what Node's functions publish
// for the same target, side by side; where hooks run, the hooks' own moments
// are placed between the events.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import dc from "node:diagnostics_channel";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHooks, HookError } from "../index.mjs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { catchError, settle, attempt } from "./helpers/common.mjs";

const EVENTS = ["start", "end", "asyncStart", "asyncEnd", "error"];
const tick = () => new Promise((r) => setImmediate(r));

let serial = 0;
const uniqueName = (what = "t") => `slothook-test:${what}:${++serial}`;

/** A copy of the context's fields as they are when an event is published. */
function snapshot(ctx) {
  const s = {};
  for (const k of Object.keys(ctx)) s[k] = ctx[k];
  return s;
}

/**
 * Subscribes a recorder for every event of `name`; `log` gets "event" strings
 * (shared with hooks and targets, to place them between the events) and
 * `seen` { event, ctx, fields } records.
 */
function subscribe(name, log = []) {
  const tc = dc.tracingChannel(name);
  const seen = [];
  const handlers = {};
  for (const event of EVENTS) {
    handlers[event] = (ctx) => {
      log.push(event);
      seen.push({ event, ctx, fields: snapshot(ctx) });
    };
  }
  tc.subscribe(handlers);
  return { tc, log, seen, events: () => seen.map((s) => s.event), unsubscribe: () => tc.unsubscribe(handlers) };
}

/** A traced instance on its own channel, with a subscriber. */
function traced(config = {}) {
  const name = uniqueName();
  const hooks = createHooks({ tracing: name, ...config });
  const rec = subscribe(name);
  return { hooks, hook: hooks.hook, name, ...rec };
}

/**
 * What Node's own traceSync / tracePromise publish for `fn` called with
 * `self` and `args`, with the context { path, args, self }; and what the
 * caller gets. `kind` "promise" uses tracePromise.
 */
async function nodeTrace(kind, fn, path, self, args) {
  const rec = subscribe(uniqueName("node"));
  const context = { path, args, self };
  const out = attempt(() => (kind === "promise" ? rec.tc.tracePromise(fn, context, self, ...args) : rec.tc.traceSync(fn, context, self, ...args)));
  const settled = !out.threw && out.value instanceof Promise ? await settle(out.value) : null;
  await tick();
  rec.unsubscribe();
  return { out, settled, seen: rec.seen };
}

/** The same call through a traced slothook wrapper of `fn` (no hook registered). */
async function slothookTrace(fn, path, self, args, config = true) {
  const t = traced(typeof config === "object" ? config : { enabled: config });
  const wrapped = t.hooks.wrapFunction(path, fn);
  const out = attempt(() => Reflect.apply(wrapped, self, args));
  const settled = !out.threw && out.value instanceof Promise ? await settle(out.value) : null;
  await tick();
  t.unsubscribe();
  return { out, settled, seen: t.seen };
}

/** The two traces agree: same events, same fields at each event, same outcome for the caller. */
function assertSameTrace(ours, node) {
  assert.deepEqual(
    ours.seen.map((s) => s.event),
    node.seen.map((s) => s.event),
  );
  for (let i = 0; i < node.seen.length; i++) {
    assert.deepEqual(ours.seen[i].fields, node.seen[i].fields, `fields at ${node.seen[i].event}`);
  }
  // One context object per call, as Node's.
  assert.equal(new Set(ours.seen.map((s) => s.ctx)).size, 1);
  assert.equal(ours.out.threw, node.out.threw);
  // (each call makes its own result and error objects: compared by value)
  if (ours.out.threw) assert.deepEqual(ours.out.error, node.out.error);
  if (node.settled === null) {
    assert.equal(ours.settled, null);
    if (!ours.out.threw) assert.deepEqual(ours.out.value, node.out.value);
  } else {
    assert.deepEqual(ours.settled, node.settled);
  }
}

// ------------------------------------------------------------------------------------------------
describe("config.tracing", () => {
  test("true publishes on the channel slothook:call", () => {
    const rec = subscribe("slothook:call");
    try {
      const hooks = createHooks({ tracing: true });
      const api = hooks.wrap({ math: { add: (a, b) => a + b } });
      assert.equal(api.math.add(1, 2), 3);
      assert.deepEqual(rec.events(), ["start", "end"]);
      assert.equal(rec.seen[0].ctx.path, "math.add");
    } finally {
      rec.unsubscribe();
    }
  });

  test("a string names the channel; nothing goes to slothook:call", () => {
    const name = uniqueName("named");
    const named = subscribe(name);
    const dflt = subscribe("slothook:call");
    try {
      const hooks = createHooks({ tracing: name });
      const f = hooks.wrapFunction("svc.f", (x) => x + 1);
      assert.equal(f(1), 2);
      assert.deepEqual(named.events(), ["start", "end"]);
      assert.deepEqual(dflt.events(), []);
    } finally {
      named.unsubscribe();
      dflt.unsubscribe();
    }
  });

  test("absent or false publishes nothing", () => {
    const rec = subscribe("slothook:call");
    try {
      for (const config of [true, "**", {}, { tracing: false }, { tracing: undefined }, undefined]) {
        const hooks = createHooks(config);
        hooks.hook.enable();
        const f = hooks.wrapFunction("svc.f", (x) => x + 1);
        assert.equal(f(1), 2);
      }
      assert.deepEqual(rec.events(), []);
    } finally {
      rec.unsubscribe();
    }
  });

  test("an instance without tracing emits wrappers without a subscriber test", () => {
    const hooks = createHooks(true);
    const api = hooks.wrap({ f: (a, b) => a + b, g() {}, h: (...xs) => xs.length });
    for (const fn of [api.f, api.g, api.h]) assert.doesNotMatch(Function.prototype.toString.call(fn), /hasSubscribers|tracing|\.tc\b/);
  });

  for (const [label, value] of [
    ["a number", 1],
    ["an object", {}],
    ["null", null],
    ["a symbol", Symbol("x")],
    ["a function", () => "slothook:call"],
    ["the empty string", ""],
  ]) {
    test(`tracing: ${label} → INVALID_ARGUMENT`, () => {
      const e = catchError(() => createHooks({ tracing: value }));
      assert.ok(e instanceof HookError);
      assert.equal(e.code, "INVALID_ARGUMENT");
      assert.equal(e.context.argument, "config.tracing");
      assert.match(e.message, /^\[INVALID_ARGUMENT\] Invalid argument config\.tracing: /);
    });
  }

  test("a throwing tracing getter → INVALID_ARGUMENT (config)", () => {
    const config = {
      get tracing() {
        throw new Error("boom");
      },
    };
    const e = catchError(() => createHooks(config));
    assert.equal(e.code, "INVALID_ARGUMENT");
    assert.match(e.message, /boom/);
  });
});

// ------------------------------------------------------------------------------------------------
describe("no hook runs: the events are Node's own, side by side", () => {
  const obj = { name: "obj" };
  const fnWithThen = Object.assign(() => {}, { then() {} });
  const cases = [
    ["sync success", "sync", function (a, b) {
      return { sum: a + b, self: this };
    }, [1, 2]],
    ["sync throw", "sync", () => {
      throw new RangeError("bad");
    }, [1]],
    ["sync throw of a primitive", "sync", () => {
      throw "str";
    }, []],
    ["sync throw of undefined", "sync", () => {
      throw undefined;
    }, []],
    ["a function result (never a thenable)", "sync", () => fnWithThen, []],
    ["promise fulfils (async function)", "promise", async (a) => a * 2, [21]],
    ["promise rejects (async function)", "promise", async () => {
      throw new TypeError("nope");
    }, []],
    ["a native promise that rejects", "promise", () => Promise.reject(new Error("r")), []],
    ["a custom thenable that fulfils", "promise", () => ({ then: (ok) => ok(7) }), []],
    ["a custom thenable that rejects", "promise", () => ({ then: (_ok, no) => no(new Error("t")) }), []],
    ["a custom thenable whose then throws", "promise", () => ({ then() {
      throw new Error("then threw");
    } }), []],
  ];
  for (const [label, kind, fn, args] of cases) {
    for (const [mode, config] of [
      ["hooks enabled", true],
      ["hooks disabled", false],
    ]) {
      test(`${label} (${mode})`, async () => {
        const node = await nodeTrace(kind, fn, "svc.f", obj, args);
        const ours = await slothookTrace(fn, "svc.f", obj, args, config);
        assertSameTrace(ours, node);
      });
    }
  }

  test("the sequences themselves: sync start,end / start,error,end; promise start,end,asyncStart,asyncEnd / start,end,error,asyncStart,asyncEnd", async () => {
    const ev = async (fn) => (await slothookTrace(fn, "p", undefined, [])).seen.map((s) => s.event);
    assert.deepEqual(await ev(() => 1), ["start", "end"]);
    assert.deepEqual(
      await ev(() => {
        throw new Error("x");
      }),
      ["start", "error", "end"],
    );
    assert.deepEqual(await ev(async () => 1), ["start", "end", "asyncStart", "asyncEnd"]);
    assert.deepEqual(
      await ev(async () => {
        throw new Error("x");
      }),
      ["start", "end", "error", "asyncStart", "asyncEnd"],
    );
  });

  test("the caller's await resumes after asyncEnd, as with tracePromise", async () => {
    for (const run of ["node", "slothook"]) {
      const t = traced();
      const fn = async (x) => x;
      const f = t.hooks.wrapFunction("svc.f", fn);
      const v = await (run === "node" ? t.tc.tracePromise(fn, { path: "svc.f", args: [1], self: undefined }, undefined, 1) : f(1));
      t.log.push("caller");
      assert.equal(v, 1);
      assert.deepEqual(t.log, ["start", "end", "asyncStart", "asyncEnd", "caller"], run);
      t.unsubscribe();
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("the whole intercepted call is inside the trace", () => {
  function logged(t) {
    const { hook, log } = t;
    hook.on("svc.*:before", () => {
      log.push("before");
    });
    hook.on("svc.*:after", ({ result }) => {
      log.push("after");
      return typeof result === "number" ? result * 10 : result;
    });
    hook.on("svc.*:always", ({ hasError }) => {
      log.push(hasError ? "always(error)" : "always");
    });
    hook.on("svc.*:error", ({ source }) => {
      log.push(`error hook (${source.type})`);
    });
  }

  test("sync success: before after start, always before end; result is what the caller gets (after the after hooks)", () => {
    const t = traced();
    logged(t);
    const f = t.hooks.wrapFunction("svc.f", (a, b) => {
      t.log.push("target");
      return a + b;
    });
    assert.equal(f(1, 2), 30);
    assert.deepEqual(t.log, ["start", "before", "target", "after", "always", "end"]);
    const end = t.seen.find((s) => s.event === "end");
    assert.deepEqual(end.fields, { path: "svc.f", args: [1, 2], self: undefined, result: 30 });
  });

  test("sync throw: the error hook and always hooks run before the error event and end", () => {
    const t = traced();
    logged(t);
    const boom = new Error("boom");
    const f = t.hooks.wrapFunction("svc.f", () => {
      t.log.push("target");
      throw boom;
    });
    assert.equal(catchError(() => f()), boom);
    assert.deepEqual(t.log, ["start", "before", "target", "error hook (function)", "always(error)", "error", "end"]);
    const end = t.seen.find((s) => s.event === "end");
    assert.deepEqual(end.fields, { path: "svc.f", args: [], self: undefined, error: boom });
  });

  test("promise fulfils: after and always hooks before asyncStart; result after the after hooks", async () => {
    const t = traced();
    logged(t);
    const f = t.hooks.wrapFunction("svc.f", async (x) => {
      t.log.push("target");
      return x;
    });
    const p = f(4);
    t.log.push("returned");
    assert.equal(await p, 40);
    assert.deepEqual(t.log, ["start", "before", "target", "end", "returned", "after", "always", "asyncStart", "asyncEnd"]);
    const asyncEnd = t.seen.find((s) => s.event === "asyncEnd");
    assert.deepEqual(asyncEnd.fields, { path: "svc.f", args: [4], self: undefined, result: 40 });
    assert.equal("result" in t.seen.find((s) => s.event === "end").fields, false);
  });

  test("promise rejects: start, end, error, asyncStart, asyncEnd with the hooks before error", async () => {
    const t = traced();
    logged(t);
    const boom = new Error("late");
    const f = t.hooks.wrapFunction("svc.f", async () => {
      throw boom;
    });
    const r = await settle(f());
    assert.deepEqual(r, { rejected: true, reason: boom });
    assert.deepEqual(t.log, ["start", "before", "end", "error hook (function)", "always(error)", "error", "asyncStart", "asyncEnd"]);
    assert.equal(t.seen.find((s) => s.event === "error").ctx.error, boom);
  });

  test("a before hook that throws: start, error, end; the target never runs", () => {
    const t = traced();
    const boom = new Error("before failed");
    t.hook.on("svc.f:before", () => {
      throw boom;
    });
    let ran = false;
    const f = t.hooks.wrapFunction("svc.f", () => {
      ran = true;
    });
    assert.equal(catchError(() => f()), boom);
    assert.equal(ran, false);
    assert.deepEqual(t.events(), ["start", "error", "end"]);
    assert.equal(t.seen[1].fields.error, boom);
  });

  test("a short-circuiting before hook: result is the short-circuit value", () => {
    const t = traced();
    t.hook.on("svc.f:before", () => "cached");
    t.hook.on("svc.f:always", ({ result }) => {
      t.log.push(`always ${result}`);
    });
    let ran = false;
    const f = t.hooks.wrapFunction("svc.f", () => {
      ran = true;
      return "fresh";
    });
    assert.equal(f(), "cached");
    assert.equal(ran, false);
    assert.deepEqual(t.log, ["start", "always cached", "end"]);
    assert.deepEqual(t.seen[1].fields, { path: "svc.f", args: [], self: undefined, result: "cached" });
  });

  test("a short-circuit of an async target (§11 (o)): the promise path, result the value", async () => {
    const t = traced();
    t.hook.on("svc.f:before", () => 5);
    const f = t.hooks.wrapFunction("svc.f", async () => 1);
    assert.equal(await f(), 5);
    assert.deepEqual(t.events(), ["start", "end", "asyncStart", "asyncEnd"]);
    assert.equal(t.seen[3].fields.result, 5);
  });

  test("an after hook that returns a promise for a sync target: the caller gets a promise, so the promise path", async () => {
    const t = traced();
    t.hook.on("svc.f:after", ({ result }) => Promise.resolve(result + 1));
    const f = t.hooks.wrapFunction("svc.f", (x) => x);
    const p = f(1);
    assert.ok(p instanceof Promise);
    assert.equal(await p, 2);
    assert.deepEqual(t.events(), ["start", "end", "asyncStart", "asyncEnd"]);
    assert.equal(t.seen[3].fields.result, 2);
  });

  test("hooks disabled: every call is still published, no hook runs", async () => {
    const t = traced({ enabled: false });
    t.hook.on("svc.*:before", () => {
      t.log.push("before");
    });
    const api = t.hooks.wrap({ svc: { f: (x) => x, g: async (x) => x } });
    assert.equal(api.svc.f(1), 1);
    assert.equal(await api.svc.g(2), 2);
    assert.deepEqual(t.log, ["start", "end", "start", "end", "asyncStart", "asyncEnd"]);
  });

  test("enabled, no hook matches the path: published", () => {
    const t = traced();
    t.hook.on("other.*:before", () => {
      t.log.push("before");
    });
    const api = t.hooks.wrap({ svc: { f: (x) => x } });
    assert.equal(api.svc.f(1), 1);
    assert.deepEqual(t.log, ["start", "end"]);
  });

  test("a hook disabled during the call (from a before hook) changes no event", () => {
    const t = traced();
    t.hook.on("svc.f:before", () => {
      t.hook.disable();
    });
    const f = t.hooks.wrapFunction("svc.f", (x) => x);
    assert.equal(f(3), 3);
    assert.equal(f(4), 4);
    assert.deepEqual(t.events(), ["start", "end", "start", "end"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("suppressErrors: the caller gets undefined, error is still published", () => {
  test("a sync target throws: start, error, end; result undefined", () => {
    const t = traced({ suppressErrors: true });
    const boom = new Error("boom");
    const f = t.hooks.wrapFunction("svc.f", () => {
      throw boom;
    });
    assert.equal(f(), undefined);
    assert.deepEqual(t.events(), ["start", "error", "end"]);
    assert.deepEqual(t.seen[2].fields, { path: "svc.f", args: [], self: undefined, result: undefined, error: boom });
  });

  test("a before hook throws: start, error, end", () => {
    const t = traced({ suppressErrors: true });
    const boom = new Error("before");
    t.hook.on("svc.f:before", () => {
      throw boom;
    });
    const f = t.hooks.wrapFunction("svc.f", () => 1);
    assert.equal(f(), undefined);
    assert.deepEqual(t.events(), ["start", "error", "end"]);
    assert.equal(t.seen[1].ctx.error, boom);
    assert.equal(t.seen[2].fields.result, undefined);
  });

  test("an async target rejects: start, end, error, asyncStart, asyncEnd; the promise fulfils with undefined", async () => {
    const t = traced({ suppressErrors: true });
    const boom = new Error("late");
    const f = t.hooks.wrapFunction("svc.f", async () => {
      throw boom;
    });
    assert.deepEqual(await settle(f()), { rejected: false, value: undefined });
    assert.deepEqual(t.events(), ["start", "end", "error", "asyncStart", "asyncEnd"]);
    assert.deepEqual(t.seen[4].fields, { path: "svc.f", args: [], self: undefined, result: undefined, error: boom });
  });

  test("a before hook throws for an async target: the promise path with error before asyncStart", async () => {
    const t = traced({ suppressErrors: true });
    const boom = new Error("before");
    t.hook.on("svc.f:before", () => {
      throw boom;
    });
    const f = t.hooks.wrapFunction("svc.f", async () => 1);
    assert.equal(await f(), undefined);
    assert.deepEqual(t.events(), ["start", "end", "error", "asyncStart", "asyncEnd"]);
    assert.equal(t.seen[2].ctx.error, boom);
  });

  test("an after hook throws: the call goes on with the result; error is the first failure", () => {
    const t = traced({ suppressErrors: true });
    const first = new Error("first");
    t.hook.on("svc.f:after", () => {
      throw first;
    });
    t.hook.on("svc.f:after", () => {
      throw new Error("second");
    });
    const f = t.hooks.wrapFunction("svc.f", (x) => x);
    assert.equal(f(9), 9);
    assert.deepEqual(t.events(), ["start", "error", "end"]);
    assert.deepEqual(t.seen[2].fields, { path: "svc.f", args: [9], self: undefined, result: 9, error: first });
  });

  test("a successful call under suppressErrors publishes no error", async () => {
    const t = traced({ suppressErrors: true });
    const f = t.hooks.wrapFunction("svc.f", (x) => x);
    const g = t.hooks.wrapFunction("svc.g", async (x) => x);
    assert.equal(f(1), 1);
    assert.equal(await g(2), 2);
    assert.deepEqual(t.events(), ["start", "end", "start", "end", "asyncStart", "asyncEnd"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("the context object", () => {
  test("self is the receiver the target runs with", () => {
    const t = traced();
    const original = {
      n: 1,
      get() {
        return this.n;
      },
    };
    class Counter {
      constructor() {
        this.k = 2;
      }
      read() {
        return this.k;
      }
    }
    const counter = new Counter();
    const api = t.hooks.wrap({ obj: original, counter });
    const free = t.hooks.wrapFunction("free", function () {
      return this;
    });
    const receiver = { r: true };
    assert.equal(api.obj.get(), 1);
    assert.equal(api.counter.read(), 2);
    assert.equal(free.call(receiver), receiver);
    assert.equal(free(), undefined);
    const starts = t.seen.filter((s) => s.event === "start").map((s) => s.fields.self);
    assert.equal(starts[0], original);
    assert.equal(starts[1], counter);
    assert.equal(starts[2], receiver);
    assert.equal(starts[3], undefined);
  });

  test("args are the arguments as called, whatever before hooks do to theirs", () => {
    const t = traced();
    t.hook.on("svc.f:before", ({ args }) => {
      args[0] = 100;
    });
    t.hook.on("svc.g:before", () => [7, 8]);
    const api = t.hooks.wrap({ svc: { f: (a, b) => a + b, g: (a, b) => a * b } });
    assert.equal(api.svc.f(1, 2), 102);
    assert.equal(api.svc.g(1, 2), 56);
    const ends = t.seen.filter((s) => s.event === "end").map((s) => s.fields);
    assert.deepEqual(ends[0], { path: "svc.f", args: [1, 2], self: ends[0].self, result: 102 });
    assert.deepEqual(ends[1], { path: "svc.g", args: [1, 2], self: ends[1].self, result: 56 });
  });

  test("any number of arguments, also other than the declared count", () => {
    const t = traced();
    const f = t.hooks.wrapFunction("svc.f", (a, b) => [a, b]);
    f();
    f(1);
    f(1, 2, 3);
    assert.deepEqual(
      t.seen.filter((s) => s.event === "start").map((s) => s.fields.args),
      [[], [1], [1, 2, 3]],
    );
  });

  test("handlers' ctx is unchanged by tracing: config.context, or the store of hooks.context.run", async () => {
    const fixed = { tenant: "t" };
    const t = traced({ context: fixed });
    const seen = [];
    t.hook.on("svc.f:before", ({ ctx }) => {
      seen.push(ctx);
    });
    const f = t.hooks.wrapFunction("svc.f", async (x) => x);
    assert.equal(await f(1), 1);
    const store = { request: 7 };
    assert.equal(await t.hooks.context.run(store, () => f(2)), 2);
    assert.deepEqual(seen, [fixed, store]);
    assert.equal(seen[0], fixed);
    assert.equal(seen[1], store);
    assert.deepEqual(t.events(), ["start", "end", "asyncStart", "asyncEnd", "start", "end", "asyncStart", "asyncEnd"]);
  });

  test("concurrent calls get a context each", async () => {
    const t = traced();
    const f = t.hooks.wrapFunction("svc.f", async (x) => {
      await tick();
      return x;
    });
    const [a, b] = await Promise.all([f(1), f(2)]);
    assert.deepEqual([a, b], [1, 2]);
    const ctxs = new Set(t.seen.map((s) => s.ctx));
    assert.equal(ctxs.size, 2);
    for (const ctx of ctxs) assert.equal(ctx.result, ctx.args[0]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("what is not published", () => {
  test("the slothlet.hook management paths (by segment), and not api.slothlet.hook itself", () => {
    const t = traced();
    const gated = t.hooks.wrapFunction("slothlet.hook.x", () => 1);
    const whole = t.hooks.wrapFunction("slothlet.hook", () => 2);
    const ordinary = t.hooks.wrapFunction("slothlet.hooks.x", () => 3);
    const api = t.hooks.wrap({ f: () => 4 });
    assert.equal(gated(), 1);
    assert.equal(whole(), 2);
    api.slothlet.hook.on("f:before", () => {});
    api.slothlet.hook.list();
    assert.deepEqual(t.events(), []);
    assert.equal(ordinary(), 3);
    assert.equal(api.f(), 4);
    assert.deepEqual(
      t.seen.map((s) => `${s.event} ${s.fields.path}`),
      ["start slothlet.hooks.x", "end slothlet.hooks.x", "start f", "end f"],
    );
  });

  test("new of a wrapped function constructs without publishing (it runs no hooks either)", () => {
    const t = traced();
    class K {
      constructor(v) {
        this.v = v;
      }
    }
    const api = t.hooks.wrap({ K });
    const k = new api.K(5);
    assert.equal(k.v, 5);
    assert.deepEqual(t.events(), []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("subscribers come and go", () => {
  test("a subscriber to any one event turns tracing on (Node's hasSubscribers)", async () => {
    for (const only of EVENTS) {
      const name = uniqueName(only);
      const hooks = createHooks({ tracing: name });
      const f = hooks.wrapFunction("svc.f", async (x) => {
        if (x) throw new Error("x");
        return x;
      });
      const got = [];
      const handler = (ctx) => got.push(ctx.path);
      dc.tracingChannel(name).subscribe({ [only]: handler });
      await settle(f(0));
      await settle(f(1));
      dc.tracingChannel(name).unsubscribe({ [only]: handler });
      assert.deepEqual(got, only === "error" ? ["svc.f"] : ["svc.f", "svc.f"], only);
    }
  });

  test("a hot wrapper publishes exactly while Node's hasSubscribers says so: each channel alone, a store alone", async () => {
    // The wrapper reads the five channels' getters itself (lib/callpath.js):
    // this holds it to Node's TracingChannel#hasSubscribers.
    const cases = [...EVENTS.map((only) => [only, "subscribe"]), ["start", "bindStore"]];
    for (const [only, how] of cases) {
      const name = uniqueName(`${only}-${how}`);
      const tc = dc.tracingChannel(name);
      const hooks = createHooks({ tracing: name });
      hooks.hook.on("svc.*:before", ({ args }) => [args[0] + 1]);
      // one call that publishes every event of the promise path: start, end, error, asyncStart, asyncEnd
      const f = hooks.wrapFunction("svc.f", async (x) => {
        if (x > 0) throw new Error("f");
        return x;
      });
      let published = 0;
      const handler = () => published++;
      const als = new AsyncLocalStorage();
      const transform = (ctx) => {
        published++;
        return ctx;
      };
      const call = async (i) => assert.equal(await f(-i - 2), -i - 1);
      const failing = () => assert.rejects(f(0), { message: "f" });
      for (let i = 0; i < 100; i++) await call(i);
      await failing();
      assert.equal(published, 0, `${only} ${how}: nothing before`);
      if (how === "subscribe") tc[only].subscribe(handler);
      else tc[only].bindStore(als, transform);
      assert.equal(tc.hasSubscribers, true);
      for (let i = 0; i < 50; i++) {
        const before = published;
        await failing();
        assert.equal(published, before + 1, `${only} ${how}: call ${i} published`);
      }
      if (how === "subscribe") tc[only].unsubscribe(handler);
      else tc[only].unbindStore(als);
      assert.equal(tc.hasSubscribers, false);
      const after = published;
      for (let i = 0; i < 100; i++) await call(i);
      await failing();
      assert.equal(published, after, `${only} ${how}: nothing after`);
    }
  });

  test("calls before a subscriber, while subscribed, and after unsubscribing (also once the plan is hot)", () => {
    const name = uniqueName();
    const hooks = createHooks({ tracing: name });
    hooks.hook.on("svc.f:after", ({ result }) => result + 1);
    const f = hooks.wrapFunction("svc.f", (x) => x);
    for (let i = 0; i < 100; i++) assert.equal(f(i), i + 1);
    const rec = subscribe(name);
    assert.equal(f(1), 2);
    assert.deepEqual(rec.events(), ["start", "end"]);
    assert.equal(rec.seen[1].fields.result, 2);
    rec.unsubscribe();
    for (let i = 0; i < 100; i++) assert.equal(f(i), i + 1);
    assert.equal(rec.seen.length, 2);
    assert.equal(dc.tracingChannel(name).hasSubscribers, false);
  });

  test("a subscriber added during a call sees the next calls only", () => {
    const name = uniqueName();
    const hooks = createHooks({ tracing: name });
    let rec;
    const f = hooks.wrapFunction("svc.f", (x) => {
      if (rec === undefined) rec = subscribe(name);
      return x;
    });
    f(1);
    assert.deepEqual(rec.events(), []);
    f(2);
    assert.deepEqual(rec.events(), ["start", "end"]);
    rec.unsubscribe();
  });

  test("a bound store alone (no subscriber) makes start enter the store, as runStores does", () => {
    const name = uniqueName();
    const hooks = createHooks({ tracing: name });
    const als = new AsyncLocalStorage();
    dc.tracingChannel(name).start.bindStore(als, (ctx) => `span ${ctx.path}`);
    try {
      const f = hooks.wrapFunction("svc.f", () => als.getStore());
      assert.equal(f(), "span svc.f");
      assert.equal(als.getStore(), undefined);
    } finally {
      dc.tracingChannel(name).start.unbindStore(als);
    }
  });
});

// ------------------------------------------------------------------------------------------------
describe("the subscriber test's cost does not depend on other libraries' channels", () => {
  // lib/tracing.js moves slothook's channels to a map of their own, so that
  // V8 can keep folding the wrapper's subscriber test while other libraries'
  // channels gain subscribers. Checked with V8's natives in a fresh process:
  // an optimized caller of a traced wrapper stays optimized when another
  // library's channels are subscribed (it is deoptimized when slothook's
  // channels share Node's map), and is deoptimized when another slothook
  // instance's channel is (the shared map: a change the probe must see).
  test("slothook's five channels share one map of their own, invisible to reflection", () => {
    const facts = JSON.parse(
      execFileSync(process.execPath, ["--allow-natives-syntax", fileURLToPath(new URL("./helpers/own-map-probe.cjs", import.meta.url))], {
        encoding: "utf8",
      }),
    );
    assert.equal(facts.fiveShareOneMap, true);
    assert.equal(facts.mapOfTheirOwn, true);
    assert.deepEqual(facts.ownKeys, facts.freshOwnKeys);
    assert.equal(facts.optimized, true);
    assert.equal(facts.optimizedAfterOtherLibrary, true);
    assert.equal(facts.optimizedAfterOtherInstance, false);
    assert.equal(facts.result, 42);
  });

  test("a channel that cannot be extended still gets a working instance", () => {
    const name = uniqueName("sealed");
    for (const event of EVENTS) Object.preventExtensions(dc.channel(`tracing:${name}:${event}`));
    const hooks = createHooks({ tracing: name });
    const svc = hooks.wrap({ svc: { op: (a, b) => a + b } }).svc;
    for (let i = 0; i < 3; i++) assert.equal(svc.op(i, 2), i + 2);
  });
});

describe("what the caller gets", () => {
  test("without a subscriber: the target's own promise, untouched", () => {
    const name = uniqueName();
    const hooks = createHooks({ tracing: name });
    const p = Promise.resolve(1);
    const thenable = { then: (ok) => ok(2) };
    assert.equal(hooks.wrapFunction("svc.p", () => p)(), p);
    assert.equal(hooks.wrapFunction("svc.t", () => thenable)(), thenable);
  });

  test("with a subscriber: a native promise adopting the result (as tracePromise), for promises and custom thenables", async () => {
    const t = traced();
    const p = Promise.resolve(1);
    const thenable = { then: (ok) => ok(2) };
    const rp = t.hooks.wrapFunction("svc.p", () => p)();
    const rt = t.hooks.wrapFunction("svc.t", () => thenable)();
    assert.ok(rp instanceof Promise && rp !== p);
    assert.ok(rt instanceof Promise);
    assert.equal(await rp, 1);
    assert.equal(await rt, 2);
  });

  test("a rejection reaches the caller once: no unhandled rejection from the traced chain", async () => {
    const unhandled = [];
    const onUnhandled = (reason) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const t = traced();
      t.hook.on("svc.*:always", () => {});
      const boom = new Error("handled by the caller");
      const api = t.hooks.wrap({ svc: { a: async () => Promise.reject(boom), b: () => Promise.reject(boom) } });
      assert.deepEqual(await settle(api.svc.a()), { rejected: true, reason: boom });
      assert.deepEqual(await settle(api.svc.b()), { rejected: true, reason: boom });
      const s = traced({ suppressErrors: true });
      assert.deepEqual(await settle(s.hooks.wrapFunction("svc.c", async () => Promise.reject(boom))()), { rejected: false, value: undefined });
      await tick();
      await tick();
      assert.deepEqual(unhandled, []);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("a result whose then getter throws is a sync result, handed over untouched", () => {
    const t = traced();
    const hostile = {
      get then() {
        throw new Error("no then");
      },
    };
    const f = t.hooks.wrapFunction("svc.f", () => hostile);
    assert.equal(f(), hostile);
    assert.deepEqual(t.events(), ["start", "end"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("bound stores (AsyncLocalStorage) propagate into the call", () => {
  test("hooks, the target and the settlement see the store start entered; outside the call they do not", async () => {
    const t = traced();
    const als = new AsyncLocalStorage();
    t.tc.start.bindStore(als, (ctx) => ({ span: ctx.path }));
    const where = {};
    t.hook.on("svc.f:before", () => {
      where.before = als.getStore();
    });
    t.hook.on("svc.f:after", () => {
      where.after = als.getStore();
    });
    t.hook.on("svc.f:always", () => {
      where.always = als.getStore();
    });
    t.tc.asyncEnd.subscribe((ctx) => {
      where.asyncEnd = als.getStore();
      void ctx;
    });
    const f = t.hooks.wrapFunction("svc.f", async () => {
      where.target = als.getStore();
      await tick();
      where.resumed = als.getStore();
      return 1;
    });
    assert.equal(await f(), 1);
    assert.equal(als.getStore(), undefined);
    for (const k of ["before", "target", "resumed", "after", "always", "asyncEnd"]) assert.deepEqual(where[k], { span: "svc.f" }, k);
    t.tc.start.unbindStore(als);
  });

  test("a wrapped call that calls another: the inner start sees the outer's store (parent and child)", () => {
    const t = traced();
    const als = new AsyncLocalStorage();
    const parents = [];
    t.tc.start.bindStore(als, (ctx) => {
      parents.push([ctx.path, als.getStore()?.path]);
      return { path: ctx.path };
    });
    const api = t.hooks.wrap({
      outer(x) {
        return api.inner(x) + 1;
      },
      inner: (x) => x * 2,
    });
    assert.equal(api.outer(2), 5);
    assert.deepEqual(parents, [
      ["outer", undefined],
      ["inner", "outer"],
    ]);
    assert.deepEqual(
      t.seen.map((s) => `${s.event} ${s.fields.path}`),
      ["start outer", "start inner", "end inner", "end outer"],
    );
    t.tc.start.unbindStore(als);
  });
});
