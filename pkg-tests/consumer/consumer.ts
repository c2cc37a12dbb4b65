// Type-checked with `tsc --strict` by types.test.mjs: the package's .d.ts must describe the whole
// API precisely (no `any`), for Node ("node" condition) and bundlers alike.
import {
  validate, validateJson, convert, convertJson, parseTimeWindow, formatTimeWindow,
  parseTimeWindowBatch, decodePolyline, encodePolyline, detectVisits, Geofence, version,
} from "orderbridge";
import type {
  Report, Issue, ConvertResult, Order, TimeWindowResult, TimeWindow, DetectVisitsResult, Vendor,
} from "orderbridge";

const vendors: Vendor[] = ["wialon", "yandex", "optimoroute", "magiclane"];
const report: Report = validate(vendors[2], { orders: [] }, { endpoint: "create_or_update_orders" });
const first: Issue | undefined = report.issues[0];
const code: string | undefined = first?.code;
const fromJson: boolean = validateJson("canonical", "{}").ok;

const order: Order = { number: "A1", location: { lat: 48.87, lon: 2.35 }, priority: "high" };
const converted: ConvertResult<unknown> = convert(order, { from: "canonical", to: "yandex", defaults: { assignment: { routeNumber: "R1" } } });
const text: ConvertResult<string> = convertJson(JSON.stringify(order), { from: "canonical", to: "optimoroute", date: "2024-03-22" });
const lost: string[] = converted.lost.concat(text.lost);

const parsed: TimeWindowResult = parseTimeWindow("10:00-14:00", { timeZone: "Europe/Moscow", date: "2024-03-22" });
const windows: TimeWindow[] = parsed.windows;
const formatted = formatTimeWindow(windows, "optimorouteTimeWindows");
const batch: Float64Array = parseTimeWindowBatch("9-18\n10:00-12:00");

const pts: Float64Array = decodePolyline("_p~iF~ps|U_ulLnnqC_mqNvxq`@");
const enc: string = encodePolyline(pts, 6);
const fence: Geofence = Geofence.circle(55.75, 37.61, 100);
const inside: Uint8Array = fence.containsMany(new Float64Array([55.75, 37.61]));
const d: number = fence.distanceM(55.76, 37.61);
fence.free();
const visits: DetectVisitsResult = detectVisits([{ t: 0, lat: 1, lon: 2 }], [{ lat: 1, lon: 2 }]);
const v: string = version();

// @ts-expect-error: "tomtom" is not a format.
validate("tomtom", {});
// @ts-expect-error: convert needs `to`.
convert(order, { from: "canonical" });

export { code, fromJson, lost, formatted, batch, enc, inside, d, visits, v };
