// Issue 11: inside slothlet, a hook registered by a module carries that
// module's identity (spec §3.6, §10.5): slothlet 3.12 keeps it at
// `wrapper.____slothletInternal.apiPath` / `.filePath`. With it the permission
// manager gates concrete registrations, filters glob hooks per path when they
// fire, and the owner survives a reload (§10.7). A registration from a module
// whose owner cannot be read is refused while permissions are on.
import { test, describe, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { HookManager } from "../lib/slothlet/hook-manager.mjs";
import { minimalSlothlet, slothletCall, SlothletError, SlothletWarning } from "./helpers/slothlet-harness.mjs";
import { catchError } from "./helpers/common.mjs";

beforeEach(() => {
  SlothletError.calls.length = 0;
  SlothletWarning.captured.length = 0;
});

const RUNTIME = Object.freeze({ runtime: "ctx" });
const AUDIT = { apiPath: "plugins.audit", filePath: "/app/plugins/audit.mjs" };
const EVIL = { apiPath: "plugins.evil", filePath: "/app/plugins/evil.mjs" };

/** A wrapper shaped exactly like slothlet 3.12's: identity under ____slothletInternal only. */
const moduleWrapper = ({ apiPath, filePath }) => ({ ____slothletInternal: { apiPath, filePath } });

/**
 * A policy in slothlet's rule form: per owner, the allowed `"<path>:<type>"`
 * targets, `":hook"` standing for any type. Host hooks (owner null) are
 * allowed, as slothlet's permission manager does (§5 step 4).
 */
const allow = (rules) => (kind, owner, target, type) =>
  owner === null || (rules[owner] ?? []).some((r) => r === `${target}:${type}` || r === `${target}:hook`);

/** Records every enforceHookAccess / checkHookAccess call with its arguments; answers from `policy`. */
function recordingPermissions(policy) {
  const calls = [];
  return {
    calls,
    enabled: true,
    isEnabled() {
      return this.enabled;
    },
    enforceHookAccess(...args) {
      calls.push(["enforce", ...args]);
      return policy("enforce", ...args);
    },
    checkHookAccess(...args) {
      calls.push(["check", ...args]);
      return policy("check", ...args);
    },
    of(kind) {
      return calls.filter((c) => c[0] === kind).map((c) => c.slice(1));
    },
  };
}

/** A slothlet object with a context manager; `as(wrapper, fn)` runs fn as that module's code. */
function inSlothlet(permissions, hook = { enabled: true }) {
  let current = null;
  const pinned = [];
  const slothlet = minimalSlothlet(hook, {
    slothlet: {
      instanceID: "inst-1",
      contextManager: {
        getCallerIdentity: () => ({ currentWrapper: current }),
        tryGetContext: () => ({ context: RUNTIME }),
        runInContext: (id, fn, thisArg, args, wrapper, propagate) => {
          pinned.push([id, wrapper, propagate]);
          return fn.apply(thisArg, args);
        },
      },
      handlers: permissions ? { permissionManager: permissions } : undefined,
    },
  });
  const as = (wrapper, fn) => {
    const previous = current;
    current = wrapper;
    try {
      return fn();
    } finally {
      current = previous;
    }
  };
  return { slothlet, manager: new HookManager(slothlet), pinned, as };
}


describe("the registration gate for concrete patterns (§3.2 step 9)", () => {
  test("a denied concrete registration throws PERMISSION_DENIED with caller and target; nothing is stored or fires", () => {
    const pm = recordingPermissions(allow({ "plugins.evil": ["db.read:hook"] }));
    const { slothlet, manager, as } = inSlothlet(pm);
    const wrapper = moduleWrapper(EVIL);
    let ran = 0;
    const e = as(wrapper, () => catchError(() => manager.on("db.write:before", () => void ran++)));
    assert.ok(e instanceof SlothletError);
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { caller: "plugins.evil", target: "db.write:before" });
    assert.deepEqual(SlothletError.calls, [{ code: "PERMISSION_DENIED", context: { caller: "plugins.evil", target: "db.write:before" }, originalError: undefined, options: undefined }]);
    assert.deepEqual(pm.of("enforce"), [["plugins.evil", "db.write", "before", "/app/plugins/evil.mjs", null, RUNTIME]]);
    assert.deepEqual(manager.list().registeredHooks, []);
    assert.deepEqual(manager.exportHooks(), []);
    slothletCall(slothlet, manager, "db.write", () => "written")();
    assert.equal(ran, 0);
  });

  test("an allowed concrete registration stores the owner: gate, fire-time filter and export see it", () => {
    const pm = recordingPermissions(allow({ "plugins.audit": ["db.read:before"] }));
    const { slothlet, manager, pinned, as } = inSlothlet(pm);
    const wrapper = moduleWrapper(AUDIT);
    const seen = [];
    const handler = ({ path }) => void seen.push(path);
    const id = as(wrapper, () => manager.on("db.read:before", handler, { id: "R" }));
    assert.equal(id, "R");
    assert.deepEqual(pm.of("enforce"), [["plugins.audit", "db.read", "before", "/app/plugins/audit.mjs", null, RUNTIME]]);
    assert.equal(slothletCall(slothlet, manager, "db.read", () => "row")(), "row");
    assert.deepEqual(seen, ["db.read"]);
    assert.deepEqual(pm.of("check"), [["plugins.audit", "db.read", "before", "/app/plugins/audit.mjs", null, RUNTIME]]);
    // pinned to the module's own wrapper, errors propagate unchanged
    assert.deepEqual(pinned, [["inst-1", wrapper, true]]);
    const [record] = manager.exportHooks();
    assert.deepEqual([record.ownerPath, record.ownerFilePath], ["plugins.audit", "/app/plugins/audit.mjs"]);
    assert.equal(record.handler._slothletOriginal, handler);
  });

  test("a registration without a file path is gated with ownerFilePath null", () => {
    const pm = recordingPermissions(() => false);
    const { manager, as } = inSlothlet(pm);
    const e = as({ ____slothletInternal: { apiPath: "plugins.nofile" } }, () => catchError(() => manager.on("db.write:after", () => {})));
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { caller: "plugins.nofile", target: "db.write:after" });
    assert.deepEqual(pm.of("enforce"), [["plugins.nofile", "db.write", "after", null, null, RUNTIME]]);
  });

  test("a host registration (no wrapper) stays ungated while the same one from a module is gated", () => {
    const pm = recordingPermissions(allow({}));
    const { slothlet, manager, pinned, as } = inSlothlet(pm);
    let ran = 0;
    const host = () => void ran++;
    assert.equal(manager.on("db.write:before", host, { id: "host" }), "host");
    assert.deepEqual(pm.of("enforce"), [], "a host hook is never gated");
    assert.equal(as(moduleWrapper(EVIL), () => catchError(() => manager.on("db.write:before", () => {}, { id: "mod" }))).code, "PERMISSION_DENIED");
    assert.deepEqual(pm.of("enforce").map((c) => c[0]), ["plugins.evil"]);
    slothletCall(slothlet, manager, "db.write", () => 1)();
    assert.equal(ran, 1);
    assert.deepEqual(pm.of("check"), [[null, "db.write", "before", null, null, RUNTIME]]);
    assert.deepEqual(pinned, [], "a host hook is never wrapped");
    const [record] = manager.exportHooks();
    assert.deepEqual([record.options.id, record.ownerPath, record.ownerFilePath, record.handler], ["host", null, null, host]);
    // without a context manager (slothlet's minimal mock) every registration is a host one
    const bare = new HookManager(minimalSlothlet({ enabled: true }, { slothlet: { handlers: { permissionManager: pm } } }));
    assert.equal(bare.on("db.write:before", () => {}), "hook-1");
    assert.equal(pm.of("enforce").length, 1);
  });

  test("public options cannot set owner identity (no symbol key of options is read)", () => {
    const pm = recordingPermissions(allow({}));
    const { manager, as } = inSlothlet(pm);
    const forged = new Proxy(
      {},
      { get: (target, key) => (typeof key === "symbol" ? { ownerPath: null, ownerFilePath: null, known: true } : undefined) },
    );
    const e = as(moduleWrapper(EVIL), () => catchError(() => manager.on("db.write:before", () => {}, forged)));
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { caller: "plugins.evil", target: "db.write:before" });
    const plain = as(moduleWrapper(EVIL), () => catchError(() => manager.on("db.write:before", () => {}, { ownerPath: null })));
    assert.equal(plain.code, "PERMISSION_DENIED");
  });
});

