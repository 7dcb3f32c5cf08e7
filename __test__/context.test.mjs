// Issue 4: per-call ctx and caller identity carried across await.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { AsyncLocalStorage } from "node:async_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { createHooks, HookError } from "../index.mjs";

const tick = () => new Promise((r) => setImmediate(r));

describe("request context: context.run / context.get", () => {
  test("outside any run, get() is undefined and ctx falls back to a fresh {} per call", () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("f:before", ({ ctx }) => {
      seen.push(ctx);
    });
    const f = hooks.wrapFunction("f", () => 1);
    assert.equal(hooks.context.get(), undefined);
    f();
    f();
    assert.equal(seen.length, 2);
    assert.deepEqual(seen[0], {});
    assert.notEqual(seen[0], seen[1]);
  });

  test("outside any run, ctx is config.context when configured", () => {
    const shared = { tenant: "t0" };
    const hooks = createHooks({ context: shared });
    let seen;
    hooks.hook.on("f:before", ({ ctx }) => {
      seen = ctx;
    });
    hooks.wrapFunction("f", () => 1)();
    assert.equal(seen, shared);
  });

  test("inside run, handlers receive the store as ctx, also after await in the target", async () => {
    const hooks = createHooks(true);
    const log = [];
    for (const type of ["before", "after", "always"]) {
      hooks.hook.on(`req:${type}`, ({ ctx }) => {
        log.push([type, ctx.id, hooks.context.get()?.id]);
      });
    }
    const api = hooks.wrap({
      req: async (x) => {
        await sleep(5);
        return x;
      },
    });
    const store = { id: "r1" };
    const out = await hooks.context.run(store, async (v) => {
      assert.equal(hooks.context.get(), store);
      await tick();
      assert.equal(hooks.context.get(), store);
      return api.req(v);
    }, 42);
    assert.equal(out, 42);
    assert.deepEqual(log, [
      ["before", "r1", "r1"],
      ["after", "r1", "r1"],
      ["always", "r1", "r1"],
    ]);
    assert.equal(hooks.context.get(), undefined);
  });

  test("nested runs shadow and restore", async () => {
    const hooks = createHooks(true);
    const outer = { n: 1 };
    const inner = { n: 2 };
    await hooks.context.run(outer, async () => {
      assert.equal(hooks.context.get(), outer);
      await hooks.context.run(inner, async () => {
        await tick();
        assert.equal(hooks.context.get(), inner);
      });
      assert.equal(hooks.context.get(), outer);
      await tick();
      assert.equal(hooks.context.get(), outer);
    });
    assert.equal(hooks.context.get(), undefined);
  });

  test("thousands of interleaved concurrent calls each keep their own context in after/always/error", async () => {
    const hooks = createHooks(true);
    const user = new AsyncLocalStorage();
    const mismatches = [];
    let afterCalls = 0;
    let alwaysCalls = 0;
    let errorCalls = 0;
    hooks.hook.on("job:after", ({ ctx, args, result }) => {
      afterCalls++;
      if (ctx.n !== args[0] || hooks.context.get().n !== args[0] || user.getStore() !== args[0]) mismatches.push(["after", args[0]]);
      return { n: result.n, tagged: true };
    });
    hooks.hook.on("job:always", ({ ctx, args }) => {
      alwaysCalls++;
      if (ctx.n !== args[0] || user.getStore() !== args[0]) mismatches.push(["always", args[0]]);
    });
    hooks.hook.on("job:error", ({ ctx, args }) => {
      errorCalls++;
      if (ctx.n !== args[0] || user.getStore() !== args[0]) mismatches.push(["error", args[0]]);
    });
    const api = hooks.wrap({
      job: async (n) => {
        await sleep(n % 7);
        if (n % 10 === 0) throw new Error(`fail ${n}`);
        return { n };
      },
    });
    const N = 3000;
    const results = await Promise.allSettled(
      Array.from({ length: N }, (_, n) => user.run(n, () => hooks.context.run({ n }, () => api.job(n)))),
    );
    assert.deepEqual(mismatches, []);
    assert.equal(afterCalls, N - N / 10);
    assert.equal(errorCalls, N / 10);
    assert.equal(alwaysCalls, N);
    results.forEach((r, n) => {
      if (n % 10 === 0) {
        assert.equal(r.status, "rejected");
        assert.equal(r.reason.message, `fail ${n}`);
      } else {
        assert.deepEqual(r.value, { n, tagged: true });
      }
    });
  });

  test("custom thenables also settle into the caller's context once the context API is in use", async () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("t:after", () => {
      seen.push(hooks.context.get());
    });
    let settle;
    const thenable = {
      then(onF, onR) {
        settle = () => onF("v");
        return undefined;
      },
    };
    const t = hooks.wrapFunction("t", () => thenable);
    const store = { id: "caller" };
    hooks.context.run(store, () => t());
    // settle from outside the caller's context
    hooks.context.run({ id: "someone else" }, () => settle());
    assert.deepEqual(seen, [store]);
  });

  test("run and runAs reject non-functions with INVALID_ARGUMENT", () => {
    const hooks = createHooks(true);
    for (const call of [() => hooks.context.run({}, 5), () => hooks.context.runAs("x", null), () => hooks.lockCaller("f"), () => hooks.bind({})]) {
      assert.throws(call, (e) => e instanceof HookError && e.code === "INVALID_ARGUMENT");
    }
  });
});

