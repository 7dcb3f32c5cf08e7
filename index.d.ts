// Type definitions for slothook (hand-written; the raw binding in src/lib.rs is
// internal and reached only through lib/). Checked under `tsc --strict` with
// TypeScript 5.9 by __test__/types.test.mjs, which also compiles the README.

/** The four hook types (the core's list; __test__/types.test.mjs checks this union against it). */
export type HookType = "before" | "after" | "always" | "error";
/** Ordering phases inside one hook type (the core's list, checked the same way). */
export type HookSubset = "before" | "primary" | "after";
/** `"pattern:type"`, e.g. `"math.*:before"`: what `on()` accepts as a string literal. */
export type TypePattern = `${string}:${HookType}`;
/**
 * The type-first form `"before:math.*"`, accepted with the warning HOOK_TYPEPATTERN_PREFIX_DEPRECATED.
 * @deprecated Write `"math.*:before"`.
 */
export type LegacyTypePattern = `${HookType}:${string}`;

/** Where an error reported to error hooks came from (spec §8.12). */
export type ErrorSource =
  | {
      type: Exclude<HookType, "error">;
      subset: HookSubset;
      /** The failing hook's id (`hookTag` and `hookId` are the same value). */
      hookTag: unknown;
      hookId: unknown;
      /** Epoch milliseconds. */
      timestamp: number;
      /** The thrown value's `stack` (`undefined` for a thrown primitive). */
      stack: string | undefined;
    }
  | { type: "function"; timestamp: number; stack: string | undefined };

// ---------------------------------------------------------------------------
// Handler contexts. `Args` and `Result` default to `any[]` and `any`: a hook on
// a glob sees calls of many functions, and a value a handler passes back
// becomes the call's arguments or result, so the defaults let untyped
// handlers (every README example) compile as they are. Exact types come from
// `on<Args, Result>(...)` or, on `api.slothlet.hook`, from the wrapped tree.
// Thrown values stay `unknown` (`error`, `errors`), as in a strict `catch`:
// anything can be thrown, `null` included.
// ---------------------------------------------------------------------------

export interface BeforeHookContext<Args extends unknown[] = any[], Api = any, Ctx = any> {
  path: string;
  /** The live argument array: mutations are seen by later hooks and the target. */
  args: Args;
  api: Api;
  ctx: Ctx;
}
export interface AfterHookContext<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> {
  path: string;
  /** The arguments after the before hooks. */
  args: Args;
  /** The current result (possibly replaced by earlier after hooks); the settled value for a Promise target. */
  result: Result;
  api: Api;
  ctx: Ctx;
}
/** `result` is the call's final result when `hasError` is false, `undefined` when it is true. */
export type AlwaysHookContext<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> = {
  path: string;
  args: Args;
  /** Every failure of the call, in order (one error in practice); shared by the call's always hooks. */
  errors: unknown[];
  api: Api;
  ctx: Ctx;
} & ({ hasError: false; result: Result } | { hasError: true; result: undefined });
export interface ErrorHookContext<Args extends unknown[] = any[], Api = any, Ctx = any> {
  path: string;
  args: Args;
  /** The thrown value as is (it can be any value, `null` included). */
  error: unknown;
  /** The error's constructor name, "Error" when it has none. */
  errorType: string;
  source: ErrorSource;
  /** A new Date for each error-hook invocation. */
  timestamp: Date;
  api: Api;
  ctx: Ctx;
}
/**
 * What a handler registered with a pattern held in a `string` variable receives: the keys every
 * context has, and the type-specific ones as optional (check `this.type` in a non-arrow handler).
 * Every context above is assignable to it.
 */
export interface HookContext<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> {
  path: string;
  args: Args;
  api: Api;
  ctx: Ctx;
  /** after, always */
  result?: Result;
  /** always */
  hasError?: boolean;
  /** always */
  errors?: unknown[];
  /** error */
  error?: unknown;
  /** error */
  errorType?: string;
  /** error */
  source?: ErrorSource;
  /** error */
  timestamp?: Date;
}

