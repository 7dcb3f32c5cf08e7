// Quick start: wrap an object, hook its functions by path.
// Run: node examples/quick-start.mjs
import { createHooks } from "slothook";

const hooks = createHooks(true); // hooks on; createHooks() starts disabled, like slothlet

const api = hooks.wrap({
  math: {
    add: (a, b) => a + b,
    mul: (a, b) => a * b,
  },
});

// Double the arguments of every math function (an array return replaces the args)…
hooks.hook.on("math.*:before", ({ args }) => [args[0] * 2, args[1] * 2], { id: "double" });
// …and multiply add's result by 10 (a non-undefined return replaces the result).
hooks.hook.on("math.add:after", ({ result }) => result * 10);
// Observe every call, success or failure.
hooks.hook.on("**:always", ({ path, result, hasError }) => console.log(path, hasError ? "failed" : result));

console.log("add:", api.math.add(2, 3)); // (4 + 6) * 10 = 100
console.log("mul:", api.math.mul(2, 3)); // 4 * 6 = 24

// Code written for slothlet's api.slothlet.hook runs unchanged:
api.slothlet.hook.off("double");
console.log("add without doubling:", api.math.add(2, 3)); // 50
