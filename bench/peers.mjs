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


/** hookable ignores handler return values: handlers write to a holder object. */
function hookableAdapter(Class) {
  return {
    note: "callHook ignores return values: handlers write to a holder object",
    sync(target, { bump, keep }) {
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
    sync(target, { bump, keep }) {
      const before = new SyncWaterfallHook(["args"]);
      const after = new SyncWaterfallHook(["result"]);
      before.tap("before", (args) => bump(args));
      after.tap("after", (result) => keep(result));
      return (a, b) => {
        const args = before.call([a, b]);
        return after.call(target(args[0], args[1]));
      };
    },
    async(target, { bump, keep }) {
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
    sync(target, { bump, keep }) {
      const k = new Kareem();
      k.pre("op", (a, b) => Kareem.overwriteArguments(...bump([a, b])));
      k.post("op", (r) => Kareem.overwriteResult(keep(r)));
      return k.createWrapperSync("op", target, null);
    },
    async(target, { bump, keep }) {
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
    async(target, { bump, keep }) {
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
    sync(target, { bump, keep }) {
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
 * The floor: slothook's per-call semantics written by hand for exactly one
 * before and one after handler (and optionally one always handler): a fresh
 * `ctx` per call, a fresh context object per handler, the live args array
 * (an array return replaces it, anything else short-circuits, a thenable is
 * an error), the handler's `this` a hook record, the thenable check on the
 * result (after/always then run on settlement), a generation check before
 * the after phase, and a stable wrapper whose inner runner could be swapped
 * when the plan changes. What it leaves out is what needs no code on the
 * success path (error routing, suppression).
 */
export function handWritten(target, [b], [a], [l] = []) {
  const path = "svc.op";
  const api = null;
  class Record {
    constructor(id) {
      this.id = id;
    }
  }
  const bs = new Record("b");
  const as = new Record("a");
  const ls = new Record("l");
  const state = new Uint32Array(1);
  const g = state[0];
  const finish = (R, args, ctx) => {
    let result = R;
    const x = a.call(as, { path, args, result, api, ctx });
    if (x !== undefined) result = x;
    if (l !== undefined) l.call(ls, { path, args, result, hasError: false, errors: [], api, ctx });
    return result;
  };
  // eslint-disable-next-line prefer-const
  let run = function run(self, p0, p1) {
    const ctx = {};
    let args = [p0, p1];
    const r = b.call(bs, { path, args, api, ctx });
    if (r !== undefined) {
      if (Array.isArray(r)) args = r;
      else if (typeof r === "object" && r !== null && typeof r.then === "function") throw new Error("HOOK_BEFORE_RETURNED_PROMISE");
      else return r;
    }
    const R = args.length === 2 ? target.call(self, args[0], args[1]) : target.apply(self, args);
    if (typeof R === "object" && R !== null && typeof R.then === "function") return R.then((v) => finish(v, args, ctx));
    if (state[0] !== g) throw new Error("the plan changed");
    return finish(R, args, ctx);
  };
  return function wrapped(p0, p1) {
    return run(this, p0, p1);
  };
}
