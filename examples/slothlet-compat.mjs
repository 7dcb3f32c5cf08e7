// Hook code written for slothlet's api.slothlet.hook, running unchanged on
// createHooks + wrap. The plugin below only knows the slothlet API surface.
// Run: node examples/slothlet-compat.mjs
import { createHooks } from "slothook";

/** A plugin written for slothlet: it receives the api and registers hooks. */
function auditPlugin(api, log) {
  const { hook } = api.slothlet;
  hook.on("**:before", ({ path, args }) => void log.push(`call ${path}(${args.join(", ")})`), { id: "audit" });
  hook.on("math.*:after", ({ result }) => result * 2, { id: "double-math", priority: 10 });
  hook.on("before:string.*", ({ args }) => [String(args[0]).trim()]); // the legacy form still works (with a DeprecationWarning)
  return hook.list().registeredHooks.map((h) => `${h.id} ${h.pattern}:${h.type}`);
}

const hooks = createHooks({ enabled: true, silent: true });
const api = hooks.wrap({
  math: { add: (a, b) => a + b },
  string: { upper: (s) => s.toUpperCase() },
});

const log = [];
console.log("registered:", auditPlugin(api, log).join("; "));
console.log("math.add(1, 2) =", api.math.add(1, 2));
console.log("string.upper('  hi ') =", api.string.upper("  hi "));
api.slothlet.hook.disable({ id: "double-math" });
console.log("after disable: math.add(1, 2) =", api.math.add(1, 2));
console.log("diag enabled:", api.slothlet.diag.hook.enabled);
console.log("log:", log.join(" | "));