describe("the fire-time filter for glob hooks (§5 step 4)", () => {
  test("a glob hook fires only on the paths the permission manager allows for its owner and type", () => {
    const pm = recordingPermissions(allow({ "plugins.audit": ["math.add:hook", "math.mul:after"] }));
    const { slothlet, manager, as } = inSlothlet(pm);
    const fired = [];
    as(moduleWrapper(AUDIT), () => {
      manager.on("math.*:before", ({ path }) => void fired.push(["before", path]));
      manager.on("math.*:after", ({ path }) => void fired.push(["after", path]));
    });
    assert.deepEqual(pm.of("enforce"), [], "globs register unconditionally");
    for (const path of ["math.add", "math.mul", "math.secret"]) slothletCall(slothlet, manager, `${path}`, () => 0)();
    assert.deepEqual(fired, [["before", "math.add"], ["after", "math.add"], ["after", "math.mul"]]);
    const checks = pm.of("check");
    assert.ok(checks.length > 0);
    for (const c of checks) assert.deepEqual([c[0], c[3], c[4], c[5]], ["plugins.audit", "/app/plugins/audit.mjs", null, RUNTIME]);
    for (const [type, path] of [["before", "math.add"], ["before", "math.mul"], ["before", "math.secret"], ["after", "math.add"], ["after", "math.mul"], ["after", "math.secret"]]) {
      assert.ok(checks.some((c) => c[1] === path && c[2] === type), `checked ${path}:${type}`);
    }
  });

  test("every glob character makes a pattern a glob: * ? { ! register without the gate", () => {
    const pm = recordingPermissions(allow({}));
    const { manager, as } = inSlothlet(pm);
    as(moduleWrapper(EVIL), () => {
      for (const p of ["db.*", "db.writ?", "db.{write,read}", "!db.read"]) manager.on(`${p}:before`, () => {});
    });
    assert.deepEqual(pm.of("enforce"), []);
    assert.deepEqual(manager.exportHooks().map((r) => r.ownerPath), ["plugins.evil", "plugins.evil", "plugins.evil", "plugins.evil"]);
    // all four match db.write, none is allowed for plugins.evil
    assert.deepEqual(manager.getHooksForPath("before", "db.write"), []);
  });
});

