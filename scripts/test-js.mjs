#!/usr/bin/env node
// The JS test suites (`npm run test:js` runs this after building the
// test-panic binary), on one or more Node versions:
//
//   node scripts/test-js.mjs                 with the Node running this script
//   node scripts/test-js.mjs 22 24           with Node 22 and 24 (installed from npm into a cache
//                                            folder by scripts/node-binaries.mjs when missing)
//   node scripts/test-js.mjs /path/to/node   with that binary
//
// Each run is `<node> --test --expose-gc <every __test__/*.test.mjs>`. The files
// are listed here rather than passing the directory: since Node 21 the
// positional arguments of `--test` are glob patterns and a bare directory is
// read as a module path. The Node under test goes first on PATH, so anything
// a test starts through PATH (npm's `#!/usr/bin/env node`) runs on it too;
// the tests start their own child processes with process.execPath.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { nodeBinary, versionOf } from "./node-binaries.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const files = readdirSync(join(root, "__test__"))
  .filter((f) => f.endsWith(".test.mjs"))
  .sort()
  .map((f) => join("__test__", f));

const wanted = process.argv.slice(2);
const binaries = wanted.length === 0 ? [process.execPath] : wanted.map((w) => (/^\d+$/.test(w) ? nodeBinary(w) : w));

const results = [];
for (const node of binaries) {
  const version = versionOf(node) ?? "(does not run)";
  console.log(`\n=== JS tests on Node ${version} (${node}): ${files.length} files ===\n`);
  const t = Date.now();
  const r = spawnSync(node, ["--test", "--expose-gc", ...files], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PATH: [dirname(node), process.env.PATH].filter(Boolean).join(delimiter) },
  });
  const ok = r.status === 0;
  results.push({ version, ok, seconds: (Date.now() - t) / 1000, why: r.error?.message ?? (r.signal ? `signal ${r.signal}` : `exit ${r.status}`) });
}

if (results.length > 1 || !results[0].ok) {
  console.log("\n=== JS tests per Node version ===");
  for (const r of results) console.log(`${r.ok ? "pass" : "FAIL"}  Node ${r.version}  ${r.seconds.toFixed(0)} s${r.ok ? "" : `  (${r.why})`}`);
}
process.exit(results.every((r) => r.ok) ? 0 : 1);
