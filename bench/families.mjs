// One benchmark family per process: `node --expose-gc bench/families.mjs <family>`.
// Prints one JSON line with its rows (bench/run.mjs collects and renders).
// Every slothook row runs exactly the code users run: createHooks + wrap /
// wrapFunction, with the per-call work the spec requires.
import { createHooks } from "../index.mjs";
import { measure, measureExpr, measureAsync, consume, report } from "./measure.mjs";
import { realistic, trivial, realisticAsync } from "./targets.mjs";
import { peers, handWritten, bump, keep } from "./peers.mjs";

const before = ({ args }) => bump(args);
const after = ({ result }) => keep(result);

function slothook(target, { enabled = true, hooks: kinds = "before+after", path = "svc.op", hookPath = path } = {}) {
  const hooks = createHooks(false);
  // wrapped while disabled: must still start running hooks after enable()
  const fn = hooks.wrapFunction(path, target);
  if (kinds.includes("before")) hooks.hook.on(`${hookPath}:before`, before);
  if (kinds.includes("after")) hooks.hook.on(`${hookPath}:after`, after);
  if (kinds.includes("always")) hooks.hook.on(`${hookPath}:always`, () => {});
  if (kinds.includes("error")) hooks.hook.on(`${hookPath}:error`, () => {});
  if (enabled) hooks.hook.enable();
  return fn;
}

