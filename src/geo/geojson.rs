//! Reading polygons from GeoJSON (RFC 7946): `Polygon`, `MultiPolygon`, `Feature`,
//! `FeatureCollection` and `GeometryCollection` of those. Positions are `[longitude, latitude]`,
//! the opposite of the rest of this crate's API, so every position is range-checked and a
//! position that looks like `[lat, lon]` gets a `COORDINATES_SWAPPED` warning besides its error.

use super::codes as geo_codes;
use super::fence::{PolygonIn, RingIn};
use crate::check::Checker;
use crate::issue::{codes, Issue};
use crate::json::{Path, Value};

/// The polygons of a GeoJSON object, or `None` (with errors recorded) when it is unusable.
pub(crate) fn polygons(v: &Value, issues: &mut Vec<Issue>) -> Option<Vec<PolygonIn>> {
    let mut c = Checker::new();
    let mut out = Vec::new();
    read_object(v, &Path::root(), &mut c, &mut out, Level::Top);
    let failed = c.has_errors();
    issues.append(&mut c.issues);
    (!failed).then_some(out)
}

/// Where an object sits: what it may be depends on it, and that bounds the nesting.
#[derive(Clone, Copy, PartialEq)]
enum Level {
    /// The object passed in: anything.
    Top,
    /// A member of a `FeatureCollection`: a `Feature`.
    InCollection,
    /// A `Feature`'s geometry or a `GeometryCollection` member: a `Polygon` or `MultiPolygon`.
    Geometry,
}

fn read_object(v: &Value, path: &Path, c: &mut Checker, out: &mut Vec<PolygonIn>, level: Level) {
    let Some(obj) = c.object(v, path) else {
        return;
    };
    let Some(type_value) = obj.get("type") else {
        c.missing(
            path,
            "type",
            "a GeoJSON object names its type (Polygon, MultiPolygon, Feature...)",
        );
        return;
    };
    let type_path = path.key("type");
    let Some(kind) = c.string(type_value, &type_path) else {
        return;
    };
    let allowed: &[&str] = match level {
        Level::Top => &[
            "Polygon",
            "MultiPolygon",
            "Feature",
            "FeatureCollection",
            "GeometryCollection",
        ],
        Level::InCollection => &["Feature"],
        Level::Geometry => &["Polygon", "MultiPolygon"],
    };
    if !allowed.contains(&kind) {
        let hint = match kind {
            "Point" | "MultiPoint" => {
                " A point has no area: for a radius around it use Geofence.circle."
            }
            "LineString" | "MultiLineString" => {
                " A line has no area: for a corridor along it use Geofence.corridor."
            }
            _ => "",
        };
        c.error(
            &type_path,
            geo_codes::INVALID_GEOMETRY,
            format!(
                "GeoJSON type \"{kind}\" cannot be a geofence here; expected {}.{hint}",
                allowed.join(" or ")
            ),
        );
        return;
    }
    let member = |key: &str, c: &mut Checker| -> Option<&Value> {
        let found = obj.get(key);
        if found.is_none() {
            c.missing(path, key, &format!("a GeoJSON {kind} has `{key}`"));
        }
        found
    };
    match kind {
        "Polygon" => {
            let p = path.key("coordinates");
            if let Some(coords) = member("coordinates", c) {
                if let Some(polygon) = read_polygon(coords, &p, c) {
                    out.push(polygon);
                }
            }
        }
        "MultiPolygon" => {
            let p = path.key("coordinates");
            if let Some(polygons) = member("coordinates", c).and_then(|v| c.array(v, &p)) {
                for (i, polygon) in polygons.iter().enumerate() {
                    if let Some(polygon) = read_polygon(polygon, &p.index(i), c) {
                        out.push(polygon);
                    }
                }
            }
        }
        "Feature" => {
            let p = path.key("geometry");
            if let Some(geometry) = member("geometry", c) {
                if geometry.is_null() {
                    c.error(
                        &p,
                        geo_codes::INVALID_GEOMETRY,
                        "The Feature has no geometry (null); a geofence needs a Polygon or MultiPolygon.",
                    );
                } else {
                    read_object(geometry, &p, c, out, Level::Geometry);
                }
            }
        }
        "FeatureCollection" => {
            let p = path.key("features");
            if let Some(features) = member("features", c).and_then(|v| c.array(v, &p)) {
                for (i, feature) in features.iter().enumerate() {
                    read_object(feature, &p.index(i), c, out, Level::InCollection);
                }
            }
        }
        "GeometryCollection" => {
            let p = path.key("geometries");
            if let Some(geometries) = member("geometries", c).and_then(|v| c.array(v, &p)) {
                for (i, geometry) in geometries.iter().enumerate() {
                    read_object(geometry, &p.index(i), c, out, Level::Geometry);
                }
            }
        }
        _ => {}
    }
}

fn read_polygon(v: &Value, path: &Path, c: &mut Checker) -> Option<PolygonIn> {
    let rings = c.array(v, path)?;
    if rings.is_empty() {
        c.error(
            path,
            codes::EMPTY,
            "The polygon has no ring: give an outer ring of 4 or more positions (the last equal to the first).",
        );
        return None;
    }
    let before = c.error_count();
    let mut polygon = PolygonIn {
        rings: Vec::with_capacity(rings.len()),
        path: path.to_pointer(),
    };
    for (r, ring) in rings.iter().enumerate() {
        let ring_path = path.index(r);
        let Some(positions) = c.array(ring, &ring_path) else {
            continue;
        };
        let mut ring_in = RingIn {
            points: Vec::with_capacity(positions.len()),
            indexes: Vec::with_capacity(positions.len()),
            path: ring_path.to_pointer(),
        };
        for (i, position) in positions.iter().enumerate() {
            if let Some(point) = read_position(position, &ring_path.index(i), c) {
                ring_in.points.push(point);
                ring_in.indexes.push(i);
            }
        }
        polygon.rings.push(ring_in);
    }
    (c.error_count() == before).then_some(polygon)
}

/// A `[lon, lat]` position as `(x, y)`.
fn read_position(v: &Value, path: &Path, c: &mut Checker) -> Option<(f64, f64)> {
    let items = c.array(v, path)?;
    let (Some(lon_v), Some(lat_v)) = (items.first(), items.get(1)) else {
        c.error(
            path,
            geo_codes::INVALID_GEOMETRY,
            format!(
                "A GeoJSON position is [longitude, latitude]; this one has {} number(s).",
                items.len()
            ),
        );
        return None;
    };
    let (lon_p, lat_p) = (path.index(0), path.index(1));
    let lon = c.number(lon_v, &lon_p);
    let lat = c.number(lat_v, &lat_p);
    let (lon, lat) = (lon?, lat?);
    c.swapped_coordinates(
        lat,
        lon,
        path,
        "latitude (second number)",
        "longitude (first number)",
    );
    let lon = c.number_in(lon_v, &lon_p, Some(-180.0), Some(180.0));
    let lat = c.number_in(lat_v, &lat_p, Some(-90.0), Some(90.0));
    Some((lon?, lat?))
}
