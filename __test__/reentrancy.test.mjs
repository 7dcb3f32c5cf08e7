// Conformance: registry changes made during a call (spec §5 notes, §8.1, §11.11 first bullet).
// Each phase uses the registry as it stands when the phase starts; a change takes effect at the
// next phase of the running call and for every later call.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import { createHooks, HookError } from "../index.mjs";
import { deferred, settle, attempt } from "./helpers/common.mjs";

// setup() → createHooks(true); setup(x) → createHooks(x) (also for x === undefined)
function setup(...cfg) {
  const hooks = cfg.length ? createHooks(cfg[0]) : createHooks(true);
  return { hooks, hook: hooks.hook, log: [] };
}

const rec = (log, name) => () => {
  log.push(name);
};

// ------------------------------------------------------------------------------------------------
describe("changes made in the before phase", () => {
  test("a before hook registered mid-phase does not run in this phase, but does on the next call", () => {
    const { hooks, hook, log } = setup();
    let registered = false;
    hook.on("p:before", () => {
      log.push("A");
      if (!registered) {
        registered = true;
        hook.on("p:before", rec(log, "B"), { priority: 100 });
      }
    });
    hook.on("p:before", rec(log, "C"));
    const f = hooks.wrapFunction("p", () => log.push("target"));
    f();
    assert.deepEqual(log, ["A", "C", "target"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["B", "A", "C", "target"]);
  });

  test("after, always and error hooks registered in the before phase run in the same call", () => {
    const { hooks, hook, log } = setup();
    let fail = false;
    hook.on("p:before", () => {
      log.push("before");
      if (!hook.list({ id: "late-after" }).registeredHooks.length) {
        hook.on("p:after", rec(log, "late-after"), { id: "late-after" });
        hook.on("p:always", rec(log, "late-always"), { id: "late-always" });
        hook.on("p:error", rec(log, "late-error"), { id: "late-error" });
      }
    });
    const f = hooks.wrapFunction("p", () => {
      log.push("target");
      if (fail) throw new Error("x");
    });
    f();
    assert.deepEqual(log, ["before", "target", "late-after", "late-always"]);
    hook.off("late-after");
    hook.off("late-always");
    hook.off("late-error");
    log.length = 0;
    fail = true;
    attempt(() => f());
    assert.deepEqual(log, ["before", "target", "late-error", "late-always"]);
  });

  test("an error hook registered by an earlier before hook sees a later before hook's failure", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      hook.on("p:error", ({ source }) => {
        log.push(["late-error", source.type]);
      });
    });
    hook.on("p:before", () => {
      throw new Error("b");
    });
    const r = attempt(() => hooks.wrapFunction("p", () => 1)());
    assert.equal(r.threw, true);
    assert.deepEqual(log, [["late-error", "before"]]);
  });

  test("a before hook removed mid-phase still runs in that phase, not on the next call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      log.push("A");
      hook.off("D");
    });
    hook.on("p:before", rec(log, "D"), { id: "D" });
    const f = hooks.wrapFunction("p", () => 1);
    f();
    assert.deepEqual(log, ["A", "D"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["A"]);
  });

  test("a before hook disabled mid-phase still runs in that phase, not on the next call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      log.push("A");
      hook.disable({ id: "D" });
    });
    hook.on("p:before", rec(log, "D"), { id: "D" });
    const f = hooks.wrapFunction("p", () => 1);
    f();
    assert.deepEqual(log, ["A", "D"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["A"]);
  });

  test("a before hook enabled mid-phase does not run in that phase, but does on the next call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "D"), { id: "D", priority: -1 });
    hook.disable({ id: "D" });
    hook.on("p:before", () => {
      log.push("A");
      hook.enable({ id: "D" });
    });
    const f = hooks.wrapFunction("p", () => 1);
    f();
    assert.deepEqual(log, ["A"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["A", "D"]);
  });

  test("removing or disabling after/always hooks in the before phase stops them for this call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      log.push("before");
      hook.off("AF");
      hook.disable({ id: "AL" });
    });
    hook.on("p:after", rec(log, "AF"), { id: "AF" });
    hook.on("p:after", rec(log, "AF2"));
    hook.on("p:always", rec(log, "AL"), { id: "AL" });
    hook.on("p:always", rec(log, "AL2"));
    hooks.wrapFunction("p", () => log.push("target"))();
    assert.deepEqual(log, ["before", "target", "AF2", "AL2"]);
  });

  test("enabling a disabled after hook in the before phase makes it run in this call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", ({ result }) => result + 1, { id: "AF" });
    hook.disable({ id: "AF" });
    hook.on("p:before", () => {
      hook.enable({ id: "AF" });
    });
    assert.equal(hooks.wrapFunction("p", () => 1)(), 2);
  });

  test("a before hook that removes itself runs once; the rest of the phase still runs", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", function () {
      log.push("self");
      hook.off(this.id);
    });
    hook.on("p:before", rec(log, "other"));
    const f = hooks.wrapFunction("p", () => 1);
    f();
    f();
    assert.deepEqual(log, ["self", "other", "other"]);
  });

  test("a before hook that disables itself runs once; enable() brings it back", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", function () {
      log.push("self");
      hook.disable({ id: this.id });
    });
    const f = hooks.wrapFunction("p", () => 1);
    f();
    f();
    assert.deepEqual(log, ["self"]);
    hook.enable();
    f();
    assert.deepEqual(log, ["self", "self"]);
  });

  test("clear() in a before hook: the rest of the before phase runs, nothing afterwards", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      log.push("b1");
      hook.clear();
    });
    hook.on("p:before", rec(log, "b2"));
    hook.on("p:after", rec(log, "after"));
    hook.on("p:always", rec(log, "always"));
    assert.equal(hooks.wrapFunction("p", () => "r")(), "r");
    assert.deepEqual(log, ["b1", "b2"]);
    assert.deepEqual(hook.list().registeredHooks, []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("changes made in the after phase", () => {
  test("an after hook registered mid-phase waits for the next call; an always hook registered runs now", () => {
    const { hooks, hook, log } = setup();
    let once = false;
    hook.on("p:after", () => {
      log.push("A1");
      if (!once) {
        once = true;
        hook.on("p:after", rec(log, "A-late"), { priority: 10 });
        hook.on("p:always", rec(log, "W-late"));
      }
    });
    hook.on("p:after", rec(log, "A2"));
    const f = hooks.wrapFunction("p", () => 1);
    f();
    assert.deepEqual(log, ["A1", "A2", "W-late"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["A-late", "A1", "A2", "W-late"]);
  });

  test("an after hook removed or disabled mid-phase still runs in that phase", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      log.push("A1");
      hook.off("A2");
      hook.disable({ id: "A3" });
    });
    hook.on("p:after", ({ result }) => {
      log.push("A2");
      return result + 1;
    }, { id: "A2" });
    hook.on("p:after", rec(log, "A3"), { id: "A3" });
    const f = hooks.wrapFunction("p", () => 1);
    assert.equal(f(), 2);
    assert.deepEqual(log, ["A1", "A2", "A3"]);
    log.length = 0;
    assert.equal(f(), 1);
    assert.deepEqual(log, ["A1"]);
  });

  test("an always hook removed in the after phase does not run in this call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      hook.off("W");
    });
    hook.on("p:always", rec(log, "W"), { id: "W" });
    hook.on("p:always", rec(log, "W2"));
    hooks.wrapFunction("p", () => 1)();
    assert.deepEqual(log, ["W2"]);
  });

  test("an error hook registered by an after hook sees a later after hook's failure", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      hook.on("p:error", ({ source }) => {
        log.push(["late-error", source.type]);
      });
    });
    hook.on("p:after", () => {
      throw new Error("a");
    });
    attempt(() => hooks.wrapFunction("p", () => 1)());
    assert.deepEqual(log, [["late-error", "after"]]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("changes made in the always and error phases", () => {
  test("an always hook registered mid-phase waits for the next call; a removed one still runs", () => {
    const { hooks, hook, log } = setup();
    let once = false;
    hook.on("p:always", () => {
      log.push("W1");
      if (!once) {
        once = true;
        hook.on("p:always", rec(log, "W-late"), { priority: 5 });
        hook.off("W2");
      }
    });
    hook.on("p:always", rec(log, "W2"), { id: "W2" });
    const f = hooks.wrapFunction("p", () => 1);
    f();
    assert.deepEqual(log, ["W1", "W2"]);
    log.length = 0;
    f();
    assert.deepEqual(log, ["W-late", "W1"]);
  });

  test("an error hook registered by an always hook runs for a later always hook's failure in the same phase", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:always", () => {
      log.push("W1");
      hook.on("p:error", ({ source }) => {
        log.push(["E-late", source.type]);
      });
    });
    hook.on("p:always", () => {
      log.push("W2");
      throw new Error("w");
    });
    assert.equal(hooks.wrapFunction("p", () => "ok")(), "ok");
    assert.deepEqual(log, ["W1", "W2", ["E-late", "always"]]);
  });

  test("an error hook registered mid error-phase does not run in it, but runs in the next error phase of the same call", () => {
    const { hooks, hook, log } = setup();
    let once = false;
    hook.on("p:error", ({ source }) => {
      log.push(["E1", source.type]);
      if (!once) {
        once = true;
        hook.on("p:error", ({ source: s }) => {
          log.push(["E2", s.type]);
        });
      }
    });
    hook.on("p:always", () => {
      log.push("W");
      throw new Error("w");
    });
    const T = new Error("t");
    const r = attempt(() =>
      hooks.wrapFunction("p", () => {
        throw T;
      })(),
    );
    assert.equal(r.error, T);
    assert.deepEqual(log, [["E1", "function"], "W", ["E1", "always"], ["E2", "always"]]);
  });

  test("an error hook removed or disabled mid error-phase still runs in that phase, not later", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:error", () => {
      log.push("E1");
      hook.off("E2");
      hook.disable({ id: "E3" });
    });
    hook.on("p:error", rec(log, "E2"), { id: "E2" });
    hook.on("p:error", rec(log, "E3"), { id: "E3" });
    const f = hooks.wrapFunction("p", () => {
      throw new Error("t");
    });
    attempt(() => f());
    assert.deepEqual(log, ["E1", "E2", "E3"]);
    log.length = 0;
    attempt(() => f());
    assert.deepEqual(log, ["E1"]);
  });

  test("an error hook that removes the always hooks prevents the always phase of the same call", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:error", () => {
      log.push("E");
      hook.remove({ type: "always" });
    });
    hook.on("p:always", rec(log, "W"));
    attempt(() =>
      hooks.wrapFunction("p", () => {
        throw new Error("t");
      })(),
    );
    assert.deepEqual(log, ["E"]);
  });
});