const families = {
  async sync() {
    const rows = [];
    for (const [targetName, target] of [
      ["realistic", realistic],
      ["a + b", trivial],
    ]) {
      const row = (name, fn, note) => {
        const r = measure(fn);
        rows.push({ target: targetName, name, note, ...r });
      };
      row("direct call", target);
      row("hand-written JS wrapper (floor)", handWritten(target, [before], [after]), "same semantics as slothook, plain JS");
      row("slothook: hooks disabled", slothook(target, { enabled: false }));
      row("slothook: enabled, no hook matches", slothook(target, { hookPath: "other.op" }));
      row("slothook: 1 before + 1 after", slothook(target));
      row("slothook: before+after+always+error", slothook(target, { hooks: "before+after+always+error" }));
      for (const [name, p] of Object.entries(peers)) {
        if (p.sync) row(name, p.sync(target), p.note);
      }
    }
    return { rows };
  },

  // one process per hook count (bench/run.mjs), so earlier counts' garbage
  // and JIT state cannot tilt later ones
  async scale(arg) {
    const rows = [];
    for (const n of [Number(arg)]) {
      const hooks = createHooks(true);
      const fns = [];
      for (let i = 0; i < n; i++) {
        hooks.hook.on(`svc${i}.*:before`, before);
        hooks.hook.on(`svc${i}.*:after`, after);
      }
      const fn = hooks.wrapFunction("svc0.op", realistic);
      fns.push(fn);
      rows.push({ n, name: "slothook", ...measure(fn) });
      // peers: n named hook pairs, the call uses one of them
      const tapableHooks = new Map();
      for (let i = 0; i < n; i++) tapableHooks.set(`svc${i}`, peers.tapable.sync(realistic));
      const tap = tapableHooks.get("svc0");
      rows.push({ n, name: "tapable", ...measure(tap) });
      const { HookableCore } = await import("hookable");
      const h = new HookableCore();
      for (let i = 0; i < n; i++) {
        h.hook(`svc${i}:before`, (io) => {
          io.args = bump(io.args);
        });
        h.hook(`svc${i}:after`, (io) => {
          io.result = keep(io.result);
        });
      }
      const hk = (a, b) => {
        const io = { args: [a, b], result: undefined };
        h.callHook("svc0:before", io);
        io.result = realistic(io.args[0], io.args[1]);
        h.callHook("svc0:after", io);
        return io.result;
      };
      rows.push({ n, name: "hookable (HookableCore)", ...measure(hk) });
      const { default: Kareem } = await import("kareem");
      const k = new Kareem();
      for (let i = 0; i < n; i++) {
        k.pre(`svc${i}`, (a, b) => Kareem.overwriteArguments(...bump([a, b])));
        k.post(`svc${i}`, (r) => Kareem.overwriteResult(keep(r)));
      }
      const kw = k.createWrapperSync("svc0", realistic, null);
      rows.push({ n, name: "kareem", ...measure(kw) });
    }
    return { rows };
  },

  async paths() {
    const hooks = createHooks(true);
    hooks.hook.on("svc*.op:before", before);
    hooks.hook.on("svc*.op:after", after);
    const N = 10000;
    const fns = Array.from({ length: N }, (_, i) => hooks.wrapFunction(`svc${i}.op`, realistic));
    const single = fns[0];
    const rows = [];
    rows.push({ name: "one path", ...measure(single) });
    rows.push({ name: "10,000 distinct paths, round-robin", ...measureExpr("fns[i % N](i, 2)", { fns, N }) });
    return { rows };
  },

  async registration() {
    const rows = [];
    const N = 10000;
    // 10,000 on() calls, distinct patterns of the common shapes
    const shapes = [(i) => `svc${i}.*`, (i) => `svc${i}.op`, (i) => `{a,b}${i}.x`, (i) => `*.op${i}`];
    for (const shape of shapes) {
      const samples = [];
      for (let r = 0; r < 3; r++) {
        const hooks = createHooks(true);
        const t = process.hrtime.bigint();
        for (let i = 0; i < N; i++) hooks.hook.on(`${shape(i)}:before`, before);
        samples.push(Number(process.hrtime.bigint() - t) / N);
      }
      samples.sort((a, b) => a - b);
      rows.push({ name: `on() with ${shape("N")} patterns`, ns: samples[1], min: samples[0], max: samples[2] });
    }
    // first call of a new path with 10,000 registered patterns (the plan build)
    const hooks = createHooks(true);
    for (let i = 0; i < N; i++) {
      hooks.hook.on(`svc${i}.*:before`, before);
      hooks.hook.on(`svc${i}.*:after`, after);
    }
    hooks.hook.on("**:always", () => {});
    const M = 2000;
    const fresh = Array.from({ length: M }, (_, i) => hooks.wrapFunction(`svc${(i * 7) % N}.m${i}`, realistic));
    const t = process.hrtime.bigint();
    for (let i = 0; i < M; i++) consume(fresh[i](i, 2));
    const first = Number(process.hrtime.bigint() - t) / M;
    const steady = measureExpr("fresh[i % M](i, 2)", { fresh, M });
    rows.push({ name: "first call of a new path, 10,000 patterns (plan build + call)", ns: first, min: first, max: first, steady: steady.ns });
    return { rows };
  },

  async async() {
    const rows = [];
    const row = async (name, fn, note) => {
      rows.push({ name, note, ...(await measureAsync((i) => fn(i, 2))) });
    };
    await row("direct await", realisticAsync);
    await row("hand-written JS wrapper (floor)", handWritten(realisticAsync, [before], [after]));
    const hooks = createHooks(true);
    const fn = hooks.wrapFunction("svc.op", realisticAsync);
    hooks.hook.on("svc.op:before", before);
    hooks.hook.on("svc.op:after", after);
    hooks.hook.on("svc.op:always", () => {});
    await row("slothook: before + after + always", fn);
    for (const [name, p] of Object.entries(peers)) {
      if (p.async) await row(name, p.async(realisticAsync), p.asyncNote ?? p.note);
    }
    return { rows };
  },

  // §11 (s): a method call on a class-instance view costs what it costs on a
  // plain-object tree (same hooks, same target work). Each row's loop has its
  // own source text (the comment), so no row shares V8 type feedback with another.
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
      hooks.hook.on("svc.op:before", before);
      hooks.hook.on("svc.op:after", after);
      return hooks.wrap({ svc });
    };
    const plainApi = wrapped(plain);
    const viewApi = wrapped(instance);
    const rows = [];
    rows.push({ name: "direct call: plain object method", ...measureExpr("obj.op(i, 2) /* wrap: direct plain */", { obj: plain }) });
    rows.push({ name: "direct call: class instance method", ...measureExpr("obj.op(i, 2) /* wrap: direct instance */", { obj: instance }) });
    rows.push({ name: "wrapped plain-object tree, 1 before + 1 after", ...measureExpr("api.svc.op(i, 2) /* wrap: plain tree */", { api: plainApi }) });
    rows.push({ name: "wrapped class-instance view, 1 before + 1 after", ...measureExpr("api.svc.op(i, 2) /* wrap: view */", { api: viewApi }) });
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
    const handlers = Array.from({ length: N }, () => () => {});
    settle();
    const a = usage();
    for (let i = 0; i < N; i++) hooks.hook.on(`svc${i}.op${i % 10}:before`, handlers[i]);
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
    for (let i = 0; i < N; i++) own.hook.on(`q${i}.op:before`, handlers[i]);
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
      keep: [handlers.length, fns.length, ownFns.length],
    };
  },
};

const [name, arg] = process.argv.slice(2);
if (!families[name]) {
  console.error(`unknown family ${name}; one of ${Object.keys(families).join(", ")}`);
  process.exit(2);
}
const out = await families[name](arg);
report(name, out.rows);