/** `this` inside a (non-arrow) handler. */
export interface HookRecord {
  readonly id: unknown;
  readonly type: HookType;
  readonly pattern: string;
  readonly priority: unknown;
  readonly subset: HookSubset;
  readonly enabled: boolean;
  readonly lockCaller: boolean;
}

/**
 * Returns `undefined` (continue), an array (replaces the args) or any other value (short-circuit:
 * the call returns it, so it has the result's type). Returning a Promise is an error
 * (HOOK_BEFORE_RETURNED_PROMISE).
 */
export type BeforeHandler<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> = (
  this: HookRecord,
  context: BeforeHookContext<Args, Api, Ctx>,
) => ArgsReplacement<Args> | Result | void;
/**
 * A before hook's replacement arguments: `Args` itself, written as a mapped type so that a returned
 * array literal is checked as a tuple (`[args[0] * 2, args[1] * 2]` for `[a: number, b: number]`).
 */
export type ArgsReplacement<Args extends unknown[]> = { [K in keyof Args]: Args[K] };
/** Returns a replacement result, or `undefined` to keep the current one. */
export type AfterHandler<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> = (
  this: HookRecord,
  context: AfterHookContext<Args, Result, Api, Ctx>,
) => Result | void;
/** The return value is ignored (a rejected returned promise is reported to error hooks). */
export type AlwaysHandler<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> = (
  this: HookRecord,
  context: AlwaysHookContext<Args, Result, Api, Ctx>,
) => unknown;
/** The return value is ignored; a throw (or a rejected returned promise) is swallowed. */
export type ErrorHandler<Args extends unknown[] = any[], Api = any, Ctx = any> = (
  this: HookRecord,
  context: ErrorHookContext<Args, Api, Ctx>,
) => unknown;
/**
 * The handler of a pattern held in a `string` variable. Its parameter is checked bivariantly, so a
 * handler written for one hook type (say `(c: AfterHookContext<[number], number>) => …`) is accepted.
 */
export type HookHandler<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> = {
  handler(this: HookRecord, context: HookContext<Args, Result, Api, Ctx>): unknown;
}["handler"];
/** Any of the four handler types. */
export type AnyHandler<Args extends unknown[] = any[], Result = any, Api = any, Ctx = any> =
  | BeforeHandler<Args, Result, Api, Ctx>
  | AfterHandler<Args, Result, Api, Ctx>
  | AlwaysHandler<Args, Result, Api, Ctx>
  | ErrorHandler<Args, Api, Ctx>;

export interface HookOptions<Id = string> {
  /** Any truthy value (a string unless `HookOptions<OtherType>`); generated (`"hook-N"`) when absent or falsy. `on()` returns it. */
  id?: Id;
  /** Higher runs first inside a subset; kept as given, ordered by `Number(priority)`. */
  priority?: number | string;
  subset?: HookSubset;
  /** Overrides the pattern parsed from the type pattern. */
  pattern?: string;
  /** Run the handler with the identity that registered it (default `true`). */
  lockCaller?: boolean;
  /**
   * Run at most once: the hook is removed from the registry the moment it starts running (while it is
   * disabled or filtered out it stays registered). Anything but `true`, `false` or `undefined` is
   * `INVALID_HOOK_OPTIONS`. Any other option key warns `HOOK_UNKNOWN_OPTION`.
   */
  once?: boolean;
}

/** What `on()` returns for an `options.id` of type `Id`: an absent or falsy id is replaced by a generated string. */
export type HookIdOf<Id> = Id extends string | null | undefined | false | 0 ? string : Id;

export interface HookFilter {
  id?: unknown;
  type?: HookType;
  /** Exact registration pattern for remove/enable/disable; a glob over pattern strings for list. */
  pattern?: string;
}
export interface ListFilter extends HookFilter {
  enabled?: boolean;
}

export interface ListedHook {
  id: unknown;
  type: HookType;
  pattern: string;
  priority: unknown;
  subset: HookSubset;
  enabled: boolean;
  lockCaller: boolean;
}

// ---------------------------------------------------------------------------
// Paths into a wrapped tree. `FunctionAt<T, "math.add">` walks the path one
// segment at a time (nothing is computed for the rest of the tree, so a big
// tree or a library object in it costs nothing until a path into it is used).
// ---------------------------------------------------------------------------