// ------------------------------------------------------------------------------------------------
describe("§8.1 global disable()/enable() during a call", () => {
  test("disable() in a before hook: the before phase finishes, target runs, no after/always", () => {
    const { hooks, hook, log } = setup();
    let disabledOnce = false;
    hook.on("p:before", () => {
      log.push("b1");
      if (!disabledOnce) {
        disabledOnce = true;
        hook.disable();
      }
    });
    hook.on("p:before", rec(log, "b2"));
    hook.on("p:after", () => "modified");
    hook.on("p:always", rec(log, "always"));
    const f = hooks.wrapFunction("p", () => {
      log.push("target");
      return "raw";
    });
    assert.equal(f(), "raw");
    assert.deepEqual(log, ["b1", "b2", "target"]);
    log.length = 0;
    assert.equal(f(), "raw");
    assert.deepEqual(log, ["target"]);
    hook.enable();
    log.length = 0;
    assert.equal(f(), "modified");
    assert.deepEqual(log, ["b1", "b2", "target", "always"]);
  });

  test("disable() in an after hook: the after phase finishes, no always phase", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      log.push("a1");
      hook.disable();
    });
    hook.on("p:after", ({ result }) => {
      log.push("a2");
      return result + 1;
    });
    hook.on("p:always", rec(log, "always"));
    assert.equal(hooks.wrapFunction("p", () => 1)(), 2);
    assert.deepEqual(log, ["a1", "a2"]);
  });

  test("disable() in a before hook, then the target throws: no error or always hooks, the error still reaches the caller", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      hook.disable();
    });
    hook.on("p:error", rec(log, "error"));
    hook.on("p:always", rec(log, "always"));
    const E = new Error("t");
    const r = attempt(() =>
      hooks.wrapFunction("p", () => {
        throw E;
      })(),
    );
    assert.equal(r.error, E);
    assert.deepEqual(log, []);
  });

  test("disable() in an error hook: no always phase", () => {
    const { hooks, hook, log } = setup();
    hook.on("p:error", () => {
      log.push("error");
      hook.disable();
    });
    hook.on("p:always", rec(log, "always"));
    attempt(() =>
      hooks.wrapFunction("p", () => {
        throw new Error("t");
      })(),
    );
    assert.deepEqual(log, ["error"]);
  });

  test("enablePattern() in a before hook that excludes the path stops the remaining phases", () => {
    const { hooks, hook, log } = setup();
    let once = false;
    hook.on("p.q:before", () => {
      log.push("before");
      if (!once) {
        once = true;
        assert.equal(hook.enablePattern("elsewhere.*"), 1);
      }
    });
    hook.on("p.q:after", rec(log, "after"));
    hook.on("p.q:always", rec(log, "always"));
    const f = hooks.wrapFunction("p.q", () => 1);
    f();
    assert.deepEqual(log, ["before"]);
    hook.disablePattern("elsewhere.*");
    log.length = 0;
    f();
    assert.deepEqual(log, ["before", "after", "always"]);
  });

  test("enable() inside a call whose gate was false has no effect on that call", () => {
    const { hooks, hook, log } = setup(false);
    hook.on("p:before", rec(log, "before"));
    hook.on("p:after", () => {
      log.push("after");
      return "modified";
    });
    hook.on("p:always", rec(log, "always"));
    const f = hooks.wrapFunction("p", () => {
      log.push("target");
      hook.enable();
      return "raw";
    });
    assert.equal(f(), "raw");
    assert.deepEqual(log, ["target"]);
    log.length = 0;
    assert.equal(f(), "modified");
    assert.deepEqual(log, ["before", "target", "after", "always"]);
  });

  test("enable() inside a thrown call whose gate was false: no error or always hooks for that call", () => {
    const { hooks, hook, log } = setup(false);
    hook.on("p:error", rec(log, "error"));
    hook.on("p:always", rec(log, "always"));
    const E = new Error("t");
    const f = hooks.wrapFunction("p", () => {
      hook.enable();
      throw E;
    });
    assert.equal(attempt(() => f()).error, E);
    assert.deepEqual(log, []);
  });
});

