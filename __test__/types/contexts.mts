// What each hook type's handler receives and may return (spec §8.2, §8.6–§8.9,
// §8.12), with the default types and with on<Args, Result>(...).
import { createHooks } from "slothook";
import type {
  AfterHookContext,
  AlwaysHookContext,
  BeforeHookContext,
  ErrorHookContext,
  ErrorSource,
  HookRecord,
  HookSubset,
} from "slothook";
import { check, type Equal } from "./expect.mjs";

interface RequestCtx {
  requestId: string;
}
const hooks = createHooks<RequestCtx>(true);
const hook = hooks.hook;

// ---- defaults: args any[], result any, api any, ctx as configured
hook.on("math.*:before", (c) => {
  check<Equal<typeof c, BeforeHookContext<any[], any, RequestCtx>>>();
  check<Equal<typeof c.args, any[]>>();
  check<Equal<typeof c.ctx.requestId, string>>();
  return [c.args[0] * 2, c.args[1] * 2]; // usable without casts
});
hook.on("math.*:after", (c) => {
  check<Equal<typeof c, AfterHookContext<any[], any, any, RequestCtx>>>();
  return c.result * 10;
});
hook.on("math.*:always", (c) => {
  check<Equal<typeof c, AlwaysHookContext<any[], any, any, RequestCtx>>>();
  check<Equal<typeof c.hasError, boolean>>();
  check<Equal<typeof c.errors, unknown[]>>();
});
hook.on("math.*:error", (c) => {
  check<Equal<typeof c, ErrorHookContext<any[], any, RequestCtx>>>();
});

// ---- before: no result; returns undefined, replacement args or a short-circuit value
// @ts-expect-error TS2339 a before context has no result
hook.on("math.*:before", ({ result }) => result);
// @ts-expect-error TS2339 nor hasError
hook.on("math.*:before", ({ hasError }) => hasError);
hook.on<[number, number], number>("math.add:before", ({ args }) => {
  check<Equal<typeof args, [number, number]>>();
  if (args[0] < 0) return 0; // short-circuit with a result
  if (args[1] < 0) return [args[0], 0]; // replacement args (a tuple literal)
  args[0] = Math.abs(args[0]); // the live array
  return undefined;
});
// @ts-expect-error TS2769 a short-circuit value is what the call returns: a number here
hook.on<[number, number], number>("math.add:before", () => "cached");
// @ts-expect-error TS2769 replacement args must fit
hook.on<[number, number], number>("math.add:before", () => ["1", 2]);
// @ts-expect-error TS2769 a Promise is HOOK_BEFORE_RETURNED_PROMISE
hook.on<[number, number], number>("math.add:before", async () => undefined);

// ---- after: result; a non-undefined return replaces it
hook.on<[number, number], number>("math.add:after", ({ args, result }) => {
  check<Equal<typeof args, [number, number]>>();
  check<Equal<typeof result, number>>();
  return result > 100 ? undefined : result * 10;
});
// @ts-expect-error TS2769 the replacement must be a result
hook.on<[number, number], number>("math.add:after", ({ result }) => String(result));
// @ts-expect-error TS2339 an after context has no error
hook.on("math.*:after", ({ error }) => error);

// ---- always: result, hasError, errors; result is undefined when hasError
hook.on<[string], number>("str.len:always", (c) => {
  check<Equal<typeof c.args, [string]>>();
  check<Equal<typeof c.errors, unknown[]>>();
  if (c.hasError) check<Equal<typeof c.result, undefined>>();
  else check<Equal<typeof c.result, number>>();
});
hook.on<[string], number>("str.len:always", ({ result, hasError }) => {
  if (!hasError) check<Equal<typeof result, number>>();
  return Promise.resolve("ignored"); // always hooks' returns are ignored (a rejection is reported)
});

// ---- error: error, errorType, source, timestamp; no result
hook.on<[string]>("str.len:error", ({ path, args, error, errorType, source, timestamp, api, ctx }) => {
  check<Equal<typeof path, string>>();
  check<Equal<typeof args, [string]>>();
  check<Equal<typeof error, unknown>>(); // anything can be thrown, null included
  check<Equal<typeof errorType, string>>();
  check<Equal<typeof source, ErrorSource>>();
  check<Equal<typeof source.type, "before" | "after" | "always" | "function">>();
  check<Equal<typeof source.timestamp, number>>();
  check<Equal<typeof source.stack, string | undefined>>();
  check<Equal<typeof timestamp, Date>>();
  check<Equal<typeof ctx, RequestCtx>>();
  if (source.type !== "function") {
    check<Equal<typeof source.subset, HookSubset>>();
    check<Equal<typeof source.hookId, unknown>>();
  }
  if (error instanceof Error) check<Equal<typeof error.message, string>>();
  void api;
});
hook.on("x:error", ({ source }) => {
  if (source.type === "function") {
    // @ts-expect-error TS2339 a target's error has no hook id
    void source.hookId;
  }
});
// @ts-expect-error TS2339 an error context has no result
hook.on("x:error", ({ result }) => result);

// ---- this is the hook record in a non-arrow handler
hook.on("x:before", function () {
  check<Equal<typeof this, HookRecord>>();
  check<Equal<typeof this.type, "before" | "after" | "always" | "error">>();
  check<Equal<typeof this.enabled, boolean>>();
  return undefined;
});

// ---- typed handlers written apart
const cap = ({ result }: AfterHookContext<[string], string>) => result.toUpperCase();
hook.on("str.*:after", cap);
hook.on<[string], string>("str.*:after", cap);
// @ts-expect-error TS2769 a handler for another type of context
hook.on("str.*:before", cap);

// ---- request context from context.run
hooks.context.run({ requestId: "r-1" }, () => undefined);
// @ts-expect-error TS2561 the store is the configured Ctx
hooks.context.run({ requestID: "r-1" }, () => undefined);
