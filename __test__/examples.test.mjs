// Every example runs with one command and prints what its comments promise.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const run = (name) => execFileSync(process.execPath, [`examples/${name}`], { cwd: root, encoding: "utf8" });

test("quick-start", () => {
  const out = run("quick-start.mjs");
  assert.match(out, /^add: 100$/m);
  assert.match(out, /^mul: 24$/m);
  assert.match(out, /^add without doubling: 50$/m);
  assert.match(out, /^math\.add 100$/m);
});

test("caching: the second call is served from the cache", () => {
  const out = run("caching.mjs");
  assert.match(out, /second is the cached object: true/);
  assert.match(out, /target ran 1 time\(s\)/);
});

test("auth: the before-subset hook runs first and rejects", () => {
  const out = run("auth.mjs");
  assert.match(out, /^admin: deleted 42$/m);
  assert.match(out, /^order: auth -> validate$/m);
  assert.match(out, /^bob: not allowed: admin\.deleteUser$/m);
  assert.match(out, /^public: pong$/m);
});

test("error-monitoring: errors reach the monitor, callers get undefined", () => {
  const out = run("error-monitoring.mjs");
  assert.match(out, /\[monitor\] payments\.charge RangeError from function: bad amount -1/);
  assert.match(out, /^charge\(-1\): undefined$/m);
  assert.match(out, /from after hook fraud-check: fraud check failed/);
  assert.match(out, /^refund\('x'\): undefined$/m);
  assert.match(out, /^stats: \{"function":2,"before":0,"after":1,"always":0\}$/m);
});

test("slothlet-compat: slothlet hook code runs unchanged", () => {
  const out = run("slothlet-compat.mjs");
  assert.match(out, /^math\.add\(1, 2\) = 6$/m);
  assert.match(out, /^string\.upper\('  hi '\) = HI$/m);
  assert.match(out, /^after disable: math\.add\(1, 2\) = 3$/m);
  assert.match(out, /^diag enabled: true$/m);
});
