#!/usr/bin/env node
// The registration family: what one `hook.on()` costs, measured with
// process.cpuUsage() (CPU time of this process, so a busy shared machine
// inflates it less than wall time), many rounds, min / median / max.
//
//   node bench/registration.mjs                 # this checkout
//   node bench/registration.mjs DIR [DIR ...]   # several checkouts (each a package root with its
//                                               # built .node), rounds interleaved in one process
//
// Prints one JSON line per checkout: { root, rows: [{ name, ns, q1, q3, min, max }] } (ns = median ns per
// on()). Importable: `registrationRows(createHooks, options)` returns the rows of one build, and
// `compare(roots, options)` the interleaved measurement.
//
// Rows:
//   * same pattern: every on() registers "svc.op:before", compiled once, so the row is the
//     registration itself (the N-API crossings, the registry, the JS record);
//   * same pattern, explicit ids: the same with { id };
//   * distinct svcN.* patterns: each on() also compiles a new pattern (regex);
//   * distinct svcN.op patterns: a new literal pattern each time (no regex).
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { summarize } from "./measure.mjs";

const ROUNDS = Number(process.env.SLOTHOOK_REG_ROUNDS ?? 41);
/** Registrations per round (each round on a fresh hooks instance). */
const PER_ROUND = Number(process.env.SLOTHOOK_REG_N ?? 2000);

const noop = () => {};

/** The registration workloads: name -> (hook, n) => void. */
const WORKLOADS = {
  "on() same pattern": (hook, n) => {
    for (let i = 0; i < n; i++) hook.on("svc.op:before", noop);
  },
  "on() same pattern, explicit ids": (hook, n) => {
    for (let i = 0; i < n; i++) hook.on("svc.op:before", noop, { id: `id${i}` });
  },
  "on() distinct svcN.* patterns": (hook, n) => {
    for (let i = 0; i < n; i++) hook.on(`svc${i}.*:before`, noop);
  },
  "on() distinct svcN.op patterns": (hook, n) => {
    for (let i = 0; i < n; i++) hook.on(`svc${i}.op:before`, noop);
  },
};

function cpuNs() {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
}

/** ns per on() of one round of `work` on a fresh instance. */
function round(createHooks, work, n) {
  const hooks = createHooks(true);
  const t = cpuNs();
  work(hooks.hook, n);
  return (cpuNs() - t) / n;
}

/**
 * Interleaved rounds for several builds: round r of workload w runs each build once, in an order
 * that rotates with r, so drift on the machine reaches every build alike.
 * @param {Array<Function>} builds createHooks of each build
 */
function measureInterleaved(builds, { rounds = ROUNDS, perRound = PER_ROUND } = {}) {
  const out = builds.map(() => []);
  for (const [name, work] of Object.entries(WORKLOADS)) {
    // warm-up: every build's code paths optimized before timing
    for (let w = 0; w < 3; w++) for (const createHooks of builds) round(createHooks, work, perRound);
    const samples = builds.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let k = 0; k < builds.length; k++) {
        const b = (k + r) % builds.length;
        samples[b].push(round(builds[b], work, perRound));
      }
    }
    samples.forEach((s, b) => out[b].push({ name, ...summarize(s) }));
  }
  return out;
}

/** The rows of one build. */
export function registrationRows(createHooks, options) {
  return measureInterleaved([createHooks], options)[0];
}

/** The rows of several package roots, measured interleaved in this process. */
export function compare(roots, options) {
  const builds = roots.map((root) => createRequire(resolve(root, "package.json"))(resolve(root, "index.js")).createHooks);
  return measureInterleaved(builds, options).map((rows, i) => ({ root: roots[i], rows }));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const roots = process.argv.length > 2 ? process.argv.slice(2) : [fileURLToPath(new URL("..", import.meta.url))];
  for (const result of compare(roots)) process.stdout.write(JSON.stringify(result) + "\n");
}
