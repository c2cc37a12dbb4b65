//! Geometry: distances on the earth, encoded polylines, geofences and visit detection.
//!
//! The vendors decide "the courier is at the order" by geometry: Wialon's order radius `r` and
//! its flags 0x1 / 0x2 / 0x40, Yandex's `mark_delivered_radius` with its dwell-time rule, Wialon
//! warehouse geofences, and routes as Google encoded polylines (Wialon `rp`, OptimoRoute
//! `routePolyline`). This module answers those questions:
//!
//! - [`distance`]: the earth model (a sphere of mean radius, haversine) and its stated accuracy;
//! - [`polyline`]: [`decode_polyline`] / [`encode_polyline`] at precision 5 or 6;
//! - [`fence`]: [`Geofence`] (circle, polygon with holes, multi-polygon, GeoJSON, corridor along
//!   a route) with `contains`, `contains_many` and `distance_m`, backed by an index prepared once;
//! - [`visits`]: [`detect_visits`], arrivals, departures, dwell and each vendor's completion rule
//!   from a GPS track.
//!
//! Coordinates cross the API as flat `[lat, lon, lat, lon, ...]` slices of degrees (the binding
//! passes `Float64Array`s), latitude first everywhere except inside GeoJSON, which is
//! `[lon, lat]` by its specification.

pub mod distance;
pub mod fence;
pub mod polyline;
pub mod visits;

mod coords;
mod geojson;
mod grid;

pub use distance::{haversine_m, point_segment_m, EARTH_RADIUS_M};
pub use fence::{Geofence, GeofenceKind};
pub use polyline::{
    decode_polyline, decode_polyline_bytes_into, decode_polyline_into, encode_polyline, Precision,
};
pub use visits::{
    detect_visits, CompletionRule, Stay, Timeliness, TrackPoint, VisitOptions, VisitOrder,
    VisitResult, WialonOutcome, YandexOutcome,
};

/// Issue codes of the geometry module (the core codes are in [`crate::issue::codes`]).
pub mod codes {
    /// A geometry cannot be used as given: a ring with fewer than 3 distinct points or no area,
    /// a route with fewer than 2 distinct points, an odd-length coordinate array, a GeoJSON
    /// object of another type.
    pub const INVALID_GEOMETRY: &str = "INVALID_GEOMETRY";
    /// (Warning) A polygon ring crosses itself or another ring of the same polygon. The polygon
    /// is still used, with the even-odd rule deciding what is inside.
    pub const SELF_INTERSECTING_RING: &str = "SELF_INTERSECTING_RING";
    /// (Warning) A hole of a polygon is not inside its outer ring. With the even-odd rule the
    /// part of the hole outside the outer ring counts as inside the geofence.
    pub const HOLE_OUTSIDE_SHELL: &str = "HOLE_OUTSIDE_SHELL";
    /// (Warning) An edge spans more than 180° of longitude: it probably means to cross the
    /// antimeridian, but edges are straight in longitude/latitude, so it goes the long way round.
    /// Split the geometry at ±180° (RFC 7946 §3.1.9).
    pub const CROSSES_ANTIMERIDIAN: &str = "CROSSES_ANTIMERIDIAN";
    /// (Warning) The GPS track was not in time order (late events); it was sorted before use.
    pub const TRACK_NOT_SORTED: &str = "TRACK_NOT_SORTED";
    /// (Warning) Fixes were left out of visit detection because their `accuracy` was worse than
    /// the `maxAccuracyM` option; the message says how many.
    pub const INACCURATE_FIXES: &str = "INACCURATE_FIXES";
}
