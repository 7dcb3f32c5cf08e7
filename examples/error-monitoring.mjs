// Error monitoring with suppressErrors: error hooks see every failure with
// its source, and the caller gets undefined instead of an exception.
// Run: node examples/error-monitoring.mjs
import { createHooks } from "slothook";

const hooks = createHooks({ enabled: true, suppressErrors: true });
const api = hooks.wrap({
  payments: {
    charge: (amount) => {
      if (amount <= 0) throw new RangeError(`bad amount ${amount}`);
      return { charged: amount };
    },
    refund: async (id) => {
      throw new Error(`no payment ${id}`);
    },
  },
});

const stats = { function: 0, before: 0, after: 0, always: 0 };
hooks.hook.on("**:error", ({ path, error, errorType, source }) => {
  stats[source.type]++;
  console.log(`[monitor] ${path} ${errorType} from ${source.type}${source.hookId ? ` hook ${source.hookId}` : ""}: ${error.message}`);
});
hooks.hook.on(
  "payments.charge:after",
  ({ result }) => {
    if (result.charged > 100) throw new Error("fraud check failed");
  },
  { id: "fraud-check" },
);

console.log("charge(5):", JSON.stringify(api.payments.charge(5)));
console.log("charge(-1):", api.payments.charge(-1));
console.log("charge(500):", JSON.stringify(api.payments.charge(500)));
console.log("refund('x'):", await api.payments.refund("x"));
console.log("stats:", JSON.stringify(stats));
