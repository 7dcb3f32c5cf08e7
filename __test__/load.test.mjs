// Issue 6: concurrent async calls with every hook type, some rejecting: no
// hook call is lost and no result is mixed between calls.
// (npm run stress runs the long version: SLOTHOOK_LOAD_CALLS=200000.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHooks } from "../index.mjs";

const CALLS = Number(process.env.SLOTHOOK_LOAD_CALLS ?? 10000);

test(`${CALLS} concurrent async calls keep their own args, results and hook calls`, async () => {
  const hooks = createHooks(true);
  const seen = { before: new Set(), after: new Set(), always: new Set(), error: new Set() };
  const mixed = [];
  hooks.hook.on("jobs.*:before", ({ args, ctx }) => {
    ctx.id = args[0];
    seen.before.add(args[0]);
    return [args[0], `tag-${args[0]}`];
  });
  hooks.hook.on("jobs.*:after", ({ args, result, ctx }) => {
    if (result.id !== args[0] || ctx.id !== args[0]) mixed.push(["after", args[0], result.id]);
    seen.after.add(args[0]);
    return { ...result, after: args[0] };
  });
  hooks.hook.on("jobs.*:always", ({ args, result, hasError, errors, ctx }) => {
    if (ctx.id !== args[0]) mixed.push(["always", args[0], ctx.id]);
    if (hasError ? errors[0].id !== args[0] : result.after !== args[0]) mixed.push(["always-result", args[0]]);
    seen.always.add(args[0]);
  });
  hooks.hook.on("jobs.*:error", ({ args, error, source, ctx }) => {
    if (error.id !== args[0] || ctx.id !== args[0] || source.type !== "function") mixed.push(["error", args[0]]);
    seen.error.add(args[0]);
  });
  const api = hooks.wrap({
    jobs: {
      run: async (id, tag) => {
        await new Promise((r) => setTimeout(r, id % 5));
        if (tag !== `tag-${id}`) throw new Error(`args mixed for ${id}`);
        if (id % 7 === 0) throw Object.assign(new Error(`job ${id} failed`), { id });
        return { id };
      },
    },
  });
  const settled = await Promise.allSettled(Array.from({ length: CALLS }, (_, id) => api.jobs.run(id)));
  assert.deepEqual(mixed, []);
  let failures = 0;
  settled.forEach((s, id) => {
    if (id % 7 === 0) {
      failures++;
      assert.equal(s.status, "rejected");
      assert.equal(s.reason.id, id);
    } else {
      assert.equal(s.status, "fulfilled");
      assert.deepEqual(s.value, { id, after: id });
    }
  });
  assert.equal(seen.before.size, CALLS);
  assert.equal(seen.always.size, CALLS);
  assert.equal(seen.error.size, failures);
  assert.equal(seen.after.size, CALLS - failures);
});
