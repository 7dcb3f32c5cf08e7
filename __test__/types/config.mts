// createHooks' config (slothlet's forms, silent, context, tracing), the other
// exports, and the slothlet seam's typings.
import { createHooks, HookError, MARKER, liveEngines, version } from "slothook";
import type { HookConfig, HookConfigObject, Hooks, NormalizedHookConfig, TraceContext } from "slothook";
import { HookManager } from "slothook/slothlet";
import "slothook/slothlet/register";
import { tracingChannel } from "node:diagnostics_channel";
import { check, type Equal } from "./expect.mjs";

// ---- config forms (spec §1)
createHooks();
createHooks(undefined);
createHooks(null);
createHooks(true);
createHooks(false);
createHooks("db.*");
createHooks({});
createHooks({ enabled: true, pattern: "**", suppressErrors: true, pin: false, silent: true, context: { tenant: "t" } });
// tracing (issue 14): true publishes on "slothook:call", a string names the channel
createHooks({ tracing: true });
createHooks({ tracing: "my-app:calls" });
createHooks({ enabled: false, tracing: false });
// @ts-expect-error TS2322 tracing is a boolean or a channel name
createHooks({ tracing: 1 });
// @ts-expect-error TS2561 a misspelled config key
createHooks({ enabeld: true });
// @ts-expect-error TS2322 the context is an object
createHooks({ context: "ctx" });
const forms: HookConfig[] = [true, "x", { tracing: "c" }, null, undefined];
const object: HookConfigObject = { tracing: true };

const hooks: Hooks<{ requestId: string }> = createHooks<{ requestId: string }>({ tracing: true });
const config: NormalizedHookConfig = hooks.config;
check<Equal<typeof config.enabled, boolean>>();
check<Equal<typeof config.pin, boolean>>();

// ---- what a tracing subscriber receives for each call
const channel = tracingChannel<unknown, TraceContext>("slothook:call");
channel.subscribe({
  start(message) {
    check<Equal<typeof message.path, string>>();
    check<Equal<typeof message.args, any[]>>();
    void message.self;
  },
  end(message) {
    void message.result;
  },
  asyncStart(message) {
    void message.result;
  },
  asyncEnd() {},
  error(message) {
    check<Equal<typeof message.error, unknown>>();
  },
});

// ---- errors and the other exports
try {
  hooks.hook.on("x:before", () => undefined, { id: "dup" });
} catch (err) {
  if (err instanceof HookError) {
    check<Equal<typeof err.code, string>>();
    check<Equal<typeof err.hint, string | undefined>>();
    const context: unknown = err.context;
    void context;
  }
}
const e = new HookError("INVALID_HOOK_OPTIONS", { reason: "x" }, { validationError: true });
const asError: Error = e;
const marker: symbol = MARKER;
const engines: number = liveEngines();
const v: string = version;
void [forms, object, asError, marker, engines, v];

// ---- the seam slothlet instantiates (slothook/slothlet)
class SlothletError extends Error {
  constructor(code: string) {
    super(code);
  }
}
class SlothletWarning {
  constructor(public code: string) {}
}
const manager = new HookManager({ config: { hook: true }, SlothletError, SlothletWarning });
const seamId = manager.on("math.*:before", () => undefined);
check<Equal<typeof seamId, string>>();
const seamNamed = manager.on("math.*:before", () => undefined, { id: 5 });
check<Equal<typeof seamNamed, number>>();
// @ts-expect-error TS2353 once is slothook's own option, not the seam's (slothlet ignores it)
manager.on("math.*:before", () => undefined, { once: true });
const before = manager.executeBeforeHooks("math.add", [1, 2]);
check<Equal<typeof before.shortCircuit, boolean>>();
const engineName: "slothook" = HookManager.engine;
void engineName;
