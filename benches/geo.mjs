// Geometry benchmark of the built npm package (../pkg, `make pkg`) against the JavaScript
// libraries in common use, all in one Node process. Prints medians, ratios and agreement.
//
//   cd benches && npm ci && node --expose-gc geo.mjs   (QUICK=1 for a shorter run, ONLY=2 for one section)
//
// Data is generated from a fixed seed: polygons are star-shaped with a random radius per vertex
// (jagged: every horizontal line crosses many edges), routes are random walks of ~300 m steps,
// query points are uniform over the geometry's bounding box grown by 10 %.

import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import pointToLineDistance from "@turf/point-to-line-distance";
import { point, polygon, lineString } from "@turf/helpers";
import polylineLib from "@mapbox/polyline";
import * as ob from "../pkg/node/index.mjs";

const QUICK = process.env.QUICK === "1";
// ONLY=1,3 runs sections 1 and 3.
const ONLY = (process.env.ONLY ?? "1,2,3").split(",");
const RUNS = QUICK ? 3 : 7;

// xorshift64*, deterministic.
let state = 0x2545f4914f6cdd1dn;
function random() {
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  const x = (state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  return Number(x >> 11n) / 2 ** 53;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs `fn` RUNS times after one warm-up; returns the median time in ms. */
function time(fn, runs = RUNS) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ts.push(performance.now() - t0);
  }
  return median(ts);
}

const fmt = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : n.toFixed(0));
const ratio = (a, b) => `${(a / b).toFixed(1)}×`;

const CENTER = [55.75, 37.62]; // Moscow: cos(lat) = 0.56, where unscaled degrees mislead most

function starRing(n, radiusDeg) {
  const ring = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = (i / n) * 2 * Math.PI;
    const r = radiusDeg * (0.5 + 0.5 * random());
    ring[2 * i] = CENTER[0] + r * Math.sin(a);
    ring[2 * i + 1] = CENTER[1] + (r * Math.cos(a)) / Math.cos((CENTER[0] * Math.PI) / 180);
  }
  return ring;
}

function pointsInBox(n, south, west, north, east) {
  const dy = (north - south) * 0.1;
  const dx = (east - west) * 0.1;
  const pts = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    pts[2 * i] = south - dy + random() * (north - south + 2 * dy);
    pts[2 * i + 1] = west - dx + random() * (east - west + 2 * dx);
  }
  return pts;
}

/** Planar distance in degrees from (x, y) to segment a-b (for excusing edge cases). */
function degreesToSegment(x, y, ax, ay, bx, by) {
  const vx = bx - ax, vy = by - ay;
  const len2 = vx * vx + vy * vy;
  let t = len2 > 0 ? ((x - ax) * vx + (y - ay) * vy) / len2 : 0;
  t = Math.max(0, Math.min(1, t));
  return Math.hypot(x - (ax + t * vx), y - (ay + t * vy));
}

console.log(`orderbridge ${ob.version()} — geometry benchmark (node ${process.version}, median of ${RUNS} runs)\n`);

