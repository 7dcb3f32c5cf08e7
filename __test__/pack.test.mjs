// Issue 7: `npm pack` produces a tarball that installs into a fresh project
// outside the repo and works there from `import` and `require`, with the
// typings resolving for a TypeScript consumer (tsc --noEmit --strict on a file
// that exercises the whole public surface).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const USAGE_TS = `
import { createHooks, HookError, MARKER, liveEngines, version } from "slothook";
import type {
  BeforeHookContext, AfterHookContext, AlwaysHookContext, ErrorHookContext, HookRecord,
  ListedHook, Explanation, Hooks, HookApi, DiagHookApi, HookOptions, ErrorSource,
} from "slothook";

interface Ctx { requestId?: string }
const hooks: Hooks<Ctx> = createHooks<Ctx>({ enabled: true, suppressErrors: false, pattern: "**", silent: true });
const api = hooks.wrap({ math: { add: (a: number, b: number): number => a + b } });
const sum: number = api.math.add(1, 2);
const same: HookApi = api.slothlet.hook;
const diag: DiagHookApi = api.slothlet.diag.hook;
const opts: HookOptions = { id: "double", priority: 10, subset: "primary", lockCaller: true };
const id: string = hooks.hook.on("math.*:before", function (this: HookRecord, c: BeforeHookContext<any[], unknown, Ctx>) {
  const enabled: boolean = this.enabled;
  return enabled ? [Number(c.args[0]) * 2, c.args[1]] : undefined;
}, opts);
hooks.hook.on("math.add:after", ({ result }: AfterHookContext) => (result as number) * 10);
hooks.hook.on("**:always", ({ hasError, errors, result }: AlwaysHookContext) => void (hasError ? errors : result));
hooks.hook.on("**:error", ({ error, errorType, source, timestamp }: ErrorHookContext) => {
  const s: ErrorSource = source;
  const when: Date = timestamp;
  void [error, errorType, s.type, s.timestamp, when];
});
const listed: ListedHook[] = hooks.hook.list({ type: "before", enabled: true }).registeredHooks;
const removed: number = hooks.hook.off("double") + hooks.hook.remove({ type: "after" }) + hooks.hook.clear();
const counts: number = hooks.hook.enable({ pattern: "math.*" }) + hooks.hook.disable("x") + hooks.hook.enablePattern("math.*") + hooks.hook.disablePattern("math.*");
hooks.hook.resetPatternFilter();
const pinned: boolean = hooks.hook.pin.enabled && hooks.hook.pin.enable() && !hooks.hook.pin.disable();
const x: Explanation = diag.explain("math.add");
const stopped: null | "disabled" | "filter" | "invalid-path" = x.stoppedBy;
const m: boolean = diag.compilePattern("math.*")("math.add");
const f = hooks.wrapFunction("svc.op", async (n: number) => n + 1);
const p: Promise<number> = f(1);
const out: number = hooks.context.run({ requestId: "r1" }, (a: number) => a + 1, 1);
const ctx: Ctx | undefined = hooks.context.get();
const who: unknown = hooks.context.runAs("plugin", () => hooks.context.caller());
const locked: (a: number) => number = hooks.lockCaller((a: number) => a);
const bound: () => void = hooks.bind(() => undefined);
const n: number = liveEngines();
const v: string = version;
const sym: symbol = MARKER;
const fromConfig: string = "bad";
try { hooks.hook.on(fromConfig, () => undefined); } catch (e) {
  if (e instanceof HookError) { const code: string = e.code; const hint: string | undefined = e.hint; void [code, hint, e.context]; }
}
void [sum, same, id, listed, removed, counts, pinned, stopped, m, p, out, ctx, who, locked, bound, n, v, sym];
`;

const SEAM_TS = `
import { HookManager } from "slothook/slothlet";
import "slothook/slothlet/register";
class SErr extends Error { constructor(code: string) { super(code); } }
class SWarn { constructor(public code: string) {} }
const manager = new HookManager({ config: { hook: true }, SlothletError: SErr, SlothletWarning: SWarn });
const hid: string = manager.on("a:before", () => undefined);
const before: { args: unknown[]; shortCircuit: boolean } = manager.executeBeforeHooks("a", [1]);
const engineName: "slothook" = HookManager.engine;
void [hid, before, engineName];
`;

test("npm pack → install in a throwaway project → import, require and tsc all work", () => {
  const tmp = mkdtempSync(join(tmpdir(), "slothook-pack-"));
  try {
    const packed = JSON.parse(run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], root));
    const files = packed[0].files.map((f) => f.path);
    assert.ok(files.some((f) => /^slothook\..+\.node$/.test(f)), "the tarball carries the native binary");
    assert.ok(files.includes("index.d.ts") && files.includes("index.mjs") && files.includes("lib/callpath.js"));
    assert.ok(!files.some((f) => f.startsWith("src/") || f.startsWith("crates/") || f.startsWith("target/")), "no sources or build output");
    const tarball = join(tmp, packed[0].filename);

    const project = join(tmp, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", version: "1.0.0", private: true }));
    run(npm, ["install", tarball, "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline"], project);
    assert.ok(readdirSync(join(project, "node_modules", "slothook")).includes("index.js"));

    writeFileSync(
      join(project, "esm.mjs"),
      `import { createHooks } from "slothook";
       const hooks = createHooks(true);
       const api = hooks.wrap({ math: { add: (a, b) => a + b } });
       hooks.hook.on("math.*:before", ({ args }) => [args[0] * 2, args[1] * 2]);
       console.log(api.math.add(2, 3));`,
    );
    writeFileSync(
      join(project, "cjs.cjs"),
      `const { createHooks, HookError } = require("slothook");
       const esm = import("slothook");
       const hooks = createHooks(true);
       hooks.hook.on("x:after", ({ result }) => result + 1);
       esm.then((m) => console.log(hooks.wrapFunction("x", () => 41)(), m.createHooks === createHooks, m.HookError === HookError));`,
    );
    assert.equal(run(process.execPath, ["esm.mjs"], project).trim(), "10");
    assert.equal(run(process.execPath, ["cjs.cjs"], project).trim(), "42 true true");

    // the slothlet seam and the one-line switch resolve from the installed package
    writeFileSync(join(project, "seam.mjs"), `import { HookManager } from "slothook/slothlet"; console.log(HookManager.engine, HookManager.slothletProperty);`);
    assert.equal(run(process.execPath, ["seam.mjs"], project).trim(), "slothook hookManager");
    assert.equal(run(process.execPath, ["--import", "slothook/slothlet/register", "-e", "console.log('switched')"], project).trim(), "switched");

    writeFileSync(join(project, "usage.ts"), USAGE_TS + SEAM_TS);
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const args = ["--noEmit", "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext", "usage.ts"];
    try {
      run(process.execPath, [tsc, ...args], project);
    } catch (err) {
      assert.fail(`tsc failed:\n${err.stdout}${err.stderr}`);
    }
    // and the typings reject a wrong use
    writeFileSync(join(project, "wrong.ts"), `import { createHooks } from "slothook";\nconst n: number = createHooks().hook.list();\n`);
    assert.throws(() => run(process.execPath, [tsc, ...args.slice(0, -1), "wrong.ts"], project));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
