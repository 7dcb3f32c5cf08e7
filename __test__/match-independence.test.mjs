// Spec §11 (n): whether a hook happens to match never changes what a call
// means. suppressErrors applies to every call of a wrapped function while the
// system is enabled (no hooks at all, hooks only on other paths); a disabled
// system leaves errors untouched; the de-duplication marker means
// "delivered to an error hook", so an unrelated hook on an inner path never
// hides an error from an outer call's error hooks. (runner-modes.test.mjs
// runs this file with generic and with generated runners.)
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";
import { attempt, settle } from "./helpers/common.mjs";

const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");

/** Calls `f` enough times that the plan gets a generated runner in every mode. */
const REPEAT = 40;

const layouts = {
  "no hooks at all": () => {},
  "hooks only on other paths": (hook) => {
    hook.on("other.path:before", () => {});
    hook.on("other.path:error", () => {});
    hook.on("other.*:always", () => {});
  },
};

describe("§11 (n) suppressErrors applies to every call while the system is enabled", () => {
  for (const [label, setup] of Object.entries(layouts)) {
    test(`sync target throws, ${label}: the caller gets undefined, every time`, () => {
      const hooks = createHooks({ suppressErrors: true });
      setup(hooks.hook);
      const E = new Error("boom");
      const api = hooks.wrap({
        boom() {
          throw E;
        },
      });
      for (let i = 0; i < REPEAT; i++) assert.deepEqual(attempt(() => api.boom()), { threw: false, value: undefined });
      assert.equal(E[MARKER], undefined, "no error hook received it");
    });

    test(`async target rejects, ${label}: the call resolves undefined`, async () => {
      const hooks = createHooks({ suppressErrors: true });
      setup(hooks.hook);
      const api = hooks.wrap({
        async boom() {
          throw new Error("async boom");
        },
        later: () => Promise.reject(new Error("plain promise")),
      });
      for (let i = 0; i < REPEAT; i++) {
        assert.deepEqual(await settle(api.boom()), { rejected: false, value: undefined });
        assert.deepEqual(await settle(api.later()), { rejected: false, value: undefined });
      }
    });

    test(`success is untouched, ${label}: values and the target's own promise result`, async () => {
      const hooks = createHooks({ suppressErrors: true });
      setup(hooks.hook);
      const api = hooks.wrap({ add: (a, b) => a + b, get: async (x) => ({ x }) });
      for (let i = 0; i < REPEAT; i++) assert.equal(api.add(i, 1), i + 1);
      assert.deepEqual(await api.get(3), { x: 3 });
    });
  }

  test("the reproduction: createHooks({ suppressErrors: true }).wrap({ boom() { throw e } }).boom() → undefined", () => {
    const e = new Error("e");
    assert.equal(
      createHooks({ suppressErrors: true })
        .wrap({
          boom() {
            throw e;
          },
        })
        .boom(),
      undefined,
    );
  });

  test("a later hook.disable() makes errors propagate untouched again; enable() brings suppression back", async () => {
    const hooks = createHooks({ suppressErrors: true });
    const E = new Error("x");
    const f = hooks.wrapFunction("m.f", () => {
      throw E;
    });
    const g = hooks.wrapFunction("m.g", () => Promise.reject(E));
    assert.equal(f(), undefined);
    hooks.hook.disable();
    assert.deepEqual(attempt(() => f()), { threw: true, error: E });
    const own = g();
    assert.deepEqual(await settle(own), { rejected: true, reason: E });
    hooks.hook.enable();
    assert.equal(f(), undefined);
    assert.deepEqual(await settle(g()), { rejected: false, value: undefined });
  });

  for (const config of [{ enabled: false, suppressErrors: true }, undefined]) {
    test(`a disabled system (${JSON.stringify(config)}) leaves errors untouched and unmarked`, async () => {
      const hooks = createHooks(config);
      hooks.hook.on("**:error", () => assert.fail("no hook runs while disabled"));
      const E = new Error("x");
      const R = Promise.reject(E);
      R.catch(() => {});
      const api = hooks.wrap({
        boom() {
          throw E;
        },
        rej: () => R,
      });
      for (let i = 0; i < REPEAT; i++) assert.deepEqual(attempt(() => api.boom()), { threw: true, error: E });
      assert.equal(api.rej(), R, "the target's own promise, no .then chain");
      assert.equal(E[MARKER], undefined);
    });
  }

  test("a path the global filter rejects is intercepted too (suppression holds; no hook runs)", () => {
    const hooks = createHooks({ pattern: "only.*", suppressErrors: true });
    hooks.hook.on("**:error", () => assert.fail("filtered out"));
    const f = hooks.wrapFunction("else.f", () => {
      throw new Error("x");
    });
    assert.equal(f(), undefined);
  });
});

