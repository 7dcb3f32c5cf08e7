// Issue 3: every member of the seam surface (spec §10.3/§10.4) and the
// argument shapes slothlet passes; errors and warnings are constructed by
// slothlet's own classes, with the exact codes, contexts and options.
import { test, describe, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { HookManager } from "../lib/slothlet/hook-manager.mjs";
import { minimalSlothlet, SlothletError, SlothletWarning } from "./helpers/slothlet-harness.mjs";
import { catchError } from "./helpers/common.mjs";

beforeEach(() => {
  SlothletError.calls.length = 0;
  SlothletWarning.captured.length = 0;
});

const make = (hook = { enabled: true }, extra) => new HookManager(minimalSlothlet(hook, extra));

/** §9.3 interpolation, written here from the spec (not slothook's). */
function render(text, context) {
  let out = text;
  for (const [k, v] of Object.entries(context ?? {})) {
    if (k === "validationError" || k === "stub") continue;
    out = out.replace(new RegExp(`\\{${k}\\}`, "g"), v === undefined ? "" : String(v));
  }
  return out.replace(/\{\w+\}/g, "").replace(/\s+/g, " ").trim();
}
const TEXTS = {
  INVALID_TYPE_PATTERN: 'Invalid type pattern "{typePattern}". {expected}',
  INVALID_HOOK_HANDLER: "Hook handler must be a function. Received type: {receivedType}.",
  DUPLICATE_HOOK_ID: 'A hook with ID "{id}" already exists. Use a unique ID or omit the id option to auto-generate one.',
  INVALID_HOOK_SUBSET: 'Invalid hook subset "{subset}". Must be "before", "primary", or "after". Valid subsets: {validSubsets}.',
  HOOK_BRACE_EXPANSION_MAX_DEPTH: "Brace expansion in hook pattern exceeds the maximum nesting depth of {maxDepth}.",
  HOOK_TYPEPATTERN_PREFIX_DEPRECATED:
    "Hook registration form '{given}' is deprecated and will be removed in v4. Use the path-first form '{suggested}' instead (e.g. 'math.*:before').",
};

describe("construction and properties (§10.2, §10.3)", () => {
  test("static members and the minimal mock", () => {
    assert.equal(HookManager.slothletProperty, "hookManager");
    assert.equal(HookManager.engine, "slothook");
    const m = make();
    assert.equal(m.enabled, true);
    assert.equal(m.pinEnforced, true);
    assert.equal(m.suppressErrors, false);
    assert.equal(m.defaultPattern, "**");
    assert.ok(m.enabledPatterns instanceof Set);
    assert.equal(m.patternFilterActive, false);
    assert.ok(m.hooks instanceof Map && m.hooks.size === 0);
    assert.equal(m.registrationOrder, 0);
    assert.ok(m.reportedErrors instanceof WeakSet);
  });

  test("raw config forms are normalized (§1); slothlet.config may be absent", () => {
    assert.equal(new HookManager({ SlothletError, SlothletWarning }).enabled, false);
    assert.equal(make(true).enabled, true);
    const m = make("db.*");
    assert.equal(m.defaultPattern, "db.*");
    assert.equal(m.patternFilterActive, true);
    assert.deepEqual([...m.enabledPatterns], ["db.*"]);
    assert.equal(make({ pin: false, suppressErrors: "yes" }).suppressErrors, "yes");
    assert.equal(make({ pin: false }).pinEnforced, false);
    // idempotent: a normalized object gives the same state
    const again = make({ enabled: false, pattern: null, suppressErrors: false, pin: true });
    assert.equal(again.enabled, false);
    assert.equal(again.defaultPattern, "**");
  });

  test("a malformed config pattern fails at the first hooked call, not at construction", () => {
    const m = make({ pattern: "{}" });
    assert.throws(() => m.getHooksForPath("before", "x"), (e) => e.code === "INVALID_HOOK_PATTERN");
  });
});

describe("on() errors and warnings go through slothlet's classes (§3.3, §9)", () => {
  const cases = [
    [() => make().on(123, () => {}), "INVALID_TYPE_PATTERN", { typePattern: 123, expected: "expected a string in the form 'pattern:type' (e.g. 'math.*:before')" }, undefined],
    [() => make().on("math.add", () => {}), "INVALID_TYPE_PATTERN", { typePattern: "math.add", expected: "missing ':' — use 'pattern:type' (e.g. 'math.*:before')" }, undefined],
    [() => make().on("x:before", "nope"), "INVALID_HOOK_HANDLER", { receivedType: "string", validationError: true }, undefined],
    [() => make().on("x:before", () => {}, { subset: "middle" }), "INVALID_HOOK_SUBSET", { subset: "middle", validSubsets: ["before", "primary", "after"] }, undefined],
    [() => make().on("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}:before", () => {}), "HOOK_BRACE_EXPANSION_MAX_DEPTH", { maxDepth: 10 }, { validationError: true }],
  ];
  for (const [call, code, context, options] of cases) {
    test(`${code} ${JSON.stringify(context).slice(0, 40)}`, () => {
      const e = catchError(call);
      assert.ok(e instanceof SlothletError);
      assert.equal(e.code, code);
      assert.deepEqual(e.context, context);
      assert.deepEqual(e.options, options);
      assert.equal(SlothletError.calls.length, 1);
    });
  }

  test("DUPLICATE_HOOK_ID", () => {
    const m = make();
    m.on("a:before", () => {}, { id: "dup" });
    const e = catchError(() => m.on("b:before", () => {}, { id: "dup" }));
    assert.equal(e.code, "DUPLICATE_HOOK_ID");
    assert.deepEqual(e.context, { id: "dup", validationError: true });
  });

  test("the recorded arguments render to the exact §9.3 texts", () => {
    const m = make();
    m.on("a:before", () => {}, { id: "dup" });
    for (const call of [
      () => m.on(123, () => {}),
      () => m.on("x:before", 5),
      () => m.on("b:before", () => {}, { id: "dup" }),
      () => m.on("x:before", () => {}, { subset: "middle" }),
      () => m.on("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}:before", () => {}),
    ]) {
      catchError(call);
    }
    const rendered = SlothletError.calls.map((c) => `[${c.code}] ${render(TEXTS[c.code], c.context)}`);
    assert.deepEqual(rendered, [
      `[INVALID_TYPE_PATTERN] Invalid type pattern "123". expected a string in the form 'pattern:type' (e.g. 'math.*:before')`,
      "[INVALID_HOOK_HANDLER] Hook handler must be a function. Received type: number.",
      '[DUPLICATE_HOOK_ID] A hook with ID "dup" already exists. Use a unique ID or omit the id option to auto-generate one.',
      '[INVALID_HOOK_SUBSET] Invalid hook subset "middle". Must be "before", "primary", or "after". Valid subsets: before,primary,after.',
      "[HOOK_BRACE_EXPANSION_MAX_DEPTH] Brace expansion in hook pattern exceeds the maximum nesting depth of 10.",
    ]);
  });

  test("the deprecated form warns through SlothletWarning, before a later validation error; silent suppresses", () => {
    const m = make();
    catchError(() => m.on("before:math.*", "not a function"));
    assert.deepEqual(SlothletWarning.captured, [{ code: "HOOK_TYPEPATTERN_PREFIX_DEPRECATED", context: { given: "before:math.*", suggested: "math.*:before" } }]);
    assert.equal(
      render(TEXTS.HOOK_TYPEPATTERN_PREFIX_DEPRECATED, SlothletWarning.captured[0].context),
      "Hook registration form 'before:math.*' is deprecated and will be removed in v4. Use the path-first form 'math.*:before' instead (e.g. 'math.*:before').",
    );
    const silent = make({ enabled: true }, { config: { silent: true } });
    silent.on("before:x", () => {});
    assert.equal(SlothletWarning.captured.length, 1);
  });

  test("options null is slothlet's TypeError", () => {
    assert.throws(() => make().on("x:before", () => {}, null), TypeError);
  });
});

describe("management members and argument shapes (§7, §10.4)", () => {
  function three() {
    const m = make();
    m.on("math.add:before", () => {}, { id: "h1" });
    m.on("math.*:before", () => {});
    m.on("math.add:after", () => {});
    return m;
  }

  test("enable/disable counts and the global flag (§7.2 table)", () => {
    const m = three();
    assert.equal(m.disable({ type: "before" }), 2);
    assert.equal(m.enabled, true);
    assert.equal(m.disable({ id: "nope" }), 0);
    assert.equal(m.disable(), 3);
    assert.equal(m.enabled, false);
    assert.equal(m.enable({ id: "h1" }), 1);
    assert.equal(m.enabled, true);
    assert.equal(m.enable(), 3);
    assert.equal(m.disable("math.add"), 2);
    assert.equal(m.disable(""), 3);
    assert.equal(m.enabled, true);
    assert.equal(m.disable(5), 3);
    assert.equal(m.enabled, false);
  });

  test("null filters are slothlet's TypeErrors; an unknown type too", () => {
    const m = three();
    assert.throws(() => m.enable(null), /Cannot read properties of null \(reading 'id'\)/);
    assert.throws(() => m.disable(null), /Cannot convert undefined or null to object/);
    assert.throws(() => m.remove(null), /Cannot read properties of null \(reading 'id'\)/);
    assert.throws(() => m.list(null), /Cannot read properties of null \(reading 'id'\)/);
    for (const f of ["remove", "enable", "disable", "list"]) {
      assert.throws(() => m[f]({ type: "bogus" }), /Cannot read properties of undefined \(reading 'before'\)/);
    }
    assert.deepEqual(m.list("bogus").registeredHooks, []);
  });

  test("remove: a string is an id (§11 (g), free), numbers and undefined remove everything", () => {
    let m = three();
    assert.equal(m.remove("h1"), 1);
    assert.equal(m.remove("h1"), 0);
    assert.equal(m.remove({ pattern: "math.*" }), 1);
    assert.equal(m.remove(42), 1);
    m = three();
    assert.equal(m.remove(), 3);
    m = three();
    assert.equal(m.remove({ type: "after" }), 1);
  });

  test("list returns { registeredHooks } with the §7.4 element shape; strict enabled filter", () => {
    const m = three();
    const { registeredHooks } = m.list();
    assert.deepEqual(Object.keys(registeredHooks[0]), ["id", "type", "pattern", "priority", "subset", "enabled", "lockCaller"]);
    assert.deepEqual(m.list("after").registeredHooks.map((h) => h.pattern), ["math.add"]);
    assert.deepEqual(m.list({ pattern: "math.*" }).registeredHooks.length, 3);
    assert.deepEqual(m.list({ enabled: 1 }).registeredHooks, []);
    assert.deepEqual(m.list({ id: "h1", enabled: false }).registeredHooks, []);
  });

  test("path filter members (§6 sequence)", () => {
    const m = make();
    assert.equal(m.enablePattern("a.*"), 1);
    assert.equal(m.enablePattern("a.*"), 1);
    assert.equal(m.disablePattern("nope"), 1);
    assert.equal(m.disablePattern("a.*"), 0);
    assert.equal(m.resetPatternFilter(), undefined);
    assert.equal(catchError(() => m.enablePattern("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}")).code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
  });

  test("setPinEnforced stores value === true", () => {
    const m = make();
    assert.equal(m.setPinEnforced("yes"), false);
    assert.equal(m.pinEnforced, false);
    assert.equal(m.setPinEnforced(true), true);
  });

  test("getHooksForPath: unknown or empty type, disabled system, ordering from the plan", () => {
    const m = three();
    assert.deepEqual(m.getHooksForPath("bogus", "math.add"), []);
    assert.deepEqual(m.getHooksForPath("", "math.add"), []);
    assert.equal(m.getHooksForPath("before", "math.add").length, 2);
    // the records carry what the seam's typings (HookManagerRecord) promise, enabled read live
    const [h1] = m.getHooksForPath("before", "math.add");
    assert.deepEqual(
      { id: h1.id, type: h1.type, pattern: h1.pattern, priority: h1.priority, subset: h1.subset, enabled: h1.enabled, lockCaller: h1.lockCaller },
      { id: "h1", type: "before", pattern: "math.add", priority: 0, subset: "primary", enabled: true, lockCaller: true },
    );
    m.disable({ id: "h1" });
    assert.equal(h1.enabled, false);
    m.enable({ id: "h1" });
    m.disable();
    assert.deepEqual(m.getHooksForPath("before", "math.add"), []);
  });

  test("executeErrorHooks: marks objects, accepts any error and source, works with five arguments", () => {
    const m = make();
    const seen = [];
    m.on("p:error", ({ error, errorType, source }) => void seen.push([error, errorType, source]));
    const err = new TypeError("t");
    m.executeErrorHooks("p", err, "a string source", [], {});
    m.executeErrorHooks("p", "str", { type: "function" }, []);
    m.executeErrorHooks("p", null, undefined, []);
    m.executeErrorHooks("p", Object.create(null), {}, []);
    assert.equal(err[Symbol.for("@cldmv/slothlet/hook-error-processed")], true);
    assert.deepEqual(seen.map((s) => s[1]), ["TypeError", "String", "Error", "Error"]);
    assert.equal(seen[0][2], "a string source");
  });

  test("getCompilePatternForDiagnostics", () => {
    const compile = make().getCompilePatternForDiagnostics();
    const matcher = compile("math.*");
    assert.equal(matcher("math.add"), true);
    assert.equal(matcher("other.func"), false);
    assert.equal(catchError(() => compile("{a}{b}{c}{d}{e}{f}{g}{h}{i}{j}")).code, "HOOK_BRACE_EXPANSION_MAX_DEPTH");
  });
});

describe("reload and shutdown (§10.7)", () => {
  test("exportHooks → importHooks keeps ids, priorities, subsets, enabled state and owner identity", () => {
    const a = make();
    const h = () => {};
    a.on("math.*:before", h, { id: "A", priority: 5, subset: "before" });
    a.on("math.add:after", h, { id: "B" });
    a.disable({ id: "B" });
    a.remove("A");
    a.on("x:always", h, { id: "C", lockCaller: false });
    const saved = a.exportHooks();
    assert.deepEqual(saved.map((r) => r.typePattern), ["math.add:after", "x:always"]);
    assert.deepEqual(saved[0].options, { id: "B", priority: 0, subset: "primary", lockCaller: true });
    assert.equal(saved[0].enabled, false);
    const b = make();
    b.importHooks(saved);
    assert.deepEqual(b.list().registeredHooks.map((r) => [r.id, r.enabled, r.lockCaller]), [["B", false, true], ["C", true, false]]);
    assert.equal(b.enabled, true, "a keyed disable leaves the global flag alone");
    assert.deepEqual(b.exportHooks().map((r) => [r.ownerPath, r.ownerFilePath]), [[null, null], [null, null]]);
  });

  test("importHooks with non-arrays is a no-op", () => {
    const m = make();
    for (const v of [null, "str", 42, {}, undefined]) m.importHooks(v);
    assert.equal(m.list().registeredHooks.length, 0);
  });

  test("shutdown clears registrations and resets the id counter, not the flags or filter", async () => {
    const m = make("db.*");
    m.on("a:before", () => {});
    m.on("b:before", () => {});
    m.setPinEnforced(false);
    await m.shutdown();
    await m.shutdown();
    assert.equal(m.list().registeredHooks.length, 0);
    assert.equal(m.on("c:before", () => {}), "hook-1");
    assert.equal(m.patternFilterActive, true);
    assert.equal(m.pinEnforced, false);
  });
});

describe("owner identity, permissions and pinning (§3.6) with a context manager", () => {
  function withContext({ permissions = null, pin = true } = {}) {
    const calls = [];
    // slothlet 3.12's wrapper shape: identity under ____slothletInternal only
    const wrapper = { ____slothletInternal: { apiPath: "plugins.audit", filePath: "/app/plugins/audit.mjs" } };
    let current = wrapper;
    const slothlet = minimalSlothlet({ enabled: true, pin }, {
      slothlet: {
        instanceID: "inst-1",
        contextManager: {
          getCallerIdentity: () => ({ currentWrapper: current }),
          tryGetContext: () => ({ context: { rt: 1 } }),
          runInContext: (id, fn, thisArg, args, captured, propagate) => {
            calls.push(["runInContext", id, captured.____slothletInternal.apiPath, propagate]);
            return fn.apply(thisArg, args);
          },
        },
        handlers: permissions ? { permissionManager: permissions } : undefined,
      },
    });
    return { manager: new HookManager(slothlet), calls, setCurrent: (w) => (current = w) };
  }

  test("a module hook is pinned through contextManager.runInContext and carries _slothletOriginal", () => {
    const { manager, calls } = withContext();
    const handler = ({ args }) => args;
    manager.on("math.*:before", handler, { id: "P" });
    manager.executeBeforeHooks("math.add", [1], {}, {});
    assert.deepEqual(calls, [["runInContext", "inst-1", "plugins.audit", true]]);
    const [record] = manager.exportHooks();
    assert.equal(record.handler._slothletOriginal, handler);
    assert.equal(record.ownerPath, "plugins.audit");
    assert.equal(record.ownerFilePath, "/app/plugins/audit.mjs");
  });

  test("lockCaller:false from a module is forced back with HOOK_UNPINNED_IGNORED unless pin is off", () => {
    const { manager } = withContext();
    manager.on("x:before", () => {}, { lockCaller: false });
    assert.deepEqual(SlothletWarning.captured, [{ code: "HOOK_UNPINNED_IGNORED", context: { pattern: "x" } }]);
    assert.equal(manager.list().registeredHooks[0].lockCaller, true);
    const off = withContext({ pin: false }).manager;
    off.on("y:before", () => {}, { lockCaller: false });
    assert.equal(off.list().registeredHooks[0].lockCaller, false);
  });

  test("the registration gate (non-glob patterns only) and the fire-time filter", () => {
    const checks = [];
    const permissions = {
      isEnabled: () => true,
      enforceHookAccess: (...a) => (checks.push(["enforce", ...a]), a[1] !== "secret.op"),
      checkHookAccess: (...a) => (checks.push(["check", ...a]), a[1] !== "math.hidden"),
    };
    const { manager } = withContext({ permissions });
    const e = catchError(() => manager.on("secret.op:before", () => {}));
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { caller: "plugins.audit", target: "secret.op:before" });
    manager.on("math.*:before", () => {});
    assert.equal(checks.filter((c) => c[0] === "enforce").length, 1, "globs register unconditionally");
    assert.equal(manager.getHooksForPath("before", "math.add").length, 1);
    assert.equal(manager.getHooksForPath("before", "math.hidden").length, 0);
    assert.deepEqual(checks.at(-1), ["check", "plugins.audit", "math.hidden", "before", "/app/plugins/audit.mjs", null, { rt: 1 }]);
  });
});
