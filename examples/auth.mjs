// An auth hook in the `before` subset: it runs before every primary before
// hook, whatever their priority, and rejects calls without a user.
// Run: node examples/auth.mjs
import { createHooks } from "slothook";

const hooks = createHooks(true);
const api = hooks.wrap({
  admin: { deleteUser: (id) => `deleted ${id}` },
  public: { ping: () => "pong" },
});

const order = [];
hooks.hook.on(
  "admin.*:before",
  ({ path, ctx }) => {
    order.push("auth");
    if (!ctx.user || !ctx.user.roles.includes("admin")) throw new Error(`not allowed: ${path}`);
  },
  { id: "auth", subset: "before" },
);
hooks.hook.on("**:before", () => void order.push("validate"), { id: "validate", priority: 9999 });

// Each request runs with its own ctx (carried across await by the context API).
const asAdmin = hooks.context.run({ user: { name: "ada", roles: ["admin"] } }, () => api.admin.deleteUser(42));
console.log("admin:", asAdmin);
console.log("order:", order.join(" -> "));
try {
  hooks.context.run({ user: { name: "bob", roles: [] } }, () => api.admin.deleteUser(43));
} catch (err) {
  console.log("bob:", err.message);
}
console.log("public:", api.public.ping());
