// Conversion throughput: 100,000 realistic OptimoRoute orders (one create_or_update_orders-shaped
// body, converted as one payload: the 500-order limit applies to requests sent to OptimoRoute, and
// orderbridge reports it as a warning on the source) through the built npm package's
// `convertJson` to Wialon and to Yandex, and, in the same Node process, through a hand-written
// plain-JavaScript converter doing the same field renames and HH:MM → seconds arithmetic with
// JSON.parse / JSON.stringify and no validation: the floor any JS-side converter has to pay.
// Prints orders/second (median of several runs), the ratio, the time to read the issues as JS
// objects, and peak memory. With MAGICLANE=1 it also converts 100,000 Magic Lane orders (a create
// list) to Yandex and Wialon against the same kind of floor, and to Magic Lane itself.
//
//   make pkg && (cd benches && node --expose-gc convert.mjs)
//
// Environment: N (orders, default 100000), RUNS (default 7), MAGICLANE=1 (the Magic Lane rows),
// ONLY=orderbridge or ONLY=js (one side alone, so that the peak memory is that side's),
// SHARED_DEFAULTS=1 (one defaults object for every target, see below), REQUESTS=1 (the same
// orders as requests of 500 orders, OptimoRoute's limit, and of one order, a call each).
// `node convert.mjs --write FILE` writes the OptimoRoute input body to FILE (for the native
// profile, examples/convert_bench.rs) and exits; `--write-magiclane FILE` writes the Magic Lane
// input the same way.
//
// orderbridge does more than the floor: it validates every order against the source's rules,
// places each local window in the IANA zone (America/New_York, DST included) where the floor
// adds a fixed offset, reports every field the target cannot hold (`lost` and a warning each),
// and writes output the target's validator accepts (checked below, outside the timings).
// Timings on a shared machine are noisy: compare medians.

import { existsSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const N = Number(process.env.N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 7);
const ONLY = process.env.ONLY ?? "";
const RUN_OB = ONLY === "" || ONLY === "orderbridge";
const RUN_JS = ONLY === "" || ONLY === "js";

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

// ================================================================ OptimoRoute input and floor
const OR_ZONE = "America/New_York";
const OR_DATE = "2024-03-22";
// The floor has no time-zone database: a fixed offset, right for this date (EDT, UTC-4).
const OR_OFFSET_S = -4 * 3600;
const ITEM_ID = 734;
const ROUTE = "R-2024-03-22";
const STREETS = ["Cambridge St", "Hanover St", "Tremont St", "Boylston St", "Beacon St", "Washington St"];
const NOTES = ["Leave at the door", "Call on arrival", "Loading bay behind the building", "Ring twice", ""];

function makeOptimoRouteOrder(i) {
  const start = 7 * 60 + rand(20) * 30; // 07:00 .. 16:30
  const len = 60 + rand(6) * 30;
  const order = {
    orderNo: `ORD-${String(100000 + i)}`,
    date: OR_DATE,
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

const orOrders = Array.from({ length: N }, (_, i) => makeOptimoRouteOrder(i));
const orBody = JSON.stringify({ orders: orOrders });

const write = process.argv.indexOf("--write");
if (write > 0) {
  writeFileSync(process.argv[write + 1], orBody);
  console.log(`wrote ${N} orders (${(orBody.length / 1e6).toFixed(1)} MB) to ${process.argv[write + 1]}`);
  process.exit(0);
}

// Yandex batch requests take at most this many orders (VENDOR-FACTS.md).
const YANDEX_BATCH = 1000;
const chunksOf = (list, size) => Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));

// The plain-JavaScript floor: the same renames and arithmetic, no validation, no loss reporting.
const OR_MIDNIGHT = Date.parse(`${OR_DATE}T00:00:00Z`) / 1000 - OR_OFFSET_S;
const hhmm = (s) => (s.charCodeAt(0) - 48) * 36000 + (s.charCodeAt(1) - 48) * 3600 + (s.charCodeAt(3) - 48) * 600 + (s.charCodeAt(4) - 48) * 60;
const PR = { L: 0, M: 1, H: 2, C: 3 };
// Wialon's notification bits: SMS to the phone 0x1, e-mail 0x10.
const NTF = { email: 0x10, sms: 0x1, both: 0x11 };
// Yandex has no kind for a task ("T"): it is left out, as orderbridge does (and reports it lost).
const KIND = { D: "delivery", P: "pickup" };

function plainOptimoRouteToWialon(text) {
  const src = JSON.parse(text).orders;
  const calls = new Array(src.length);
  for (let i = 0; i < src.length; i++) {
    const o = src[i];
    const l = o.location;
    const w = o.timeWindows[0];
    const p = { a: l.address, e: o.email, p: o.phone, ut: o.duration * 60, w: String(o.load1), v: String(o.load2), pr: PR[o.priority], ntf: NTF[o.notificationPreference] };
    const params = {
      itemId: ITEM_ID, id: 0, callMode: "create", n: o.orderNo, p,
      tf: OR_MIDNIGHT + hhmm(w.twFrom), tt: OR_MIDNIGHT + hhmm(w.twTo), y: l.latitude, x: l.longitude,
    };
    const custom = o.customFields;
    if (custom !== undefined) {
      // Wialon's custom fields hold text.
      const cf = {};
      for (const k in custom) cf[k] = String(custom[k]);
      params.cf = cf;
    }
    calls[i] = { svc: "order/update", params };
  }
  return JSON.stringify({ svc: "core/batch", params: { params: calls, flags: 0 } });
}

function plainOptimoRouteToYandex(text) {
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
    // The check-in time is time spent once at a place, whatever its orders: Yandex's shared service duration.
    if (l.checkInTime !== undefined) out[i].shared_service_duration_s = l.checkInTime * 60;
  }
  return JSON.stringify(chunksOf(out, YANDEX_BATCH));
}