// ------------------------------------------------------------------------------------------------
describe("thenable targets see the registry as it stands at settlement", () => {
  test("after hooks swapped between the call and settlement: the new set runs", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", rec(log, "before"));
    hook.on("p:after", () => {
      log.push("old-after");
      return "old";
    }, { id: "old" });
    const d = deferred();
    const p = hooks.wrapFunction("p", () => d.promise)();
    hook.off("old");
    hook.on("p:after", () => {
      log.push("new-after");
      return "new";
    });
    hook.on("p:always", ({ result }) => {
      log.push(["new-always", result]);
    });
    d.resolve("raw");
    assert.equal(await p, "new");
    assert.deepEqual(log, ["before", "new-after", ["new-always", "new"]]);
  });

  test("global disable() before settlement: no after/always, the raw value resolves", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      log.push("after");
      return "modified";
    });
    hook.on("p:always", rec(log, "always"));
    const d = deferred();
    const p = hooks.wrapFunction("p", () => d.promise)();
    hook.disable();
    d.resolve("raw");
    assert.equal(await p, "raw");
    assert.deepEqual(log, []);
  });

  test("disable({id}) of an always hook before settlement skips it", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:always", rec(log, "W1"), { id: "W1" });
    hook.on("p:always", rec(log, "W2"));
    const d = deferred();
    const p = hooks.wrapFunction("p", () => d.promise)();
    hook.disable({ id: "W1" });
    d.resolve(1);
    await p;
    assert.deepEqual(log, ["W2"]);
  });

  test("on rejection: an error hook added before settlement runs; a removed one does not", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:error", rec(log, "E-old"), { id: "E-old" });
    hook.on("p:always", rec(log, "always"));
    const d = deferred();
    const p = hooks.wrapFunction("p", () => d.promise)();
    hook.off("E-old");
    hook.on("p:error", ({ source }) => {
      log.push(["E-new", source.type]);
    });
    const E = new Error("rej");
    d.reject(E);
    assert.deepEqual(await settle(p), { rejected: true, reason: E });
    assert.deepEqual(log, [["E-new", "function"], "always"]);
  });

  test("a path filter that excludes the path before settlement stops the after/always phases", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p.q:after", () => "modified");
    hook.on("p.q:always", rec(log, "always"));
    const d = deferred();
    const p = hooks.wrapFunction("p.q", () => d.promise)();
    hook.enablePattern("other.*");
    d.resolve("raw");
    assert.equal(await p, "raw");
    assert.deepEqual(log, []);
  });

  test("an always hook registered by an after hook at settlement runs in the same settlement", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:after", () => {
      log.push("after");
      hook.on("p:always", rec(log, "late-always"));
    });
    await hooks.wrapFunction("p", async () => 1)();
    assert.deepEqual(log, ["after", "late-always"]);
  });

  test("hook.disable() in a before hook of an async call: nothing runs at settlement", async () => {
    const { hooks, hook, log } = setup();
    hook.on("p:before", () => {
      hook.disable();
    });
    hook.on("p:after", () => "modified");
    hook.on("p:always", rec(log, "always"));
    hook.on("p:error", rec(log, "error"));
    assert.equal(await hooks.wrapFunction("p", async () => "raw")(), "raw");
    const E = new Error("x");
    hook.enable();
    assert.deepEqual(await settle(hooks.wrapFunction("p", async () => {
      throw E;
    })()), { rejected: true, reason: E });
    assert.deepEqual(log, []);
  });

  test("enable() while a call whose gate was false is pending has no effect on it", async () => {
    const { hooks, hook, log } = setup(false);
    hook.on("p:after", () => {
      log.push("after");
      return "modified";
    });
    hook.on("p:always", rec(log, "always"));
    const d = deferred();
    const f = hooks.wrapFunction("p", () => d.promise);
    const p = f();
    hook.enable();
    d.resolve("raw");
    assert.equal(await p, "raw");
    assert.deepEqual(log, []);
    assert.equal(await f(), "modified");
    assert.deepEqual(log, ["after", "always"]);
  });

  test("custom thenable: registry changes before invoking onFulfilled apply", () => {
    const { hooks, hook, log } = setup();
    let onF;
    const thenable = {
      then(f) {
        onF = f;
        return "chain";
      },
    };
    hook.on("p:after", () => "old", { id: "old" });
    assert.equal(hooks.wrapFunction("p", () => thenable)(), "chain");
    hook.off("old");
    hook.on("p:after", ({ result }) => {
      log.push(["new", result]);
      return result + "!";
    });
    assert.equal(onF("v"), "v!");
    assert.deepEqual(log, [["new", "v"]]);
  });
});

