#!/usr/bin/env node
// `npm run bench`: one process per scenario family, side-by-side ratios,
// the issue's targets as PASS/MISS lines, memory figures, and a chart
// (bench/chart.svg) generated from this run's own numbers.
//
// Environment: SLOTHOOK_BENCH_REPEATS (rounds per row, default 7),
// SLOTHOOK_BENCH_MS (ms per round, default 60), SLOTHOOK_CTX_ROUNDS
// (process pairs for the context-cost row, default 5).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

const here = dirname(fileURLToPath(import.meta.url));
const started = Date.now();

function family(name, arg) {
  process.stderr.write(`running ${name}${arg === undefined ? "" : ` ${arg}`}…\n`);
  const args = ["--expose-gc", join(here, "families.mjs"), name];
  if (arg !== undefined) args.push(String(arg));
  const out = execFileSync(process.execPath, args, {
    encoding: "utf8",
    maxBuffer: 1 << 24,
  });
  return JSON.parse(out.trim().split("\n").pop()).rows;
}

const results = {};
for (const name of ["sync", "async", "paths", "registration", "memory", "wrap"]) results[name] = family(name);
results.scale = [1, 100, 1000, 10000].flatMap((n) => family("scale", n));
process.stderr.write("running context cost (two processes per round)…\n");
results.context = JSON.parse(
  execFileSync(process.execPath, [join(here, "context-cost.mjs"), "--json"], { encoding: "utf8" }).trim(),
);

const fmt = (ns) => (ns >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);
const spread = (r) => `${fmt(r.min)}–${fmt(r.max)}`;
const lines = [];
const out = (s = "") => lines.push(s);
const notes = new Map();
const footnote = (note) => {
  if (!note) return "";
  if (!notes.has(note)) notes.set(note, notes.size + 1);
  return ` [${notes.get(note)}]`;
};

out(`# slothook benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}`);
out();
for (const target of ["realistic", "a + b"]) {
  const rows = results.sync.filter((r) => r.target === target);
  const direct = rows.find((r) => r.name === "direct call").ns;
  const tapable = rows.find((r) => r.name === "tapable").ns;
  out(`## Sync target (${target === "realistic" ? "realistic: builds a small object" : "trivial: a + b"}), one before + one after handler`);
  out();
  out("| row | ns/call (median) | spread | × direct | × tapable |");
  out("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) {
    out(`| ${r.name}${footnote(r.note)} | ${fmt(r.ns)} | ${spread(r)} | ${(r.ns / direct).toFixed(2)} | ${(r.ns / tapable).toFixed(2)} |`);
  }
  out();
}
{
  const rows = results.async;
  const tapable = rows.find((r) => r.name === "tapable").ns;
  out("## Async target, before + after (+ always for slothook), awaited one at a time");
  out();
  out("| row | ns/call (median) | spread | × tapable + .then |");
  out("| --- | ---: | ---: | ---: |");
  for (const r of rows) out(`| ${r.name}${footnote(r.note)} | ${fmt(r.ns)} | ${spread(r)} | ${(r.ns / tapable).toFixed(2)} |`);
  out();
}
{
  out("## Per-call cost against the number of registered hooks (one of them matches the called path)");
  out();
  const ns = [...new Set(results.scale.map((r) => r.n))];
  const names = [...new Set(results.scale.map((r) => r.name))];
  out(`| row | ${ns.map((n) => `${n.toLocaleString("en")} hooks`).join(" | ")} | × (10,000 vs 1) |`);
  out(`| --- | ${ns.map(() => "---:").join(" | ")} | ---: |`);
  for (const name of names) {
    const cells = ns.map((n) => results.scale.find((r) => r.n === n && r.name === name).ns);
    out(`| ${name} | ${cells.map(fmt).join(" | ")} | ${(cells[cells.length - 1] / cells[0]).toFixed(2)} |`);
  }
  out();
}
{
  out("## Plan cache pressure, registration and plan build");
  out();
  out("| row | cost | spread |");
  out("| --- | ---: | ---: |");
  for (const r of results.paths) out(`| ${r.name} (1 before + 1 after) | ${fmt(r.ns)} | ${spread(r)} |`);
  for (const r of results.registration) out(`| ${r.name} | ${fmt(r.ns)} | ${spread(r)} |`);
  out();
  out("## wrap(): plain-object tree against a class-instance view (§11 (s)), same hooks and target work");
  out();
  out("| row | ns/call (median) | spread |");
  out("| --- | ---: | ---: |");
  for (const r of results.wrap) out(`| ${r.name} | ${fmt(r.ns)} | ${spread(r)} |`);
  {
    const plainRow = results.wrap.find((r) => r.name.startsWith("wrapped plain-object tree"));
    const viewRow = results.wrap.find((r) => r.name.startsWith("wrapped class-instance view"));
    out(`| ratio view / plain | ${(viewRow.ns / plainRow.ns).toFixed(2)}× | |`);
  }
  out();
  out("## Memory");
  out();
  out("| what | bytes |");
  out("| --- | ---: |");
  for (const r of results.memory) out(`| ${r.name} | ${Math.round(r.bytes)} |`);
  out();
  const c = results.context;
  out("## Async context cost (process-wide, measured in separate processes)");
  out();
  out("| process | ns per hooked async call |");
  out("| --- | ---: |");
  out(`| never touches the context API | ${fmt(c.withoutContextNs)} |`);
  out(`| calls hooks.context.run once | ${fmt(c.withContextNs)} |`);
  out(`| ratio | ${c.ratio.toFixed(2)}× (median of ${c.rounds} process pairs) |`);
  out();
}
if (notes.size) {
  out("Adapters:");
  for (const [note, n] of notes) out(`[${n}] ${note}`);
  out();
}

