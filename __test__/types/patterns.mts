// on(): what a type pattern may be, what it returns, its options.
// Checked by __test__/types.test.mjs: `// @ts-expect-error TSnnnn` lines must fail
// with that code, `// expect-deprecated` lines must resolve to a @deprecated overload.
import { createHooks } from "slothook";
import type { AfterHandler, BeforeHookContext, HookContext, HookRecord, ErrorSource, TypePattern, HookTypeOf } from "slothook";
import { check, type Equal } from "./expect.mjs";

const hooks = createHooks(true);
const hook = hooks.hook;

// ---- on() returns the id: a string unless options.id is something else
const generated = hook.on("math.*:before", () => undefined);
check<Equal<typeof generated, string>>();
const named = hook.on("math.*:before", () => undefined, { id: "double" });
check<Equal<typeof named, string>>();
const numbered = hook.on("math.*:after", () => undefined, { id: 7 });
check<Equal<typeof numbered, number>>();
const falsy = hook.on("math.*:after", () => undefined, { id: "" });
check<Equal<typeof falsy, string>>();
const typedAndNamed = hook.on<[number], number>("math.add:after", ({ result }) => result + 1, { id: "plus-one" });
check<Equal<typeof typedAndNamed, string>>();
const removed: number = hook.off(hook.on("math.*:always", () => undefined));
hook.remove(hook.on("math.*:error", () => undefined));
hook.clear(numbered);
const symbolId = Symbol("audit");
const sym = hook.on("math.*:after", () => undefined, { id: symbolId });
check<Equal<typeof sym, symbol>>();

// ---- every well-formed literal compiles, with the handler its type calls for
hook.on("math.*:before", ({ path, args }) => void [path, args]);
hook.on("**:after", ({ result }) => result);
hook.on("db.{get,set}:always", ({ hasError }) => hasError);
hook.on("!internal.*:error", ({ error }) => error);
hook.on("before:after", ({ result }) => result); // the suffix wins: an after hook on the path "before"
hook.on("before:a:b:after", ({ result }) => result);
hook.on("::before", ({ args }) => args);

// ---- a misspelled or missing type is a compile error (INVALID_TYPE_PATTERN at run time)
// @ts-expect-error TS2769 "befor"
hook.on("math.*:befor", () => undefined);
// @ts-expect-error TS2769 no ":type" at all
hook.on("math.add", () => undefined);
// @ts-expect-error TS2769 types are case-sensitive
hook.on("math.add:Before", () => undefined);
// @ts-expect-error TS2769 neither suffix nor prefix is a type
hook.on("foo:bar", () => undefined);
// @ts-expect-error TS2769 not a string
hook.on(123, () => undefined);
// @ts-expect-error TS2554 a handler is required
hook.on("math.*:before");

// ---- the deprecated type-first form compiles, through a @deprecated overload
// expect-deprecated
hook.on("before:math.*", ({ args }) => args);
// expect-deprecated
hook.on("after:math.*", ({ result }) => result);
// expect-deprecated
hook.on("always:math.*", ({ hasError, errors }) => void [hasError, errors]);
// expect-deprecated
hook.on("error:math.*", ({ error, source }) => void [error, source]);
// expect-deprecated
// @ts-expect-error TS2339 a type-first before hook has a before context
hook.on("before:math.*", ({ result }) => result);

check<Equal<HookTypeOf<"math.*:before">, "before">>();
check<Equal<HookTypeOf<"before:a:b:after">, "after">>();
check<Equal<HookTypeOf<"before:math.*">, "before">>();
check<Equal<HookTypeOf<"math.*:befor">, never>>();

// ---- a pattern held in a string: compiles, the handler may see any hook type
declare const fromConfig: string;
hook.on(fromConfig, ({ path, args, api, ctx, result, hasError, errors, error, errorType, source, timestamp }) => {
  check<Equal<typeof path, string>>();
  check<Equal<typeof args, any[]>>();
  check<Equal<typeof result, any>>();
  check<Equal<typeof hasError, boolean | undefined>>();
  check<Equal<typeof errors, unknown[] | undefined>>();
  check<Equal<typeof error, unknown>>();
  check<Equal<typeof errorType, string | undefined>>();
  check<Equal<typeof source, ErrorSource | undefined>>();
  check<Equal<typeof timestamp, Date | undefined>>();
  void [api, ctx];
  return args.length > 0 ? args[0] * 2 : undefined;
});
hook.on(fromConfig, function () {
  check<Equal<typeof this, HookRecord>>();
  if (this.type === "after") return undefined;
});
const id: string = hook.on(fromConfig, (c: HookContext) => c.path);
// a handler written for one hook type is accepted for a string pattern
const plusOne: AfterHandler<[number], number> = ({ result }) => result + 1;
hook.on(fromConfig, plusOne);
hook.on(fromConfig, (c: BeforeHookContext<[number, number]>) => [c.args[1], c.args[0]]);
// a union of literals: one hook type gets its context, several get the common one
declare const afters: "math.add:after" | "math.mul:after";
hook.on(afters, ({ result }) => result);
declare const mixed: "math.add:before" | "math.add:after";
hook.on(mixed, ({ args, result }) => void [args, result]);
declare const wellFormed: TypePattern;
hook.on(wellFormed, ({ path }) => path);
declare const oneBad: "math.add:before" | "math.add:bfore";
// @ts-expect-error TS2769 a union with a malformed member
hook.on(oneBad, () => undefined);

// ---- options: slothlet's, plus once
hook.on("math.*:before", () => undefined, {
  id: "all",
  priority: 10,
  subset: "before",
  pattern: "math.add",
  lockCaller: false,
  once: true,
});
hook.on("math.*:before", () => undefined, { priority: "5", once: false });
// @ts-expect-error TS2769 once is a boolean (INVALID_HOOK_OPTIONS at run time)
hook.on("math.*:before", () => undefined, { once: "yes" });
// @ts-expect-error TS2769 a misspelled option (HOOK_UNKNOWN_OPTION at run time)
hook.on("math.*:before", () => undefined, { priorty: 1 });
// @ts-expect-error TS2769 subsets are before / primary / after
hook.on("math.*:before", () => undefined, { subset: "middle" });

// ---- the rest of the management object
const n: number =
  hook.off("double") +
  hook.off({ type: "before", pattern: "math.*" }) +
  hook.remove() +
  hook.enable("math.*") +
  hook.disable({ id: "all" }) +
  hook.enablePattern("math.*") +
  hook.disablePattern("math.*");
hook.resetPatternFilter();
const listed = hook.list({ type: "after", enabled: true }).registeredHooks;
const first: { id: unknown; type: "before" | "after" | "always" | "error"; enabled: boolean } | undefined = listed[0];
const pinned: boolean = hook.pin.enabled;
// @ts-expect-error TS2322 filters name one of the four types
hook.list({ type: "bogus" });
void [removed, id, n, first, pinned];

// ---- options declared apart
import type { HookOptions } from "slothook";
const shared: HookOptions = { id: "audit", priority: 1 };
const sharedId: string = hook.on("math.*:after", () => undefined, shared);
const numericOptions: HookOptions<number> = { id: 42 };
const numericId: number = hook.on("math.*:after", () => undefined, numericOptions);
// @ts-expect-error TS2322 HookOptions ids are strings unless said otherwise
const wrongId: HookOptions = { id: 42 };
void [sharedId, numericId, wrongId];