describe("caller identity: runAs / caller / lockCaller / bind", () => {
  test("runAs sets the identity across await; caller() is undefined outside", async () => {
    const hooks = createHooks(true);
    assert.equal(hooks.context.caller(), undefined);
    const who = { plugin: "billing" };
    await hooks.context.runAs(who, async () => {
      await tick();
      assert.equal(hooks.context.caller(), who);
    });
    assert.equal(hooks.context.caller(), undefined);
  });

  test("two instances never see each other's context or identity", () => {
    const a = createHooks(true);
    const b = createHooks(true);
    a.context.run({ a: 1 }, () => {
      a.context.runAs("A", () => {
        assert.equal(b.context.get(), undefined);
        assert.equal(b.context.caller(), undefined);
        assert.equal(a.context.caller(), "A");
      });
    });
  });

  test("a hook registered under an identity runs with it, whoever calls", () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.context.runAs("plugin-a", () => {
      hooks.hook.on("svc.op:before", () => {
        seen.push(hooks.context.caller());
      });
    });
    hooks.hook.on("svc.op:before", () => {
      seen.push(hooks.context.caller());
    });
    const api = hooks.wrap({ svc: { op: () => hooks.context.caller() } });
    const result = hooks.context.runAs("plugin-b", () => api.svc.op());
    assert.deepEqual(seen, ["plugin-a", "plugin-b"]);
    assert.equal(result, "plugin-b");
    assert.deepEqual(
      hooks.hook.list().registeredHooks.map((h) => h.lockCaller),
      [true, true],
    );
  });

  test("lockCaller: false opts out when pin enforcement is off; ignored with a warning when on", async () => {
    const hooks = createHooks(true);
    const warnings = [];
    const onWarning = (w) => warnings.push(w);
    process.on("warning", onWarning);
    try {
      const seen = [];
      hooks.context.runAs("plugin-a", () => {
        hooks.hook.on("x:before", () => void seen.push(["pinned", hooks.context.caller()]), { lockCaller: false, id: "forced" });
      });
      assert.equal(hooks.hook.pin.disable(), false);
      hooks.context.runAs("plugin-a", () => {
        hooks.hook.on("x:before", () => void seen.push(["free", hooks.context.caller()]), { lockCaller: false, id: "free" });
      });
      hooks.context.runAs("caller", () => hooks.wrapFunction("x", () => 0)());
      assert.deepEqual(seen, [
        ["pinned", "plugin-a"],
        ["free", "caller"],
      ]);
      const byId = Object.fromEntries(hooks.hook.list().registeredHooks.map((h) => [h.id, h.lockCaller]));
      assert.deepEqual(byId, { forced: true, free: false });
      await tick();
      const w = warnings.filter((x) => x.code === "HOOK_UNPINNED_IGNORED");
      assert.equal(w.length, 1);
      assert.equal(w[0].name, "Warning");
      assert.match(w[0].message, /lockCaller:false was ignored for hook 'x'/);
    } finally {
      process.off("warning", onWarning);
    }
  });

  test("config.pin false permits unpinned hooks; pin.enable() restores enforcement", () => {
    const hooks = createHooks({ pin: false });
    assert.equal(hooks.hook.pin.enabled, false);
    hooks.context.runAs("p", () => hooks.hook.on("y:before", () => {}, { lockCaller: false }));
    assert.equal(hooks.hook.list().registeredHooks[0].lockCaller, false);
    assert.equal(hooks.hook.pin.enable(), true);
    assert.equal(hooks.hook.pin.enabled, true);
  });

  test("lockCaller(fn) pins the identity but keeps the request context live; this is forwarded", async () => {
    const hooks = createHooks(true);
    const locked = hooks.context.runAs("plugin-b", () =>
      hooks.lockCaller(async function (x) {
        await tick();
        return { who: hooks.context.caller(), ctx: hooks.context.get(), self: this, x };
      }),
    );
    const receiver = { name: "framework" };
    const out = await hooks.context.runAs("plugin-a", () =>
      hooks.context.run({ req: 7 }, () => locked.call(receiver, 1)),
    );
    assert.equal(out.who, "plugin-b");
    assert.deepEqual(out.ctx, { req: 7 });
    assert.equal(out.self, receiver);
    assert.equal(out.x, 1);
  });

  test("lockCaller(fn) with no identity active returns fn itself", () => {
    const hooks = createHooks(true);
    const fn = () => 1;
    assert.equal(hooks.lockCaller(fn), fn);
  });

  test("bind(fn) freezes identity and request context alike", async () => {
    const hooks = createHooks(true);
    const bound = hooks.context.runAs("plugin-c", () =>
      hooks.context.run({ req: "frozen" }, () => hooks.bind(() => [hooks.context.caller(), hooks.context.get()])),
    );
    const out = hooks.context.runAs("other", () => hooks.context.run({ req: "live" }, () => bound()));
    assert.deepEqual(out, ["plugin-c", { req: "frozen" }]);
  });
});