/** Paths of more segments than this keep the default handler types. */
export type HookPathDepth = 16;
type PrevDepth = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
type IsAny<T> = 0 extends 1 & T ? true : false;
/** Built-ins that `wrap` passes through as values (spec §11 (s)): their methods are not paths. */
type OpaqueValue =
  | Date
  | RegExp
  | Promise<unknown>
  | Error
  | Map<unknown, unknown>
  | Set<unknown>
  | WeakMap<object, unknown>
  | WeakSet<object>
  | ArrayBuffer
  | ArrayBufferView;
type AnyFunction = (...args: any) => any;

/** The member `K` of a node `T` as `wrap` visits it (array items by index, never a function's `prototype`). */
type ChildOf<T, K extends string> =
  IsAny<T> extends true
    ? never
    : T extends object
      ? T extends OpaqueValue
        ? never
        : T extends readonly unknown[]
          ? K extends `${number}`
            ? number extends T["length"]
              ? T[number]
              : K extends keyof T
                ? T[K]
                : never
            : never
          : T extends Function
            ? K extends "prototype"
              ? never
              : MemberOf<T, K>
            : MemberOf<T, K>
      : never;
type MemberOf<T, K extends string> = K extends keyof T
  ? T[K]
  : K extends `${infer N extends number}`
    ? N extends keyof T
      ? T[N]
      : never
    : never;
type FunctionAtDepth<T, P extends string, D extends number> = [D] extends [never]
  ? never
  : P extends `${infer Head}.${infer Rest}`
    ? FunctionAtDepth<ChildOf<T, Head>, Rest, PrevDepth[D]>
    : ChildOf<T, P> extends infer V
      ? IsAny<V> extends true
        ? never
        : V extends AnyFunction
          ? V
          : never
      : never;

/**
 * The function that `wrap(tree)` intercepts at the dotted path `P` of `T` (a method of a class
 * instance, a static method, an array item), or `never`: not a function, a glob, too deep, or a
 * key that itself contains a dot.
 */
export type FunctionAt<T, P extends string> = string extends P ? never : FunctionAtDepth<T, P, PrevDepth[HookPathDepth]>;
/** The arguments of the function at `path` in `T`. */
export type PathArgs<T, P extends string> = FunctionAt<T, P> extends (...args: infer A) => any ? A : any[];
/** The result of the function at `path` in `T`, awaited (after hooks of a Promise target see the settled value). */
export type PathResult<T, P extends string> = FunctionAt<T, P> extends (...args: any) => infer R ? Awaited<R> : any;

/** Whether `P` is one exact path into `Tree` (not a glob, not a plain `string`). */
type IsTreePath<Tree, P extends string> = [FunctionAt<Tree, P>] extends [never] ? false : true;
type ArgsFor<Tree, P extends string, Args extends unknown[]> = IsTreePath<Tree, P> extends true ? PathArgs<Tree, P> : Args;
type ResultFor<Tree, P extends string, Result> = IsTreePath<Tree, P> extends true ? PathResult<Tree, P> : Result;
/**
 * A handler typed from the tree's path cannot take `options.pattern` (it would run for other
 * paths): such a call resolves to the last overload, with the default types.
 */
type OptionsFor<Tree, P extends string, Id> = IsTreePath<Tree, P> extends true
  ? HookOptions<Id> & { pattern?: undefined }
  : HookOptions<Id>;

/** The hook type a `"pattern:type"` (or deprecated `"type:pattern"`) literal names; `never` for a malformed one. */
export type HookTypeOf<P extends string> = P extends `${string}:before`
  ? "before"
  : P extends `${string}:after`
    ? "after"
    : P extends `${string}:always`
      ? "always"
      : P extends `${string}:error`
        ? "error"
        : P extends `${infer T extends HookType}:${string}`
          ? T
          : never;
type PatternOf<P extends string> = P extends `${infer Q}:${HookTypeOf<P>}` ? Q : P;

/**
 * The pattern parameter of `on()`'s last overload: a `string` passes, and so does a literal of a
 * known form (whose handler is then typed as in the overloads above); a malformed literal does not.
 */
type DynamicTypePattern<P extends string> = string extends P
  ? P
  : [P] extends [TypePattern | LegacyTypePattern]
    ? P
    : TypePattern;
