// The contract lives in docs/: every `§` reference in the repository (code, tests, typings, README,
// bench, stress, examples, docs/ itself) must resolve to a heading there — a section (`§8.4`), a
// lettered item of §11 (`§11 (n)`), and for `step N` a numbered step of that section. When the
// shared spec is found next to the checkout, docs/ must also keep exactly its numbering, its
// interface texts byte for byte, and the key column of its behaviour tables.
import { test, describe } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const DOCS = path.join(ROOT, "docs");

/** Directories never scanned, wherever they are. */
const SKIP_NAMES = new Set(["node_modules", "target", ".git"]);
/** Generated, git-ignored directories (relative to the root). */
const SKIP_PATHS = new Set(["bench/results", "fuzz/corpus", "fuzz/artifacts"]);

// ------------------------------------------------------------------------------------ parsing

const NUM = String.raw`\d+(?:\.\d+)?`;
const DASH = "[-–—]";
const ITEM = String.raw`\(([a-z])\)`;
const STEP_NUMS = String.raw`\d+(?:\s*${DASH}\s*\d+)?(?:(?:\s*,\s*|\s+and\s+)\d+(?:\s*${DASH}\s*\d+)?)*`;

/**
 * One reference starting at a `§`:
 *   §N or §N.M, optionally a range `–§N.M` / `–N.M`,
 *   optionally §11-style items `(a)`, `(a)(b)`, `(a) (b)`, `(a), (b)`, `(a) / (b)`, `(a) and (b)`, `(n)–(t)`,
 *   optionally `step K` / `steps K–L and M`.
 */
const ANY_ITEM = String.raw`\([a-z]\)`;
const REF = new RegExp(
  String.raw`§(?<from>${NUM})(?:\s*${DASH}\s*§?(?<to>${NUM}))?` +
    String.raw`(?<items>(?:\s*(?:,\s*|\/\s*|and\s+)?${ANY_ITEM}(?:\s*${DASH}\s*${ANY_ITEM})?)*)` +
    String.raw`(?:\s+steps?\s+(?<steps>${STEP_NUMS}))?`,
  "gu",
);

function expandNumbers(text) {
  const out = [];
  for (const part of text.split(/\s*,\s*|\s+and\s+/)) {
    const m = new RegExp(String.raw`^(\d+)(?:\s*${DASH}\s*(\d+))?$`).exec(part.trim());
    if (!m) continue;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 50) out.push(NaN);
    else for (let k = a; k <= b; k++) out.push(k);
  }
  return out;
}

function expandItems(text) {
  const out = [];
  const re = new RegExp(String.raw`${ITEM}(?:\s*${DASH}\s*${ITEM})?`, "g");
  for (const m of text.matchAll(re)) {
    const a = m[1].charCodeAt(0);
    const b = m[2] === undefined ? a : m[2].charCodeAt(0);
    if (b < a) out.push("?backwards");
    else for (let c = a; c <= b; c++) out.push(String.fromCharCode(c));
  }
  return out;
}

/** Sections a range names: same parent → every one in between; otherwise the two ends. */
function expandRange(from, to) {
  if (to === undefined) return [from];
  const [fa, fb] = from.split(".").map(Number);
  const [ta, tb] = to.split(".").map(Number);
  if (fb === undefined && tb === undefined) {
    if (ta < fa) return null;
    return Array.from({ length: ta - fa + 1 }, (_, i) => String(fa + i));
  }
  if (fb !== undefined && tb !== undefined && fa === ta) {
    if (tb < fb) return null;
    return Array.from({ length: tb - fb + 1 }, (_, i) => `${fa}.${fb + i}`);
  }
  return [from, to];
}

/**
 * The references in `text`: [{ line, raw, sections, items, steps }], where `items` and `steps`
 * apply to the (single) section cited. A range with items or steps, or a backwards range, is
 * reported as `bad`.
 */
export function extractRefs(text) {
  const refs = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    // A space between the sign and the number would escape the check below: report it.
    for (const m of lines[i].matchAll(/§\s+\d[\d.]*/gu)) {
      refs.push({ line: i + 1, raw: m[0], sections: [], items: [], steps: [], bad: "no space after §" });
    }
    for (const m of lines[i].matchAll(REF)) {
      const { from, to, items: itemText, steps: stepText } = m.groups;
      const sections = expandRange(from, to);
      const items = itemText ? expandItems(itemText) : [];
      const steps = stepText ? expandNumbers(stepText) : [];
      const bad =
        sections === null
          ? "the range runs backwards"
          : sections.length > 1 && (items.length || steps.length)
            ? "items or steps after a range"
            : items.includes("?backwards")
              ? "the item range runs backwards"
              : steps.some(Number.isNaN)
                ? "a step range runs backwards"
                : null;
      refs.push({ line: i + 1, raw: m[0].trim(), sections: sections ?? [], items, steps, bad });
    }
  }
  return refs;
}