// ------------------------------------------------------------------ point in polygon
const N_PIP = 1_000_000;
if (ONLY.includes("1")) console.log("1. containsMany vs @turf/boolean-point-in-polygon (one call per point)");
for (const vertices of ONLY.includes("1") ? [50, 5000] : []) {
  const ring = starRing(vertices, 0.05);
  const t0 = performance.now();
  const fence = ob.Geofence.polygon([ring]);
  const buildMs = performance.now() - t0;
  const [s, w, n, e] = fence.bounds();
  const pts = pointsInBox(N_PIP, s, w, n, e);

  let ours;
  const oursMs = time(() => {
    ours = fence.containsMany(pts);
  });

  const coords = [];
  for (let i = 0; i < vertices; i++) coords.push([ring[2 * i + 1], ring[2 * i]]);
  coords.push(coords[0]);
  const turfPoly = polygon([coords]);
  // turf is O(vertices) per point: on the large polygon, time a prefix and compare rates.
  const turfN = vertices > 1000 ? (QUICK ? 20_000 : 100_000) : N_PIP;
  const turfPts = [];
  for (let i = 0; i < turfN; i++) turfPts.push([pts[2 * i + 1], pts[2 * i]]);
  let theirs;
  const turfMs = time(() => {
    theirs = new Uint8Array(turfN);
    for (let i = 0; i < turfN; i++) theirs[i] = booleanPointInPolygon(turfPts[i], turfPoly) ? 1 : 0;
  }, vertices > 1000 ? Math.min(RUNS, 3) : RUNS);

  let mismatches = 0, excused = 0;
  for (let i = 0; i < turfN; i++) {
    if (ours[i] === theirs[i]) continue;
    const [x, y] = turfPts[i];
    let near = Infinity;
    for (let k = 0; k < vertices; k++) {
      const j = (k + 1) % vertices;
      near = Math.min(near, degreesToSegment(x, y, ring[2 * k + 1], ring[2 * k], ring[2 * j + 1], ring[2 * j]));
    }
    if (near < 1e-9) excused++;
    else mismatches++;
  }
  const oursRate = N_PIP / (oursMs / 1000);
  const turfRate = turfN / (turfMs / 1000);
  const inside = ours.reduce((a, b) => a + b, 0);
  console.log(
    `   ${String(vertices).padStart(5)} vertices: orderbridge ${fmt(oursRate)} pts/s (${oursMs.toFixed(1)} ms for ${fmt(N_PIP)}, index built in ${buildMs.toFixed(2)} ms), ` +
      `turf ${fmt(turfRate)} pts/s (${fmt(turfN)} pts) → ${ratio(oursRate, turfRate)} [target ≥ 10×]`,
  );
  console.log(
    `          agreement on ${fmt(turfN)} points: ${turfN - mismatches - excused} identical, ${excused} differ within 1e-9° of an edge, ${mismatches} other differences; ${((100 * inside) / N_PIP).toFixed(1)} % inside`,
  );
  fence.free();
}

// ------------------------------------------------------------------ polyline decode
// Collect the first section's garbage (millions of small arrays for turf) so that a major GC
// does not land inside the next measurements (`--expose-gc`; skipped without it).
globalThis.gc?.();
if (ONLY.includes("2")) {
  console.log("\n2. decodePolyline vs @mapbox/polyline.decode (10,000-point line, precision 5)");
  const line = [];
  let lat = CENTER[0], lon = CENTER[1];
  for (let i = 0; i < 10_000; i++) {
    lat += (random() - 0.5) * 0.004;
    lon += (random() - 0.5) * 0.007;
    line.push([lat, lon]);
  }
  const encodedTheirs = polylineLib.encode(line, 5);
  const flat = new Float64Array(line.flat());
  const encodedOurs = ob.encodePolyline(flat, 5);
  const reps = 20;
  let ours, theirs;
  const oursMs = time(() => {
    for (let r = 0; r < reps; r++) ours = ob.decodePolyline(encodedTheirs, 5);
  });
  const theirsMs = time(() => {
    for (let r = 0; r < reps; r++) theirs = polylineLib.decode(encodedTheirs, 5);
  });
  let same = theirs.length * 2 === ours.length;
  for (let i = 0; same && i < theirs.length; i++) {
    same = theirs[i][0] === ours[2 * i] && theirs[i][1] === ours[2 * i + 1];
  }
  // Encoding agreement on random lines at precision 5 and 6.
  let encSame = 0, encTotal = 0;
  for (let k = 0; k < 200; k++) {
    const pts = [];
    for (let i = 0; i < 50; i++) pts.push([(random() - 0.5) * 180, (random() - 0.5) * 360]);
    for (const p of [5, 6]) {
      encTotal++;
      if (polylineLib.encode(pts, p) === ob.encodePolyline(pts, p)) encSame++;
    }
  }
  const oursRate = (reps * 10_000) / (oursMs / 1000);
  const theirsRate = (reps * 10_000) / (theirsMs / 1000);
  console.log(
    `   orderbridge ${fmt(oursRate)} pts/s, @mapbox/polyline ${fmt(theirsRate)} pts/s → ${ratio(oursRate, theirsRate)} [target ≥ 2×] (string of ${encodedTheirs.length} chars)`,
  );
  console.log(
    `   agreement: decoded coordinates ${same ? "identical" : "DIFFER"}; encodings identical for ${encSame}/${encTotal} random lines (precision 5 and 6); our encoding of the test line ${encodedOurs === encodedTheirs ? "identical" : "DIFFERS"}`,
  );
}