test("HookError export is intact", () => {
  assert.equal(typeof HookError, "function");
});

// ------------------------------------------------------------------------------------------------
// Registry changes on a path that has been called many times (a possibly optimised runner must
// still see changes at the next phase).
describe("registry changes on hot paths", () => {
  const WARM = 100;

  function hotSetup() {
    const { hooks, hook, log } = setup();
    const st = { armed: false };
    return { hooks, hook, log, st, warm: (f) => { for (let i = 0; i < WARM; i++) f(i); } };
  }

  test("a before hook that registers an after hook mid-call: it runs in the same call", () => {
    const { hooks, hook, log, st, warm } = hotSetup();
    hook.on("p:before", () => {
      if (st.armed) {
        st.armed = false;
        hook.on("p:after", ({ result }) => {
          log.push("late-after");
          return result * 2;
        });
      }
    });
    hook.on("p:after", () => {});
    const f = hooks.wrapFunction("p", (x) => x);
    warm(f);
    st.armed = true;
    assert.equal(f(21), 42);
    assert.deepEqual(log, ["late-after"]);
  });

  test("a before hook that removes a later before hook and an after hook mid-call", () => {
    const { hooks, hook, log, st, warm } = hotSetup();
    hook.on("p:before", () => {
      if (st.armed) {
        st.armed = false;
        hook.off("B2");
        hook.off("A1");
      }
    });
    hook.on("p:before", () => {
      if (!st.warming) log.push("B2");
    }, { id: "B2" });
    hook.on("p:after", ({ result }) => result + 1, { id: "A1" });
    const f = hooks.wrapFunction("p", (x) => x);
    st.warming = true;
    warm(f);
    st.warming = false;
    st.armed = true;
    assert.equal(f(1), 1, "the removed after hook does not run in this call");
    assert.deepEqual(log, ["B2"], "the removed before hook still runs in this phase");
    assert.equal(f(1), 1);
    assert.deepEqual(log, ["B2"]);
  });

  test("global disable() in a before hook on a hot path: no after/always", () => {
    const { hooks, hook, log, st, warm } = hotSetup();
    hook.on("p:before", () => {
      if (st.armed) {
        st.armed = false;
        hook.disable();
      }
    });
    hook.on("p:after", ({ result }) => result + 1);
    hook.on("p:always", () => {
      if (!st.warming) log.push("always");
    });
    const f = hooks.wrapFunction("p", (x) => x);
    st.warming = true;
    warm(f);
    st.warming = false;
    st.armed = true;
    assert.equal(f(1), 1);
    assert.deepEqual(log, []);
  });

  test("an after hook that removes an always hook and registers another on a hot path", () => {
    const { hooks, hook, log, st, warm } = hotSetup();
    hook.on("p:after", () => {
      if (st.armed) {
        st.armed = false;
        hook.off("W-old");
        hook.on("p:always", () => log.push("W-new"));
      }
    });
    hook.on("p:always", () => {
      if (!st.warming) log.push("W-old");
    }, { id: "W-old" });
    const f = hooks.wrapFunction("p", (x) => x);
    st.warming = true;
    warm(f);
    st.warming = false;
    st.armed = true;
    f(1);
    assert.deepEqual(log, ["W-new"]);
  });
});
