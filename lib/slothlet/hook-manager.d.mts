// Types for `slothook/slothlet`: the HookManager seam slothlet instantiates.
import type { ListedHook, HookOptions, HookIdOf, HookType, HookSubset } from "../../index.js";

export interface SlothletLike {
  config?: { hook?: unknown; silent?: unknown };
  debug?: (...args: unknown[]) => void;
  SlothletError: new (code: string, context?: object, originalError?: unknown, options?: object) => Error;
  SlothletWarning: new (code: string, context?: object) => unknown;
  contextManager?: unknown;
  handlers?: unknown;
  instanceID?: unknown;
}

export interface HookManagerRecord {
  readonly id: unknown;
  readonly type: HookType;
  readonly pattern: string;
  readonly priority: unknown;
  readonly subset: HookSubset;
  readonly enabled: boolean;
  readonly lockCaller: boolean;
}

export interface ExportedHook {
  typePattern: string;
  handler: (...args: any[]) => unknown;
  options: { id: unknown; priority: unknown; subset: string; lockCaller: boolean };
  ownerPath: string | null;
  ownerFilePath: string | null;
  enabled: boolean;
}

/** slothlet's registration options (slothook's own `once` is not one of them: slothlet ignores it). */
export type SeamHookOptions<Id = string> = Omit<HookOptions<Id>, "once">;

export declare class HookManager {
  static readonly slothletProperty: "hookManager";
  /** "slothook": how to check the switch is active. */
  static readonly engine: "slothook";
  constructor(slothlet: SlothletLike);
  enabled: boolean;
  pinEnforced: boolean;
  readonly suppressErrors: unknown;
  defaultPattern: string;
  readonly enabledPatterns: Set<string>;
  readonly patternFilterActive: boolean;
  hooks: Map<unknown, unknown>;
  registrationOrder: number;
  reportedErrors: WeakSet<object>;
  /** Returns the hook id: `options.id` when truthy, else a generated `"hook-N"`. */
  on<Id = string>(typePattern: string, handler: (...args: any[]) => unknown, options?: SeamHookOptions<Id>): HookIdOf<Id>;
  remove(filter?: unknown): number;
  enable(filter?: unknown): number;
  disable(filter?: unknown): number;
  enablePattern(pattern: string): number;
  disablePattern(pattern: string): number;
  resetPatternFilter(): void;
  list(filter?: unknown): { registeredHooks: ListedHook[] };
  setPinEnforced(value: unknown): boolean;
  getHooksForPath(type: string, path: string): HookManagerRecord[];
  executeBeforeHooks(path: string, args: unknown[], api?: unknown, ctx?: unknown): { args: unknown[]; shortCircuit: boolean; value?: unknown };
  executeAfterHooks(path: string, result: unknown, args: unknown[], api?: unknown, ctx?: unknown): { modified: false } | { modified: true; result: unknown };
  executeAlwaysHooks(path: string, args: unknown[], resultOrError: unknown, hasError?: boolean, errors?: unknown[], api?: unknown, ctx?: unknown): void;
  executeErrorHooks(path: string, error: unknown, source: unknown, args: unknown[], api?: unknown, ctx?: unknown): void;
  getCompilePatternForDiagnostics(): (pattern: string) => (path: unknown) => boolean;
  exportHooks(): ExportedHook[];
  importHooks(registrations: unknown): void;
  shutdown(): Promise<void>;
}
export default HookManager;
