// Small helpers shared by the test suites.
import assert from "node:assert/strict";

/** The error `fn` throws (fails the test when it throws nothing). */
export function catchError(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail("expected a throw");
}

/** The HOOK_* warnings emitted while `fn` runs (they arrive on a later tick). */
export async function captureWarnings(fn) {
  const got = [];
  const listener = (w) => got.push(w);
  process.on("warning", listener);
  try {
    await fn();
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
  } finally {
    process.off("warning", listener);
  }
  return got.filter((w) => typeof w.code === "string" && w.code.startsWith("HOOK_"));
}

export function deferred() {
  let resolve, reject;
  const promise = new Promise((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}

// Awaits p; returns { rejected, value | reason } — works for null/undefined reasons.
export async function settle(p) {
  try {
    return { rejected: false, value: await p };
  } catch (reason) {
    return { rejected: true, reason };
  }
}

/** `{ threw, value | error }` of calling `fn`. */
export function attempt(fn) {
  try {
    return { threw: false, value: fn() };
  } catch (error) {
    return { threw: true, error };
  }
}
