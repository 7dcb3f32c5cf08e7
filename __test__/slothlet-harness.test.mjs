// Issue 3: HookManager driven the way slothlet's call path drives it (spec §8
// tables), asserting results and the order of handler calls.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { HookManager } from "../lib/slothlet/hook-manager.mjs";
import { minimalSlothlet, slothletCall, MARKER } from "./helpers/slothlet-harness.mjs";

function setup(hook = { enabled: true }) {
  const slothlet = minimalSlothlet(hook);
  const manager = new HookManager(slothlet);
  const log = [];
  const rec = (name, ret) =>
    function (c) {
      log.push([name, c.source?.type, c.hasError, c.result, c.error?.message ?? c.error]);
      return typeof ret === "function" ? ret(c) : ret;
    };
  return { slothlet, manager, log, rec };
}

describe("§8.4 synchronous timeline", () => {
  test("success: before rewrites, after replaces, always sees the final result", () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:before", rec("before", ({ args }) => [args[0] * 2]));
    manager.on("m.f:after", rec("after", ({ result }) => result + 1));
    manager.on("m.f:always", rec("always"));
    const f = slothletCall(slothlet, manager, "m.f", (x) => x * 10);
    assert.equal(f(1), 21);
    assert.deepEqual(log.map((l) => l[0]), ["before", "after", "always"]);
    assert.equal(log[2][3], 21);
  });

  test("short-circuit: target and after skipped, always sees the value", () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:before", rec("before", 42));
    manager.on("m.f:after", rec("after"));
    manager.on("m.f:always", rec("always"));
    let called = 0;
    assert.equal(slothletCall(slothlet, manager, "m.f", () => ++called)(), 42);
    assert.equal(called, 0);
    assert.deepEqual(log, [["before", undefined, undefined, undefined, undefined], ["always", undefined, false, 42, undefined]]);
  });

  for (const suppressErrors of [false, true]) {
    test(`before hook throws (snapshot suppressErrors ${suppressErrors})`, () => {
      const { slothlet, manager, log, rec } = setup({ enabled: true, suppressErrors });
      manager.on("m.f:before", rec("before", () => {
        throw new Error("B");
      }), { id: "B" });
      manager.on("m.f:error", rec("error"));
      manager.on("m.f:always", rec("always"));
      const f = slothletCall(slothlet, manager, "m.f", () => "t");
      if (suppressErrors) {
        assert.equal(f(), undefined);
        assert.deepEqual(log.map((l) => [l[0], l[1], l[2]]), [["before", undefined, undefined], ["error", "before", undefined], ["always", undefined, false]]);
      } else {
        assert.throws(() => f(), /B/);
        assert.deepEqual(log.map((l) => [l[0], l[1], l[2]]), [["before", undefined, undefined], ["error", "before", undefined], ["always", undefined, true]]);
      }
    });

    test(`target throws (snapshot ${suppressErrors}): reported once as function`, () => {
      const { slothlet, manager, log, rec } = setup({ enabled: true, suppressErrors });
      manager.on("m.f:error", rec("error"));
      manager.on("m.f:always", rec("always"));
      const f = slothletCall(slothlet, manager, "m.f", () => {
        throw new Error("T");
      });
      // the call path reads the live config (=== true), the snapshot is the engine's
      if (suppressErrors) assert.equal(f(), undefined);
      else assert.throws(() => f(), /T/);
      assert.deepEqual(log.map((l) => [l[0], l[1], l[2], l[4]]), [["error", "function", undefined, "T"], ["always", undefined, true, undefined]]);
    });

    test(`sync after hook throws (snapshot ${suppressErrors})`, () => {
      const { slothlet, manager, log, rec } = setup({ enabled: true, suppressErrors });
      manager.on("m.f:after", rec("after1", () => {
        throw new Error("A");
      }), { priority: 2 });
      manager.on("m.f:after", rec("after2", ({ result }) => result + 100), { priority: 1 });
      manager.on("m.f:error", rec("error"));
      manager.on("m.f:always", rec("always"));
      const f = slothletCall(slothlet, manager, "m.f", (a, b) => a + b);
      if (suppressErrors) {
        assert.equal(f(1, 2), 103);
        assert.deepEqual(log.map((l) => [l[0], l[1]]), [["after1", undefined], ["error", "after"], ["after2", undefined], ["always", undefined]]);
      } else {
        assert.throws(() => f(1, 2), /A/);
        // reported once: the marker stops the call path's second report
        assert.deepEqual(log.map((l) => [l[0], l[1], l[2]]), [["after1", undefined, undefined], ["error", "after", undefined], ["always", undefined, true]]);
      }
    });
  }

  test("always hook throws: reported as always, other always hooks run, result unaffected", () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:always", rec("always1", () => {
      throw new Error("AL");
    }), { priority: 1 });
    manager.on("m.f:always", rec("always2"));
    manager.on("m.f:error", rec("error"));
    assert.equal(slothletCall(slothlet, manager, "m.f", () => 5)(), 5);
    assert.deepEqual(log.map((l) => [l[0], l[1]]), [["always1", undefined], ["error", "always"], ["always2", undefined]]);
  });

  test("error hook throws: swallowed through slothlet.debug, the next error hook runs", () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:error", rec("e1", () => {
      throw new Error("EH");
    }), { priority: 1 });
    manager.on("m.f:error", rec("e2"));
    assert.throws(() => slothletCall(slothlet, manager, "m.f", () => {
      throw new Error("T");
    })());
    assert.deepEqual(log.map((l) => l[0]), ["e1", "e2"]);
    assert.equal(slothlet.debugCalls.length, 1);
    assert.equal(slothlet.debugCalls[0][0], "hooks");
    assert.equal(slothlet.debugCalls[0][1], "Error hook failed for m.f:");
    assert.equal(slothlet.debugCalls[0][2].message, "EH");
  });

  test("HOOK_BEFORE_RETURNED_PROMISE is built by slothlet's SlothletError with the flag as an option", () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:before", () => Promise.resolve(1), { id: "BP" });
    manager.on("m.f:error", rec("error"));
    const err = (() => {
      try {
        slothletCall(slothlet, manager, "m.f", () => 1)();
      } catch (e) {
        return e;
      }
    })();
    assert.equal(err.code, "HOOK_BEFORE_RETURNED_PROMISE");
    assert.deepEqual(err.context, { id: "BP", path: "m.f" });
    assert.deepEqual(err.options, { validationError: true });
    assert.equal(log[0][1], "before");
  });
});

