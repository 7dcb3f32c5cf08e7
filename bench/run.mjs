#!/usr/bin/env node
// `npm run bench`: one process per scenario family (bench/families.mjs), rows
// of a family measured side by side in interleaved rounds (bench/measure.mjs),
// the targets judged on per-round ratios, memory figures, and a chart
// (bench/chart.svg) from this run's own numbers. Child processes use the Node
// that runs this script: `~/.cache/slothook/node/24/bin/node bench/run.mjs`
// measures Node 24.
//
// A target prints PASS when the upper quartile of its per-round ratios is
// within the threshold, MISS when the lower quartile is beyond it, and NOISY
// when the interquartile range straddles it.
//
// Environment: SLOTHOOK_BENCH_ROUNDS, SLOTHOOK_BENCH_MS (bench/measure.mjs),
// SLOTHOOK_BENCH_PROCESSES (processes per timed family, default 3),
// SLOTHOOK_CTX_ROUNDS (process pairs for the context-cost row, default 5).
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { summarize } from "./measure.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const started = Date.now();

const PROCESSES = Number(process.env.SLOTHOOK_BENCH_PROCESSES ?? 3);

/**
 * Runs a family in `processes` processes of its own, one after the other,
 * and pools each row's rounds: a row's median and a ratio's per-round
 * quantiles then span several processes, so one process's JIT decisions
 * (which interleaving cannot average out) do not decide a target.
 */
function family(name, arg, processes = PROCESSES) {
  const runs = [];
  for (let p = 0; p < processes; p++) {
    process.stderr.write(`running ${name}${arg === undefined ? "" : ` ${arg}`} (process ${p + 1} of ${processes})…\n`);
    const args = ["--expose-gc", join(here, "families.mjs"), name];
    if (arg !== undefined) args.push(String(arg));
    const out = execFileSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 26 });
    runs.push(JSON.parse(out.trim().split("\n").pop()).rows);
  }
  if (runs.length === 1 || runs[0][0].rounds === undefined) return runs[0];
  return runs[0].map((row, i) => {
    const rounds = runs.flatMap((rows) => rows[i].rounds);
    return { ...row, rounds, ...summarize(rounds) };
  });
}

const results = {
  sync: family("sync", "realistic"),
  syncTrivial: family("sync", "trivial"),
  async: family("async"),
  scale: family("scale"),
  paths: family("paths"),
  registration: family("registration", undefined, 1),
  memory: family("memory", undefined, 1),
  wrap: family("wrap"),
  seam: family("seam"),
};
process.stderr.write("running tracing (bench/tracing.mjs)…\n");
results.tracing = JSON.parse(
  execFileSync(process.execPath, ["--expose-gc", join(here, "tracing.mjs"), "--json"], { encoding: "utf8", maxBuffer: 1 << 26 })
    .trim()
    .split("\n")
    .pop(),
);
process.stderr.write("running context cost (two processes per round)…\n");
results.context = JSON.parse(execFileSync(process.execPath, [join(here, "context-cost.mjs"), "--json"], { encoding: "utf8" }).trim());

// ------------------------------------------------------------------ render

const fmt = (ns) => (ns >= 10000 ? `${(ns / 1000).toFixed(1)} µs` : `${ns.toFixed(1)} ns`);
const iqr = (r) => `${fmt(r.q1)}–${fmt(r.q3)}`;
const x = (v) => `${v.toFixed(2)}×`;
const lines = [];
const out = (s = "") => lines.push(s);
const notes = new Map();
const footnote = (note) => {
  if (!note) return "";
  if (!notes.has(note)) notes.set(note, notes.size + 1);
  return ` [${notes.get(note)}]`;
};
const get = (rows, name) => {
  const r = rows.find((row) => row.name === name || row.id === name);
  if (r === undefined) throw new Error(`no row ${name}`);
  return r;
};
/** Per-round ratios a / b. */
const ratio = (a, b) => summarize(a.rounds.map((v, i) => v / b.rounds[i]));

