// Time-window parsing throughput: 100,000 mixed window strings through the built npm package
// (pkg/, `make pkg`) and, in the same Node process, through luxon and a narrow hand-written
// regex parser. Prints windows/second (median of several runs) and checks that orderbridge
// and luxon agree on every instant.
//
//   make pkg && (cd benches && npm ci && node time.mjs)
//
// Every implementation gets the same work: each string, read against a date and an IANA zone,
// to absolute start and end instants. Timings on a shared machine are noisy: compare medians.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { DateTime, Interval } from "luxon";

const pkgEntry = fileURLToPath(new URL("../pkg/node/index.mjs", import.meta.url));
if (!existsSync(pkgEntry)) {
  console.error("pkg/ is not built: run `make pkg` (scripts/build-pkg.sh) first.");
  process.exit(1);
}
const ob = await import(pkgEntry);

const N = Number(process.env.N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 7);
const DATE = "2024-03-22";
const ZONE = "Europe/Moscow";
const STRIDE = 7;

// ---- input: a deterministic mix of every Yandex time_interval form ----
// mulberry32: small, seedable, and exact in 32-bit integer arithmetic.
let seed = 42;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const p2 = (n) => String(n).padStart(2, "0");
function makeInput() {
  const out = new Array(N);
  for (let i = 0; i < N; i++) {
    const h = 6 + rand(14);
    const m = rand(4) * 15;
    const len = 1 + rand(6);
    const eh = (h + len) % 24;
    const em = rand(2) * 30;
    const kind = rand(100);
    if (kind === 0) out[i] = rand(2) ? "25:00-26:00" : "10:00-"; // 1% invalid
    else if (kind < 35) out[i] = `${p2(h)}:${p2(m)}-${p2(eh)}:${p2(em)}`;
    else if (kind < 45) out[i] = `${h}-${eh}`;
    else if (kind < 55) out[i] = `${p2(h)}:${p2(m)} - ${p2(eh)}:${p2(em)}`;
    else if (kind < 60) out[i] = `${p2(h)}:${p2(m)}:${p2(rand(60))}-${p2(eh)}:${p2(em)}`;
    else {
      const day = 1 + rand(28);
      const off = rand(2) ? "+03:00" : "Z";
      const start = `2024-03-${p2(day)}T${p2(h)}:${p2(m)}:00${off}`;
      if (kind < 90) {
        const endH = Math.min(23, h + len);
        out[i] = `${start}/2024-03-${p2(day)}T${p2(endH)}:${p2(em)}:00${off}`;
      } else out[i] = `${start}/PT${len}H${em ? `${em}M` : ""}`;
    }
  }
  return out;
}

// ---- implementations: each returns a Float64Array [start0, end0, start1, end1, ...] of UNIX s ----

function orderbridgeBatch(strings) {
  const rec = ob.parseTimeWindowBatch(strings.join("\n"), { timeZone: ZONE, date: DATE });
  if (rec.length !== strings.length * STRIDE) throw new Error("a line break inside an input string");
  const out = new Float64Array(strings.length * 2);
  for (let i = 0; i < strings.length; i++) {
    out[2 * i] = rec[i * STRIDE] === 0 ? NaN : rec[i * STRIDE + 3];
    out[2 * i + 1] = rec[i * STRIDE] === 0 ? NaN : rec[i * STRIDE + 4];
  }
  return out;
}

function orderbridgeObjects(strings) {
  const opts = { timeZone: ZONE, date: DATE };
  const out = new Float64Array(strings.length * 2);
  for (let i = 0; i < strings.length; i++) {
    const r = ob.parseTimeWindow(strings[i], opts);
    out[2 * i] = r.ok ? r.startUnix : NaN;
    out[2 * i + 1] = r.ok ? r.endUnix : NaN;
  }
  return out;
}

const CLOCK_FORMATS = ["yyyy-MM-dd H", "yyyy-MM-dd H:mm", "yyyy-MM-dd H:mm:ss"];
function luxon(strings) {
  const out = new Float64Array(strings.length * 2);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    let start = NaN;
    let end = NaN;
    if (s.includes("/")) {
      const iv = Interval.fromISO(s, { setZone: true });
      if (iv.isValid) {
        start = iv.start.toSeconds();
        end = iv.end.toSeconds();
      }
    } else {
      const dash = s.indexOf("-");
      const a = s.slice(0, dash).trim();
      const b = s.slice(dash + 1).trim();
      const fa = CLOCK_FORMATS[a.split(":").length - 1];
      const fb = CLOCK_FORMATS[b.split(":").length - 1];
      const from = fa && DateTime.fromFormat(`${DATE} ${a}`, fa, { zone: ZONE });
      let to = fb && DateTime.fromFormat(`${DATE} ${b}`, fb, { zone: ZONE });
      if (from?.isValid && to?.isValid) {
        if (to < from) to = to.plus({ days: 1 });
        start = from.toSeconds();
        end = to.toSeconds();
      }
    }
    out[2 * i] = start;
    out[2 * i + 1] = end;
  }
  return out;
}

