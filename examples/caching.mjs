// A caching hook: a before hook short-circuits on a cache hit, an after hook
// fills the cache. Run: node examples/caching.mjs
import { createHooks } from "slothook";

const hooks = createHooks(true);
let lookups = 0;
const api = hooks.wrap({
  users: {
    byId: (id) => {
      lookups++;
      return { id, name: `user-${id}` };
    },
  },
});

const cache = new Map();
const keyOf = (path, args) => JSON.stringify([path, args]);

// Highest priority: runs first. Returning a non-array, non-undefined value
// short-circuits: the target and the after hooks are skipped.
hooks.hook.on(
  "users.*:before",
  ({ path, args }) => {
    const key = keyOf(path, args);
    if (cache.has(key)) return cache.get(key);
  },
  { id: "cache-read", priority: 1000 },
);
hooks.hook.on(
  "users.*:after",
  ({ path, args, result }) => {
    cache.set(keyOf(path, args), result);
  },
  { id: "cache-write" },
);

const first = api.users.byId(7);
const second = api.users.byId(7);
console.log("first:", JSON.stringify(first));
console.log("second is the cached object:", first === second);
console.log("target ran", lookups, "time(s)");
