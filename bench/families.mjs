// One benchmark family per process: `node --expose-gc bench/families.mjs <family> [arg]`.
// Prints one JSON line with its rows (bench/run.mjs collects and renders).
// Every slothook row runs exactly the code users run: createHooks + wrap /
// wrapFunction (or slothlet's call path over the seam), with the per-call
// work the spec requires. Rows of a family are measured in interleaved
// rounds (bench/measure.mjs).
import { createHooks } from "../index.mjs";
import { Suite, consume, report, summarize } from "./measure.mjs";
import { targets, handlers } from "./targets.mjs";
import { peers, handWritten } from "./peers.mjs";

/** A slothook row: its own instance, target copy and handlers. */
function slothook(make, { enabled = true, kinds = "before+after", path = "svc.op", hookPath = path } = {}) {
  const hooks = createHooks(false);
  const { before, after, always } = handlers();
  // wrapped while disabled: must still start running hooks after enable()
  const fn = hooks.wrapFunction(path, make());
  if (kinds.includes("before")) hooks.hook.on(`${hookPath}:before`, before);
  if (kinds.includes("after")) hooks.hook.on(`${hookPath}:after`, after);
  if (kinds.includes("always")) hooks.hook.on(`${hookPath}:always`, always);
  if (kinds.includes("error")) hooks.hook.on(`${hookPath}:error`, () => {});
  if (enabled) hooks.hook.enable();
  return fn;
}

/** A HookManager with slothlet's surface that does nothing and returns constants. */
class NullManager {
  static NOT_MODIFIED = Object.freeze({ modified: false });
  enabled = true;
  executeBeforeHooks(path, args) {
    return { args, shortCircuit: false };
  }
  executeAfterHooks() {
    return NullManager.NOT_MODIFIED;
  }
  executeAlwaysHooks() {
    return undefined;
  }
  executeErrorHooks() {
    return undefined;
  }
}