/**
 * The handler of `on()`'s last overload: any hook type for a `string` pattern or a union of
 * literals of several types; for one literal (which the overloads above have rejected) its own
 * type, so that the compiler reports what is wrong with the handler.
 */
type DynamicHandler<P extends string, Tree, Api, Ctx> = string extends P
  ? HookHandler<any[], any, Api, Ctx>
  : [HookTypeOf<P>] extends ["before"]
    ? BeforeHandler<ArgsFor<Tree, PatternOf<P>, any[]>, ResultFor<Tree, PatternOf<P>, any>, Api, Ctx>
    : [HookTypeOf<P>] extends ["after"]
      ? AfterHandler<ArgsFor<Tree, PatternOf<P>, any[]>, ResultFor<Tree, PatternOf<P>, any>, Api, Ctx>
      : [HookTypeOf<P>] extends ["always"]
        ? AlwaysHandler<ArgsFor<Tree, PatternOf<P>, any[]>, ResultFor<Tree, PatternOf<P>, any>, Api, Ctx>
        : [HookTypeOf<P>] extends ["error"]
          ? ErrorHandler<ArgsFor<Tree, PatternOf<P>, any[]>, Api, Ctx>
          : HookHandler<any[], any, Api, Ctx>;

/**
 * The management object (`api.slothlet.hook` in slothlet). `Tree` is the wrapped tree's type on
 * `api.slothlet.hook`: an exact path into it types the handler from the function at that path.
 */
export interface HookApi<Api = any, Ctx = any, in Tree = never> {
  // "pattern:type". `Args` / `Result`: `any[]` / `any` by default, the types given as
  // `on<Args, Result>(...)`, or, on `api.slothlet.hook` with an exact path into the
  // wrapped tree, that function's parameters and (awaited) return type. (`A` is `Api`:
  // as a type parameter it spares the compiler a walk over the whole tree per call.)
  on<Args extends unknown[] = any[], Result = any, Id = string, P extends string = string, A = Api>(
    typePattern: `${P}:before`,
    handler: BeforeHandler<ArgsFor<Tree, P, Args>, ResultFor<Tree, P, Result>, A, Ctx>,
    options?: OptionsFor<Tree, P, Id>,
  ): HookIdOf<Id>;
  on<Args extends unknown[] = any[], Result = any, Id = string, P extends string = string, A = Api>(
    typePattern: `${P}:after`,
    handler: AfterHandler<ArgsFor<Tree, P, Args>, ResultFor<Tree, P, Result>, A, Ctx>,
    options?: OptionsFor<Tree, P, Id>,
  ): HookIdOf<Id>;
  on<Args extends unknown[] = any[], Result = any, Id = string, P extends string = string, A = Api>(
    typePattern: `${P}:always`,
    handler: AlwaysHandler<ArgsFor<Tree, P, Args>, ResultFor<Tree, P, Result>, A, Ctx>,
    options?: OptionsFor<Tree, P, Id>,
  ): HookIdOf<Id>;
  on<Args extends unknown[] = any[], Result = any, Id = string, P extends string = string, A = Api>(
    typePattern: `${P}:error`,
    handler: ErrorHandler<ArgsFor<Tree, P, Args>, A, Ctx>,
    options?: OptionsFor<Tree, P, Id>,
  ): HookIdOf<Id>;
  /** @deprecated The type-first form warns (HOOK_TYPEPATTERN_PREFIX_DEPRECATED): write `"pattern:before"`. */
  on<Args extends unknown[] = any[], Result = any, Id = string, A = Api>(
    typePattern: `before:${string}`,
    handler: BeforeHandler<Args, Result, A, Ctx>,
    options?: HookOptions<Id>,
  ): HookIdOf<Id>;
  /** @deprecated The type-first form warns (HOOK_TYPEPATTERN_PREFIX_DEPRECATED): write `"pattern:after"`. */
  on<Args extends unknown[] = any[], Result = any, Id = string, A = Api>(
    typePattern: `after:${string}`,
    handler: AfterHandler<Args, Result, A, Ctx>,
    options?: HookOptions<Id>,
  ): HookIdOf<Id>;
  /** @deprecated The type-first form warns (HOOK_TYPEPATTERN_PREFIX_DEPRECATED): write `"pattern:always"`. */
  on<Args extends unknown[] = any[], Result = any, Id = string, A = Api>(
    typePattern: `always:${string}`,
    handler: AlwaysHandler<Args, Result, A, Ctx>,
    options?: HookOptions<Id>,
  ): HookIdOf<Id>;
  /** @deprecated The type-first form warns (HOOK_TYPEPATTERN_PREFIX_DEPRECATED): write `"pattern:error"`. */
  on<Args extends unknown[] = any[], Result = any, Id = string, A = Api>(
    typePattern: `error:${string}`,
    handler: ErrorHandler<Args, A, Ctx>,
    options?: HookOptions<Id>,
  ): HookIdOf<Id>;
  // A pattern held in a `string` variable: the handler may be called for any hook type.
  // (Also reached by a literal whose overload above failed, to report what is wrong.)
  on<P extends string, Id = string, A = Api, Override extends string | undefined = undefined>(
    typePattern: DynamicTypePattern<P>,
    handler: DynamicHandler<P, [Override] extends [undefined] ? Tree : never, A, Ctx>,
    options?: HookOptions<Id> & { pattern?: Override },
  ): HookIdOf<Id>;
  /** A string (or other non-object) is an id; no argument removes every hook. Returns the number removed. */
  remove(filter?: HookFilter | string | number): number;
  clear(filter?: HookFilter | string | number): number;
  off(idOrFilter?: HookFilter | string | number): number;
  /** Turns the system on, and the hooks the filter selects; returns the number visited. */
  enable(filter?: HookFilter | string): number;
  /** With no filter also turns the system off; returns the number visited. */
  disable(filter?: HookFilter | string): number;
  /** Adds a pattern to the global path filter; returns the filter's size. */
  enablePattern(pattern: string): number;
  disablePattern(pattern: string): number;
  resetPatternFilter(): void;
  list(filter?: ListFilter | HookType | string): { registeredHooks: ListedHook[] };
  readonly pin: {
    readonly enabled: boolean;
    enable(): true;
    disable(): false;
  };
}

