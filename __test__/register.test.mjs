// Issue 3: `node --import slothook/slothlet/register` redirects slothlet's
// hook-manager module — both layouts, by path, by directory-scan URL and via
// the #handlers import map — and leaves every other module alone.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const register = fileURLToPath(new URL("../lib/slothlet/register.mjs", import.meta.url));

function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "slothook-register-"));
  const pkg = join(dir, "node_modules", "@cldmv", "slothlet");
  const dummy = `export class HookManager { static slothletProperty = "hookManager"; static engine = "slothlet-dummy"; }\n`;
  for (const layout of ["src", "dist"]) {
    mkdirSync(join(pkg, layout, "lib", "handlers"), { recursive: true });
    writeFileSync(join(pkg, layout, "lib", "handlers", "hook-manager.mjs"), dummy);
    // another handler in the same directory: must stay slothlet's own
    writeFileSync(join(pkg, layout, "lib", "handlers", "permission-manager.mjs"), `export const who = "${layout}-permission";\n`);
    // slothlet imports its engine module the way it does: a relative import,
    // a directory scan by URL, and the #handlers import map
    writeFileSync(
      join(pkg, layout, "lib", "loader.mjs"),
      `import { HookManager } from "./handlers/hook-manager.mjs";
       import { HookManager as ViaMap } from "#handlers/hook-manager";
       import { readdirSync } from "node:fs";
       export async function scan() {
         const dir = new URL("./handlers/", import.meta.url);
         const found = {};
         for (const f of readdirSync(dir)) found[f] = await import(new URL(f, dir).href);
         return found;
       }
       export { HookManager, ViaMap };\n`,
    );
  }
  writeFileSync(
    join(pkg, "package.json"),
    JSON.stringify({ name: "@cldmv/slothlet", version: "3.12.3", type: "module", imports: { "#handlers/*": "./dist/lib/handlers/*.mjs" } }),
  );
  // an unrelated module with the same file name elsewhere
  mkdirSync(join(dir, "node_modules", "other", "lib", "handlers"), { recursive: true });
  writeFileSync(join(dir, "node_modules", "other", "lib", "handlers", "hook-manager.mjs"), `export const engine = "other";\n`);
  writeFileSync(join(dir, "node_modules", "other", "package.json"), JSON.stringify({ name: "other", type: "module" }));
  writeFileSync(
    join(dir, "app.mjs"),
    `const out = {};
     for (const layout of ["src", "dist"]) {
       const m = await import("./node_modules/@cldmv/slothlet/" + layout + "/lib/loader.mjs");
       const scanned = await m.scan();
       out[layout] = {
         relative: m.HookManager.engine,
         importMap: m.ViaMap.engine,
         scanned: scanned["hook-manager.mjs"].HookManager.engine,
         slothletProperty: scanned["hook-manager.mjs"].HookManager.slothletProperty,
         permission: scanned["permission-manager.mjs"].who,
       };
     }
     out.other = (await import("./node_modules/other/lib/handlers/hook-manager.mjs")).engine;
     console.log(JSON.stringify(out));\n`,
  );
  return dir;
}

function run(dir, withSwitch) {
  const args = withSwitch ? ["--import", pathToFileURL(register).href, "app.mjs"] : ["app.mjs"];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" }));
}

test("with the switch both layouts load slothook's HookManager, and nothing else changes", () => {
  const dir = fixture();
  try {
    const out = run(dir, true);
    for (const layout of ["src", "dist"]) {
      assert.deepEqual(out[layout], {
        relative: "slothook",
        importMap: "slothook",
        scanned: "slothook",
        slothletProperty: "hookManager",
        permission: `${layout}-permission`,
      });
    }
    assert.equal(out.other, "other");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("without the switch slothlet keeps its own HookManager", () => {
  const dir = fixture();
  try {
    const out = run(dir, false);
    assert.equal(out.src.relative, "slothlet-dummy");
    assert.equal(out.dist.scanned, "slothlet-dummy");
    assert.equal(out.dist.importMap, "slothlet-dummy");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