const families = {
  /** Sync target, 1 before + 1 after (arg: "realistic" or "trivial"). */
  async sync(which) {
    const make = which === "trivial" ? targets.trivial : targets.realistic;
    const s = new Suite();
    s.add("direct call", make());
    {
      const h = handlers();
      s.add("hand-specialised wrapper, full semantics (floor)", handWritten(make(), [h.before], [h.after]), { note: "slothook's per-call semantics written by hand for these two handlers (bench/peers.mjs)" });
    }
    s.add("slothook: hooks disabled", slothook(make, { enabled: false }));
    s.add("slothook: enabled, no hook matches", slothook(make, { hookPath: "other.op" }));
    s.add("slothook: 1 before + 1 after", slothook(make));
    s.add("slothook: before+after+always+error", slothook(make, { kinds: "before+after+always+error" }));
    for (const [name, p] of Object.entries(peers)) if (p.sync) s.add(name, p.sync(make(), handlers()), { note: p.note });
    return { rows: await s.run() };
  },

  /** Async target, before + after (+ always for slothook and the floor), awaited one call at a time. */
  async async() {
    const s = new Suite();
    const make = targets.realisticAsync;
    s.async("direct await", make());
    {
      const h = handlers();
      s.async("hand-specialised wrapper, full semantics (floor)", handWritten(make(), [h.before], [h.after], [h.always]));
    }
    s.async("slothook: before + after + always", slothook(make, { kinds: "before+after+always" }));
    for (const [name, p] of Object.entries(peers)) if (p.async) s.async(name, p.async(make(), handlers()), { note: p.asyncNote ?? p.note });
    return { rows: await s.run({ rounds: 9 }) };
  },

  /** Per-call cost against the number of registered hooks, one of which matches. */
  async scale() {
    const s = new Suite();
    const counts = [1, 100, 1000, 10000];
    for (const n of counts) {
      const hooks = createHooks(true);
      const { before, after } = handlers();
      for (let i = 0; i < n; i++) {
        hooks.hook.on(`svc${i}.*:before`, before);
        hooks.hook.on(`svc${i}.*:after`, after);
      }
      s.add(`slothook, ${n} hooks`, hooks.wrapFunction("svc0.op", targets.realistic()), { n, series: "slothook" });
    }
    const { HookableCore } = await import("hookable");
    const { default: Kareem } = await import("kareem");
    for (const n of counts) {
      const realistic = targets.realistic();
      const { bump, keep } = handlers();
      const tapableHooks = new Map();
      for (let i = 0; i < n; i++) tapableHooks.set(`svc${i}`, peers.tapable.sync(realistic, { bump, keep }));
      s.add(`tapable, ${n} hooks`, tapableHooks.get("svc0"), { n, series: "tapable" });
      const h = new HookableCore();
      for (let i = 0; i < n; i++) {
        h.hook(`svc${i}:before`, (io) => {
          io.args = bump(io.args);
        });
        h.hook(`svc${i}:after`, (io) => {
          io.result = keep(io.result);
        });
      }
      s.add(
        `hookable (HookableCore), ${n} hooks`,
        (a, b) => {
          const io = { args: [a, b], result: undefined };
          h.callHook("svc0:before", io);
          io.result = realistic(io.args[0], io.args[1]);
          h.callHook("svc0:after", io);
          return io.result;
        },
        { n, series: "hookable (HookableCore)" },
      );
      const k = new Kareem();
      for (let i = 0; i < n; i++) {
        k.pre(`svc${i}`, (a, b) => Kareem.overwriteArguments(...bump([a, b])));
        k.post(`svc${i}`, (r) => Kareem.overwriteResult(keep(r)));
      }
      s.add(`kareem, ${n} hooks`, k.createWrapperSync("svc0", realistic, null), { n, series: "kareem" });
    }
    return { rows: await s.run({ rounds: 11 }) };
  },

  /** Plan cache pressure: one path against 10,000 paths called round-robin. */
  async paths() {
    const hooks = createHooks(true);
    const { before, after } = handlers();
    hooks.hook.on("svc*.op:before", before);
    hooks.hook.on("svc*.op:after", after);
    const N = 10000;
    const realistic = targets.realistic();
    const fns = Array.from({ length: N }, (_, i) => hooks.wrapFunction(`svc${i}.op`, realistic));
    const s = new Suite();
    s.add("one path", fns[0]);
    s.expr("10,000 distinct paths, round-robin", "fns[i % N](i, 2)", { fns, N });
    return { rows: await s.run({ rounds: 11 }) };
  },

  /** on() per pattern shape, and the first call of a new path among 10,000 patterns (the plan build). */
  async registration() {
    const rows = [];
    const N = 10000;
    const { before, after, always } = handlers();
    const realistic = targets.realistic();
    const cpu = (fn) => {
      const t = process.cpuUsage();
      fn();
      const d = process.cpuUsage(t);
      return (d.user + d.system) * 1000;
    };
    const shapes = [(i) => `svc${i}.*`, (i) => `svc${i}.op`, (i) => `{a,b}${i}.x`, (i) => `*.op${i}`];
    for (const shape of shapes) {
      const samples = [];
      for (let r = 0; r < 5; r++) {
        const hooks = createHooks(true);
        samples.push(cpu(() => {
          for (let i = 0; i < N; i++) hooks.hook.on(`${shape(i)}:before`, before);
        }) / N);
      }
      rows.push({ name: `on() with ${shape("N")} patterns`, ...summarize(samples) });
    }
    const hooks = createHooks(true);
    for (let i = 0; i < N; i++) {
      hooks.hook.on(`svc${i}.*:before`, before);
      hooks.hook.on(`svc${i}.*:after`, after);
    }
    hooks.hook.on("**:always", always);
    // 2,000 new paths, first-called in 8 batches of 250: one sample per batch (a single sample of a
    // one-shot cost moved between 15 and 54 µs from run to run on this machine).
    const M = 2000;
    const B = 8;
    const fresh = Array.from({ length: M }, (_, i) => hooks.wrapFunction(`svc${(i * 7) % N}.m${i}`, realistic));
    const firsts = Array.from({ length: B }, (_, b) =>
      cpu(() => {
        for (let i = (b * M) / B; i < ((b + 1) * M) / B; i++) consume(fresh[i](i, 2));
      }) /
      (M / B),
    );
    const s = new Suite();
    s.expr("steady", "fresh[i % M](i, 2)", { fresh, M });
    const [steady] = await s.run({ rounds: 7 });
    rows.push({ name: "first call of a new path, 10,000 patterns (plan build + call)", ...summarize(firsts), steady: steady.ns });
    return { rows };
  },

  async memory() {
    const gc = globalThis.gc;
    const settle = () => {
      for (let i = 0; i < 4; i++) gc();
    };
    const usage = () => {
      const m = process.memoryUsage();
      return { heap: m.heapUsed, rss: m.rss };
    };
    const N = 50000;
    const hooks = createHooks(true);
    const trivial = targets.trivial();
    const fnHandlers = Array.from({ length: N }, () => () => {});
    settle();
    const a = usage();
    for (let i = 0; i < N; i++) hooks.hook.on(`svc${i}.op${i % 10}:before`, fnHandlers[i]);
    settle();
    const b = usage();
    // plans: N distinct wrapped paths, each called once (its plan built and cached)
    const fns = Array.from({ length: N }, (_, i) => hooks.wrapFunction(`p${i}.op`, trivial));
    hooks.hook.on("p*.op:before", () => {});
    settle();
    const c = usage();
    for (let i = 0; i < N; i++) fns[i](1, 2);
    settle();
    const d = usage();
    // distinct plans: N paths, each with its own hook
    const own = createHooks(true);
    const ownFns = Array.from({ length: N }, (_, i) => own.wrapFunction(`q${i}.op`, trivial));
    for (let i = 0; i < N; i++) own.hook.on(`q${i}.op:before`, fnHandlers[i]);
    settle();
    const e = usage();
    for (let i = 0; i < N; i++) ownFns[i](1, 2);
    settle();
    const f = usage();
    return {
      rows: [
        { name: "per distinct cached plan (JS heap)", bytes: (f.heap - e.heap) / N },
        { name: "per registered hook (JS heap)", bytes: (b.heap - a.heap) / N },
        { name: "per registered hook (RSS, incl. native registry)", bytes: (b.rss - a.rss) / N },
        { name: "per wrapped path after its first call (plans of paths with the same hooks are shared; JS heap)", bytes: (d.heap - c.heap) / N },
        { name: "per wrapped path after its first call (RSS)", bytes: (d.rss - c.rss) / N },
      ],
      keep: [fnHandlers.length, fns.length, ownFns.length],
    };
  },

  /** wrap(): a method through a plain-object tree against the same method through a class-instance view (§11 (s)). */
  async wrap() {
    const work = (self, a, b) => ({ id: a, total: a + b + self.base, tags: [String(b)], ok: a > b });
    // the plain object does the same bookkeeping as the class's private field
    const plain = {
      base: 1,
      calls: 0,
      op(a, b) {
        this.calls++;
        return work(this, a, b);
      },
    };
    class Service {
      #calls = 0;
      base = 1;
      op(a, b) {
        this.#calls++;
        return work(this, a, b);
      }
    }
    const instance = new Service();
    const wrapped = (svc) => {
      const hooks = createHooks(true);
      const { before, after } = handlers();
      hooks.hook.on("svc.op:before", before);
      hooks.hook.on("svc.op:after", after);
      return hooks.wrap({ svc });
    };
    const s = new Suite();
    s.expr("direct call: plain object method", "obj.op(i, 2)", { obj: plain });
    s.expr("direct call: class instance method", "obj.op(i, 2)", { obj: instance });
    s.expr("wrapped plain-object tree, 1 before + 1 after", "api.svc.op(i, 2)", { api: wrapped(plain) });
    s.expr("wrapped class-instance view, 1 before + 1 after", "api.svc.op(i, 2)", { api: wrapped(instance) });
    return { rows: await s.run() };
  },

  /**
   * Inside slothlet: the call path of __test__/helpers/slothlet-harness.mjs
   * (slothlet's, from the spec's tables) over slothook's HookManager and over
   * a do-nothing manager; beside them the standalone overheads of the same run
   * the seam is judged against.
   */
  async seam() {
    const s = new Suite();
    // Each row loads its own instance of the harness and of the seam module
    // (a module URL of its own): rows sharing one harness function or one
    // HookManager class would share V8's type feedback and tilt each other.
    let instance = 0;
    const fresh = async () => {
      const q = `?row=${++instance}`;
      const harness = await import(new URL(`../__test__/helpers/slothlet-harness.mjs${q}`, import.meta.url));
      const { HookManager } = await import(new URL(`../lib/slothlet/hook-manager.mjs${q}`, import.meta.url));
      const slothlet = harness.minimalSlothlet({ enabled: true });
      const over = (manager) => harness.slothletCall(slothlet, manager, "svc.op", targets.realistic());
      return { slothlet, over, HookManager };
    };
    {
      const { over } = await fresh();
      s.add("harness over a do-nothing HookManager", over(new NullManager()), { id: "null" });
    }
    {
      const { over, slothlet, HookManager } = await fresh();
      s.add("harness over slothook's HookManager, no hooks", over(new HookManager(slothlet)), { id: "seam0" });
    }
    {
      const { over, slothlet, HookManager } = await fresh();
      const m = new HookManager(slothlet);
      const { before } = handlers();
      for (let i = 0; i < 20; i++) m.on(`other${i}.op:before`, before);
      m.on("svc.op:before", before);
      s.add("harness over slothook's HookManager, 20 non-matching + 1 matching before", over(m), { id: "seam21" });
    }
    s.add("standalone: direct call", targets.realistic(), { id: "direct" });
    s.add("standalone: enabled, no hook matches", slothook(targets.realistic, { hookPath: "other.op" }), { id: "nomatch" });
    s.add("standalone: 1 matching before", slothook(targets.realistic, { kinds: "before" }), { id: "one" });
    return { rows: await s.run() };
  },
};

const [name, arg] = process.argv.slice(2);
if (!families[name]) {
  console.error(`unknown family ${name}; one of ${Object.keys(families).join(", ")}`);
  process.exit(2);
}
const out = await families[name](arg);
report(name, out.rows);