// ================================================================= Magic Lane input and floor
const ML_DATE = "2024-03-22";
const ML_ZONE = "Europe/Paris"; // UTC+1 on that day; the floor hard-codes the offset.
const ML_STREETS = ["Rue de la République", "Avenue Jean Jaurès", "Boulevard Voltaire", "Rue Mercière", "Quai Saint-Antoine"];
const FIRST = ["Claire", "Louis", "Camille", "Hugo", "Léa", "Jean Paul"];
const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert"];
function makeMagicLaneInput() {
  const orders = new Array(N);
  for (let i = 0; i < N; i++) {
    const start = 420 + rand(40) * 15;
    orders[i] = {
      customerId: 1_800_000 + rand(100_000),
      location: [45.70 + rand(20_000) / 100_000, 4.78 + rand(20_000) / 100_000],
      alias: `LYO-${100_000 + i}`,
      firstName: FIRST[rand(FIRST.length)],
      lastName: LAST[rand(LAST.length)],
      address: {
        country: "France",
        city: "Lyon",
        postalCode: `6900${1 + rand(9)}`,
        streetName: ML_STREETS[rand(ML_STREETS.length)],
        streetNumber: String(1 + rand(120)),
      },
      phoneNumber: `+3347${String(1_000_000 + rand(8_999_999))}`,
      type: rand(4) === 0 ? 0 : 1,
      priority: rand(3) === 0 ? 1 : 0,
      numberOfPackages: 1 + rand(4),
      weight: (10 + rand(400)) / 10,
      cube: (1 + rand(50)) / 100,
      timeWindow: [start, start + 60 + rand(8) * 30],
      serviceTime: 120 + rand(10) * 60,
    };
  }
  return JSON.stringify(orders);
}

const writeMagicLane = process.argv.indexOf("--write-magiclane");
if (writeMagicLane > 0) {
  const body = makeMagicLaneInput();
  writeFileSync(process.argv[writeMagicLane + 1], body);
  console.log(`wrote ${N} Magic Lane orders (${(body.length / 1e6).toFixed(1)} MB) to ${process.argv[writeMagicLane + 1]}`);
  process.exit(0);
}

