// ESM entry: the same objects as `require("slothook")`.
import cjs from "./index.js";

export const { createHooks, HookError, MARKER, liveEngines, version } = cjs;
export default cjs;