export interface ExplainedHook {
  id: unknown;
  pattern: string;
  priority: unknown;
  subset: HookSubset;
  enabled: boolean;
  willFire: boolean;
}
export interface Explanation {
  path: string;
  enabled: boolean;
  filter: { active: boolean; passes: boolean };
  stoppedBy: null | "disabled" | "filter" | "invalid-path";
  /** Present when `stoppedBy` is "invalid-path". */
  problem?: string;
  hooks: Record<HookType, ExplainedHook[]>;
}

export interface DiagHookApi {
  readonly enabled: boolean;
  compilePattern(pattern: string): (path: unknown) => boolean;
  explain(path: string): Explanation;
}

export interface HookConfigObject {
  enabled?: boolean;
  pattern?: string;
  suppressErrors?: unknown;
  pin?: boolean;
  /** No warnings (deprecations, ignored options). */
  silent?: boolean;
  /** The `ctx` every handler sees; a fresh `{}` per call when absent. */
  context?: object;
  /**
   * Publish every call of a wrapped function on a `diagnostics_channel` TracingChannel:
   * `true` on `"slothook:call"`, a string names the channel; absent or `false` publishes nothing.
   */
  tracing?: boolean | string;
}
export type HookConfig = boolean | string | HookConfigObject | undefined | null;

/**
 * The context object published on the tracing channel (`config.tracing`) for each call: one object per
 * call, with the events of Node's `traceSync` (a sync result or a throw) or `tracePromise` (a thenable result).
 */
export interface TraceContext<Args extends unknown[] = any[], Result = any> {
  path: string;
  /** The arguments as called (not a before hook's replacement). */
  args: Args;
  /** The receiver the target runs with. */
  self: unknown;
  /**
   * What the caller gets — after the after hooks, a short-circuit value, `undefined` when suppressed — set
   * before `end` for a sync call and before `asyncStart` for a promise (as Node's traceSync / tracePromise do).
   */
  result?: Result;
  /** Set before `error` is published: the thrown value or rejection, or a failure `suppressErrors` hid from the caller. */
  error?: unknown;
}

