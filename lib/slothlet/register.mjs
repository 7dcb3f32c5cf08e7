// `node --import slothook/slothlet/register app.mjs`: makes an installed
// slothlet load slothook's HookManager in place of its own, for the
// development (src/lib/...) and the published (dist/lib/...) layout, and
// leaves every other module alone. Check: in the app,
// `(await import("@cldmv/slothlet/..."))` or
// `slothlet.handlers.hookManager.constructor.engine === "slothook"`.
import { register } from "node:module";

register("./loader-hooks.mjs", import.meta.url, {
  data: { target: new URL("./hook-manager.mjs", import.meta.url).href },
});
