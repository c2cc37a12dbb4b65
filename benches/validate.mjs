// Validation throughput: 10,000 OptimoRoute orders (a create_or_update_orders body as a JSON
// string) through the built npm package, and in the same Node process JSON.parse + ajv with a
// JSON Schema expressing the same field rules JSON Schema can express (types, required, enums,
// ranges, lengths, maxItems: tests/fixtures/optimoroute/create_or_update_orders.schema.json).
// Also the median time to validate one order passed as a JS object (the order-form keystroke).
//
//   make pkg && (cd benches && npm ci && node validate.mjs)
//
// Both sides report every problem (ajv with allErrors). Timings on a shared machine are noisy:
// compare medians of interleaved runs.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import Ajv from "ajv/dist/2020.js";

const pkgEntry = fileURLToPath(new URL("../pkg/node/index.mjs", import.meta.url));
if (!existsSync(pkgEntry)) {
  console.error("pkg/ is not built: run `make pkg` (scripts/build-pkg.sh) first.");
  process.exit(1);
}
const ob = await import(pkgEntry);
const schema = JSON.parse(readFileSync(new URL("../tests/fixtures/optimoroute/create_or_update_orders.schema.json", import.meta.url)));

const N = Number(process.env.N ?? 10_000);
const RUNS = Number(process.env.RUNS ?? 15);
const KEYSTROKES = Number(process.env.KEYSTROKES ?? 20_000);

// mulberry32: deterministic input.
let seed = 7;
const rand = (n) => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) % n;
};
const p2 = (n) => String(n).padStart(2, "0");
const streets = ["Hanover St", "Salem St", "Commercial St", "Prince St", "Fleet St", "Cross St"];

function order(i) {
  const h = 8 + rand(8);
  const o = {
    operation: "SYNC",
    orderNo: `ORD-${100000 + i}`,
    date: "2024-03-22",
    type: ["D", "P", "T"][rand(3)],
    duration: 5 + rand(20),
    priority: ["L", "M", "H", "C"][rand(4)],
    location: {
      locationNo: `LOC-${rand(5000)}`,
      locationName: `Customer ${i}`,
      address: `${1 + rand(400)} ${streets[rand(streets.length)]}, Boston, MA 02113, USA`,
      latitude: 42.3 + rand(10000) / 100000,
      longitude: -71.1 + rand(10000) / 100000,
      checkInTime: rand(3),
    },
    timeWindows: [{ twFrom: `${p2(h)}:00`, twTo: `${p2(h + 2)}:30` }],
    load1: rand(30),
    load2: rand(5),
    skills: rand(4) === 0 ? ["FRIDGE"] : [],
    notes: rand(3) === 0 ? "Call on arrival" : "",
    email: `customer${i}@example.com`,
    phone: `+1617555${String(1000 + rand(9000))}`,
    notificationPreference: "email",
  };
  // About 1% of orders carry a mistake, as real batches do.
  if (rand(100) === 0) o.priority = "X";
  if (rand(100) === 0) o.location.latitude = 142.3;
  return o;
}

const orders = Array.from({ length: N }, (_, i) => order(i));
const text = JSON.stringify({ orders });
const mb = (text.length / 1e6).toFixed(1);

const ajv = new Ajv({ allErrors: true, strict: false });
const ajvValidate = ajv.compile(schema);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function runOrderbridge() {
  const t0 = performance.now();
  const report = ob.validateJson("optimoroute", text, { endpoint: "create_or_update_orders" });
  return [performance.now() - t0, report];
}
function runAjv() {
  const t0 = performance.now();
  const parsed = JSON.parse(text);
  const ok = ajvValidate(parsed);
  return [performance.now() - t0, ok ? [] : ajvValidate.errors];
}

// Warm up both (JIT, wasm tier-up), then interleave timed runs.
for (let i = 0; i < 3; i++) {
  runOrderbridge();
  runAjv();
}
const tOb = [];
const tAjv = [];
let obReport;
let ajvErrors;
for (let i = 0; i < RUNS; i++) {
  let t;
  [t, obReport] = runOrderbridge();
  tOb.push(t);
  [t, ajvErrors] = runAjv();
  tAjv.push(t);
}
const mOb = median(tOb);
const mAjv = median(tAjv);

console.log(`validate ${N} OptimoRoute orders (${mb} MB create_or_update_orders JSON), median of ${RUNS} interleaved runs:`);
console.log(`  orderbridge validateJson   ${mOb.toFixed(1)} ms  ${Math.round(N / (mOb / 1000)).toLocaleString("en")} orders/s  (${obReport.issues.length} issues, every one with a path)`);
console.log(`  JSON.parse + ajv           ${mAjv.toFixed(1)} ms  ${Math.round(N / (mAjv / 1000)).toLocaleString("en")} orders/s  (${ajvErrors.length} errors)`);
console.log(`  ratio orderbridge / (JSON.parse + ajv) throughput: ${(mAjv / mOb).toFixed(2)}x  (target >= 1.0x)`);

// The keystroke case: one order as a JS object.
const one = orders[1];
const opts = { endpoint: "create_order" };
const single = { ...one, operation: "CREATE" };
for (let i = 0; i < 2000; i++) ob.validate("optimoroute", single, opts);
const samples = [];
for (let i = 0; i < KEYSTROKES; i++) {
  const t0 = performance.now();
  ob.validate("optimoroute", single, opts);
  samples.push(performance.now() - t0);
}
console.log(`one order as a JS object (validate, create_order): median ${(median(samples) * 1000).toFixed(1)} µs, p99 ${(samples.sort((a, b) => a - b)[Math.floor(samples.length * 0.99)] * 1000).toFixed(1)} µs over ${KEYSTROKES} calls`);
