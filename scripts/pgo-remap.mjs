// Carries a profile taken on the native build over to the wasm32 build (scripts/pgo.sh).
//
//   node scripts/pgo-remap.mjs NATIVE.proftext WASM_SYMBOLS.txt OUT.proftext
//
// rustc has no profiler runtime for wasm32, so the training runs natively. LLVM finds a
// function's counts by its name, and the names differ between the two builds only in the crates'
// disambiguators: with v0 mangling each crate appears as `Cs<disambiguator>_<len><name>`, and
// functions local to a crate are prefixed by their codegen unit, `<crate>.<hex>-cgu.<n>;`, the
// hex being the disambiguator's value plus two. WASM_SYMBOLS is `llvm-nm` of the wasm build's
// rlibs; each crate's native disambiguator is replaced by its wasm one. A crate found under two
// disambiguators on either side (two versions), or whose two disambiguators differ in length (v0
// back-references count characters), keeps its native names: LLVM finds no profile for those
// functions and optimizes them as without one.
//
// Functions the training never entered are left out: given a profile of all zeros LLVM would
// treat them as cold and optimize them for size, where without a profile they are optimized as
// usual (a direction or feature the training does not exercise keeps its plain speed).
//
// A function whose code differs between the two targets (its control-flow hash) is still found
// by name, and LLVM discards its counts with a warning; scripts/pgo.sh counts those.

import { readFileSync, writeFileSync } from "node:fs";

const [nativePath, symbolsPath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error("usage: node scripts/pgo-remap.mjs NATIVE.proftext WASM_SYMBOLS.txt OUT.proftext");
  process.exit(2);
}

const BASE62 = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const base62 = (s) => [...s].reduce((v, c) => v * 62n + BigInt(BASE62.indexOf(c)), 0n);

// Crate name → the set of disambiguators it appears under in `text`.
const CRATE = /Cs([0-9A-Za-z]+)_(\d+)/g;
function crates(text) {
  const found = new Map();
  for (const m of text.matchAll(CRATE)) {
    const end = m.index + m[0].length;
    const name = text.slice(end, end + Number(m[2]));
    if (!found.has(name)) found.set(name, new Set());
    found.get(name).add(m[1]);
  }
  return found;
}

const native = readFileSync(nativePath, "utf8");
const wasm = crates(readFileSync(symbolsPath, "utf8"));
const disambiguator = new Map();
const unit = new Map();
const unmapped = [];
for (const [name, ids] of crates(native)) {
  const there = wasm.get(name);
  if (!there || there.size !== 1 || ids.size !== 1) {
    unmapped.push(name);
    continue;
  }
  const [from] = ids;
  const [to] = there;
  if (from.length !== to.length) {
    unmapped.push(`${name} (lengths differ)`);
    continue;
  }
  disambiguator.set(from, to);
  unit.set((base62(from) + 2n).toString(16), (base62(to) + 2n).toString(16));
}

const renamed = (record) =>
  record
    .replace(CRATE, (whole, id, len) => `Cs${disambiguator.get(id) ?? id}_${len}`)
    .replace(/^([A-Za-z0-9_]+)\.([0-9a-f]+)-cgu\.(\d+);/, (whole, crate, hex, n) => `${crate}.${unit.get(hex) ?? hex}-cgu.${n};`);

// The text format: header lines (`# IR level...`, `:ir`...), then one record a function, records
// separated by a blank line. A record: name, "# Func Hash:", hash, "# Num Counters:", n,
// "# Counter Values:", n counts, then value profiles.
const records = native.split("\n\n");
const first = records[0].split("\n");
let headerLines = 0;
while (headerLines < first.length && /^(# IR level|:)/.test(first[headerLines])) headerLines++;
const header = first.slice(0, headerLines).join("\n");
records[0] = first.slice(headerLines).join("\n");
let kept = 0;
let idle = 0;
const out = [];
for (const record of records) {
  if (!record.trim()) continue;
  const lines = record.split("\n");
  const at = lines.indexOf("# Counter Values:");
  const count = Number(lines[at - 1]);
  const counts = at > 0 ? lines.slice(at + 1, at + 1 + count) : [];
  if (counts.length === count && counts.every((c) => c.trim() === "0")) {
    idle++;
    continue;
  }
  out.push(renamed(record));
  kept++;
}
writeFileSync(outPath, `${header}\n${out.join("\n\n")}\n`);
console.log(
  `pgo-remap: ${kept} functions with counts (${idle} never entered, left out); ${disambiguator.size} crates renamed` +
    (unmapped.length ? `, kept native names: ${unmapped.join(", ")}` : ""),
);
