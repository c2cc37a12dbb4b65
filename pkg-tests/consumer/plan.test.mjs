// The planner through the installed package: plan, the stepping Planner class, checkSolution,
// renderPlan, misuse, and the planner inside workerd (where the clock stands still).
import test, { after, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import * as esbuild from "esbuild";
import { Miniflare } from "miniflare";
import { Planner, checkSolution, plan, renderPlan, samplePlanProblem, wasmMemoryBytes } from "orderbridge";

/** A planar problem worked out by hand: A (10,0) and B (10,1) must both start by 10.5, so two routes. */
const twoWindows = {
  orders: [
    { id: "A", location: { x: 10, y: 0 }, timeWindows: [[0, 10.5]] },
    { id: "B", location: { x: 10, y: 1 }, timeWindows: [[0, 10.5]] },
  ],
  vehicles: [
    { id: "v1", start: { x: 0, y: 0 } },
    { id: "v2", start: { x: 0, y: 0 } },
  ],
  travel: { model: "euclidean" },
};

test("plan solves a hand-checked problem and checkSolution agrees", () => {
  const s = plan(twoWindows, { maxIterations: 200, seed: 3 });
  assert.equal(s.totals.vehicles, 2);
  assert.ok(Math.abs(s.totals.distance - (20 + 2 * Math.sqrt(101))) < 1e-9);
  const report = checkSolution(twoWindows, s);
  assert.equal(report.feasible, true);
  assert.deepEqual(report.issues, []);
  // JSON text works as well as objects, for both arguments.
  assert.equal(checkSolution(JSON.stringify(twoWindows), JSON.stringify(s)).feasible, true);
  // Tampering is caught.
  s.routes[0].stops[0].serviceStart = 99;
  const bad = checkSolution(twoWindows, s);
  assert.equal(bad.feasible, false);
  assert.ok(bad.issues.some((i) => i.code === "TIME_WINDOW_VIOLATED" && i.path === "/routes/0/stops/0/serviceStart"));
});

test("the same seed and iteration count give the same plan", () => {
  const problem = samplePlanProblem(80, 6, 2);
  const a = plan(problem, { maxIterations: 300, seed: 9 });
  const b = plan(problem, { maxIterations: 300, seed: 9 });
  assert.deepEqual(a.routes, b.routes);
  assert.equal(checkSolution(problem, a).feasible, true);
});

test("NaN and impossible windows come back per order; nothing plannable throws with issues", () => {
  const problem = structuredClone(twoWindows);
  problem.orders.push({ id: "nan", location: { x: NaN, y: 0 } });
  problem.orders.push({ id: "late", location: { x: 1, y: 1 }, timeWindows: [[50, 40]] });
  problem.orders.push({ id: "nowhere" });
  const s = plan(problem, { maxIterations: 50 });
  const reasons = Object.fromEntries(s.unserved.map((u) => [u.orderId, u.code]));
  assert.deepEqual(reasons, { nan: "MISSING_LOCATION", late: "INVALID_ORDER", nowhere: "MISSING_LOCATION" });
  assert.ok(s.issues.some((i) => i.path === "/orders/2/location/x" && i.code === "OUT_OF_RANGE"));
  assert.ok(s.issues.some((i) => i.path === "/orders/3/timeWindows/0" && i.code === "INVALID_TIME_WINDOW"));
  assert.equal(s.totals.served, 2);

  assert.throws(
    () => plan({ orders: [], vehicles: [], travel: { model: "matrix", distances: [0, 1, 1], durations: [0, 1, 1, 0] } }),
    (e) =>
      e.name === "OrderbridgeError" &&
      e.code === "MATRIX_SIZE_MISMATCH" &&
      /\(at \/travel\/distances\)/.test(e.message) &&
      e.issues.some((i) => i.path === "/travel/distances"),
  );
  assert.throws(() => plan({ orders: [], vehicles: [] }), (e) => e.code === "NO_VEHICLES");
});

test("misuse throws coded errors", () => {
  assert.throws(() => plan(undefined), (e) => e.code === "INVALID_ARGUMENT");
  assert.throws(() => plan("{not json"), (e) => e.code === "INVALID_JSON");
  assert.throws(() => plan({ orders: 3, vehicles: [] }), (e) => e.code === "INVALID_ARGUMENT");
  assert.throws(() => plan(twoWindows, { timeLimit: 5 }), (e) => e.code === "INVALID_OPTION" && /timeLimitMs/.test(e.message));
  assert.throws(() => plan(twoWindows, { seed: -1 }), (e) => e.code === "INVALID_OPTION");
  assert.throws(() => plan(twoWindows, { maxIterations: 1.5 }), (e) => e.code === "INVALID_OPTION");
  assert.throws(() => plan(twoWindows, { onProgress: 7 }), (e) => e.code === "INVALID_OPTION");
  assert.throws(() => renderPlan(twoWindows, plan(twoWindows, { maxIterations: 1 }), "magiclane"), (e) => e.code === "UNKNOWN_FORMAT");
});

test("onProgress is called, and an exception it throws stops the search and propagates", () => {
  const problem = samplePlanProblem(150, 8, 1);
  const seen = [];
  const s = plan(problem, { timeLimitMs: 200, onProgress: (p) => seen.push(p) });
  assert.ok(seen.length >= 2, `${seen.length} progress calls`);
  assert.equal(seen.at(-1).done, true);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i].bestCost <= seen[i - 1].bestCost);
  assert.equal(checkSolution(problem, s).feasible, true);
  const boom = new Error("stop now");
  assert.throws(() => plan(problem, { timeLimitMs: 5000, onProgress: () => { throw boom; } }), (e) => e === boom);
  // The module is still fine afterwards.
  assert.equal(plan(twoWindows, { maxIterations: 10 }).totals.vehicles, 2);
});

