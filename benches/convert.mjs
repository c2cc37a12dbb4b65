// Conversion throughput: 100,000 realistic OptimoRoute orders (one create_or_update_orders-shaped
// body, converted as one payload: the 500-order limit applies to requests sent to OptimoRoute, and
// orderbridge reports it as a warning on the source) through the built npm package's
// `convertJson` to Wialon and to Yandex, and, in the same Node process, through a hand-written
// plain-JavaScript converter doing the same field renames and HH:MM → seconds arithmetic with
// JSON.parse / JSON.stringify and no validation: the floor any JS-side converter has to pay.
// Prints orders/second (median of several runs), the ratio, and peak memory.
//
//   make pkg && (cd benches && node --expose-gc convert.mjs)
//
// Environment: N (orders, default 100000), RUNS (default 7). `node convert.mjs --write FILE`
// writes the input body to FILE (for the native profile) and exits.
//
// orderbridge does more than the floor: it validates every order against OptimoRoute's rules,
// places each local window in the IANA zone (America/New_York, DST included) where the floor
// adds a fixed offset, reports every field the target cannot hold (`lost` and a warning each),
// and writes output the target's validator accepts. Timings on a shared machine are noisy:
// compare medians.

import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const N = Number(process.env.N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 7);
const ZONE = "America/New_York";
const DATE = "2024-03-22";
// The floor has no time-zone database: a fixed offset, right for this date (EDT, UTC-4).
const OFFSET_S = -4 * 3600;
const ITEM_ID = 734;
const ROUTE = "R-2024-03-22";

// ---- input: deterministic realistic orders ----
// mulberry32: small, seedable, and exact in 32-bit integer arithmetic.
let seed = 7;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const p2 = (n) => String(n).padStart(2, "0");
const STREETS = ["Cambridge St", "Hanover St", "Tremont St", "Boylston St", "Beacon St", "Washington St"];
const NOTES = ["Leave at the door", "Call on arrival", "Loading bay behind the building", "Ring twice", ""];

function makeOrder(i) {
  const start = 7 * 60 + rand(20) * 30; // 07:00 .. 16:30
  const len = 60 + rand(6) * 30;
  const order = {
    orderNo: `ORD-${String(100000 + i)}`,
    date: DATE,
    type: ["D", "D", "D", "P", "T"][rand(5)],
    location: {
      locationNo: `LOC-${10000 + rand(50000)}`,
      locationName: `Customer ${i}`,
      address: `${1 + rand(400)} ${STREETS[rand(STREETS.length)]}, Boston, MA 02114, USA`,
      latitude: Number((42.30 + rand(100000) / 1e6).toFixed(6)),
      longitude: Number((-71.10 + rand(100000) / 1e6).toFixed(6)),
    },
    duration: [5, 7.5, 10, 15][rand(4)],
    timeWindows: [{ twFrom: `${p2(start / 60 | 0)}:${p2(start % 60)}`, twTo: `${p2((start + len) / 60 | 0)}:${p2((start + len) % 60)}` }],
    priority: ["L", "M", "M", "H", "C"][rand(5)],
    load1: 1 + rand(40),
    load2: rand(100) / 100,
    notes: NOTES[rand(NOTES.length)],
    email: `customer${i}@example.com`,
    phone: `+1 617 555 ${String(rand(10000)).padStart(4, "0")}`,
    notificationPreference: ["email", "sms", "both"][rand(3)],
  };
  if (rand(4) === 0) order.location.checkInTime = 2;
  if (rand(5) === 0) {
    // A second window in the afternoon: the one-window targets keep the earliest and report it.
    order.timeWindows.push({ twFrom: "17:00", twTo: "19:00" });
  }
  if (rand(6) === 0) order.skills = ["COLD_CHAIN"];
  if (rand(8) === 0) order.customFields = { gate_code: String(1000 + rand(9000)), crates: rand(5) };
  return order;
}

const orders = Array.from({ length: N }, (_, i) => makeOrder(i));
const body = JSON.stringify({ orders });

const write = process.argv.indexOf("--write");
if (write > 0) {
  writeFileSync(process.argv[write + 1], body);
  console.log(`wrote ${N} orders (${(body.length / 1e6).toFixed(1)} MB) to ${process.argv[write + 1]}`);
  process.exit(0);
}

const pkgEntry = fileURLToPath(new URL("../pkg/node/index.mjs", import.meta.url));
if (!existsSync(pkgEntry)) {
  console.error("pkg/ is not built: run `make pkg` (scripts/build-pkg.sh) first.");
  process.exit(1);
}
const ob = await import(pkgEntry);

// ---- the plain-JavaScript floor: same renames and arithmetic, no validation ----
const MIDNIGHT = Date.parse(`${DATE}T00:00:00Z`) / 1000 - OFFSET_S;
const hhmm = (s) => (s.charCodeAt(0) - 48) * 36000 + (s.charCodeAt(1) - 48) * 3600 + (s.charCodeAt(3) - 48) * 600 + (s.charCodeAt(4) - 48) * 60;
const PR = { L: 0, M: 1, H: 2, C: 3 };
const KIND = { D: "delivery", P: "pickup", T: "delivery" };

