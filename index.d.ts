// Type definitions for slothook (hand-written; the raw binding in src/lib.rs is
// internal and reached only through lib/).

/** The four hook types. */
export type HookType = "before" | "after" | "always" | "error";
/** Ordering phases inside one hook type. */
export type HookSubset = "before" | "primary" | "after";
/** `"pattern:type"`, e.g. `"math.*:before"`. */
export type TypePattern = `${string}:${HookType}` | string;

/** Where an error reported to error hooks came from. */
export type ErrorSource =
  | {
      type: "before" | "after" | "always";
      subset: HookSubset;
      hookTag: unknown;
      hookId: unknown;
      /** Epoch milliseconds. */
      timestamp: number;
      stack: string | undefined;
    }
  | { type: "function"; timestamp: number; stack: string | undefined };

export interface BeforeHookContext<Api = unknown, Ctx = any> {
  path: string;
  /** The live argument array: mutations are seen by later hooks and the target. */
  args: unknown[];
  api: Api;
  ctx: Ctx;
}
export interface AfterHookContext<Api = unknown, Ctx = any> {
  path: string;
  args: unknown[];
  /** The current result (possibly replaced by earlier after hooks). */
  result: unknown;
  api: Api;
  ctx: Ctx;
}
export interface AlwaysHookContext<Api = unknown, Ctx = any> {
  path: string;
  args: unknown[];
  /** `undefined` when `hasError`. */
  result: unknown;
  hasError: boolean;
  errors: unknown[];
  api: Api;
  ctx: Ctx;
}
export interface ErrorHookContext<Api = unknown, Ctx = any> {
  path: string;
  args: unknown[];
  error: unknown;
  /** The error's constructor name, "Error" when it has none. */
  errorType: string;
  source: ErrorSource;
  /** A new Date for each error-hook invocation. */
  timestamp: Date;
  api: Api;
  ctx: Ctx;
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
 * Before hooks return `undefined` (continue), an array (replaces the args) or
 * any other value (short-circuit: the call returns it). After hooks return a
 * replacement result or `undefined`. Always/error hooks' returns are ignored.
 */
export type BeforeHandler<Api = unknown, Ctx = any> = (this: HookRecord, context: BeforeHookContext<Api, Ctx>) => unknown;
export type AfterHandler<Api = unknown, Ctx = any> = (this: HookRecord, context: AfterHookContext<Api, Ctx>) => unknown;
export type AlwaysHandler<Api = unknown, Ctx = any> = (this: HookRecord, context: AlwaysHookContext<Api, Ctx>) => unknown;
export type ErrorHandler<Api = unknown, Ctx = any> = (this: HookRecord, context: ErrorHookContext<Api, Ctx>) => unknown;
export type AnyHandler<Api = unknown, Ctx = any> =
  | BeforeHandler<Api, Ctx>
  | AfterHandler<Api, Ctx>
  | AlwaysHandler<Api, Ctx>
  | ErrorHandler<Api, Ctx>;

export interface HookOptions {
  /** Any truthy value; generated (`"hook-N"`) when absent or falsy. */
  id?: unknown;
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

/** The management object (`api.slothlet.hook` in slothlet). */
export interface HookApi<Api = unknown, Ctx = any> {
  on(typePattern: `${string}:before` | `before:${string}`, handler: BeforeHandler<Api, Ctx>, options?: HookOptions): unknown;
  on(typePattern: `${string}:after` | `after:${string}`, handler: AfterHandler<Api, Ctx>, options?: HookOptions): unknown;
  on(typePattern: `${string}:always` | `always:${string}`, handler: AlwaysHandler<Api, Ctx>, options?: HookOptions): unknown;
  on(typePattern: `${string}:error` | `error:${string}`, handler: ErrorHandler<Api, Ctx>, options?: HookOptions): unknown;
  on(typePattern: string, handler: AnyHandler<Api, Ctx>, options?: HookOptions): unknown;
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
}
export type HookConfig = boolean | string | HookConfigObject | undefined | null;

export interface NormalizedHookConfig {
  readonly enabled: boolean;
  readonly pattern: unknown;
  readonly suppressErrors: unknown;
  readonly pin: boolean;
}

/** The slothlet-compatible node added to a wrapped tree. */
export interface SlothletNode<Api = unknown, Ctx = any> {
  readonly hook: HookApi<Api, Ctx>;
  readonly diag: { readonly hook: DiagHookApi };
}

export type Wrapped<T, Ctx = any> = T & { readonly slothlet: SlothletNode<Wrapped<T, Ctx>, Ctx> };

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
  wrap<T extends object>(tree: T): Wrapped<T, Ctx>;
  /** One intercepted function; handlers see it as `api`. */
  wrapFunction<F extends (...args: any[]) => any>(path: string, fn: F): F;
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