test("the Planner class steps within its budget, keeps the best plan, and survives misuse", () => {
  const problem = samplePlanProblem(400, 20, 5);
  const planner = new Planner(problem, { timeLimitMs: 400, seed: 2 });
  try {
    assert.deepEqual(planner.issues, []);
    const t0 = performance.now();
    const first = planner.step(0);
    assert.ok(performance.now() - t0 < 1000);
    assert.equal(first.iteration, 0);
    assert.equal(first.done, false);
    const firstPlan = planner.best();
    assert.equal(checkSolution(problem, firstPlan).feasible, true);
    let p = first;
    let slices = 0;
    while (!p.done) {
      const s0 = performance.now();
      p = planner.step(20);
      // A slice overruns its budget by at most a few iterations.
      assert.ok(performance.now() - s0 < 200, `slice took ${performance.now() - s0} ms`);
      slices++;
    }
    assert.ok(slices >= 10);
    assert.ok(p.bestCost < first.bestCost);
    assert.ok(p.elapsedMs >= 400);
    assert.deepEqual(planner.step(100), planner.progress());
    assert.throws(() => planner.step("soon"), (e) => e.code === "INVALID_ARGUMENT");
    assert.equal(checkSolution(problem, planner.best()).feasible, true);
  } finally {
    planner.free();
  }
  assert.throws(() => planner.step(10));
  assert.throws(() => planner.best());
  assert.throws(() => new Planner({ orders: [], vehicles: [] }), (e) => e.code === "NO_VEHICLES");
});

test("renderPlan writes OptimoRoute, Wialon and Yandex route fields", () => {
  const problem = {
    orders: [
      { id: "1001", location: { lat: 41.8505874, lon: -87.7936685 }, serviceS: 600, demand: [2] },
      { id: "1002", location: { lat: 41.8850317, lon: -87.7845025 }, after: ["1001"], demand: [1] },
    ],
    vehicles: [{ id: "4242", start: { lat: 41.8505874, lon: -87.7936685 }, end: null, workTime: [37001, 72000] }],
  };
  const s = plan(problem, { maxIterations: 20 });
  const optimo = renderPlan(problem, s, "optimoroute", { date: "2022-03-16", timeZone: "America/Chicago" });
  const stops = optimo.output.routes[0].stops;
  assert.equal(stops[0].scheduledAtDt, "2022-03-16 10:16:41");
  assert.equal(stops[1].orderNo, "1002");
  assert.equal(stops[1].distance, Math.round(s.routes[0].stops[1].distance));
  assert.equal(typeof optimo.output.routes[0].routePolyline, "string");
  const wialon = renderPlan(problem, s, "wialon", { clockZeroUnix: 1647388800 });
  assert.deepEqual(wialon.output[0], {
    id: 1001,
    u: 4242,
    p: { r: { id: 1, i: 0, m: 0, t: 0, vt: 1647388800 + 37001 } },
  });
  const yandex = renderPlan(problem, s, "yandex", { routeNumberPrefix: "R-" });
  assert.deepEqual(yandex.output, [
    { number: "1001", route_number: "R-4242" },
    { number: "1002", route_number: "R-4242" },
  ]);
  assert.throws(() => renderPlan(problem, s, "optimoroute", {}), (e) => e.code === "INVALID_OPTION");
});