describe("§8.5 thenable timeline", () => {
  test("fulfilment: after and always on settlement", async () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:after", rec("after", ({ result }) => result * 2));
    manager.on("m.f:always", rec("always"));
    const p = slothletCall(slothlet, manager, "m.f", async (x) => x)(4);
    assert.deepEqual(log, []);
    assert.equal(await p, 8);
    assert.deepEqual(log.map((l) => [l[0], l[3]]), [["after", 4], ["always", 8]]);
  });

  test("rejection: error (function) and always; a marked rejection is not reported again", async () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:error", rec("error"));
    manager.on("m.f:always", rec("always"));
    const e = new Error("R");
    await assert.rejects(slothletCall(slothlet, manager, "m.f", async () => {
      throw e;
    })(), /R/);
    assert.equal(e[MARKER], true);
    await assert.rejects(slothletCall(slothlet, manager, "m.f", async () => {
      throw e;
    })());
    assert.deepEqual(log.map((l) => [l[0], l[1]]), [["error", "function"], ["always", undefined], ["always", undefined]]);
  });

  test("async after-hook failure: the engine's report, then slothlet's second report", async () => {
    const { slothlet, manager, log, rec } = setup();
    manager.on("m.f:after", () => {
      throw new Error("A");
    }, { id: "AH" });
    const sources = [];
    manager.on("m.f:error", ({ source }) => void sources.push(source));
    await assert.rejects(slothletCall(slothlet, manager, "m.f", async () => 1)(), /A/);
    assert.deepEqual(sources.map((s) => Object.keys(s)), [["type", "subset", "hookTag", "hookId", "timestamp", "stack"], ["type", "timestamp", "stack"]]);
    assert.equal(sources[0].hookId, "AH");
  });
});

describe("§8.11 two readings of suppressErrors", () => {
  test("the engine keeps its construction snapshot when the live config changes", () => {
    const { slothlet, manager, log, rec } = setup({ enabled: true, suppressErrors: false });
    slothlet.config.hook.suppressErrors = true; // live config mutated after construction
    assert.equal(manager.suppressErrors, false);
    manager.on("m.f:before", () => {
      throw new Error("B");
    });
    manager.on("m.f:error", rec("error"));
    // the engine snapshot (false) rethrows the before error; the call path's
    // live reading (true) then turns it into undefined
    assert.equal(slothletCall(slothlet, manager, "m.f", () => 1)(), undefined);
    assert.throws(() => manager.executeBeforeHooks("m.f", [], {}, {}), /B/);
  });

  test("a truthy non-true value suppresses hook errors (engine) but not target errors (call path)", () => {
    const { slothlet, manager } = setup({ enabled: true, suppressErrors: 1 });
    manager.on("m.f:before", () => {
      throw new Error("B");
    });
    assert.deepEqual(manager.executeBeforeHooks("m.f", [1], {}, {}), { args: [1], shortCircuit: true, value: undefined });
    const g = slothletCall(slothlet, manager, "m.g", () => {
      throw new Error("T");
    });
    assert.throws(() => g(), /T/);
  });
});
