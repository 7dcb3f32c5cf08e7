// Issue 7: the loader picks the binary, honours NAPI_RS_NATIVE_LIBRARY_PATH,
// and fails with one NATIVE_BINDING_NOT_FOUND error that names the platform.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = fileURLToPath(new URL("..", import.meta.url));
const { platformName } = createRequire(import.meta.url)("../lib/platform.js");
const script = `
  try {
    const { createHooks } = require("./index.js");
    const hooks = createHooks(true);
    hooks.hook.on("a.b:after", ({ result }) => result + 1);
    console.log(JSON.stringify({ ok: hooks.wrapFunction("a.b", () => 1)() }));
  } catch (e) {
    console.log(JSON.stringify({ name: e.name, code: e.code, message: e.message, hint: e.hint }));
  }
`;
const load = (env) =>
  JSON.parse(spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", env: { ...process.env, ...env } }).stdout);

test("the platform name is napi-rs's", () => {
  assert.match(platformName(), /^(linux-(x64|arm64|arm|ia32|riscv64|s390x|ppc64)-(gnu|musl)|darwin-(x64|arm64)|win32-(x64|arm64|ia32)-msvc|[a-z0-9]+-[a-z0-9]+)$/);
});

test("the built binary in the package root loads", () => {
  assert.deepEqual(load({ NAPI_RS_NATIVE_LIBRARY_PATH: "" }), { ok: 2 });
});

test("NAPI_RS_NATIVE_LIBRARY_PATH is honoured: a real binary works", () => {
  assert.deepEqual(load({ NAPI_RS_NATIVE_LIBRARY_PATH: `${root}slothook.${platformName()}.node` }), { ok: 2 });
});

test("a path that does not load gives one NATIVE_BINDING_NOT_FOUND error naming the platform and the fix", () => {
  const e = load({ NAPI_RS_NATIVE_LIBRARY_PATH: "/nonexistent/slothook.node" });
  assert.equal(e.name, "HookError");
  assert.equal(e.code, "NATIVE_BINDING_NOT_FOUND");
  assert.ok(e.message.startsWith(`[NATIVE_BINDING_NOT_FOUND] No native slothook binary for ${platformName()} (node ${process.version}).`), e.message);
  assert.match(e.message, /\/nonexistent\/slothook\.node/);
  assert.match(e.hint, /npm ci/);
  assert.match(e.hint, /NAPI_RS_NATIVE_LIBRARY_PATH/);
});