const clock = (m) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
function plainMagicLaneToYandex(text) {
  const out = JSON.parse(text).map((o) => {
    const a = o.address;
    return {
      address: `${a.streetNumber} ${a.streetName}, ${a.postalCode} ${a.city}, ${a.country}`,
      lat: o.location[0],
      lon: o.location[1],
      number: o.alias,
      time_interval: `${clock(o.timeWindow[0])}-${clock(o.timeWindow[1])}`,
      customer_number: String(o.customerId),
      customer_name: `${o.firstName} ${o.lastName}`,
      phone: o.phoneNumber,
      route_number: "LYO-0322",
      service_duration_s: o.serviceTime,
      volume: o.cube,
      weight: o.weight,
      type: o.type === 1 ? "delivery" : "pickup",
    };
  });
  return JSON.stringify(chunksOf(out, YANDEX_BATCH));
}
const ML_MIDNIGHT = Date.parse(`${ML_DATE}T00:00:00+01:00`) / 1000;
function plainMagicLaneToWialon(text) {
  const calls = JSON.parse(text).map((o) => {
    const a = o.address;
    return {
      svc: "order/update",
      params: {
        itemId: 734455,
        id: 0,
        callMode: "create",
        n: o.alias,
        p: {
          n: `${o.firstName} ${o.lastName}`,
          p: o.phoneNumber,
          a: `${a.streetNumber} ${a.streetName}, ${a.postalCode} ${a.city}, ${a.country}`,
          v: String(o.cube),
          w: String(o.weight),
          ut: o.serviceTime,
          pr: o.priority === 1 ? 2 : 0,
        },
        tf: ML_MIDNIGHT + o.timeWindow[0] * 60,
        tt: ML_MIDNIGHT + o.timeWindow[1] * 60,
        y: o.location[0],
        x: o.location[1],
      },
    };
  });
  return JSON.stringify({ svc: "core/batch", params: { params: calls, flags: 0 } });
}

// ========================================================================== orderbridge
// ORDERBRIDGE_ENTRY=path/to/node/index.mjs measures another build (an A/B of two commits).
const pkgEntry = process.env.ORDERBRIDGE_ENTRY ?? fileURLToPath(new URL("../pkg/node/index.mjs", import.meta.url));
if (!existsSync(pkgEntry)) {
  console.error("pkg/ is not built: run `make pkg` (scripts/build-pkg.sh) first.");
  process.exit(1);
}
const ob = await import(pkgEntry);

const optionsFor = {
  "optimoroute→wialon": { from: "optimoroute", to: "wialon", timeZone: OR_ZONE, defaults: { vendor: { wialon: { itemId: ITEM_ID } } } },
  // Yandex batch requests take at most 1000 orders: both sides write batches of 1000.
  "optimoroute→yandex": { from: "optimoroute", to: "yandex", timeZone: OR_ZONE, date: OR_DATE, endpoint: "add_order_batch:chunks", defaults: { assignment: { routeNumber: ROUTE } } },
  "magiclane→yandex": { from: "magiclane", to: "yandex", endpoint: "add_order_batch:chunks", defaults: { assignment: { routeNumber: "LYO-0322" } } },
  "magiclane→wialon": { from: "magiclane", to: "wialon", date: ML_DATE, timeZone: ML_ZONE, defaults: { vendor: { wialon: { itemId: 734455 } } } },
  "magiclane→magiclane": { from: "magiclane", to: "magiclane" },
};
// SHARED_DEFAULTS=1: every direction gets one defaults object holding all the directions' own
// (an app that sends to several vendors keeps one). Each target then warns, once per order,
// about the defaults it cannot hold (a route number for Wialon, Wialon's itemId for Yandex).
if (process.env.SHARED_DEFAULTS === "1") {
  for (const options of Object.values(optionsFor)) {
    options.defaults = {
      vendor: { wialon: { itemId: options.defaults?.vendor?.wialon?.itemId ?? ITEM_ID } },
      assignment: { routeNumber: options.defaults?.assignment?.routeNumber ?? ROUTE },
    };
  }
}

