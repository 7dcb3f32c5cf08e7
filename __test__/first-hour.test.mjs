// What a new user hits in the first hour (issue 12), the execution half:
// spec §11 (q) handlers' returned promises never become unhandled
// rejections, §11 (r) a thenable settles a call once, and `once: true`
// (§11 (t)). (§11 (o) and (p) are in execution-async / execution-sync;
// runner-modes.test.mjs runs this file with generic and generated runners.)
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";
import { attempt, settle } from "./helpers/common.mjs";

const REPEAT = 40;
const ticks = async (n = 5) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};

/** Unhandled rejections seen while `fn` runs (and a few ticks after). */
async function unhandledDuring(fn) {
  const seen = [];
  const listener = (reason) => seen.push(reason);
  process.on("unhandledRejection", listener);
  try {
    await fn();
    await ticks();
  } finally {
    process.off("unhandledRejection", listener);
  }
  return seen;
}

describe("§11 (q) a handler's returned promise never becomes an unhandled rejection", () => {
  test("an async always handler that rejects is reported to error hooks as source 'always'", async () => {
    const hooks = createHooks(true);
    const E = new Error("async always");
    const reports = [];
    hooks.hook.on("m.f:always", async () => {
      throw E;
    }, { id: "AL" });
    hooks.hook.on("m.f:error", ({ error, source, path }) => reports.push({ error, type: source.type, hookId: source.hookId, path }));
    const f = hooks.wrapFunction("m.f", (x) => x);
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < REPEAT; i++) assert.equal(f(i), i);
    });
    assert.deepEqual(unhandled, []);
    assert.equal(reports.length, REPEAT);
    assert.deepEqual(reports[0], { error: E, type: "always", hookId: "AL", path: "m.f" });
  });

  test("an async error handler that rejects is swallowed, like its synchronous throw", async () => {
    const hooks = createHooks(true);
    let ran = 0;
    hooks.hook.on("m.f:error", async () => {
      ran++;
      throw new Error("async error hook");
    });
    hooks.hook.on("m.f:error", () => {
      ran++;
    });
    const f = hooks.wrapFunction("m.f", (i) => {
      throw new Error(`target ${i}`);
    });
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < REPEAT; i++) assert.equal(attempt(() => f(i)).error.message, `target ${i}`);
    });
    assert.deepEqual(unhandled, []);
    assert.equal(ran, 2 * REPEAT);
  });

  test("a before handler's rejecting promise is HOOK_BEFORE_RETURNED_PROMISE, and its own rejection is handled", async () => {
    const hooks = createHooks(true);
    const codes = [];
    hooks.hook.on("m.f:before", async () => {
      throw new Error("async before");
    });
    hooks.hook.on("m.f:error", ({ error }) => codes.push(error.code));
    const f = hooks.wrapFunction("m.f", () => 1);
    const unhandled = await unhandledDuring(async () => {
      for (let i = 0; i < REPEAT; i++) assert.equal(attempt(() => f()).error.code, "HOOK_BEFORE_RETURNED_PROMISE");
    });
    assert.deepEqual(unhandled, []);
    assert.equal(codes.length, REPEAT);
  });

  test("after handlers keep §8.6: a returned promise becomes the result (the caller's to handle)", async () => {
    const hooks = createHooks(true);
    const P = Promise.resolve(7);
    hooks.hook.on("m.f:after", () => P);
    assert.equal(hooks.wrapFunction("m.f", () => 1)(), P);
  });

  test("an always handler on an async call that rejects later is reported after the call settled", async () => {
    const hooks = createHooks(true);
    const reports = [];
    let release;
    hooks.hook.on("m.f:always", () => new Promise((_, reject) => (release = () => reject(new Error("late")))));
    hooks.hook.on("m.f:error", ({ error, source }) => reports.push([error.message, source.type]));
    assert.equal(await hooks.wrapFunction("m.f", async () => 5)(), 5);
    assert.deepEqual(reports, []);
    const unhandled = await unhandledDuring(async () => release());
    assert.deepEqual(unhandled, []);
    assert.deepEqual(reports, [["late", "always"]]);
  });
});