// ---------------------------------------------------------------------------- docs/ headings

const HEADING = /^(#{1,6})\s+(.*?)\s*$/;
const DEFINITION = new RegExp(String.raw`^§(${NUM})(?:\s+${ITEM})?(?:\s|$)`);
const NUMBERED_STEP = /^\s{0,3}(\d+)\.\s/;

/**
 * The anchors docs/ defines: headings that start with `§N`, `§N.M` or `§11 (a)`…`§11 (t)`. Each maps to
 * { file, line, steps } where `steps` are the numbers of the numbered list items in the heading's
 * body (up to the next heading of any level).
 */
export function docsAnchors(files) {
  const anchors = new Map();
  const duplicates = [];
  for (const { name, text } of files) {
    const lines = text.split(/\r?\n/);
    let current = null;
    let fence = false;
    for (let i = 0; i < lines.length; i++) {
      if (/^\s*```/.test(lines[i])) fence = !fence;
      if (fence) continue;
      const h = HEADING.exec(lines[i]);
      if (h) {
        current = null;
        const d = DEFINITION.exec(h[2]);
        if (d) {
          const key = d[2] ? `${d[1]} (${d[2]})` : d[1];
          if (anchors.has(key)) duplicates.push(`${name}:${i + 1}: §${key} is also defined at ${anchors.get(key).where}`);
          current = { where: `${name}:${i + 1}`, steps: new Set() };
          anchors.set(key, current);
        }
        continue;
      }
      const s = current && NUMBERED_STEP.exec(lines[i]);
      if (s) current.steps.add(Number(s[1]));
    }
  }
  return { anchors, duplicates };
}

/** Problems with the references of one file, as "file:line: message". */
export function checkRefs(name, text, anchors) {
  const problems = [];
  for (const r of extractRefs(text)) {
    const at = `${name}:${r.line}: ${r.raw}`;
    if (r.bad) {
      problems.push(`${at} — ${r.bad}`);
      continue;
    }
    for (const s of r.sections) {
      if (!anchors.has(s)) problems.push(`${at} — no heading §${s} in docs/`);
    }
    if (r.sections.length !== 1 || !anchors.has(r.sections[0])) continue;
    const section = r.sections[0];
    for (const it of r.items) {
      if (!anchors.has(`${section} (${it})`)) problems.push(`${at} — no item §${section} (${it}) in docs/`);
    }
    const { steps } = anchors.get(section);
    for (const n of r.steps) {
      if (!steps.has(n)) problems.push(`${at} — §${section} has no numbered step ${n} in docs/`);
    }
  }
  return problems;
}

// ------------------------------------------------------------------------------------ files

function isSkipped(rel, name) {
  return SKIP_NAMES.has(name) || SKIP_PATHS.has(rel.split(path.sep).join("/"));
}

/** Every text file of the repository (binary files — a NUL in the first 8 KiB — are left out). */
function repositoryFiles(dir = ROOT, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const rel = path.relative(ROOT, full);
    if (isSkipped(rel, entry.name)) continue;
    if (entry.isDirectory()) repositoryFiles(full, out);
    else if (entry.isFile()) {
      const buf = fs.readFileSync(full);
      if (buf.subarray(0, 8192).includes(0)) continue;
      out.push({ name: rel.split(path.sep).join("/"), text: buf.toString("utf8") });
    }
  }
  return out;
}

function docsFiles() {
  return fs
    .readdirSync(DOCS)
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => ({ name: `docs/${f}`, text: fs.readFileSync(path.join(DOCS, f), "utf8") }));
}

// ------------------------------------------------------------------------------------ tests

describe("§ references resolve in docs/", () => {
  const docs = docsFiles();
  const { anchors, duplicates } = docsAnchors(docs);

  test("docs/ defines each section and item once", () => {
    assert.deepEqual(duplicates, []);
    for (const key of ["0", "1", "3.2", "8.13", "10.7", "11", "11 (a)", "11 (t)", "11.10", "11.11"]) {
      assert.ok(anchors.has(key), `docs/ has no heading §${key}`);
    }
  });

  test("every § in the repository names a heading (and step) of docs/", () => {
    const files = repositoryFiles();
    const scanned = new Set(files.map((f) => f.name));
    for (const must of ["README.md", "lib/callpath.js", "crates/core/src/registry.rs", "docs/README.md", "__test__/docs.test.mjs"]) {
      assert.ok(scanned.has(must), `${must} was not scanned`);
    }
    assert.ok(![...scanned].some((n) => /(^|\/)(node_modules|target|\.git)\//.test(n)), "a skipped directory was scanned");
    let outsideDocs = 0;
    const problems = [];
    for (const f of files) {
      if (!f.name.startsWith("docs/")) outsideDocs += extractRefs(f.text).length;
      problems.push(...checkRefs(f.name, f.text, anchors));
    }
    // About 540 when this test was written; far fewer means the scan or the parser broke.
    assert.ok(outsideDocs > 150, `only ${outsideDocs} references outside docs/: the scan or the parser is broken`);
    assert.deepEqual(problems, [], `unresolved § references:\n${problems.join("\n")}`);
  });

  test("docs/README.md links every file of docs/, and every relative link in docs/ exists", () => {
    const index = docs.find((d) => d.name === "docs/README.md").text;
    const problems = [];
    for (const d of docs) {
      const base = path.basename(d.name);
      if (base !== "README.md" && !index.includes(`](${base})`)) problems.push(`docs/README.md does not link ${base}`);
      for (const m of d.text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(m[1])) continue;
        if (!fs.existsSync(path.resolve(DOCS, m[1]))) problems.push(`${d.name}: link to missing ${m[1]}`);
      }
    }
    assert.deepEqual(problems, []);
  });
});

describe("the reference parser", () => {
  // Written with "#" for the section sign, so the repository scan does not see these examples.
  const $ = (s) => s.replaceAll("#", "\u00a7");
  const parse = (s) => extractRefs($(s)).map(({ sections, items, steps, bad }) => ({ sections, items, steps, bad }));
  const one = (sections, items = [], steps = [], bad = null) => ({ sections, items, steps, bad });

  test("the forms used in the repository", () => {
    const cases = [
      ["see #8.4.", [one(["8.4"])]],
      ["(#0)", [one(["0"])]],
      ["#3.2 step 7", [one(["3.2"], [], [7])]],
      ["#3.1 steps 2–5)", [one(["3.1"], [], [2, 3, 4, 5])]],
      ["#3.2 steps 4–7 and 11,", [one(["3.2"], [], [4, 5, 6, 7, 11])]],
      ["#8.6–#8.8 and", [one(["8.6", "8.7", "8.8"])]],
      ["(spec #8.1–8.4, #8.6–8.13)", [one(["8.1", "8.2", "8.3", "8.4"]), one(["8.6", "8.7", "8.8", "8.9", "8.10", "8.11", "8.12", "8.13"])]],
      ["#7.2–#7.4.", [one(["7.2", "7.3", "7.4"])]],
      ["#11 (n)", [one(["11"], ["n"])]],
      ["#11 (e), (f), (j)", [one(["11"], ["e", "f", "j"])]],
      ["#11 (b)(c)(d)(l)(m))", [one(["11"], ["b", "c", "d", "l", "m"])]],
      ["#11 (b) (c) (d) (l) (m) examples", [one(["11"], ["b", "c", "d", "l", "m"])]],
      ["#11 (b) / (m) malformed", [one(["11"], ["b", "m"])]],
      ["#11 (b), (k), (m) and #11.11 (new codes)", [one(["11"], ["b", "k", "m"]), one(["11.11"])]],
      ["#11 (e), (i), (j), #11.10 (frozen)", [one(["11"], ["e", "i", "j"]), one(["11.10"])]],
      ["#11 (i)/#11.11:", [one(["11"], ["i"]), one(["11.11"])]],
      ["#4.4/#11.10", [one(["4.4"]), one(["11.10"])]],
      ["#10.4/#10.5", [one(["10.4"]), one(["10.5"])]],
      ["#11 (n)–(t) win", [one(["11"], ["n", "o", "p", "q", "r", "s", "t"])]],
      ["#11 (b) (derived: residual, not expanded)", [one(["11"], ["b"])]],
      ["#4.3 (negation does not count)", [one(["4.3"])]],
      ["#8.2 / #9.3 HOOK", [one(["8.2"]), one(["9.3"])]],
      ["spec #11 marks", [one(["11"])]],
      ["#11.10's table", [one(["11.10"])]],
    ];
    for (const [input, expected] of cases) assert.deepEqual(parse(input), expected, input);
  });

  test("malformed ranges are reported", () => {
    assert.equal(parse("#8.8–#8.6")[0].bad, "the range runs backwards");
    assert.equal(parse("#3.2 steps 7–4")[0].bad, "a step range runs backwards");
    assert.equal(parse("#11 (t)–(n)")[0].bad, "the item range runs backwards");
    assert.equal(parse("#8.1–#8.3 step 2")[0].bad, "items or steps after a range");
    assert.equal(parse("see # 8.4")[0].bad, "no space after §");
  });

  test("a reference that does not resolve fails, naming the file and the line", () => {
    const { anchors } = docsAnchors(docsFiles());
    const text = [
      "// fine: #8.4, #3.2 step 7, #11 (n), #8.6–#8.8",
      "// bogus: #8.14",
      "// bogus: #11 (u) and #3.2 step 12",
      "// bogus: #11.12 and #8.12–#8.15",
    ].join("\n");
    assert.deepEqual(checkRefs("lib/example.js", $(text), anchors), [
      "lib/example.js:2: #8.14 — no heading #8.14 in docs/",
      "lib/example.js:3: #11 (u) — no item #11 (u) in docs/",
      "lib/example.js:3: #3.2 step 12 — #3.2 has no numbered step 12 in docs/",
      "lib/example.js:4: #11.12 — no heading #11.12 in docs/",
      "lib/example.js:4: #8.12–#8.15 — no heading #8.14 in docs/",
      "lib/example.js:4: #8.12–#8.15 — no heading #8.15 in docs/",
    ].map($));
  });
});

// --------------------------------------------------------------------- against the shared spec

function findSpec() {
  const candidates = [
    process.env.SLOTHOOK_SHARED_SPEC,
    path.resolve(ROOT, "../shared/spec/hook-semantics.md"),
    path.resolve(ROOT, "../../shared/spec/hook-semantics.md"),
  ].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p));
}

const SPEC = findSpec();

/** The shared spec's sections: "N" / "N.M" headings and the "**(x)" items of §11, with their bodies. */
function specSections(text) {
  const lines = text.split(/\r?\n/);
  const out = new Map();
  let current = null;
  for (const line of lines) {
    const h = /^#{2,6}\s+(\d+(?:\.\d+)?)\s/.exec(line);
    const item = /^\*\*\(([a-z])\)/.exec(line);
    if (h) out.set(h[1], (current = []));
    else if (/^#/.test(line)) current = null;
    else if (item) out.set(`11 (${item[1]})`, (current = [line]));
    else if (current) current.push(line);
  }
  return out;
}

function docsSections(files) {
  const out = new Map();
  for (const { text } of files) {
    let current = null;
    for (const line of text.split(/\r?\n/)) {
      const h = HEADING.exec(line);
      if (h) {
        const d = DEFINITION.exec(h[2]);
        current = d ? [] : null;
        if (d) out.set(d[2] ? `${d[1]} (${d[2]})` : d[1], current);
      } else if (current) current.push(line);
    }
  }
  return out;
}

/** The cells of a Markdown table row (pipes inside code spans or escaped do not split). */
function cells(row) {
  const out = [];
  let cell = "";
  let code = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === "\\" && row[i + 1] === "|") {
      cell += "|";
      i++;
    } else if (c === "`") {
      code = !code;
      cell += c;
    } else if (c === "|" && !code) {
      out.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  out.push(cell.trim());
  return out.slice(1, -1);
}

/** Data rows of every table in a section body. */
function tableRows(body) {
  return body.filter((l) => l.startsWith("|") && !/^\|\s*-{3}/.test(l)).map(cells);
}

describe("docs/ keeps the shared spec's numbering and facts", { skip: SPEC ? false : "the shared spec is not next to this checkout" }, () => {
  const spec = SPEC ? specSections(fs.readFileSync(SPEC, "utf8")) : new Map();
  const docs = docsSections(docsFiles());

  test("the same sections and items, no more, no less", () => {
    assert.deepEqual([...docs.keys()].sort(), [...spec.keys()].sort());
  });

  test("interface texts (§3.3, §9.2, §9.3) byte for byte", () => {
    const docsLines = new Set([...docs.values()].flat());
    const missing = [];
    for (const key of ["3.3", "9.2", "9.3"]) {
      for (const line of spec.get(key)) {
        if (line.startsWith("|") || /^`[^`]+`$/.test(line)) {
          if (!docsLines.has(line)) missing.push(`§${key}: ${line}`);
        }
      }
    }
    assert.deepEqual(missing, []);
  });

  test("behaviour tables keep every row", () => {
    const problems = [];
    // Tables keyed by facts (patterns, inputs, members, values, outcomes): the same key cells.
    for (const key of ["2", "3.1", "4.2", "4.3", "4.5", "6", "7.2", "8.2", "8.5", "8.9", "10.3", "10.4", "11.10"]) {
      const want = tableRows(spec.get(key)).map((r) => r[0]);
      const have = new Set(tableRows(docs.get(key) ?? []).map((r) => r[0]));
      for (const cell of want) if (!have.has(cell)) problems.push(`§${key}: no row "${cell}"`);
    }
    // Tables keyed by prose (reworded in docs/): the same number of rows.
    for (const key of ["1", "3.3", "3.5", "7.1", "8.11", "8.12", "9.2", "9.3", "10.5"]) {
      const want = tableRows(spec.get(key)).length;
      const have = tableRows(docs.get(key) ?? []).length;
      if (want !== have) problems.push(`§${key}: ${have} table rows, the shared spec has ${want}`);
    }
    assert.deepEqual(problems, []);
  });
});