// ============================================================================== measuring
// Node counts the wasm instance's memory in `external`, with the external strings: in Node a
// large ASCII output is one (src/wasm/text.js). The wasm memory alone is `wasmMemoryBytes()`.
let peakRss = 0;
let peakExternal = 0;
let peakWasm = 0;
const sample = () => {
  const u = process.memoryUsage();
  peakRss = Math.max(peakRss, u.rss);
  peakExternal = Math.max(peakExternal, u.external);
  peakWasm = Math.max(peakWasm, ob.wasmMemoryBytes());
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

const f = (x) => Math.round(x).toLocaleString("en-US");

// Runs `sides` (name → function of the input) in turns, RUNS rounds: on a shared machine the
// load changes from second to second, and alternating gives each side the same conditions, so
// the per-round ratio is steadier than a ratio of two separately measured medians.
async function benchInTurns(sides, input, warmInput) {
  const names = Object.keys(sides);
  for (const name of names) sides[name](warmInput); // warm up the JIT and the wasm instance
  const rates = Object.fromEntries(names.map((n) => [n, []]));
  const results = {};
  for (let r = 0; r < RUNS; r++) {
    for (const name of names) {
      results[name] = null;
      await settle();
      const t0 = performance.now();
      const result = sides[name](input);
      const dt = (performance.now() - t0) / 1000;
      sample();
      results[name] = result;
      rates[name].push(N / dt);
    }
  }
  const out = {};
  for (const name of names) {
    const xs = rates[name];
    console.log(`${name.padEnd(48)} ${f(median(xs)).padStart(10)} orders/s  (median of ${RUNS}; min ${f(Math.min(...xs))}, max ${f(Math.max(...xs))})`);
    out[name] = { rate: median(xs), rates: xs, result: results[name] };
  }
  return out;
}

// Converts `input` with orderbridge and with the floor, in turns, and checks the output outside
// the timings.
async function direction(key, input, warmInput, plain, check) {
  const [from, to] = key.split("→");
  const options = optionsFor[key];
  const obName = `orderbridge convertJson ${from} → ${to}`;
  const jsName = `plain JS parse/rename/stringify ${from} → ${to}`;
  const sides = {};
  if (RUN_OB) sides[obName] = (t) => ob.convertJson(t, options);
  if (RUN_JS && plain) sides[jsName] = plain;
  const measured = await benchInTurns(sides, input, warmInput);
  const o = measured[obName];
  const p = measured[jsName];
  if (o) {
    const report = o.result;
    // The issues and lost pointers become JS objects when first read: timed apart.
    const t0 = performance.now();
    const issues = report.issues;
    const lost = report.lost;
    const readMs = performance.now() - t0;
    sample();
    const errors = issues.filter((i) => i.severity === "error");
    // A chunked output is a list of request bodies: each must pass the target's validator.
    const bodies = options.endpoint?.endsWith(":chunks") ? JSON.parse(report.output).map((c) => JSON.stringify(c)) : [report.output];
    const valid = report.output !== null && bodies.every((body) => ob.validateJson(to, body).ok);
    const lossy = issues.filter((i) => i.code === "LOSSY_CONVERSION").length;
    console.log(
      `  orderbridge: ${issues.length.toLocaleString("en-US")} issues (${lossy.toLocaleString("en-US")} LOSSY_CONVERSION, ${errors.length} errors), ${lost.length.toLocaleString("en-US")} lost pointers, read as JS objects in ${readMs.toFixed(0)} ms more (${f(N / (N / o.rate + readMs / 1000))} orders/s with them); output ${(report.output?.length / 1e6).toFixed(1)} MB, valid for ${to}: ${valid}`,
    );
    if (!valid || errors.length > 0) {
      console.error(`the ${key} conversion failed:`, errors.slice(0, 3));
      process.exitCode = 1;
    }
  }
  if (o && p) {
    const ratios = o.rates.map((r, i) => r / p.rates[i]);
    console.log(
      `  ${key}: orderbridge is ${median(ratios).toFixed(2)}× the plain-JS floor (median of the ${RUNS} rounds' ratios; ratio of the medians ${(o.rate / p.rate).toFixed(2)}×; target 1.5×)`,
    );
    check?.(JSON.parse(o.result.output), JSON.parse(p.result));
  }
  return { o, p };
}

// Both sides write the same orders: every order of the two outputs is compared, field by field
// whatever the order of its keys, so that the floor does all the renames orderbridge does.
const sorted = (_, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort()) : x);
function sameOrders(label, a, b) {
  let differing = 0;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [JSON.stringify(a[i], sorted), JSON.stringify(b[i], sorted)];
    if (x !== y && differing++ === 0) console.error(`${label}: orderbridge and the floor write order ${i} differently:\n  ${x}\n  ${y}`);
  }
  if (differing > 0) {
    console.error(`${label}: ${differing} of ${a.length} orders differ`);
    process.exitCode = 1;
  }
}
const wialonCalls = (body) => body.params.params;
const yandexOrders = (chunks) => chunks.flat();

