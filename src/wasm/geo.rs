//! `decodePolyline`, `encodePolyline`, the `Geofence` class and `detectVisits`.
//!
//! Geometry crosses as typed arrays (`Float64Array` of lat, lon pairs in, `Uint8Array` /
//! `Float64Array` out) so that batch calls pay one copy each way. Problems in the geometry a
//! function is given (a malformed polyline, a ring with two points) cannot be returned next to a
//! result that does not exist, so they are thrown: an `OrderbridgeError` whose `code` is the
//! first error's code and whose `issues` property lists every issue.

use super::{js_type, options, payload_text, string_arg, throw, to_js};
use crate::geo::{self, Geofence as CoreGeofence, Precision, TrackPoint, VisitOptions, VisitOrder};
use crate::issue::{codes, Issue, UsageError};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TS_GEO_TYPES: &str = include_str!("geo.d.ts");

#[wasm_bindgen]
extern "C" {
    /// An optional polyline precision, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "number")]
    pub type PrecisionArg;

    /// The options argument of `detectVisits`, typed for TypeScript.
    #[wasm_bindgen(typescript_type = "DetectVisitsOptions")]
    pub type DetectVisitsOptionsArg;
}

/// Throws issues: the error's `code` and `message` are the first error's (or first issue's),
/// `issues` holds them all.
fn throw_issues(issues: &[Issue]) -> JsValue {
    let first = issues
        .iter()
        .find(|i| i.is_error())
        .or_else(|| issues.first());
    let (code, message) = match first {
        Some(i) => {
            let at = if i.path.is_empty() {
                String::new()
            } else {
                format!(" (at {})", i.path)
            };
            (i.code.to_string(), format!("{}{at}", i.message))
        }
        None => (
            codes::INVALID_ARGUMENT.to_string(),
            "invalid input.".to_string(),
        ),
    };
    let err = js_sys::Error::new(&message);
    // Reflect::set only fails on frozen or proxy objects; a fresh Error is neither.
    let _ = js_sys::Reflect::set(&err, &JsValue::from_str("code"), &JsValue::from_str(&code));
    if let Ok(list) = to_js(&issues) {
        let _ = js_sys::Reflect::set(&err, &JsValue::from_str("issues"), &list);
    }
    err.set_name("OrderbridgeError");
    err.into()
}

fn bad_argument(message: String) -> JsValue {
    throw(UsageError::new(codes::INVALID_ARGUMENT, message))
}

/// Reads the optional `precision` argument (default 5).
fn precision_arg(v: &Option<PrecisionArg>) -> Result<Precision, JsValue> {
    let Some(v) = v.as_ref().map(|p| -> &JsValue { p.as_ref() }) else {
        return Ok(Precision::GOOGLE);
    };
    if v.is_undefined() || v.is_null() {
        return Ok(Precision::GOOGLE);
    }
    let Some(p) = v.as_f64() else {
        return Err(throw(UsageError::new(
            codes::INVALID_OPTION,
            format!(
                "`precision` must be a whole number from 0 to 9, not {}.",
                js_type(v)
            ),
        )));
    };
    if p.fract() != 0.0 || !(0.0..=9.0).contains(&p) {
        return Err(throw(UsageError::new(
            codes::INVALID_OPTION,
            format!("`precision` is {p}; use 5 (Google, Wialon, OptimoRoute) or 6 (OSRM, Valhalla), any whole number from 0 to 9."),
        )));
    }
    Precision::new(p as u32).map_err(throw)
}

/// Reads a number argument (NaN and infinities pass through: the core reports them).
fn number_arg(v: &JsValue, name: &str) -> Result<f64, JsValue> {
    v.as_f64()
        .ok_or_else(|| bad_argument(format!("`{name}` must be a number, not {}.", js_type(v))))
}

/// Reads coordinates given either as a `Float64Array` (or any typed/plain array of numbers) of
/// `lat, lon, ...` or as an array of `[lat, lon]` pairs, into a flat vector. Entries that are not
/// numbers become NaN, which the core reports with their path.
fn lat_lon_arg(v: &JsValue, name: &str) -> Result<Vec<f64>, JsValue> {
    if let Some(typed) = v.dyn_ref::<js_sys::Float64Array>() {
        return Ok(typed.to_vec());
    }
    if !js_sys::Array::is_array(v) {
        if js_sys::ArrayBuffer::is_view(v) {
            return Ok(js_sys::Float64Array::new(v).to_vec());
        }
        return Err(bad_argument(format!(
            "`{name}` must be a Float64Array of lat, lon pairs or an array of [lat, lon], not {}.",
            js_type(v)
        )));
    }
    let array: &js_sys::Array = v.unchecked_ref();
    let mut out = Vec::with_capacity(array.length() as usize * 2);
    let nested = array.length() > 0 && js_sys::Array::is_array(&array.get(0));
    if !nested {
        // A flat array of numbers, like the typed array.
        for item in array.iter() {
            out.push(item.as_f64().unwrap_or(f64::NAN));
        }
        return Ok(out);
    }
    for (i, pair) in array.iter().enumerate() {
        if !js_sys::Array::is_array(&pair) {
            return Err(bad_argument(format!(
                "`{name}[{i}]` must be a [lat, lon] pair, not {}.",
                js_type(&pair)
            )));
        }
        let pair: &js_sys::Array = pair.unchecked_ref();
        out.push(pair.get(0).as_f64().unwrap_or(f64::NAN));
        out.push(pair.get(1).as_f64().unwrap_or(f64::NAN));
    }
    Ok(out)
}

