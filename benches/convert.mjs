// Conversion throughput: 100,000 realistic Magic Lane orders (a create list) converted by
// convertJson to Yandex and to Wialon through the built npm package (pkg/, `make pkg`), and, in
// the same Node process, by hand-written plain-JavaScript converters doing the same field renames
// and minutes → clock-text / UNIX-seconds arithmetic with JSON.parse/JSON.stringify and no
// validation: the floor any JS-side converter pays. Prints orders/second (median of several runs)
// and the peak memory of the process (ONLY=orderbridge or ONLY=js measures one side alone).
//
//   make pkg && node --expose-gc benches/convert.mjs
//
// (The benchmark converts OptimoRoute orders; the OptimoRoute codec is not in this build,
// so Magic Lane, the other vendor with a list body, stands in. The JS floor is measured on the
// same input, so the ratio is the comparison.) Timings on a shared machine are noisy: compare
// medians.

import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";

const pkgEntry = fileURLToPath(new URL("../pkg/node/index.mjs", import.meta.url));
if (!existsSync(pkgEntry)) {
  console.error("pkg/ is not built: run `make pkg` (scripts/build-pkg.sh) first.");
  process.exit(1);
}
const ob = await import(pkgEntry);

const N = Number(process.env.N ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 5);
const DATE = "2024-03-22";
const ZONE = "Europe/Paris"; // UTC+1 on that day; the JS floor hard-codes the offset.

// ---- input: deterministic, realistic orders ----
let seed = 7;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const STREETS = ["Rue de la République", "Avenue Jean Jaurès", "Boulevard Voltaire", "Rue Mercière", "Quai Saint-Antoine"];
const FIRST = ["Claire", "Louis", "Camille", "Hugo", "Léa", "Jean Paul"];
const LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert"];
function makeInput() {
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
        streetName: STREETS[rand(STREETS.length)],
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

// ---- the plain-JavaScript floor: renames and arithmetic, no validation, no loss reporting ----
const clock = (m) => `${String(Math.floor(m / 60) % 24).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
function jsToYandex(text) {
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
  return JSON.stringify(out);
}
const MIDNIGHT = Date.parse(`${DATE}T00:00:00+01:00`) / 1000;
function jsToWialon(text) {
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
        tf: MIDNIGHT + o.timeWindow[0] * 60,
        tt: MIDNIGHT + o.timeWindow[1] * 60,
        y: o.location[0],
        x: o.location[1],
      },
    };
  });
  return JSON.stringify({ svc: "core/batch", params: { params: calls, flags: 0 } });
}

// ---- orderbridge ----
const toYandex = {
  from: "magiclane",
  to: "yandex",
  defaults: { assignment: { routeNumber: "LYO-0322" } },
};
const toWialon = {
  from: "magiclane",
  to: "wialon",
  date: DATE,
  timeZone: ZONE,
  defaults: { vendor: { wialon: { itemId: 734455 } } },
};
const obYandex = (text) => ob.convertJson(text, toYandex);
const obWialon = (text) => ob.convertJson(text, toWialon);

// ---- measure ----
function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(name, fn, input, runs) {
  fn(input); // warm up the JIT and the wasm instance
  const rates = [];
  let result;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    result = fn(input);
    rates.push(N / ((performance.now() - t0) / 1000));
  }
  const m = median(rates);
  const fmt = (x) => Math.round(x).toLocaleString("en-US");
  console.log(`${name.padEnd(46)} ${fmt(m).padStart(10)} orders/s  (median of ${runs}; min ${fmt(Math.min(...rates))}, max ${fmt(Math.max(...rates))})`);
  return { rate: m, result };
}

const input = makeInput();
const mb = (b) => `${(b / 1048576).toFixed(0)} MB`;
globalThis.gc?.();
const base = process.memoryUsage().rss;
console.log(`orderbridge ${ob.version()} — ${N.toLocaleString("en-US")} Magic Lane orders (${mb(input.length)} of JSON), Node ${process.version}`);

// ONLY=orderbridge or ONLY=js runs one side, so `peak RSS` is that side's alone.
const only = process.env.ONLY ?? "";
const runOb = only === "" || only === "orderbridge";
const runJs = only === "" || only === "js";
let y, w, jy, jw;
if (runOb) {
  y = bench("orderbridge convertJson magiclane → yandex", obYandex, input, RUNS);
  w = bench("orderbridge convertJson magiclane → wialon", obWialon, input, RUNS);
  // The same orders to their own format: reading, validating and writing with no issue to
  // report, to show what the issues (a few per order above) cost.
  bench("orderbridge convertJson magiclane → magiclane", (t) => ob.convertJson(t, { from: "magiclane", to: "magiclane" }), input, RUNS);
  console.log(`peak RSS after the orderbridge runs: ${mb(process.resourceUsage().maxRSS * 1024)} (input built: ${mb(base)}; wasm memory never shrinks)`);
}
if (runJs) {
  jy = bench("plain JS (parse, rename, stringify) → yandex", jsToYandex, input, RUNS);
  jw = bench("plain JS (parse, rename, stringify) → wialon", jsToWialon, input, RUNS);
  console.log(`peak RSS after the plain-JS runs: ${mb(process.resourceUsage().maxRSS * 1024)}`);
}
if (!(runOb && runJs)) process.exit(0);

console.log(`orderbridge / plain JS: yandex ${(y.rate / jy.rate).toFixed(2)}×, wialon ${(w.rate / jw.rate).toFixed(2)}×`);
console.log(
  `issues per run: yandex ${y.result.issues.length.toLocaleString("en-US")}, wialon ${w.result.issues.length.toLocaleString("en-US")}; lost pointers: yandex ${y.result.lost.length.toLocaleString("en-US")}, wialon ${w.result.lost.length.toLocaleString("en-US")}`,
);

// The two agree on what they both write (the JS floor writes no customer number to Wialon and
// knows nothing of losses).
const a = JSON.parse(y.result.output)[123];
const b = JSON.parse(jy.result)[123];
for (const k of ["address", "number", "time_interval", "customer_name", "lat", "lon", "service_duration_s", "weight", "volume", "type"]) {
  if (a[k] !== b[k]) {
    console.error(`mismatch on ${k}: ${a[k]} vs ${b[k]}`);
    process.exitCode = 1;
  }
}
const aw = JSON.parse(w.result.output).params.params[123].params;
const bw = JSON.parse(jw.result).params.params[123].params;
for (const k of ["tf", "tt", "n", "y", "x"]) {
  if (aw[k] !== bw[k]) {
    console.error(`mismatch on wialon ${k}: ${aw[k]} vs ${bw[k]}`);
    process.exitCode = 1;
  }
}
