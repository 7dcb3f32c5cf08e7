// A small stand-in for slothlet's call path (spec §8.1–§8.5, §8.11–§8.13),
// written from the spec's tables — not slothook's standalone call path — so
// tests can drive the HookManager seam the way slothlet does.

export const MARKER = Symbol.for("@cldmv/slothlet/hook-error-processed");

/** A recording SlothletError: keeps its constructor arguments. */
export class SlothletError extends Error {
  static calls = [];
  constructor(code, context, originalError, options) {
    super(`[${code}]`);
    this.name = "SlothletError";
    this.code = code;
    this.context = context;
    this.originalError = originalError ?? null;
    this.options = options;
    SlothletError.calls.push({ code, context, originalError, options });
  }
}

/** A recording SlothletWarning (a plain object, not an Error). */
export class SlothletWarning {
  static captured = [];
  constructor(code, context) {
    this.name = "SlothletWarning";
    this.code = code;
    this.context = context;
    SlothletWarning.captured.push({ code, context });
  }
}

/** The minimal slothlet object of spec §10.2, plus a debug recorder. */
export function minimalSlothlet(hook = { enabled: true }, extra = {}) {
  const debug = [];
  return {
    config: { hook, ...extra.config },
    debug: (...args) => debug.push(args),
    debugCalls: debug,
    SlothletError,
    SlothletWarning,
    ...extra.slothlet,
  };
}

const unwrap = (e) => (e && typeof e === "object" && e.name === "SlothletError" && e.originalError ? e.originalError : e);
const isThenable = (r) => r !== null && typeof r === "object" && typeof r.then === "function";

/**
 * slothlet's function wrapper for one API function: `call(...args)`.
 * `live` is slothlet's live config object (its suppressErrors is read at
 * each decision, `=== true`).
 */
export function slothletCall(slothlet, manager, path, fn, { api = {}, ctx = {} } = {}) {
  return function call(...args) {
    const G = Boolean(manager) && Boolean(manager.enabled) && !path.startsWith("slothlet.hook");
    if (!G) return fn(...args);
    const suppressLive = () => slothlet.config.hook.suppressErrors === true;
    let finalArgs = args;
    let R;
    try {
      const b = manager.executeBeforeHooks(path, args, api, ctx);
      if (b.shortCircuit) {
        manager.executeAlwaysHooks(path, b.args, b.value, false, [], api, ctx);
        return b.value;
      }
      finalArgs = b.args;
      R = fn(...finalArgs);
    } catch (E) {
      if (!(E && E[MARKER])) manager.executeErrorHooks(path, unwrap(E), { type: "function", timestamp: Date.now(), stack: unwrap(E)?.stack }, finalArgs, api, ctx);
      manager.executeAlwaysHooks(path, finalArgs, undefined, true, [unwrap(E)], api, ctx);
      if (suppressLive()) return undefined;
      throw E;
    }
    if (isThenable(R)) {
      return R.then(
        (v) => {
          let F = v;
          try {
            const a = manager.executeAfterHooks(path, v, finalArgs, api, ctx);
            if (a.modified) F = a.result;
          } catch (E) {
            manager.executeErrorHooks(path, unwrap(E), { type: "after", timestamp: Date.now(), stack: unwrap(E)?.stack }, finalArgs, api, ctx);
            manager.executeAlwaysHooks(path, finalArgs, undefined, true, [unwrap(E)], api, ctx);
            if (suppressLive()) return undefined;
            throw E;
          }
          manager.executeAlwaysHooks(path, finalArgs, F, false, [], api, ctx);
          return F;
        },
        (e) => {
          if (!e[MARKER]) manager.executeErrorHooks(path, unwrap(e), { type: "function", timestamp: Date.now(), stack: unwrap(e)?.stack }, finalArgs, api, ctx);
          manager.executeAlwaysHooks(path, finalArgs, undefined, true, [unwrap(e)], api, ctx);
          if (suppressLive()) return undefined;
          throw e;
        },
      );
    }
    let F = R;
    try {
      const a = manager.executeAfterHooks(path, R, finalArgs, api, ctx);
      if (a.modified) F = a.result;
    } catch (E) {
      if (!(E && E[MARKER])) manager.executeErrorHooks(path, unwrap(E), { type: "function", timestamp: Date.now(), stack: unwrap(E)?.stack }, finalArgs, api, ctx);
      manager.executeAlwaysHooks(path, finalArgs, undefined, true, [unwrap(E)], api, ctx);
      if (suppressLive()) return undefined;
      throw E;
    }
    manager.executeAlwaysHooks(path, finalArgs, F, false, [], api, ctx);
    return F;
  };
}