thread_local! {
    /// Buffers reused by every `decodePolyline` call, so that a decode allocates nothing in the
    /// wasm heap once they have grown to the largest line seen.
    static DECODE_BUFFERS: std::cell::RefCell<(Vec<u8>, Vec<f64>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Decodes an encoded polyline into a `Float64Array` of `lat, lon, lat, lon, ...`.
#[wasm_bindgen(js_name = decodePolyline, skip_jsdoc)]
pub fn decode_polyline(
    #[wasm_bindgen(unchecked_param_type = "string")] encoded: JsValue,
    precision: Option<PrecisionArg>,
) -> Result<js_sys::Float64Array, JsValue> {
    let Some(text) = encoded.dyn_ref::<js_sys::JsString>() else {
        return Err(bad_argument(format!(
            "`encoded` must be a string, not {}.",
            js_type(&encoded)
        )));
    };
    let precision = precision_arg(&precision)?;
    DECODE_BUFFERS.with(|buffers| {
        // Not re-entrant (no JavaScript runs while it is held), so the borrow always succeeds.
        let Ok(mut buffers) = buffers.try_borrow_mut() else {
            return Err(bad_argument("decodePolyline was re-entered.".to_string()));
        };
        let (bytes, points) = &mut *buffers;
        super::js_string_bytes_into(text, bytes);
        let result = geo::decode_polyline_bytes_into(bytes, precision, points)
            .map_err(|i| throw_issues(&[i]))
            .map(|()| js_sys::Float64Array::from(points.as_slice()));
        // Keep at most ~8 MB between calls: one huge line must not pin its memory forever.
        if points.capacity() > 1 << 20 {
            *points = Vec::new();
            *bytes = Vec::new();
        }
        result
    })
}

/// Encodes `lat, lon` pairs (a `Float64Array` or an array of `[lat, lon]`) as a polyline.
#[wasm_bindgen(js_name = encodePolyline, skip_jsdoc)]
pub fn encode_polyline(
    #[wasm_bindgen(js_name = "latLon", unchecked_param_type = "Float64Array | number[][]")] lat_lon: JsValue,
    precision: Option<PrecisionArg>,
) -> Result<String, JsValue> {
    let points = lat_lon_arg(&lat_lon, "latLon")?;
    let precision = precision_arg(&precision)?;
    geo::encode_polyline(&points, precision).map_err(|i| throw_issues(&[i]))
}

/// A prepared geofence (circle, polygon, multi-polygon or corridor). Build it once, query it many
/// times, and call `free()` when done (or let the garbage collector's finalizer do it).
#[wasm_bindgen(js_name = Geofence)]
pub struct Geofence {
    inner: CoreGeofence,
}

fn built(result: Result<CoreGeofence, Vec<Issue>>) -> Result<Geofence, JsValue> {
    result
        .map(|inner| Geofence { inner })
        .map_err(|issues| throw_issues(&issues))
}

/// Reads `rings` (an array of rings, each a `Float64Array` or an array of `[lat, lon]`).
fn rings_arg(v: &JsValue, name: &str) -> Result<Vec<Vec<f64>>, JsValue> {
    if !js_sys::Array::is_array(v) {
        return Err(bad_argument(format!(
            "`{name}` must be an array of rings (each a Float64Array or an array of [lat, lon]), not {}.",
            js_type(v)
        )));
    }
    let array: &js_sys::Array = v.unchecked_ref();
    array
        .iter()
        .enumerate()
        .map(|(i, ring)| lat_lon_arg(&ring, &format!("{name}[{i}]")))
        .collect()
}

#[wasm_bindgen(js_class = Geofence)]
impl Geofence {
    /// A circle of `radiusM` metres around `(lat, lon)`.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn circle(
        #[wasm_bindgen(unchecked_param_type = "number")] lat: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] lon: JsValue,
        #[wasm_bindgen(js_name = radiusM, unchecked_param_type = "number")] radius_m: JsValue,
    ) -> Result<Geofence, JsValue> {
        let (lat, lon) = (number_arg(&lat, "lat")?, number_arg(&lon, "lon")?);
        let radius = number_arg(&radius_m, "radiusM")?;
        built(CoreGeofence::circle(lat, lon, radius))
    }

    /// A polygon: the outer ring, then holes, each `[lat, lon]` pairs.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn polygon(
        #[wasm_bindgen(unchecked_param_type = "Array<Float64Array | number[][]>")] rings: JsValue,
    ) -> Result<Geofence, JsValue> {
        let rings = rings_arg(&rings, "rings")?;
        built(CoreGeofence::polygon(&rings))
    }

    /// Several polygons (each a list of rings); a point is inside when any contains it.
    #[wasm_bindgen(js_name = multiPolygon, skip_jsdoc)]
    pub fn multi_polygon(
        #[wasm_bindgen(unchecked_param_type = "Array<Array<Float64Array | number[][]>>")]
        polygons: JsValue,
    ) -> Result<Geofence, JsValue> {
        if !js_sys::Array::is_array(&polygons) {
            return Err(bad_argument(format!(
                "`polygons` must be an array of polygons, not {}.",
                js_type(&polygons)
            )));
        }
        let array: &js_sys::Array = polygons.unchecked_ref();
        let parts = array
            .iter()
            .enumerate()
            .map(|(i, p)| rings_arg(&p, &format!("polygons[{i}]")))
            .collect::<Result<Vec<_>, _>>()?;
        built(CoreGeofence::multi_polygon(&parts))
    }

    /// A polygon or multi-polygon from GeoJSON (`[lon, lat]` positions): a Polygon,
    /// MultiPolygon, Feature, FeatureCollection or GeometryCollection, as an object or JSON text.
    #[wasm_bindgen(js_name = fromGeoJSON, skip_jsdoc)]
    pub fn from_geojson(
        #[wasm_bindgen(unchecked_param_type = "object | string")] geojson: JsValue,
    ) -> Result<Geofence, JsValue> {
        let text = payload_text(&geojson)?;
        built(CoreGeofence::from_geojson_str(&text))
    }

    /// The corridor within `halfWidthM` metres of a route given as an encoded polyline.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn corridor(
        #[wasm_bindgen(js_name = encodedPolyline, unchecked_param_type = "string")]
        encoded_polyline: JsValue,
        #[wasm_bindgen(js_name = halfWidthM, unchecked_param_type = "number")]
        half_width_m: JsValue,
        precision: Option<PrecisionArg>,
    ) -> Result<Geofence, JsValue> {
        let text = string_arg(&encoded_polyline, "encodedPolyline")?;
        let half = number_arg(&half_width_m, "halfWidthM")?;
        let precision = precision_arg(&precision)?;
        built(CoreGeofence::corridor(&text, precision, half))
    }

    /// The corridor within `halfWidthM` metres of a route given as `lat, lon` pairs.
    #[wasm_bindgen(js_name = corridorFromPoints, skip_jsdoc)]
    pub fn corridor_from_points(
        #[wasm_bindgen(js_name = latLon, unchecked_param_type = "Float64Array | number[][]")]
        lat_lon: JsValue,
        #[wasm_bindgen(js_name = halfWidthM, unchecked_param_type = "number")]
        half_width_m: JsValue,
    ) -> Result<Geofence, JsValue> {
        let points = lat_lon_arg(&lat_lon, "latLon")?;
        let half = number_arg(&half_width_m, "halfWidthM")?;
        built(CoreGeofence::corridor_from_points(&points, half))
    }

    /// `"circle"`, `"polygon"` or `"corridor"`.
    #[wasm_bindgen(
        getter,
        skip_jsdoc,
        unchecked_return_type = "\"circle\" | \"polygon\" | \"corridor\""
    )]
    pub fn kind(&self) -> JsValue {
        to_js(&self.inner.kind()).unwrap_or(JsValue::UNDEFINED)
    }

    /// Warnings found while building (self-intersecting rings, stray holes, antimeridian edges).
    #[wasm_bindgen(getter, skip_jsdoc, unchecked_return_type = "Issue[]")]
    pub fn warnings(&self) -> Result<JsValue, JsValue> {
        to_js(&self.inner.warnings())
    }

    /// `[south, west, north, east]` in degrees.
    #[wasm_bindgen(skip_jsdoc)]
    pub fn bounds(&self) -> Vec<f64> {
        self.inner.bounds().to_vec()
    }

    /// True when `(lat, lon)` is inside (the boundary counts as inside).
    #[wasm_bindgen(skip_jsdoc)]
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        self.inner.contains(lat, lon)
    }

    /// For each `lat, lon` pair of the array, 1 when inside and 0 when not.
    #[wasm_bindgen(js_name = containsMany, skip_jsdoc)]
    pub fn contains_many(
        &self,
        #[wasm_bindgen(js_name = latLon, unchecked_param_type = "Float64Array | number[]")]
        lat_lon: JsValue,
    ) -> Result<js_sys::Uint8Array, JsValue> {
        with_points(&lat_lon, |points| {
            let mut out = vec![0u8; points.len() / 2];
            self.inner.contains_many(points, &mut out).map_err(throw)?;
            Ok(js_sys::Uint8Array::from(out.as_slice()))
        })
    }

    /// Metres from `(lat, lon)` to the geofence: 0 inside, to the nearest boundary point outside.
    #[wasm_bindgen(js_name = distanceM, skip_jsdoc)]
    pub fn distance_m(&self, lat: f64, lon: f64) -> f64 {
        self.inner.distance_m(lat, lon)
    }

    /// `distanceM` for each `lat, lon` pair of the array.
    #[wasm_bindgen(js_name = distanceMany, skip_jsdoc)]
    pub fn distance_many(
        &self,
        #[wasm_bindgen(js_name = latLon, unchecked_param_type = "Float64Array | number[]")]
        lat_lon: JsValue,
    ) -> Result<js_sys::Float64Array, JsValue> {
        with_points(&lat_lon, |points| {
            let mut out = vec![0f64; points.len() / 2];
            self.inner.distance_many(points, &mut out).map_err(throw)?;
            Ok(js_sys::Float64Array::from(out.as_slice()))
        })
    }
}