const mb = (b) => `${(b / 2 ** 20).toFixed(0)} MiB`;
console.log(`orderbridge ${ob.version()} — ${N.toLocaleString("en-US")} OptimoRoute orders (${(orBody.length / 1e6).toFixed(1)} MB of JSON), zone ${OR_ZONE}, Node ${process.version}`);
await settle();
sample();
const rssBefore = process.memoryUsage().rss;
const externalBefore = process.memoryUsage().external;
const wasmBefore = ob.wasmMemoryBytes();
peakExternal = 0;
peakWasm = 0;

const orWarm = JSON.stringify({ orders: orOrders.slice(0, 2000) });
await direction("optimoroute→wialon", orBody, orWarm, plainOptimoRouteToWialon, (a, b) => sameOrders("optimoroute → wialon", wialonCalls(a), wialonCalls(b)));
await direction("optimoroute→yandex", orBody, orWarm, plainOptimoRouteToYandex, (a, b) => sameOrders("optimoroute → yandex", yandexOrders(a), yandexOrders(b)));
console.log(
  `peak RSS ${mb(peakRss)} (${mb(rssBefore)} before converting, with the input string of ${mb(orBody.length)}); peak wasm memory ${mb(peakWasm)} (${mb(wasmBefore)} before; it grows to its peak and is reused); peak external memory ${mb(peakExternal)} (${mb(externalBefore)} before: the wasm memory and the outputs held)`,
);

if (process.env.MAGICLANE === "1") {
  const mlInput = makeMagicLaneInput();
  const mlWarm = JSON.stringify(JSON.parse(mlInput).slice(0, 2000));
  console.log(`\n${N.toLocaleString("en-US")} Magic Lane orders (${(mlInput.length / 1e6).toFixed(1)} MB of JSON)`);
  await direction("magiclane→yandex", mlInput, mlWarm, plainMagicLaneToYandex, (a, b) => sameOrders("magiclane → yandex", yandexOrders(a), yandexOrders(b)));
  await direction("magiclane→wialon", mlInput, mlWarm, plainMagicLaneToWialon, (a, b) => sameOrders("magiclane → wialon", wialonCalls(a), wialonCalls(b)));
  // The same orders to their own format: reading, validating and writing with no loss to report.
  await direction("magiclane→magiclane", mlInput, mlWarm, null, null);
  console.log(`peak RSS ${mb(peakRss)}; peak wasm memory ${mb(peakWasm)}; peak external memory ${mb(peakExternal)}`);
}

// REQUESTS=1: the first 20,000 orders as requests of 500 orders (OptimoRoute's limit per
// request) and the first 2,000 as one-order requests, each converted in a call of its own, back
// to back, reading only the output (an application that sends each converted request on):
// what a call costs, beside what a batch costs.
if (process.env.REQUESTS === "1") {
  for (const size of [500, 1]) {
    const bodies = chunksOf(orOrders.slice(0, size === 1 ? 2000 : 20_000), size).map((orders) => JSON.stringify({ orders }));
    const orders = bodies.length * size;
    for (const key of ["optimoroute→wialon", "optimoroute→yandex"]) {
      const options = optionsFor[key];
      const sides = {
        orderbridge: (body) => ob.convertJson(body, options).output,
        "plain JS": key.endsWith("wialon") ? plainOptimoRouteToWialon : plainOptimoRouteToYandex,
      };
      const rates = { orderbridge: [], "plain JS": [] };
      for (const side of Object.values(sides)) bodies.slice(0, 20).forEach(side);
      for (let r = 0; r < RUNS; r++) {
        for (const [name, side] of Object.entries(sides)) {
          await settle();
          const t0 = performance.now();
          for (const body of bodies) side(body);
          rates[name].push(orders / ((performance.now() - t0) / 1000));
        }
      }
      const ob_ = median(rates.orderbridge);
      const js = median(rates["plain JS"]);
      const ratios = rates.orderbridge.map((x, i) => x / rates["plain JS"][i]);
      console.log(
        `${key}, ${bodies.length.toLocaleString("en-US")} requests of ${size} order${size > 1 ? "s" : ""}: orderbridge ${f(ob_)} orders/s (${((size / ob_) * 1e6).toFixed(0)} µs a call), plain JS ${f(js)}/s; ${median(ratios).toFixed(2)}× (median of the ${RUNS} rounds' ratios)`,
      );
    }
  }
}
