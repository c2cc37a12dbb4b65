// Geofences, polylines and visit detection through the installed package.
import test from "node:test";
import assert from "node:assert/strict";
import { Geofence, decodePolyline, detectVisits, encodePolyline } from "orderbridge";

test("Google's documented polyline decodes and encodes back", () => {
  const encoded = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";
  const pts = decodePolyline(encoded, 5);
  assert.ok(pts instanceof Float64Array);
  assert.deepEqual(Array.from(pts), [38.5, -120.2, 40.7, -120.95, 43.252, -126.453]);
  assert.equal(encodePolyline(pts, 5), encoded);
  assert.equal(encodePolyline([[38.5, -120.2], [40.7, -120.95], [43.252, -126.453]], 5), encoded);
  // Precision 6 (OSRM, Valhalla) of the same points.
  assert.deepEqual(Array.from(decodePolyline(encodePolyline(pts, 6), 6)), Array.from(pts));
});

test("a malformed polyline throws INVALID_FORMAT with the character index", () => {
  assert.throws(() => decodePolyline("_p~iF~ps|U_ulLnnqC_mqNvxq", 5), (e) => e.code === "INVALID_FORMAT" && /\d/.test(e.message));
  assert.throws(() => decodePolyline("_p~iF ~ps|U", 5), (e) => e.code === "INVALID_FORMAT");
});

test("a circle geofence: contains, distance outside, batch queries", () => {
  const fence = Geofence.circle(55.7558, 37.6173, 100);
  try {
    assert.equal(fence.kind, "circle");
    assert.equal(fence.contains(55.7558, 37.6173), true);
    assert.equal(fence.contains(55.7578, 37.6173), false); // ~222 m north
    const d = fence.distanceM(55.7578, 37.6173);
    assert.ok(Math.abs(d - 122.4) < 2, `distance ${d}`);
    const flags = fence.containsMany(new Float64Array([55.7558, 37.6173, 55.7578, 37.6173]));
    assert.deepEqual(Array.from(flags), [1, 0]);
  } finally {
    fence.free();
  }
});

test("GeoJSON is [lon, lat] and is not mixed up with [lat, lon] rings", () => {
  // A square around Paris's Place de la République, written both ways.
  const lonLat = [[2.36, 48.866], [2.366, 48.866], [2.366, 48.869], [2.36, 48.869], [2.36, 48.866]];
  const fromGeoJson = Geofence.fromGeoJSON({ type: "Polygon", coordinates: [lonLat] });
  const fromRings = Geofence.polygon([lonLat.map(([lon, lat]) => [lat, lon])]);
  for (const fence of [fromGeoJson, fromRings]) {
    assert.equal(fence.contains(48.8675, 2.363), true);
    assert.equal(fence.contains(2.363, 48.8675), false);
    fence.free();
  }
});

test("bad geometry throws coded errors; a freed geofence throws instead of crashing the module", () => {
  assert.throws(() => Geofence.circle(95, 0, 100), (e) => e.code === "OUT_OF_RANGE");
  assert.throws(() => Geofence.circle(0, 0, -5), (e) => e.code === "OUT_OF_RANGE");
  assert.throws(() => Geofence.polygon([[[0, 0], [0, 1]]]), (e) => e.code === "INVALID_GEOMETRY");
  const fence = Geofence.circle(0, 0, 10);
  fence.free();
  assert.throws(() => fence.contains(0, 0));
  const again = Geofence.circle(0, 0, 10);
  assert.equal(again.contains(0, 0), true);
  again.free();
});

test("visit detection: Yandex dwell rule and Wialon zero-speed completion", () => {
  const t0 = 1_711_090_000;
  const order = { id: "A", lat: 55.7558, lon: 37.6173, radiusM: 50, serviceDurationS: 300, timeFrom: t0, timeTo: t0 + 3600, flags: 0x1 };
  const track = [];
  for (let s = 0; s <= 600; s += 30) track.push({ t: t0 + 600 + s, lat: 55.7558, lon: 37.6173, speed: s === 300 ? 0 : 0.5 });
  track.push({ t: t0 + 1260, lat: 55.7600, lon: 37.6173, speed: 8 });
  const { results, issues } = detectVisits(track, [order], { serviceTimeCoefficient: 1 });
  assert.deepEqual(issues.filter((i) => i.severity === "error"), []);
  const r = results[0];
  assert.equal(r.arrival, t0 + 600);
  assert.equal(r.yandex.visited, true);
  assert.equal(r.wialon.completed, true);
  assert.equal(r.wialon.rule, "zeroSpeed");
  assert.equal(r.wialon.status, 2);
});
