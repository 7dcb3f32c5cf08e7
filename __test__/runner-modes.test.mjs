// The execution suites in every runner mode (spec §8 and §11 are one set of
// rules, whatever runs them): the generic runner only (SLOTHOOK_RUNNERS=generic,
// what runs where code generation is unavailable), a generated runner from the
// first call (SLOTHOOK_RUNNERS=generated), and a process started with
// --disallow-code-generation-from-strings, which must find the fallback by
// itself. The default mode (generic, then generated once a plan is hot) is the
// one every other test file runs in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));

/** The suites that run calls; each must hold in every mode. */
export const EXECUTION_SUITES = [
  "execution-sync.test.mjs",
  "execution-async.test.mjs",
  "reentrancy.test.mjs",
  "hot-path.test.mjs",
  "match-independence.test.mjs",
  "first-hour.test.mjs",
  "ordering.test.mjs",
  "errors.test.mjs",
  "wrap.test.mjs",
  "wrap-live.test.mjs",
  "wrapper.test.mjs",
  "context.test.mjs",
  // the seam runs generated phases for hot plans too
  "slothlet-harness.test.mjs",
  "hook-manager.test.mjs",
  "hook-permissions.test.mjs",
  "tracing.test.mjs",
];

function runSuites(env, execArgv = []) {
  const files = EXECUTION_SUITES.map((f) => join(here, f));
  const r = spawnSync(process.execPath, [...execArgv, "--expose-gc", "--test", "--test-reporter=tap", ...files], {
    // NODE_TEST_CONTEXT would make the child report to this runner instead of printing TAP
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_TEST_CONTEXT")), ...env },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const summary = (r.stdout.match(/^# (tests|pass|fail) \d+$/gm) ?? []).join(", ");
  const failures = r.stdout
    .split("\n")
    .filter((l) => /^\s*not ok /.test(l))
    .slice(0, 20)
    .join("\n");
  return { status: r.status, summary, failures, stderr: r.stderr.slice(-2000) };
}

for (const [label, env, argv] of [
  ["generic runners only (SLOTHOOK_RUNNERS=generic)", { SLOTHOOK_RUNNERS: "generic" }, []],
  ["generated runners from the first call (SLOTHOOK_RUNNERS=generated)", { SLOTHOOK_RUNNERS: "generated" }, []],
  ["code generation from strings disallowed", {}, ["--disallow-code-generation-from-strings"]],
]) {
  test(`execution suites pass with ${label}`, { timeout: 600_000 }, () => {
    const r = runSuites(env, argv);
    assert.equal(r.status, 0, `${r.summary}\n${r.failures}\n${r.stderr}`);
    assert.match(r.summary, /# pass [1-9]/);
    assert.match(r.summary, /# fail 0/);
  });
}