test("a 1 000-order city day has a feasible plan within a second", () => {
  const problem = samplePlanProblem(1000, 50, 7);
  const t0 = performance.now();
  const planner = new Planner(problem, { timeLimitMs: 1 });
  planner.step(0);
  const ms = performance.now() - t0;
  const first = planner.best();
  planner.free();
  assert.ok(ms < 1000, `${ms} ms`);
  assert.equal(first.unserved.length, 0);
  assert.equal(checkSolution(problem, first).feasible, true);
  assert.ok(wasmMemoryBytes() < 256 * 1048576);
});

// ------------------------------------------------------------------ workerd

let mf;
const worker = `
import { plan, checkSolution, samplePlanProblem } from "orderbridge";
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const problem = samplePlanProblem(Number(url.searchParams.get("orders")), 5, 1);
    const options = url.searchParams.has("iterations")
      ? { maxIterations: Number(url.searchParams.get("iterations")) }
      : { timeLimitMs: Number(url.searchParams.get("ms")) };
    const s = plan(problem, options);
    return Response.json({ iterations: s.stats.iterations, served: s.totals.served, feasible: checkSolution(problem, s).feasible });
  },
};`;

before(async () => {
  const wasmFiles = new Set();
  const result = await esbuild.build({
    stdin: { contents: worker, resolveDir: process.cwd(), loader: "js" },
    bundle: true,
    format: "esm",
    write: false,
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    plugins: [
      {
        name: "wasm-modules",
        setup(b) {
          b.onResolve({ filter: /\.wasm$/ }, (args) => {
            const full = `${args.resolveDir}/${args.path}`;
            wasmFiles.add(full);
            return { path: basename(full), external: true };
          });
        },
      },
    ],
  });
  mf = new Miniflare({
    modules: [
      { type: "ESModule", path: "worker.mjs", contents: result.outputFiles[0].text },
      ...[...wasmFiles].map((f) => ({ type: "CompiledWasm", path: basename(f), contents: readFileSync(f) })),
    ],
    compatibilityDate: "2025-01-01",
  });
});

after(async () => {
  await mf?.dispose();
});

test("in workerd the planner runs a fixed iteration budget, and a time budget ends whether or not the clock advances", async () => {
  let res = await mf.dispatchFetch("http://localhost/?orders=60&iterations=500");
  assert.deepEqual(await res.json(), { iterations: 500, served: 60, feasible: true });
  const t0 = performance.now();
  res = await mf.dispatchFetch("http://localhost/?orders=60&ms=3000");
  const body = await res.json();
  assert.equal(body.feasible, true);
  assert.equal(body.served, 60);
  // Deployed workers freeze the clock during computation (the guard then ends the search after
  // bounded work); local workerd lets it run: either way the call returns.
  assert.ok(performance.now() - t0 < 60000);
});

test("orders given as a canonical batch are converted, planned and rendered for OptimoRoute", () => {
  const problem = {
    ordersFrom: {
      format: "canonical",
      date: "2024-03-22",
      timeZone: "America/New_York",
      payload: {
        orders: [
          { number: "A", location: { lat: 42.365, lon: -71.054 }, timeWindows: [{ kind: "local", start: 36000, end: 39600, date: "2024-03-22", endBounds: "serviceStart" }], service: { durationS: 600 } },
          { number: "B", location: { lat: 42.37, lon: -71.06 }, timeWindows: [{ kind: "local", start: 28800, end: 32400, date: "2024-03-22", endBounds: "serviceStart" }] },
          { number: 7 },
        ],
      },
    },
    vehicles: [{ id: "van1", start: { lat: 42.36, lon: -71.06 }, workTime: [25200, 72000], capacity: [100] }],
  };
  const planner = new Planner(problem, { maxIterations: 200, seed: 1 });
  try {
    assert.ok(planner.issues.some((i) => i.path === "/ordersFrom/payload/orders/2/number"));
    planner.step(1000);
    const s = planner.best();
    assert.deepEqual(s.routes[0].stops.map((st) => st.orderId), ["B", "A"]);
    assert.equal(checkSolution(problem, s).feasible, true);
    const rendered = renderPlan(problem, s, "optimoroute", { date: "2024-03-22", timeZone: "America/New_York" });
    assert.equal(rendered.output.routes[0].stops[0].orderNo, "B");
  } finally {
    planner.free();
  }
});