describe("§11 (n) without suppression, a path with no hooks returns the target's own value", () => {
  test("its own promise and thenable objects, not a .then chain", () => {
    const hooks = createHooks(true);
    hooks.hook.on("other:after", () => {});
    const p = Promise.resolve(1);
    const thenable = { then: () => {} };
    const api = hooks.wrap({ p: () => p, t: () => thenable });
    for (let i = 0; i < REPEAT; i++) {
      assert.equal(api.p(), p);
      assert.equal(api.t(), thenable);
    }
  });
});

describe("§11 (n) the marker means 'delivered to an error hook'", () => {
  function nested(innerHooks) {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("outer.run:error", ({ error, source }) => seen.push(["outer", error.message, source.type]));
    innerHooks(hooks.hook, seen);
    const api = hooks.wrap({
      inner: {
        work() {
          throw new Error("deep");
        },
      },
      outer: {
        run() {
          return api.inner.work();
        },
      },
    });
    return { api, seen };
  }

  test("an unrelated before hook on the inner path does not hide the error from the outer call's error hooks", () => {
    const { api, seen } = nested((hook) => hook.on("inner.work:before", () => {}));
    for (let i = 0; i < 3; i++) {
      seen.length = 0;
      const r = attempt(() => api.outer.run());
      assert.equal(r.threw, true);
      assert.equal(r.error[MARKER], true, "marked once the outer error hook received it");
      assert.deepEqual(seen, [["outer", "deep", "function"]]);
    }
  });

  test("with no hooks on the inner path at all, the outer error hook sees it once", () => {
    const { api, seen } = nested(() => {});
    attempt(() => api.outer.run());
    assert.deepEqual(seen, [["outer", "deep", "function"]]);
  });

  test("with an error hook on the inner path, it is reported once, at the innermost call that has one", () => {
    const { api, seen } = nested((hook, log) => hook.on("inner.work:error", ({ error, source }) => log.push(["inner", error.message, source.type])));
    for (let i = 0; i < 3; i++) {
      seen.length = 0;
      attempt(() => api.outer.run());
      assert.deepEqual(seen, [["inner", "deep", "function"]]);
    }
  });

  test("async nesting: the outer error hook receives a rejection the inner call had no error hook for", async () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("inner.work:after", () => {});
    hooks.hook.on("outer.run:error", ({ error }) => seen.push(error.message));
    const api = hooks.wrap({
      inner: {
        async work() {
          throw new Error("deep");
        },
      },
      outer: {
        async run() {
          return api.inner.work();
        },
      },
    });
    const s = await settle(api.outer.run());
    assert.equal(s.rejected, true);
    assert.deepEqual(seen, ["deep"]);
  });

  test("a before hook's failure reported to error hooks is not reported again as the call's failure", () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("m.f:before", () => {
      throw new Error("b");
    });
    hooks.hook.on("m.f:error", ({ source }) => seen.push(source.type));
    const f = hooks.wrapFunction("m.f", () => 1);
    for (let i = 0; i < 3; i++) attempt(() => f());
    assert.deepEqual(seen, ["before", "before", "before"]);
  });

  test("without any error hook, a failing before hook leaves its error unmarked for an outer call", () => {
    const hooks = createHooks(true);
    const seen = [];
    hooks.hook.on("inner:before", () => {
      throw new Error("b");
    });
    hooks.hook.on("outer:error", ({ error, source }) => seen.push([error.message, source.type]));
    const inner = hooks.wrapFunction("inner", () => 1);
    const outer = hooks.wrapFunction("outer", () => inner());
    attempt(() => outer());
    assert.deepEqual(seen, [["b", "function"]]);
  });
});