function plainToWialon(text) {
  const src = JSON.parse(text).orders;
  const calls = new Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const o = src[i];
    const l = o.location;
    const w = o.timeWindows[0];
    const p = { a: l.address, e: o.email, p: o.phone, ut: o.duration * 60, w: String(o.load1), v: String(o.load2), pr: PR[o.priority] };
    const params = {
      itemId: ITEM_ID, id: 0, callMode: "create", n: o.orderNo, p,
      tf: MIDNIGHT + hhmm(w.twFrom), tt: MIDNIGHT + hhmm(w.twTo), y: l.latitude, x: l.longitude,
    };
    calls[i] = { svc: "order/update", params };
  }
  return JSON.stringify({ svc: "core/batch", params: { params: calls, flags: 0 } });
}

function plainToYandex(text) {
  const src = JSON.parse(text).orders;
  const out = new Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const o = src[i];
    const l = o.location;
    const w = o.timeWindows[0];
    out[i] = {
      number: o.orderNo, type: KIND[o.type], address: l.address, lat: l.latitude, lon: l.longitude,
      time_interval: `${w.twFrom}-${w.twTo}`, service_duration_s: o.duration * 60,
      weight: o.load1, volume: o.load2, phone: o.phone, comments: o.notes, route_number: ROUTE,
    };
  }
  return JSON.stringify(out);
}

// ---- orderbridge ----
const toWialon = { from: "optimoroute", to: "wialon", timeZone: ZONE, defaults: { vendor: { wialon: { itemId: ITEM_ID } } } };
const toYandex = { from: "optimoroute", to: "yandex", timeZone: ZONE, date: DATE, defaults: { assignment: { routeNumber: ROUTE } } };
const obWialon = (text) => ob.convertJson(text, toWialon);
const obYandex = (text) => ob.convertJson(text, toYandex);

// ---- measure ----
// The wasm instance's memory is not exported; Node counts it in `external` (it is the bulk).
const wasmMemory = () => process.memoryUsage().external;
let peakRss = 0;
let peakWasm = 0;
const sample = () => {
  const u = process.memoryUsage();
  peakRss = Math.max(peakRss, u.rss);
  peakWasm = Math.max(peakWasm, u.external);
};

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

// Between runs the previous result is dropped and the engine gets a turn, as in an application
// that converts a batch, sends it and awaits the next: garbage results are then freed.
const settle = async () => {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 0));
};

async function bench(name, fn) {
  fn(JSON.stringify({ orders: orders.slice(0, 2000) })); // warm up the JIT and the wasm instance
  await settle();
  const rates = [];
  let result;
  for (let r = 0; r < RUNS; r++) {
    result = null;
    await settle();
    const t0 = performance.now();
    result = fn(body);
    const dt = (performance.now() - t0) / 1000;
    sample();
    rates.push(N / dt);
  }
  const m = median(rates);
  const f = (x) => Math.round(x).toLocaleString("en-US");
  console.log(`${name.padEnd(44)} ${f(m).padStart(10)} orders/s  (median of ${RUNS}; min ${f(Math.min(...rates))}, max ${f(Math.max(...rates))})`);
  return { rate: m, result };
}

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`orderbridge ${ob.version()} — ${N.toLocaleString("en-US")} OptimoRoute orders (${(body.length / 1e6).toFixed(1)} MB of JSON), zone ${ZONE}, Node ${process.version}`);
sample();
const rssBefore = process.memoryUsage().rss;
const wasmBefore = wasmMemory();
peakWasm = 0;

const results = {};
for (const [target, obFn, plainFn] of [["wialon", obWialon, plainToWialon], ["yandex", obYandex, plainToYandex]]) {
  const o = await bench(`orderbridge convertJson → ${target}`, obFn);
  const report = o.result;
  // The issues and lost pointers become JS objects when first read: timed apart.
  const t0 = performance.now();
  const issues = report.issues;
  const lost = report.lost;
  const readMs = performance.now() - t0;
  sample();
  const p = await bench(`plain JS parse/rename/stringify → ${target}`, plainFn);
  const errors = issues.filter((i) => i.severity === "error");
  console.log(
    `  ${target}: ${(o.rate / p.rate).toFixed(2)}x the floor (target 1.5x); output ${(report.output.length / 1e6).toFixed(1)} MB vs ${(p.result.length / 1e6).toFixed(1)} MB; ${issues.length.toLocaleString("en-US")} issues (${errors.length} errors) and ${lost.length.toLocaleString("en-US")} lost pointers, read as JS objects in ${readMs.toFixed(0)} ms more (${(N / ((N / o.rate) + readMs / 1000)).toFixed(0)} orders/s with them)`,
  );
  if (report.output === null || errors.length > 0) {
    console.error(`the ${target} conversion failed:`, errors.slice(0, 3));
    process.exit(1);
  }
  results[target] = o.rate / p.rate;
}
console.log(
  `peak RSS ${mb(peakRss)} (${mb(rssBefore)} before converting; the input string alone is ${(body.length / 2 ** 20).toFixed(0)} MiB); peak wasm memory (Node's external memory) ${mb(peakWasm)} (${mb(wasmBefore)} before; it grows to the peak and is reused)`,
);