out(`# slothook benchmark — ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus()[0]?.model ?? "?"} × ${cpus().length}`);
out();
out(`Medians of interleaved rounds (${PROCESSES} processes per family, their rounds pooled); IQR = interquartile range of the rounds; ratios are medians of per-round ratios.`);
out();
for (const [key, label] of [
  ["sync", "realistic: builds a small object"],
  ["syncTrivial", "trivial: a + b"],
]) {
  const rows = results[key];
  const direct = get(rows, "direct call");
  const tapable = get(rows, "tapable");
  out(`## Sync target (${label}), one before + one after handler`);
  out();
  out("| row | ns/call (median) | IQR | × direct | × tapable |");
  out("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) out(`| ${r.name}${footnote(r.note)} | ${fmt(r.ns)} | ${iqr(r)} | ${ratio(r, direct).ns.toFixed(2)} | ${ratio(r, tapable).ns.toFixed(2)} |`);
  out();
}
{
  const rows = results.async;
  const tapable = get(rows, "tapable");
  out("## Async target, before + after (+ always for slothook and the floor), awaited one call at a time");
  out();
  out("| row | ns/call (median) | IQR | × tapable + .then |");
  out("| --- | ---: | ---: | ---: |");
  for (const r of rows) out(`| ${r.name}${footnote(r.note)} | ${fmt(r.ns)} | ${iqr(r)} | ${ratio(r, tapable).ns.toFixed(2)} |`);
  out();
}
const series = [...new Set(results.scale.map((r) => r.series))];
const counts = [...new Set(results.scale.map((r) => r.n))];
const scaleRow = (s, n) => results.scale.find((r) => r.series === s && r.n === n);
{
  out("## Per-call cost against the number of registered hooks (one of them matches the called path)");
  out();
  out(`| row | ${counts.map((n) => `${n.toLocaleString("en")} hooks`).join(" | ")} | × (10,000 vs 1) |`);
  out(`| --- | ${counts.map(() => "---:").join(" | ")} | ---: |`);
  for (const s of series) {
    const cells = counts.map((n) => scaleRow(s, n));
    out(`| ${s} | ${cells.map((r) => fmt(r.ns)).join(" | ")} | ${ratio(cells[cells.length - 1], cells[0]).ns.toFixed(2)} |`);
  }
  out();
}
{
  out("## Plan cache pressure, registration and plan build");
  out();
  out("| row | cost | IQR |");
  out("| --- | ---: | ---: |");
  for (const r of results.paths) out(`| ${r.name} (1 before + 1 after) | ${fmt(r.ns)} | ${iqr(r)} |`);
  for (const r of results.registration) out(`| ${r.name} | ${fmt(r.ns)} | ${iqr(r)} |`);
  out();
  out("## Memory");
  out();
  out("| what | bytes |");
  out("| --- | ---: |");
  for (const r of results.memory) out(`| ${r.name} | ${Math.round(r.bytes)} |`);
  out();
}
{
  out("## wrap(): a plain-object tree against a class-instance view (§11 (s)), same hooks and target work");
  out();
  out("| row | ns/call (median) | IQR |");
  out("| --- | ---: | ---: |");
  for (const r of results.wrap) out(`| ${r.name} | ${fmt(r.ns)} | ${iqr(r)} |`);
  const plain = results.wrap.find((r) => r.name.startsWith("wrapped plain-object tree"));
  const view = results.wrap.find((r) => r.name.startsWith("wrapped class-instance view"));
  const v = ratio(view, plain);
  out();
  out(`view / plain tree: ${x(v.ns)} (IQR ${x(v.q1)}–${x(v.q3)})`);
  out();
}
const seam = (() => {
  const rows = results.seam;
  const [nul, seam0, seam21, direct, nomatch, one] = ["null", "seam0", "seam21", "direct", "nomatch", "one"].map((id) => get(rows, id));
  const diff = (a, b) => summarize(a.rounds.map((v, i) => v - b.rounds[i]));
  const slack = (added, budget) => summarize(budget.rounds.map((v, i) => v - added.rounds[i]));
  const added0 = { rounds: seam0.rounds.map((v, i) => v - nul.rounds[i]) };
  const added21 = { rounds: seam21.rounds.map((v, i) => v - nul.rounds[i]) };
  const budget0 = { rounds: nomatch.rounds.map((v, i) => v - direct.rounds[i]) };
  const budget21 = { rounds: one.rounds.map((v, i) => v - direct.rounds[i]) };
  out("## Inside slothlet: the harness's call path (slothlet's, from the spec) over the seam");
  out();
  out("| row | ns/call (median) | IQR |");
  out("| --- | ---: | ---: |");
  for (const r of rows) out(`| ${r.name} | ${fmt(r.ns)} | ${iqr(r)} |`);
  out();
  out("| added per call | median | IQR |");
  out("| --- | ---: | ---: |");
  for (const [label, d] of [
    ["seam, no hooks, over the do-nothing manager", diff(seam0, nul)],
    ["seam, 20 + 1 hooks, over the do-nothing manager", diff(seam21, nul)],
    ["standalone: enabled, no hook matches, over a direct call", diff(nomatch, direct)],
    ["standalone: 1 matching before, over a direct call", diff(one, direct)],
  ]) {
    out(`| ${label} | ${fmt(d.ns)} | ${iqr(d)} |`);
  }
  out();
  return { slack0: slack(added0, budget0), slack21: slack(added21, budget21), added0: summarize(added0.rounds), added21: summarize(added21.rounds), budget0: summarize(budget0.rounds), budget21: summarize(budget21.rounds) };
})();
{
  const t = results.tracing;
  out("## Tracing: calls published on a diagnostics_channel TracingChannel (bench/tracing.mjs)");
  out();
  out("| row | ns/call (median) | min–max |");
  out("| --- | ---: | ---: |");
  for (const r of t.rows) out(`| ${r.name} | ${fmt(r.ns)} | ${fmt(r.min)}–${fmt(r.max)} |`);
  out();
  out("| ratio | median of per-round ratios | IQR | rounds' range |");
  out("| --- | ---: | ---: | ---: |");
  const ratioRow = (label, r) => out(`| ${label} | ${x(r.ratio)} | ${x(r.q1)}–${x(r.q3)} | ${x(r.min)}–${x(r.max)} |`);
  for (const [when, set] of Object.entries(t.ratios.noSubscriber)) {
    for (const [k, r] of Object.entries(set)) ratioRow(`traced, no subscriber / untraced (${k}; ${when})`, r);
  }
  for (const [k, r] of Object.entries(t.ratios.subscriber)) ratioRow(`traced, one subscriber / raw TracingChannel.traceSync (${k})`, r);
  out();
}
{
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

// ----------------------------------------------------------------- targets

const checks = [];
/** stats: quantiles of a per-round ratio; PASS / MISS / NOISY against `limit`. */
function target(what, stats, limit, unit = "×") {
  const verdict = stats.q3 <= limit ? "PASS" : stats.q1 > limit ? "MISS" : "NOISY";
  const show = (v) => (unit === "×" ? x(v) : fmt(v));
  checks.push(`${verdict.padEnd(5)} ${what}: ${show(stats.ns)} (IQR ${show(stats.q1)}–${show(stats.q3)}; limit ${show(limit)})`);
}
/** stats: quantiles of a per-round slack (budget − added); PASS when it is never short. */
function within(what, added, budget, slack) {
  const verdict = slack.q1 >= 0 ? "PASS" : slack.q3 < 0 ? "MISS" : "NOISY";
  checks.push(`${verdict.padEnd(5)} ${what}: adds ${fmt(added.ns)}, budget ${fmt(budget.ns)} (slack IQR ${fmt(slack.q1)}–${fmt(slack.q3)})`);
}
{
  const s = results.sync;
  const direct = get(s, "direct call");
  target("1 before + 1 after (sync, realistic target) ≤ 1.1× tapable", ratio(get(s, "slothook: 1 before + 1 after"), get(s, "tapable")), 1.1);
  target("hooks disabled ≤ 1.1× a direct call", ratio(get(s, "slothook: hooks disabled"), direct), 1.1);
  target("enabled, no hook matches ≤ 1.3× a direct call", ratio(get(s, "slothook: enabled, no hook matches"), direct), 1.3);
  const t = results.syncTrivial;
  target("1 before + 1 after (sync, a + b) ≤ 1.1× tapable", ratio(get(t, "slothook: 1 before + 1 after"), get(t, "tapable")), 1.1);
  const a = results.async;
  target("async target, before + after + always ≤ 1.1× tapable + .then", ratio(get(a, "slothook: before + after + always"), get(a, "tapable")), 1.1);
  target("10,000 registered patterns within 1.2× of 1", ratio(scaleRow("slothook", 10000), scaleRow("slothook", 1)), 1.2);
  const single = get(results.paths, "one path");
  const rr = results.paths.find((r) => r.name.startsWith("10,000"));
  target("10,000 distinct paths round-robin ≤ 2× a single path", ratio(rr, single), 2);
  const build = results.registration.find((r) => r.name.startsWith("first call"));
  const buildOnly = build.ns - build.steady;
  // judged like the other targets: on the batches' quartiles
  const buildVerdict = build.q3 - build.steady < 50000 ? "PASS " : build.q1 - build.steady > 50000 ? "MISS " : "NOISY";
  checks.push(
    `${buildVerdict} first call of a new path with 10,000 patterns under 50 µs: ${fmt(build.ns)} (plan build ≈ ${fmt(buildOnly)} + call; IQR ${fmt(build.q1)}–${fmt(build.q3)})`,
  );
  for (const [when, set] of Object.entries(results.tracing.ratios.noSubscriber)) {
    for (const [k, r] of Object.entries(set)) {
      // judged like the other targets: on the per-round ratios' quartiles
      const verdict = r.q3 <= 1.05 ? "PASS" : r.q1 > 1.05 ? "MISS" : "NOISY";
      checks.push(`${verdict.padEnd(5)} tracing with no subscriber ≤ 1.05× untraced (${k}; ${when}): ${x(r.ratio)} (IQR ${x(r.q1)}–${x(r.q3)}; limit 1.05×)`);
    }
  }
  within("inside slothlet, no hooks: the seam adds ≤ the standalone no-match overhead", seam.added0, seam.budget0, seam.slack0);
  within("inside slothlet, 20 + 1 hooks: the seam adds ≤ that overhead + the handler call", seam.added21, seam.budget21, seam.slack21);
}
out("## Targets");
out();
out("```");
for (const c of checks) out(c);
out("```");
out();
out(`(total time ${((Date.now() - started) / 1000).toFixed(0)} s)`);

// ------------------------------------------------------------------- chart

function chart() {
  const W = 640;
  const H = 360;
  const m = { l: 70, r: 190, t: 40, b: 50 };
  const all = results.scale.map((r) => r.ns);
  const yMax = Math.pow(10, Math.ceil(Math.log10(Math.max(...all))));
  const yMin = Math.pow(10, Math.floor(Math.log10(Math.min(...all))));
  const px = (i) => m.l + (i * (W - m.l - m.r)) / (counts.length - 1);
  const py = (v) => m.t + ((Math.log10(yMax) - Math.log10(v)) * (H - m.t - m.b)) / (Math.log10(yMax) - Math.log10(yMin));
  const colors = ["#d9480f", "#1971c2", "#2f9e44", "#7048e8", "#868e96"];
  let svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">\n`;
  svg += `<rect width="${W}" height="${H}" fill="white"/>\n`;
  svg += `<text x="${m.l}" y="22" font-size="14" font-weight="bold">ns per hooked call vs. registered hooks (log scale, Node ${process.version})</text>\n`;
  for (let v = yMin; v <= yMax; v *= 10) {
    svg += `<line x1="${m.l}" x2="${W - m.r}" y1="${py(v)}" y2="${py(v)}" stroke="#ddd"/><text x="${m.l - 8}" y="${py(v) + 4}" text-anchor="end">${v >= 1000 ? `${v / 1000} µs` : `${v} ns`}</text>\n`;
  }
  counts.forEach((n, i) => {
    svg += `<text x="${px(i)}" y="${H - m.b + 20}" text-anchor="middle">${n.toLocaleString("en")}</text>\n`;
  });
  svg += `<text x="${(m.l + W - m.r) / 2}" y="${H - 12}" text-anchor="middle">registered hooks (one matches)</text>\n`;
  series.forEach((name, k) => {
    const pts = counts.map((n, i) => [px(i), py(scaleRow(name, n).ns)]);
    const color = colors[k % colors.length];
    svg += `<polyline fill="none" stroke="${color}" stroke-width="${name === "slothook" ? 3 : 2}" points="${pts.map((p) => p.map((v) => v.toFixed(1)).join(",")).join(" ")}"/>\n`;
    for (const [cx, cy] of pts) svg += `<circle cx="${cx.toFixed(1)}" cy="${cy.toFixed(1)}" r="3" fill="${color}"/>\n`;
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
