//! Validation of coordinates given as flat `[lat, lon, lat, lon, ...]` slices, the shape the
//! JavaScript binding passes (`Float64Array`). Issues point at `/<pair>/0` (latitude) or
//! `/<pair>/1` (longitude), as if the slice were the nested array `[[lat, lon], ...]`.

use crate::issue::{codes, Issue};
use crate::json::Path;

/// Checks one latitude/longitude pair in degrees; records an issue at `pair/0` or `pair/1` for
/// each coordinate that is not finite or out of range, and returns whether the pair is usable.
pub(crate) fn check_lat_lon(lat: f64, lon: f64, pair: &Path, issues: &mut Vec<Issue>) -> bool {
    let mut ok = true;
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        ok = false;
        let swapped = lat.is_finite() && lat.abs() <= 180.0 && lon.is_finite() && lon.abs() <= 90.0;
        let hint = if swapped {
            " The pair looks like [lon, lat]: pass latitude first."
        } else {
            ""
        };
        issues.push(Issue::error(
            pair.index(0).to_pointer(),
            codes::OUT_OF_RANGE,
            format!("Latitude {lat} is not a latitude: it must be a number from -90 to 90 degrees.{hint}"),
        ));
    }
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        ok = false;
        issues.push(Issue::error(
            pair.index(1).to_pointer(),
            codes::OUT_OF_RANGE,
            format!(
                "Longitude {lon} is not a longitude: it must be a number from -180 to 180 degrees."
            ),
        ));
    }
    ok
}

/// Checks a flat `[lat, lon, ...]` slice: even length and every pair valid. `path` is where the
/// slice sits in the caller's payload. Returns whether every pair is usable.
pub(crate) fn check_lat_lon_slice(lat_lon: &[f64], path: &Path, issues: &mut Vec<Issue>) -> bool {
    let mut ok = true;
    if lat_lon.len() % 2 != 0 {
        ok = false;
        issues.push(Issue::error(
            path.to_pointer(),
            super::codes::INVALID_GEOMETRY,
            format!(
                "The coordinate list holds {} numbers; it must hold latitude, longitude pairs (an even count).",
                lat_lon.len()
            ),
        ));
    }
    for (i, pair) in lat_lon.chunks_exact(2).enumerate() {
        let p = path.index(i);
        // chunks_exact(2) yields slices of exactly two items.
        ok &= check_lat_lon(pair[0], pair[1], &p, issues);
    }
    ok
}