// ---- targets (issue 5)
const sync = results.sync.filter((r) => r.target === "realistic");
const get = (rows, name) => rows.find((r) => r.name === name);
const direct = get(sync, "direct call");
const checks = [];
const check = (what, ok, detail) => checks.push(`${ok ? "PASS" : "MISS"}  ${what}: ${detail}`);
{
  const s = get(sync, "slothook: 1 before + 1 after").ns;
  const t = get(sync, "tapable").ns;
  check("hooked sync call (1 before + 1 after) no slower than tapable", s <= t, `${(s / t).toFixed(2)}× tapable`);
  const nm = get(sync, "slothook: enabled, no hook matches").ns;
  check("enabled, no hook matches ≤ 1.5× a direct call", nm <= 1.5 * direct.ns, `${(nm / direct.ns).toFixed(2)}× direct`);
  const d = get(sync, "slothook: hooks disabled");
  check(
    "disabled within the run's repeat spread of a direct call",
    d.min <= direct.max,
    `${(d.ns / direct.ns).toFixed(2)}× direct (disabled ${fmt(d.min)}–${fmt(d.max)}, direct ${fmt(direct.min)}–${fmt(direct.max)})`,
  );
  const one = results.scale.find((r) => r.n === 1 && r.name === "slothook").ns;
  const many = results.scale.find((r) => r.n === 10000 && r.name === "slothook").ns;
  check("10,000 registered patterns within 1.2× of 1 pattern", many <= 1.2 * one, `${(many / one).toFixed(2)}×`);
  const build = results.registration.find((r) => r.name.startsWith("first call"));
  const buildOnly = build.ns - build.steady;
  check("first call of a new path with 10,000 patterns under 50 µs", buildOnly < 50000, `${fmt(build.ns)} (plan build ≈ ${fmt(buildOnly)} + call)`);
  const single = get(results.paths, "one path").ns;
  const rr = results.paths.find((r) => r.name.startsWith("10,000")).ns;
  check("10,000 distinct paths round-robin ≤ 2× single path", rr <= 2 * single, `${(rr / single).toFixed(2)}×`);
  const a = get(results.async, "slothook: before + after + always").ns;
  const at = get(results.async, "tapable").ns;
  check("async target (before+after+always) no slower than tapable + .then", a <= at, `${(a / at).toFixed(2)}× tapable`);
}
out("## Targets");
out();
for (const c of checks) out(`    ${c}`);
out();
out(`(total time ${((Date.now() - started) / 1000).toFixed(0)} s)`);

// ---- chart: per-call cost against registered hooks
function chart() {
  const W = 640;
  const H = 360;
  const m = { l: 70, r: 170, t: 40, b: 50 };
  const ns = [...new Set(results.scale.map((r) => r.n))];
  const names = [...new Set(results.scale.map((r) => r.name))];
  const max = Math.max(...results.scale.map((r) => r.ns));
  const yMax = Math.pow(10, Math.ceil(Math.log10(max)));
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...results.scale.map((r) => r.ns)))));
  const x = (i) => m.l + (i * (W - m.l - m.r)) / (ns.length - 1);
  const y = (v) => m.t + ((Math.log10(yMax) - Math.log10(v)) * (H - m.t - m.b)) / (Math.log10(yMax) - Math.log10(yMin));
  const colors = ["#d9480f", "#1971c2", "#2f9e44", "#7048e8", "#868e96"];
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">\n`;
  svg += `<rect width="${W}" height="${H}" fill="white"/>\n`;
  svg += `<text x="${m.l}" y="22" font-size="14" font-weight="bold">ns per hooked call vs. registered hooks (log scale, Node ${process.version})</text>\n`;
  for (let v = yMin; v <= yMax; v *= 10) {
    svg += `<line x1="${m.l}" x2="${W - m.r}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/><text x="${m.l - 8}" y="${y(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000} µs` : `${v} ns`}</text>\n`;
  }
  ns.forEach((n, i) => {
    svg += `<text x="${x(i)}" y="${H - m.b + 20}" text-anchor="middle">${n.toLocaleString("en")}</text>\n`;
  });
  svg += `<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">registered hooks (one matches)</text>\n`;
  names.forEach((name, k) => {
    const pts = ns.map((n, i) => [x(i), y(results.scale.find((r) => r.n === n && r.name === name).ns)]);
    const color = colors[k % colors.length];
    svg += `<polyline fill="none" stroke="${color}" stroke-width="${name === "slothook" ? 3 : 2}" points="${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" ")}"/>\n`;
    for (const [px, py] of pts) svg += `<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="3" fill="${color}"/>\n`;
    svg += `<text x="${W - m.r + 10}" y="${(pts[pts.length - 1][1] + 4).toFixed(1)}" fill="${color}">${name}</text>\n`;
  });
  return svg + "</svg>\n";
}

mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(join(here, "results", "latest.json"), JSON.stringify(results, null, 2));
writeFileSync(join(here, "results", "latest.md"), lines.join("\n") + "\n");
writeFileSync(join(here, "chart.svg"), chart());
console.log(lines.join("\n"));
console.log("wrote bench/results/latest.md, bench/results/latest.json and bench/chart.svg");
