// The peers, each doing the same work: one before handler that may replace
// the arguments and one after handler that may replace the result, around a
// target. Where a peer cannot replace values natively it gets the thinnest
// adapter that can; `note` says so (footnotes in the table).
import { createRequire } from "node:module";
import diagnostics_channel from "node:diagnostics_channel";

const require = createRequire(import.meta.url);
const { SyncWaterfallHook } = require("tapable");
const Kareem = require("kareem");
const { Hookable, HookableCore } = await import("hookable");
const BeforeAfterHook = (await import("before-after-hook")).default;

/** The handlers every peer runs (adapted to each peer's calling convention). */
export const bump = (args) => [args[0] + 1, args[1]];
export const keep = (result) => result;

/** hookable ignores handler return values: handlers write to a holder object. */
function hookableAdapter(Class) {
  return {
    note: "callHook ignores return values: handlers write to a holder object",
    sync(target) {
      const h = new Class();
      h.hook("before", (io) => {
        io.args = bump(io.args);
      });
      h.hook("after", (io) => {
        io.result = keep(io.result);
      });
      return (a, b) => {
        const io = { args: [a, b], result: undefined };
        h.callHook("before", io);
        io.result = target(io.args[0], io.args[1]);
        h.callHook("after", io);
        return io.result;
      };
    },
  };
}

export const peers = {
  tapable: {
    note: "SyncWaterfallHook for args and for the result",
    sync(target) {
      const before = new SyncWaterfallHook(["args"]);
      const after = new SyncWaterfallHook(["result"]);
      before.tap("before", (args) => bump(args));
      after.tap("after", (result) => keep(result));
      return (a, b) => {
        const args = before.call([a, b]);
        return after.call(target(args[0], args[1]));
      };
    },
    async(target) {
      const before = new SyncWaterfallHook(["args"]);
      const after = new SyncWaterfallHook(["result"]);
      before.tap("before", (args) => bump(args));
      after.tap("after", (result) => keep(result));
      return (a, b) => {
        const args = before.call([a, b]);
        return target(args[0], args[1]).then((r) => after.call(r));
      };
    },
  },
  kareem: {
    note: "createWrapperSync / wrap with overwriteArguments and overwriteResult",
    sync(target) {
      const k = new Kareem();
      k.pre("op", (a, b) => Kareem.overwriteArguments(...bump([a, b])));
      k.post("op", (r) => Kareem.overwriteResult(keep(r)));
      return k.createWrapperSync("op", target, null);
    },
    async(target) {
      const k = new Kareem();
      k.pre("op", (a, b) => Kareem.overwriteArguments(...bump([a, b])));
      k.post("op", (r) => Kareem.overwriteResult(keep(r)));
      return (a, b) => k.wrap("op", target, null, [a, b]);
    },
  },
  "hookable (HookableCore)": hookableAdapter(HookableCore),
  "hookable (Hookable)": hookableAdapter(Hookable),
  "before-after-hook": {
    note: "async only; before mutates an options object, after writes the result to it",
    async(target) {
      const hook = new BeforeAfterHook.Singular();
      hook.before((o) => {
        o.args = bump(o.args);
      });
      hook.after((r, o) => {
        o.result = keep(r);
      });
      return async (a, b) => {
        const o = { args: [a, b], result: undefined };
        await hook((opts) => target(opts.args[0], opts.args[1]), o);
        return o.result;
      };
    },
  },
  "diagnostics_channel TracingChannel": {
    note: "subscribers cannot replace values: they rewrite fields of the trace context",
    sync(target) {
      const tc = diagnostics_channel.tracingChannel(`slothook-bench-${Math.random()}`);
      tc.subscribe({
        start(ctx) {
          ctx.args = bump(ctx.args);
        },
        end(ctx) {
          ctx.value = keep(ctx.result);
        },
        asyncStart() {},
        asyncEnd() {},
        error() {},
      });
      return (a, b) => {
        const ctx = { args: [a, b], value: undefined };
        tc.traceSync(() => target(ctx.args[0], ctx.args[1]), ctx);
        return ctx.value;
      };
    },
  },
};

/**
 * The floor: a plain hand-written JS wrapper with slothook's semantics
 * (fresh ctx per call, a context object per handler, array replaces args,
 * short-circuit, thenable check, after chaining, error routing).
 */
export function handWritten(target, before, after) {
  const path = "svc.op";
  const api = null;
  return function wrapped(...args) {
    const ctx = {};
    for (let i = 0; i < before.length; i++) {
      let r;
      try {
        r = before[i]({ path, args, api, ctx });
      } catch (err) {
        throw err;
      }
      if (r === undefined) continue;
      if (Array.isArray(r)) args = r;
      else if (typeof r === "object" && r !== null && typeof r.then === "function") throw new Error("promise");
      else return r;
    }
    let R;
    try {
      R = target.apply(this, args);
    } catch (err) {
      throw err;
    }
    if (typeof R === "object" && R !== null && typeof R.then === "function") {
      return R.then((v) => {
        let result = v;
        for (let i = 0; i < after.length; i++) {
          const x = after[i]({ path, args, result, api, ctx });
          if (x !== undefined) result = x;
        }
        return result;
      });
    }
    let result = R;
    for (let i = 0; i < after.length; i++) {
      const x = after[i]({ path, args, result, api, ctx });
      if (x !== undefined) result = x;
    }
    return result;
  };
}