export interface NormalizedHookConfig {
  readonly enabled: boolean;
  readonly pattern: unknown;
  readonly suppressErrors: unknown;
  readonly pin: boolean;
}

/** The slothlet-compatible node added to a wrapped tree. */
export interface SlothletNode<Api = any, Ctx = any, in Tree = never> {
  readonly hook: HookApi<Api, Ctx, Tree>;
  readonly diag: { readonly hook: DiagHookApi };
}

/** `wrap(tree)`'s result: the tree's own type plus `slothlet`, whose `hook.on` is typed from the tree. */
export type Wrapped<T, Ctx = any> = T & { readonly slothlet: WrappedSlothletNode<T, Ctx> };
/** `api.slothlet` of `wrap(tree)`: handlers see the wrapped tree as `api`; exact paths are typed from `T`. */
export interface WrappedSlothletNode<in out T, Ctx = any> extends SlothletNode<Wrapped<T, Ctx>, Ctx, T> {}
/** `wrap()` of an `any` value (an untyped module): any members, and a typed `slothlet`. */
export type WrappedAny<Ctx = any> = { [key: string]: any; readonly slothlet: SlothletNode<any, Ctx> };
type WrapResult<T, Ctx> = IsAny<T> extends true ? WrappedAny<Ctx> : Wrapped<T, Ctx>;

/**
 * The contextual type `wrap` gives an object literal: unannotated functions in it get `any`
 * parameters, as in JavaScript, instead of an implicit-any error.
 */
export interface TreeShape {
  readonly [key: string]: TreeValue;
}
type TreeValue =
  | ((...args: any[]) => any)
  | TreeShape
  | object
  | string
  | number
  | boolean
  | bigint
  | symbol
  | null
  | undefined;

/** Per-instance async context (created lazily on first use). */
export interface HookContextApi<Ctx = any> {
  /** Runs `fn`; while it and all it awaits run, handlers receive `store` as `ctx`. */
  run<R, A extends unknown[]>(store: Ctx, fn: (...args: A) => R, ...args: A): R;
  /** The current request context, `undefined` outside any `run`. */
  get(): Ctx | undefined;
  /** Runs `fn` as `identity` (any value). */
  runAs<R, A extends unknown[]>(identity: unknown, fn: (...args: A) => R, ...args: A): R;
  /** The current caller identity, `undefined` outside any `runAs`. */
  caller(): unknown;
}

export interface Hooks<Ctx = any> {
  readonly hook: HookApi<any, Ctx>;
  readonly diag: { readonly hook: DiagHookApi };
  readonly config: NormalizedHookConfig;
  /** Every function reachable in `tree` is intercepted under its dotted path. */
  wrap<T extends TreeShape>(tree: T): WrapResult<T, Ctx>;
  wrap<T extends object>(tree: T): WrapResult<T, Ctx>;
  /** One intercepted function (a class stays constructible; `new` runs no hooks); handlers see it as `api`. */
  wrapFunction<F extends ((...args: any[]) => any) | (abstract new (...args: any[]) => any)>(path: string, fn: F): F;
  readonly context: HookContextApi<Ctx>;
  /** Pins the identity current now onto `fn` (request context stays live); returns `fn` itself when none is active. */
  lockCaller<F extends (...args: any[]) => any>(fn: F): F;
  /** Freezes the whole async context of this moment onto `fn` (AsyncResource.bind). */
  bind<F extends (...args: any[]) => any>(fn: F): F;
}

/** Native engines alive in this process, across worker threads. */
export declare function liveEngines(): number;

export declare function createHooks<Ctx = any>(config?: HookConfig): Hooks<Ctx>;

export declare class HookError extends Error {
  readonly name: string;
  readonly code: string;
  readonly context: unknown;
  hint: string | undefined;
  originalError: unknown;
  constructor(code: string, context?: object, options?: { validationError?: boolean; originalError?: unknown });
}

/** `Symbol.for("@cldmv/slothlet/hook-error-processed")`: set on errors already reported to error hooks. */
export declare const MARKER: unique symbol;
export declare const version: string;