describe("§11 (r) a thenable settles a call once", () => {
  /** A thenable that calls back `calls` (a list of "ok"/"fail") synchronously, in order. */
  function noisy(calls) {
    return {
      then(onFulfilled, onRejected) {
        for (const c of calls) {
          if (c === "ok") onFulfilled(1);
          else onRejected(new Error("no"));
        }
        return "then-result";
      },
    };
  }

  for (const calls of [
    ["ok", "ok"],
    ["fail", "fail"],
    ["ok", "fail"],
    ["fail", "ok", "ok"],
  ]) {
    test(`callbacks ${calls.join(", ")}: after, always and error hooks run once per call`, () => {
      const hooks = createHooks(true);
      const log = [];
      hooks.hook.on("m.f:after", () => void log.push("after"));
      hooks.hook.on("m.f:always", ({ hasError }) => void log.push(hasError ? "always:error" : "always"));
      hooks.hook.on("m.f:error", () => void log.push("error"));
      const f = hooks.wrapFunction("m.f", () => noisy(calls));
      for (let i = 0; i < REPEAT; i++) {
        log.length = 0;
        const r = attempt(() => f());
        // a synchronous rejection callback rethrows the failure (not suppressed) out of `then`
        assert.equal(r.threw, calls[0] === "fail");
        assert.deepEqual(log, calls[0] === "ok" ? ["after", "always"] : ["error", "always:error"]);
      }
    });
  }
});

describe("§11 (t) once: true", () => {
  test("runs at most once: it leaves the registry the moment it starts running", () => {
    const hooks = createHooks(true);
    let runs = 0;
    let listedWhileRunning;
    hooks.hook.on(
      "m.f:before",
      () => {
        runs++;
        listedWhileRunning = hooks.hook.list({ id: "O" }).registeredHooks.length;
      },
      { id: "O", once: true },
    );
    assert.equal(hooks.hook.list({ id: "O" }).registeredHooks.length, 1);
    const f = hooks.wrapFunction("m.f", (x) => x);
    for (let i = 0; i < REPEAT; i++) assert.equal(f(i), i);
    assert.equal(runs, 1);
    assert.equal(listedWhileRunning, 0);
    assert.equal(hooks.hook.list().registeredHooks.length, 0);
  });

  test("even when re-entered from inside its own handler or a sibling's", () => {
    const hooks = createHooks(true);
    let runs = 0;
    let f;
    hooks.hook.on("m.f:before", () => {
      runs++;
      f(); // re-entry while running
    }, { once: true });
    f = hooks.wrapFunction("m.f", () => "ok");
    assert.equal(f(), "ok");
    assert.equal(runs, 1);
    // a sibling that re-enters before the once hook's turn in the same phase
    const h2 = createHooks(true);
    let onceRuns = 0;
    let g;
    let depth = 0;
    h2.hook.on("m.g:after", () => {
      if (depth++ === 0) g();
    });
    h2.hook.on("m.g:after", () => {
      onceRuns++;
    }, { once: true });
    g = h2.wrapFunction("m.g", () => 1);
    g();
    assert.equal(onceRuns, 1);
  });

  for (const type of ["before", "after", "always", "error"]) {
    test(`works for ${type} hooks, generic and hot`, () => {
      const hooks = createHooks(true);
      let runs = 0;
      hooks.hook.on(`m.f:${type}`, () => {
        runs++;
      }, { once: true });
      hooks.hook.on("m.f:after", () => {}); // keep the plan non-empty once it is gone
      const f = hooks.wrapFunction("m.f", () => {
        if (type === "error") throw new Error("x");
        return 1;
      });
      for (let i = 0; i < REPEAT; i++) attempt(() => f());
      assert.equal(runs, 1);
    });
  }

  test("while disabled or filtered out it does not run and stays registered", () => {
    const hooks = createHooks(true);
    let runs = 0;
    hooks.hook.on("m.f:before", () => runs++, { id: "O", once: true });
    const f = hooks.wrapFunction("m.f", () => 1);
    hooks.hook.disable({ id: "O" });
    f();
    hooks.hook.enablePattern("other.*");
    hooks.hook.enable({ id: "O" });
    f();
    assert.equal(runs, 0);
    assert.equal(hooks.hook.list({ id: "O" }).registeredHooks.length, 1);
    hooks.hook.resetPatternFilter();
    f();
    f();
    assert.equal(runs, 1);
    assert.equal(hooks.hook.list({ id: "O" }).registeredHooks.length, 0);
  });

  test("list() shows a once hook like any hook (the keys of §7.4)", () => {
    const hooks = createHooks(true);
    hooks.hook.on("m.f:before", () => {}, { id: "O", once: true });
    assert.deepEqual(hooks.hook.list().registeredHooks, [
      { id: "O", type: "before", pattern: "m.f", priority: 0, subset: "primary", enabled: true, lockCaller: true },
    ]);
  });

  test("a once hook on an async call runs at settlement, once", async () => {
    const hooks = createHooks(true);
    let runs = 0;
    hooks.hook.on("m.f:after", ({ result }) => {
      runs++;
      return result + 1;
    }, { once: true });
    const f = hooks.wrapFunction("m.f", async (x) => x);
    assert.deepEqual(await Promise.all([f(1), f(2), f(3)]), [2, 2, 3]);
    assert.equal(runs, 1);
    await settle(f(4));
    assert.equal(runs, 1);
  });
});
