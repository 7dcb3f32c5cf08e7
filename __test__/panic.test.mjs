// Issue 6: a Rust panic inside the core becomes an INTERNAL_ERROR HookError
// and the engine keeps working. Uses the test build with the `test-panic`
// cargo feature (npm test builds it: scripts.pretest:js), loaded in a child
// process through NAPI_RS_NATIVE_LIBRARY_PATH; the release binary has no
// panic trigger.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const { platformName } = await import("../lib/platform.js").then((m) => m.default ?? m);
const binary = `${root}target/test-panic/slothook.${platformName()}.node`;

test("a panic in the core surfaces as INTERNAL_ERROR and the engine keeps working", () => {
  assert.ok(existsSync(binary), `missing ${binary}: run npm run build:test-panic`);
  const script = `
    const { Engine } = require("./lib/engine.js");
    const { fromNative, HookError } = require("./lib/errors.js");
    const { createHooks } = require("./index.js");
    const engine = new Engine({ enabled: true, defaultPattern: "**" });
    const out = {};
    try {
      engine.native.panicForTest();
      out.threw = false;
    } catch (err) {
      const e = fromNative(err);
      out.threw = true;
      out.isHookError = e instanceof HookError;
      out.code = e.code;
      out.message = e.message;
    }
    // the same engine still registers, plans and removes
    engine.register("a.*:before", {
      read: () => ({ pattern: undefined, id: "h", subset: undefined, priority: 0, rank: 0, once: false }),
      parsed: () => {},
      admit: () => ({ handler: () => {}, lockCaller: true }),
    });
    out.plan = engine.plan("a.b").before.map((e) => e.id);
    out.removed = engine.remove({ id: "h" });
    // and so does the public API in the same process
    const hooks = createHooks(true);
    hooks.hook.on("x.*:after", ({ result }) => result * 2);
    out.call = hooks.wrapFunction("x.y", () => 21)();
    process.stdout.write(JSON.stringify(out));
  `;
  const out = JSON.parse(
    execFileSync(process.execPath, ["-e", script], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NAPI_RS_NATIVE_LIBRARY_PATH: binary },
      stdio: ["ignore", "pipe", "pipe"],
    }),
  );
  assert.equal(out.threw, true);
  assert.equal(out.isHookError, true);
  assert.equal(out.code, "INTERNAL_ERROR");
  assert.match(out.message, /^\[INTERNAL_ERROR\] Internal error in the slothook engine: panic requested by a test\./);
  assert.deepEqual(out.plan, ["h"]);
  assert.equal(out.removed, 1);
  assert.equal(out.call, 42);
});