thread_local! {
    /// The input buffer of batch queries, reused so that a batch allocates only its output.
    static POINTS: std::cell::RefCell<Vec<f64>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `f` on the numbers of a `Float64Array` (or array of numbers) copied into wasm memory.
fn with_points<T>(
    lat_lon: &JsValue,
    f: impl FnOnce(&[f64]) -> Result<T, JsValue>,
) -> Result<T, JsValue> {
    let typed: js_sys::Float64Array = if let Some(t) = lat_lon.dyn_ref::<js_sys::Float64Array>() {
        t.clone()
    } else if js_sys::Array::is_array(lat_lon) || js_sys::ArrayBuffer::is_view(lat_lon) {
        js_sys::Float64Array::new(lat_lon)
    } else {
        return Err(bad_argument(format!(
            "`latLon` must be a Float64Array of lat, lon pairs, not {}.",
            js_type(lat_lon)
        )));
    };
    POINTS.with(|buffer| {
        let Ok(mut buffer) = buffer.try_borrow_mut() else {
            // Only reachable if a query re-entered itself; fall back to a fresh buffer.
            return f(&typed.to_vec());
        };
        buffer.clear();
        buffer.resize(typed.length() as usize, 0.0);
        // copy_to panics on a length mismatch; the buffer was just sized to the array.
        typed.copy_to(&mut buffer);
        let result = f(&buffer);
        // Keep at most 16 MB (a million points) between calls.
        if buffer.capacity() > 1 << 21 {
            *buffer = Vec::new();
        }
        result
    })
}

/// `detectVisits`' result.
#[derive(Serialize)]
struct Detected {
    results: Vec<geo::VisitResult>,
    issues: Vec<Issue>,
}

/// `VisitOptions` as JavaScript passes it (every field optional).
const VISIT_OPTIONS: &[&str] = &[
    "defaultRadiusM",
    "serviceTimeCoefficient",
    "markDeliveredEnabled",
    "maxAccuracyM",
    "stoppedBelowMps",
];

fn parse_list<T: serde::de::DeserializeOwned>(v: &JsValue, name: &str) -> Result<Vec<T>, JsValue> {
    if !js_sys::Array::is_array(v) && v.as_string().is_none() {
        return Err(bad_argument(format!(
            "`{name}` must be an array (or its JSON text), not {}.",
            js_type(v)
        )));
    }
    let text = payload_text(v)?;
    serde_json::from_str(&text).map_err(|e| bad_argument(format!("`{name}` cannot be read: {e}.")))
}

/// Detects visits of a GPS track at each order; returns `{ results, issues }`.
#[wasm_bindgen(js_name = detectVisits, unchecked_return_type = "DetectVisitsResult", skip_jsdoc)]
pub fn detect_visits(
    #[wasm_bindgen(unchecked_param_type = "TrackPoint[] | string")] track: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VisitOrder[] | string")] orders: JsValue,
    #[wasm_bindgen(js_name = "options")] options_arg: Option<DetectVisitsOptionsArg>,
) -> Result<JsValue, JsValue> {
    let track: Vec<TrackPoint> = parse_list(&track, "track")?;
    let orders: Vec<VisitOrder> = parse_list(&orders, "orders")?;
    let opts: VisitOptions = options(&options_arg.map(JsValue::from), VISIT_OPTIONS)?;
    let (results, issues) = geo::detect_visits(&track, &orders, &opts);
    to_js(&Detected { results, issues })
}