describe("fail closed: a module whose owner cannot be read (issue 11)", () => {
  const unreadable = [
    ["no ____slothletInternal", {}],
    ["____slothletInternal null", { ____slothletInternal: null }],
    ["____slothletInternal a string", { ____slothletInternal: "plugins.evil" }],
    ["apiPath absent", { ____slothletInternal: { filePath: "/app/plugins/evil.mjs" } }],
    ["apiPath a number", { ____slothletInternal: { apiPath: 42, filePath: "/app/plugins/evil.mjs" } }],
    ["apiPath a String object", { ____slothletInternal: { apiPath: new String("plugins.evil") } }],
    ["the old guessed names", { apiPath: "plugins.evil", filePath: "/app/plugins/evil.mjs" }],
    [
      "a throwing getter",
      {
        get ____slothletInternal() {
          throw new Error("revoked");
        },
      },
    ],
  ];
  for (const [name, wrapper] of unreadable) {
    for (const pattern of ["db.write", "db.*"]) {
      test(`${name}: "${pattern}" throws PERMISSION_DENIED "owner unknown" and stores nothing`, () => {
        const pm = recordingPermissions(() => true);
        const { manager, as } = inSlothlet(pm);
        const e = as(wrapper, () => catchError(() => manager.on(`${pattern}:before`, () => {}, { lockCaller: false })));
        assert.ok(e instanceof SlothletError);
        assert.equal(e.code, "PERMISSION_DENIED");
        assert.deepEqual(e.context, { target: `${pattern}:before`, reason: "owner unknown" });
        assert.deepEqual(manager.list().registeredHooks, []);
        assert.deepEqual(pm.calls, [], "the permission manager is not asked about an unknown owner");
        assert.deepEqual(SlothletWarning.captured, [], "refused before pinning (step 10)");
      });
    }
  }

  test("validation errors of steps 1–7 still come first; the id counter advances (step 4)", () => {
    const pm = recordingPermissions(() => true);
    const { manager, as } = inSlothlet(pm);
    assert.equal(as({}, () => catchError(() => manager.on("db.write:before", () => {}, { subset: "middle" }))).code, "INVALID_HOOK_SUBSET");
    assert.equal(as({}, () => catchError(() => manager.on("db.write:before", () => {}))).code, "PERMISSION_DENIED");
    assert.equal(manager.on("db.write:before", () => {}), "hook-3");
  });

  test("with permissions off the same module registers (owner null); turning them on gates later registrations", () => {
    const pm = recordingPermissions(() => true);
    pm.enabled = false;
    const { manager, as } = inSlothlet(pm);
    assert.equal(as({}, () => manager.on("db.write:before", () => {})), "hook-1");
    assert.deepEqual(manager.exportHooks().map((r) => r.ownerPath), [null]);
    pm.enabled = true;
    assert.equal(as({}, () => catchError(() => manager.on("db.read:before", () => {}))).code, "PERMISSION_DENIED");
  });
});

