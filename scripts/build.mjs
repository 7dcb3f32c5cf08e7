#!/usr/bin/env node
// Builds the native addon from source with cargo and puts it where the
// loader (lib/native.js) looks: `slothook.<platform>.node` in the package root.
//
//   node scripts/build.mjs                 release build (what `npm ci` runs via `prepare`)
//   node scripts/build.mjs --debug         debug build
//   node scripts/build.mjs --features f    extra cargo features
//   node scripts/build.mjs --out DIR       write the .node file to DIR instead
//
// This is what `napi build --platform` does for this crate, without the napi
// CLI's own dependency tree (its per-platform optional packages can't all be
// fetched on every machine, which breaks `npm ci`). Releases for other
// platforms are built by the release workflow.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argv = process.argv.slice(2);
const debug = argv.includes("--debug");
const option = (name) => {
  const i = argv.indexOf(name);
  return i === -1 ? undefined : argv[i + 1];
};
const features = option("--features");
const out = resolve(root, option("--out") ?? ".");

const args = ["build", "-p", "slothook"];
if (!debug) args.push("--release");
if (features) args.push("--features", features);
execFileSync("cargo", args, { cwd: root, stdio: "inherit" });

const { platformName } = createRequire(import.meta.url)("../lib/platform.js");
const library = { darwin: "libslothook.dylib", win32: "slothook.dll" }[process.platform] ?? "libslothook.so";
const targetDir = process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(root, "target");
const built = join(targetDir, debug ? "debug" : "release", library);
mkdirSync(out, { recursive: true });
const dest = join(out, `slothook.${platformName()}.node`);
copyFileSync(built, dest);
console.log(`built ${dest}`);