// The narrow hand-written parser the issue quotes (~1.1M/s): regexes and Date.parse, a fixed
// +03:00 for local times (it has no time-zone database: right for Moscow, wrong for DST zones).
const CLOCK = /^\s*(\d{1,2})(?::(\d\d))?(?::(\d\d))?\s*-\s*(\d{1,2})(?::(\d\d))?(?::(\d\d))?\s*$/;
const DUR = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/;
const MIDNIGHT = Date.parse(`${DATE}T00:00:00+03:00`) / 1000;
function regex(strings) {
  const out = new Float64Array(strings.length * 2);
  for (let i = 0; i < strings.length; i++) {
    const s = strings[i];
    let start = NaN;
    let end = NaN;
    const c = CLOCK.exec(s);
    if (c) {
      const a = +c[1] * 3600 + +(c[2] ?? 0) * 60 + +(c[3] ?? 0);
      let b = +c[4] * 3600 + +(c[5] ?? 0) * 60 + +(c[6] ?? 0);
      if (b < a) b += 86400;
      start = MIDNIGHT + a;
      end = MIDNIGHT + b;
    } else {
      const slash = s.indexOf("/");
      const a = Date.parse(s.slice(0, slash)) / 1000;
      const rest = s.slice(slash + 1);
      const d = DUR.exec(rest);
      start = a;
      end = d ? a + +(d[1] ?? 0) * 3600 + +(d[2] ?? 0) * 60 + +(d[3] ?? 0) : Date.parse(rest) / 1000;
    }
    out[2 * i] = start;
    out[2 * i + 1] = end;
  }
  return out;
}

// ---- measure ----

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name, fn, input, runs) {
  fn(input.slice(0, 2000)); // warm up the JIT and the wasm instance
  fn(input);
  const rates = [];
  let result;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    result = fn(input);
    const dt = (performance.now() - t0) / 1000;
    rates.push(input.length / dt);
  }
  const m = median(rates);
  console.log(
    `${name.padEnd(40)} ${Math.round(m).toLocaleString("en-US").padStart(12)} windows/s  (median of ${runs}; min ${Math.round(Math.min(...rates)).toLocaleString("en-US")}, max ${Math.round(Math.max(...rates)).toLocaleString("en-US")})`,
  );
  return { rate: m, result };
}

// Counts bounds that differ; `validOnly` compares only where `a` found a window (the regex
// parser checks no ranges, so it "parses" 25:00-26:00).
function compare(name, a, b, validOnly = false) {
  let mismatches = 0;
  let invalid = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i])) invalid++;
    if (validOnly && Number.isNaN(a[i])) continue;
    if (!(a[i] === b[i] || (Number.isNaN(a[i]) && Number.isNaN(b[i])))) mismatches++;
  }
  console.log(`${name}: ${mismatches} of ${a.length} bounds differ; ${invalid / 2} windows invalid in the first`);
  return mismatches;
}

const input = makeInput();
console.log(`orderbridge ${ob.version()} — ${N.toLocaleString("en-US")} mixed time_interval strings, date ${DATE}, zone ${ZONE}, Node ${process.version}`);
const batch = bench("orderbridge parseTimeWindowBatch", orderbridgeBatch, input, RUNS);
const objects = bench("orderbridge parseTimeWindow (per string)", orderbridgeObjects, input, Math.max(3, RUNS >> 1));
const lux = bench("luxon Interval.fromISO / fromFormat", luxon, input, Math.max(3, RUNS >> 1));
const rx = bench("hand-written regex + Date.parse", regex, input, RUNS);
console.log(`orderbridge batch / luxon: ${(batch.rate / lux.rate).toFixed(1)}x; batch / regex: ${(batch.rate / rx.rate).toFixed(2)}x`);
// The ISO 8601 strings alone, where luxon needs no fromFormat: the issue's reference figure.
const iso = input.filter((s) => s.includes("/"));
const isoBatch = bench(`orderbridge batch, ISO only (${iso.length})`, orderbridgeBatch, iso, RUNS);
const isoLux = bench(`luxon Interval.fromISO, ISO only (${iso.length})`, luxon, iso, RUNS);
console.log(`ISO only, orderbridge batch / luxon Interval.fromISO: ${(isoBatch.rate / isoLux.rate).toFixed(1)}x`);
const bad = compare("orderbridge batch vs luxon", batch.result, lux.result) +
  compare("orderbridge batch vs parseTimeWindow", batch.result, objects.result) +
  compare("orderbridge batch vs regex, valid windows (Moscow has no DST)", batch.result, rx.result, true);
if (bad > 0) {
  console.error("implementations disagree");
  process.exit(1);
}