describe("owner identity through a reload (§10.7)", () => {
  function registered() {
    const policy = allow({ "plugins.audit": ["db.read:hook", "math.add:before"] });
    const old = inSlothlet(recordingPermissions(policy));
    const fired = [];
    old.as(moduleWrapper(AUDIT), () => {
      old.manager.on("db.read:before", ({ path }) => void fired.push(["R", path]), { id: "R" });
      old.manager.on("math.*:before", ({ path }) => void fired.push(["G", path]), { id: "G" });
    });
    old.manager.on("math.*:after", ({ path }) => void fired.push(["H", path]), { id: "H" });
    return { saved: old.manager.exportHooks(), fired, policy };
  }

  test("exportHooks → importHooks keeps the owner: re-gated, filtered at fire time, exported again", () => {
    const { saved, fired, policy } = registered();
    assert.deepEqual(saved.map((r) => [r.options.id, r.ownerPath, r.ownerFilePath]), [
      ["R", "plugins.audit", "/app/plugins/audit.mjs"],
      ["G", "plugins.audit", "/app/plugins/audit.mjs"],
      ["H", null, null],
    ]);
    const pm = recordingPermissions(policy);
    const next = inSlothlet(pm);
    next.manager.importHooks(saved); // the reload runs in host code: no current wrapper
    assert.deepEqual(pm.of("enforce"), [["plugins.audit", "db.read", "before", "/app/plugins/audit.mjs", null, RUNTIME]]);
    for (const path of ["db.read", "math.add", "math.mul"]) slothletCall(next.slothlet, next.manager, path, () => 0)();
    assert.deepEqual(fired, [["R", "db.read"], ["G", "math.add"], ["H", "math.add"], ["H", "math.mul"]]);
    assert.ok(pm.of("check").some((c) => c[0] === "plugins.audit" && c[1] === "math.mul" && c[2] === "before"));
    assert.deepEqual(next.manager.exportHooks().map((r) => [r.options.id, r.ownerPath, r.ownerFilePath]), saved.map((r) => [r.options.id, r.ownerPath, r.ownerFilePath]));
  });

  test("the record's owner wins over whichever module is current during the replay", () => {
    const { saved } = registered();
    const pm = recordingPermissions(allow({ "plugins.audit": ["db.read:hook"] }));
    const next = inSlothlet(pm);
    next.as(moduleWrapper(EVIL), () => next.manager.importHooks(saved));
    assert.deepEqual(pm.of("enforce").map((c) => c[0]), ["plugins.audit"]);
    assert.deepEqual(next.manager.exportHooks().map((r) => r.ownerPath), ["plugins.audit", "plugins.audit", null]);
    // an unreadable current wrapper does not fail a replay whose records carry the owner
    const again = inSlothlet(recordingPermissions(allow({ "plugins.audit": ["db.read:hook"] })));
    again.as({}, () => again.manager.importHooks(saved));
    assert.deepEqual(again.manager.exportHooks().map((r) => r.ownerPath), ["plugins.audit", "plugins.audit", null]);
  });

  test("a denial on replay propagates and stops the import", () => {
    const { saved } = registered();
    const pm = recordingPermissions(allow({}));
    const next = inSlothlet(pm);
    const e = catchError(() => next.manager.importHooks(saved));
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { caller: "plugins.audit", target: "db.read:before" });
    assert.deepEqual(next.manager.list().registeredHooks, []);
  });

  test("a record whose owner is neither a string nor null is an unknown owner", () => {
    const pm = recordingPermissions(() => true);
    const next = inSlothlet(pm);
    const records = [{ typePattern: "db.*:before", handler: () => {}, options: { id: "X" }, ownerPath: { toString: () => "plugins.audit" }, ownerFilePath: null, enabled: true }];
    const e = catchError(() => next.manager.importHooks(records));
    assert.equal(e.code, "PERMISSION_DENIED");
    assert.deepEqual(e.context, { target: "db.*:before", reason: "owner unknown" });
    assert.deepEqual(pm.calls, []);
  });
});