// ------------------------------------------------------------------ distance to a route
globalThis.gc?.();
if (ONLY.includes("3")) {
  console.log("\n3. distance of points to a 1,000-vertex route vs @turf/point-to-line-distance");
  const route = new Float64Array(2000);
  let lat = CENTER[0], lon = CENTER[1];
  for (let i = 0; i < 1000; i++) {
    route[2 * i] = lat;
    route[2 * i + 1] = lon;
    lat += (random() - 0.5) * 0.004;
    lon += (random() - 0.5) * 0.007;
  }
  const encoded = ob.encodePolyline(route, 6);
  const t0 = performance.now();
  const fence = ob.Geofence.corridor(encoded, 0, 6);
  const buildMs = performance.now() - t0;
  const decoded = ob.decodePolyline(encoded, 6);
  const [s, w, n, e] = fence.bounds();
  const N = 100_000;
  const pts = pointsInBox(N, s, w, n, e);
  let ours;
  const oursMs = time(() => {
    ours = fence.distanceMany(pts);
  });

  const coords = [];
  for (let i = 0; i < decoded.length / 2; i++) coords.push([decoded[2 * i + 1], decoded[2 * i]]);
  const line = lineString(coords);
  const turfN = QUICK ? 1000 : 5000;
  const turfPts = [];
  for (let i = 0; i < turfN; i++) turfPts.push(point([pts[2 * i + 1], pts[2 * i]]));
  let planar;
  const planarMs = time(() => {
    planar = turfPts.map((p) => pointToLineDistance(p, line, { units: "meters", method: "planar" }));
  }, Math.min(RUNS, 3));
  const oursRate = N / (oursMs / 1000);
  const planarRate = turfN / (planarMs / 1000);
  console.log(
    `   orderbridge distanceMany ${fmt(oursRate)} pts/s (${oursMs.toFixed(1)} ms for ${fmt(N)}, index built in ${buildMs.toFixed(2)} ms), ` +
      `turf planar ${fmt(planarRate)} pts/s (${fmt(turfN)} pts) → ${ratio(oursRate, planarRate)} [target ≥ 50×]`,
  );
  // Single calls, as a form or a map handler would make them.
  const single = time(() => {
    for (let i = 0; i < 20_000; i++) fence.distanceM(pts[2 * i], pts[2 * i + 1]);
  });
  console.log(`   orderbridge distanceM, one call per point: ${fmt(20_000 / (single / 1000))} pts/s`);

  // Agreement. turf's planar method finds the nearest point of each segment in unscaled
  // longitude/latitude degrees (east and north weighted alike) and then measures a rhumb line to
  // it; at 55.75°N a degree of longitude is 0.56 of a degree of latitude, so that point is often
  // not the nearest and its distances run long. Its geodesic method (nearestPointOnLine on
  // great-circle arcs) is the reference; it is slow, so a sample is compared.
  const relPlanar = planar.map((d, i) => (d - ours[i]) / ours[i]);
  const within = relPlanar.filter((r) => Math.abs(r) <= 0.005).length;
  const longer = relPlanar.filter((r) => r > 0.005).length;
  const shorter = relPlanar.filter((r) => r < -0.005).length;
  console.log(
    `   vs turf planar on ${fmt(turfN)} points: ${within} within 0.5 %, ${longer} where turf is longer by more (max +${(100 * Math.max(...relPlanar)).toFixed(1)} %), ${shorter} where turf is shorter by more (min ${(100 * Math.min(...relPlanar)).toFixed(2)} %)`,
  );
  const sampleN = QUICK ? 50 : 300;
  const rel = [];
  const t1 = performance.now();
  for (let i = 0; i < sampleN; i++) {
    const d = pointToLineDistance(turfPts[i], line, { units: "meters" });
    rel.push(Math.abs(d - ours[i]) / d);
  }
  const geodesicRate = sampleN / ((performance.now() - t1) / 1000);
  const ok = rel.filter((r) => r <= 0.005).length;
  console.log(
    `   vs turf geodesic (the reference, ${fmt(geodesicRate)} pts/s) on ${sampleN} points: ${ok}/${sampleN} within 0.5 %, max difference ${(100 * Math.max(...rel)).toFixed(3)} %, median ${(100 * median(rel)).toFixed(4)} %`,
  );
  fence.free();
}
