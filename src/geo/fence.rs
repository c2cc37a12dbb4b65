//! [`Geofence`]: circles (Wialon order radius `r`, Yandex `mark_delivered_radius`), polygons with
//! holes and multi-polygons (warehouse geofences, delivery zones, GeoJSON), and corridors along a
//! route (Wialon `rp`, OptimoRoute `routePolyline`), each prepared once for fast queries.
//!
//! # Rules
//!
//! - **Boundary**: a point on the boundary is inside — on a circle at exactly the radius, on a
//!   polygon edge or vertex (including the edges of holes), at exactly the half width from a
//!   corridor's route. This is turf's `booleanPointInPolygon` default (`ignoreBoundary: false`).
//!   Points within about 1e-9° of a polygon edge may fall either way (floating point).
//! - **Polygons** use the even-odd rule over all rings of a polygon: a hole is a ring inside the
//!   outer ring, and a self-intersecting ring is still usable (regions covered twice are
//!   outside), reported as the warning `SELF_INTERSECTING_RING`. Ring orientation does not matter.
//!   A multi-polygon contains a point when any of its polygons does.
//! - **Edges and routes are straight in longitude/latitude** (GeoJSON, RFC 7946 §3.1.1) and do not
//!   wrap around the antimeridian: split such geometries at ±180° (an edge longer than 180° of
//!   longitude is reported as `CROSSES_ANTIMERIDIAN`). Circles have no such limit.
//! - **Distances** ([`Geofence::distance_m`]) are 0 inside and, outside, the metres to the nearest
//!   point of the boundary (circle: great-circle distance to the centre minus the radius;
//!   polygon: to the nearest edge; corridor: to the route minus the half width), with the model
//!   and accuracy described in [`super::distance`].
//! - **Input** is validated: NaN, infinities, latitudes beyond ±90 and longitudes beyond ±180 are
//!   `OUT_OF_RANGE`; rings with fewer than 3 distinct points or no area, routes with fewer than 2
//!   points, are `INVALID_GEOMETRY`; zero, negative or non-finite radii are `OUT_OF_RANGE`.
//!   Consecutive repeated points and a closing point equal to the first are dropped without an
//!   issue (they carry no shape). Query points that are not finite are never inside and have a
//!   NaN distance.

use super::codes as geo_codes;
use super::coords::check_lat_lon_slice;
use super::distance::{
    haversine_m, haversine_term, haversine_term_of_distance, MAX_DISTANCE_M, METRES_PER_DEGREE,
};
use super::grid::{orient, EdgeGrid, Seg};
use super::polyline::{decode_polyline, Precision};
use crate::issue::{codes, Issue};
use crate::json::{Path, Value};
use crate::UsageError;
use serde::Serialize;

/// Which shape a [`Geofence`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GeofenceKind {
    /// A circle around a point.
    Circle,
    /// One or more polygons, possibly with holes.
    Polygon,
    /// The area within a half width of a route.
    Corridor,
}

/// A prepared geofence. Build it once (the index is built then), query it many times.
#[derive(Debug, Clone)]
pub struct Geofence {
    shape: Shape,
    warnings: Vec<Issue>,
}

#[derive(Debug, Clone)]
enum Shape {
    Circle(Circle),
    Polygons(Vec<EdgeGrid>),
    Corridor(Corridor),
}

#[derive(Debug, Clone)]
struct Circle {
    lat: f64,
    lon: f64,
    radius_m: f64,
    cos_lat: f64,
    /// Haversine term of the radius: inside ⇔ term ≤ this.
    term_limit: f64,
    /// Latitude half-extent in degrees (a quick reject before the trigonometry).
    dlat: f64,
    /// Longitude half-extent in degrees, or infinity when the circle reaches a pole.
    dlon: f64,
}

#[derive(Debug, Clone)]
struct Corridor {
    grid: EdgeGrid,
    half_width_m: f64,
}

/// Largest circle radius or corridor half width, in metres: half the earth's circumference.
pub const MAX_RADIUS_M: f64 = MAX_DISTANCE_M;

/// A ring on its way into a polygon: longitude/latitude points (x, y) with their indexes in the
/// caller's input, and the JSON Pointer of the ring for issues.
#[derive(Debug, Clone, Default)]
pub(crate) struct RingIn {
    pub(crate) points: Vec<(f64, f64)>,
    pub(crate) indexes: Vec<usize>,
    pub(crate) path: String,
}

/// A polygon on its way in: outer ring first, then holes.
#[derive(Debug, Clone, Default)]
pub(crate) struct PolygonIn {
    pub(crate) rings: Vec<RingIn>,
    pub(crate) path: String,
}

impl Geofence {
    /// A circle of `radius_m` metres (great-circle distance, boundary inside) around
    /// `(lat, lon)` in degrees: Wialon's order area (`y`, `x`, `r`) or Yandex's
    /// `mark_delivered_radius` around the order's `lat`/`lon`.
    ///
    /// Issues are at `/lat`, `/lon`, `/radiusM`. The radius must be greater than 0 and at most
    /// [`MAX_RADIUS_M`].
    pub fn circle(lat: f64, lon: f64, radius_m: f64) -> Result<Geofence, Vec<Issue>> {
        let mut issues = Vec::new();
        let mut ok = true;
        if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
            ok = false;
            issues.push(Issue::error(
                "/lat",
                codes::OUT_OF_RANGE,
                format!(
                    "Latitude {lat} is not a latitude: it must be a number from -90 to 90 degrees."
                ),
            ));
        }
        if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
            ok = false;
            issues.push(Issue::error(
                "/lon",
                codes::OUT_OF_RANGE,
                format!("Longitude {lon} is not a longitude: it must be a number from -180 to 180 degrees."),
            ));
        }
        ok &= check_radius(radius_m, "/radiusM", "radius", false, &mut issues);
        if !ok {
            return Err(issues);
        }
        let angle = radius_m / super::EARTH_RADIUS_M;
        let dlat = angle.to_degrees();
        let cos_lat = lat.to_radians().cos();
        let dlon = if lat.abs() + dlat >= 89.999 || angle >= std::f64::consts::FRAC_PI_2 {
            f64::INFINITY
        } else {
            // The widest longitude a circle of this angular radius reaches at any latitude.
            (angle.sin() / cos_lat).min(1.0).asin().to_degrees()
        };
        Ok(Geofence {
            shape: Shape::Circle(Circle {
                lat,
                lon,
                radius_m,
                cos_lat,
                term_limit: haversine_term_of_distance(radius_m),
                // Margins so that the quick reject never rejects a point the exact test accepts.
                dlat: dlat * (1.0 + 1e-9) + 1e-9,
                dlon: dlon * (1.0 + 1e-9) + 1e-9,
            }),
            warnings: issues,
        })
    }

    /// A polygon from rings of `[lat, lon, lat, lon, ...]` in degrees: the outer ring first, then
    /// holes. Rings may be open or closed and in either orientation.
    ///
    /// Issues are at `/<ring>/<point>/0` (latitude) or `/1` (longitude) and `/<ring>`.
    pub fn polygon<R: AsRef<[f64]>>(rings: &[R]) -> Result<Geofence, Vec<Issue>> {
        let mut issues = Vec::new();
        let polygon = polygon_from_flat(rings, &Path::root(), &mut issues);
        Geofence::from_polygons(polygon.into_iter().collect(), issues, "")
    }

    /// Several polygons (each a list of rings as in [`Geofence::polygon`]); a point is inside
    /// when it is inside any of them. Issues are at `/<polygon>/<ring>/<point>/<0|1>`.
    pub fn multi_polygon<P, R>(polygons: &[P]) -> Result<Geofence, Vec<Issue>>
    where
        P: AsRef<[R]>,
        R: AsRef<[f64]>,
    {
        let mut issues = Vec::new();
        let root = Path::root();
        let mut parts = Vec::with_capacity(polygons.len());
        let mut all_ok = true;
        for (i, rings) in polygons.iter().enumerate() {
            match polygon_from_flat(rings.as_ref(), &root.index(i), &mut issues) {
                Some(p) => parts.push(p),
                None => all_ok = false,
            }
        }
        if !all_ok {
            return Err(issues);
        }
        Geofence::from_polygons(parts, issues, "")
    }

    /// A polygon or multi-polygon from GeoJSON: a `Polygon`, `MultiPolygon`, `Feature` with one
    /// of those as geometry, or a `FeatureCollection` of such features (their union). Positions
    /// are `[longitude, latitude]` (RFC 7946); a third number (altitude) is ignored. Issues are at
    /// JSON Pointers into the object.
    pub fn from_geojson(geojson: &Value) -> Result<Geofence, Vec<Issue>> {
        let mut issues = Vec::new();
        match super::geojson::polygons(geojson, &mut issues) {
            Some(polygons) => Geofence::from_polygons(polygons, issues, ""),
            None => Err(issues),
        }
    }

    /// [`Geofence::from_geojson`] from JSON text; text that is not JSON is an `INVALID_JSON`
    /// issue.
    pub fn from_geojson_str(text: &str) -> Result<Geofence, Vec<Issue>> {
        match crate::json::parse(text) {
            Ok(value) => Geofence::from_geojson(&value),
            Err(e) => Err(vec![Issue::error(
                "",
                codes::INVALID_JSON,
                format!("The GeoJSON is not valid JSON: {e}."),
            )]),
        }
    }

    /// The corridor within `half_width_m` metres of a route given as an encoded polyline
    /// (Wialon `rp` and OptimoRoute `routePolyline` use precision 5). A half width of 0 is the
    /// route line itself, useful for [`Geofence::distance_m`] as "distance to the route".
    ///
    /// Issues are at `/encodedPolyline` and `/halfWidthM`.
    pub fn corridor(
        encoded: &str,
        precision: Precision,
        half_width_m: f64,
    ) -> Result<Geofence, Vec<Issue>> {
        let mut issues = Vec::new();
        let width_ok = check_radius(half_width_m, "/halfWidthM", "half width", true, &mut issues);
        let points = match decode_polyline(encoded, precision) {
            Ok(points) => Some(points),
            Err(issue) => {
                issues.push(issue.under("/encodedPolyline"));
                None
            }
        };
        match points {
            Some(points) if width_ok => {
                Geofence::corridor_checked(&points, half_width_m, "/encodedPolyline", issues)
            }
            _ => Err(issues),
        }
    }

    /// [`Geofence::corridor`] from a route as `[lat, lon, lat, lon, ...]` in degrees. Issues are
    /// at `/latLon/<point>/<0|1>` and `/halfWidthM`.
    pub fn corridor_from_points(
        lat_lon: &[f64],
        half_width_m: f64,
    ) -> Result<Geofence, Vec<Issue>> {
        let mut issues = Vec::new();
        let root = Path::root();
        let path = root.key("latLon");
        let width_ok = check_radius(half_width_m, "/halfWidthM", "half width", true, &mut issues);
        let points_ok = check_lat_lon_slice(lat_lon, &path, &mut issues);
        if !(width_ok && points_ok) {
            return Err(issues);
        }
        Geofence::corridor_checked(lat_lon, half_width_m, "/latLon", issues)
    }

    fn corridor_checked(
        lat_lon: &[f64],
        half_width_m: f64,
        path: &str,
        mut issues: Vec<Issue>,
    ) -> Result<Geofence, Vec<Issue>> {
        // chunks_exact(2) and windows(2) yield slices of exactly two items.
        let pairs: Vec<(f64, f64)> = lat_lon.chunks_exact(2).map(|p| (p[1], p[0])).collect();
        let mut segs = Vec::with_capacity(pairs.len());
        for (i, w) in pairs.windows(2).enumerate() {
            let ((ax, ay), (bx, by)) = (w[0], w[1]);
            if (bx - ax).abs() > 180.0 {
                issues.push(antimeridian_warning(&format!("{path}/{}", i + 1), i, i + 1));
            }
            segs.push(Seg::new(ax, ay, bx, by, i as u32));
        }
        if segs.is_empty() {
            issues.push(Issue::error(
                path,
                geo_codes::INVALID_GEOMETRY,
                format!(
                    "The route has {} point(s); a corridor needs a route of at least 2 points.",
                    pairs.len()
                ),
            ));
            return Err(issues);
        }
        Ok(Geofence {
            shape: Shape::Corridor(Corridor {
                grid: EdgeGrid::build(&segs, false),
                half_width_m,
            }),
            warnings: issues,
        })
    }

    pub(crate) fn from_polygons(
        polygons: Vec<PolygonIn>,
        mut issues: Vec<Issue>,
        empty_path: &str,
    ) -> Result<Geofence, Vec<Issue>> {
        if issues.iter().any(Issue::is_error) {
            return Err(issues);
        }
        if polygons.is_empty() {
            issues.push(Issue::error(
                empty_path,
                codes::EMPTY,
                "There is no polygon: give at least one outer ring of 3 or more points.",
            ));
            return Err(issues);
        }
        let mut grids = Vec::with_capacity(polygons.len());
        for polygon in &polygons {
            if let Some(grid) = prepare_polygon(polygon, &mut issues) {
                grids.push(grid);
            }
        }
        if issues.iter().any(Issue::is_error) {
            return Err(issues);
        }
        Ok(Geofence {
            shape: Shape::Polygons(grids),
            warnings: issues,
        })
    }

    /// Which shape this is.
    pub fn kind(&self) -> GeofenceKind {
        match self.shape {
            Shape::Circle(_) => GeofenceKind::Circle,
            Shape::Polygons(_) => GeofenceKind::Polygon,
            Shape::Corridor(_) => GeofenceKind::Corridor,
        }
    }

    /// Warnings found while building (self-intersecting rings, holes outside their shell, edges
    /// across the antimeridian). Errors never get this far: they fail the constructor.
    pub fn warnings(&self) -> &[Issue] {
        &self.warnings
    }

    /// Bounding box as `[south, west, north, east]` in degrees (for a circle that reaches a pole
    /// or the antimeridian, the longitude span is the whole `[-180, 180]`).
    pub fn bounds(&self) -> [f64; 4] {
        match &self.shape {
            Shape::Circle(c) => {
                let south = (c.lat - c.dlat).max(-90.0);
                let north = (c.lat + c.dlat).min(90.0);
                if c.dlon.is_finite() && c.lon - c.dlon >= -180.0 && c.lon + c.dlon <= 180.0 {
                    [south, c.lon - c.dlon, north, c.lon + c.dlon]
                } else {
                    [south, -180.0, north, 180.0]
                }
            }
            Shape::Polygons(grids) => {
                let mut b = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
                for g in grids {
                    let (x0, y0, x1, y1) = g.bbox();
                    b = [b[0].min(y0), b[1].min(x0), b[2].max(y1), b[3].max(x1)];
                }
                b
            }
            Shape::Corridor(c) => {
                let (x0, y0, x1, y1) = c.grid.bbox();
                let dlat = c.half_width_m / METRES_PER_DEGREE;
                let south = (y0 - dlat).max(-90.0);
                let north = (y1 + dlat).min(90.0);
                let cos = south.abs().max(north.abs()).to_radians().cos();
                if cos <= 1e-6 {
                    return [south, -180.0, north, 180.0];
                }
                let dlon = dlat / cos;
                [
                    south,
                    (x0 - dlon).max(-180.0),
                    north,
                    (x1 + dlon).min(180.0),
                ]
            }
        }
    }

    /// True when `(lat, lon)` in degrees is inside (boundary included).
    #[inline]
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        match &self.shape {
            Shape::Circle(c) => c.contains(lat, lon),
            Shape::Polygons(grids) => grids.iter().any(|g| g.contains(lon, lat)),
            Shape::Corridor(c) => c
                .distance_to_route_within(lat, lon, c.half_width_m)
                .is_some(),
        }
    }

    /// [`Geofence::contains`] for each point of `lat_lon` (`[lat, lon, lat, lon, ...]`), writing 1
    /// (inside) or 0 into `out`, which must hold one byte per point.
    pub fn contains_many(&self, lat_lon: &[f64], out: &mut [u8]) -> Result<(), UsageError> {
        check_batch(lat_lon, out.len())?;
        // chunks_exact(2) yields slices of exactly two items: p[0] and p[1] exist.
        let points = lat_lon.chunks_exact(2);
        match &self.shape {
            Shape::Circle(c) => {
                for (p, o) in points.zip(out.iter_mut()) {
                    *o = u8::from(c.contains(p[0], p[1]));
                }
            }
            Shape::Polygons(grids) => {
                if let [grid] = grids.as_slice() {
                    for (p, o) in points.zip(out.iter_mut()) {
                        *o = u8::from(grid.contains(p[1], p[0]));
                    }
                } else {
                    for (p, o) in points.zip(out.iter_mut()) {
                        *o = u8::from(grids.iter().any(|g| g.contains(p[1], p[0])));
                    }
                }
            }
            Shape::Corridor(c) => {
                for (p, o) in points.zip(out.iter_mut()) {
                    *o = u8::from(
                        c.distance_to_route_within(p[0], p[1], c.half_width_m)
                            .is_some(),
                    );
                }
            }
        }
        Ok(())
    }

    /// Metres from `(lat, lon)` to the geofence: 0 inside, the distance to the nearest boundary
    /// point outside; NaN when the point is not finite.
    pub fn distance_m(&self, lat: f64, lon: f64) -> f64 {
        if !(lat.is_finite() && lon.is_finite()) {
            return f64::NAN;
        }
        match &self.shape {
            Shape::Circle(c) => (haversine_m(lat, lon, c.lat, c.lon) - c.radius_m).max(0.0),
            Shape::Polygons(grids) => {
                if grids.iter().any(|g| g.contains(lon, lat)) {
                    return 0.0;
                }
                let mut best = f64::INFINITY;
                for g in grids {
                    if let Some(d) = g.nearest_m(lat, lon, best) {
                        best = best.min(d);
                    }
                }
                best
            }
            Shape::Corridor(c) => c
                .distance_to_route_within(lat, lon, f64::INFINITY)
                .map_or(f64::INFINITY, |d| (d - c.half_width_m).max(0.0)),
        }
    }

    /// [`Geofence::distance_m`] for each point of `lat_lon`, into `out` (one number per point).
    pub fn distance_many(&self, lat_lon: &[f64], out: &mut [f64]) -> Result<(), UsageError> {
        check_batch(lat_lon, out.len())?;
        // chunks_exact(2) yields slices of exactly two items.
        for (p, o) in lat_lon.chunks_exact(2).zip(out.iter_mut()) {
            *o = self.distance_m(p[0], p[1]);
        }
        Ok(())
    }
}

fn check_batch(lat_lon: &[f64], out_len: usize) -> Result<(), UsageError> {
    if lat_lon.len() % 2 != 0 {
        return Err(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!(
                "The point list holds {} numbers; it must hold latitude, longitude pairs.",
                lat_lon.len()
            ),
        ));
    }
    if out_len != lat_lon.len() / 2 {
        return Err(UsageError::new(
            codes::INVALID_ARGUMENT,
            format!(
                "The output holds {out_len} items for {} points; it must hold one per point.",
                lat_lon.len() / 2
            ),
        ));
    }
    Ok(())
}

/// Checks a radius or half width in metres: finite, positive (or zero when `zero_ok`), at most
/// [`MAX_RADIUS_M`].
fn check_radius(
    value: f64,
    path: &str,
    what: &str,
    zero_ok: bool,
    issues: &mut Vec<Issue>,
) -> bool {
    let low_ok = if zero_ok { value >= 0.0 } else { value > 0.0 };
    if value.is_finite() && low_ok && value <= MAX_RADIUS_M {
        return true;
    }
    let lower = if zero_ok {
        "0 or more"
    } else {
        "greater than 0"
    };
    issues.push(Issue::error(
        path,
        codes::OUT_OF_RANGE,
        format!(
            "The {what} is {value}; it must be a number of metres {lower} and at most {MAX_RADIUS_M:.0} \
             (half the earth's circumference)."
        ),
    ));
    false
}

impl Circle {
    #[inline(always)]
    fn contains(&self, lat: f64, lon: f64) -> bool {
        let near_in_latitude = (lat - self.lat).abs() <= self.dlat;
        if !near_in_latitude {
            return false;
        }
        let mut dlon = (lon - self.lon).abs();
        if dlon > 180.0 {
            dlon = 360.0 - dlon;
        }
        // Also rejects NaN longitudes.
        let near_in_longitude = dlon <= self.dlon;
        if !near_in_longitude {
            return false;
        }
        haversine_term(lat, lon, self.cos_lat, self.lat, self.lon) <= self.term_limit
    }
}

impl Corridor {
    /// Metres from the point to the route when they are at most `limit_m`, else `None`.
    #[inline]
    fn distance_to_route_within(&self, lat: f64, lon: f64, limit_m: f64) -> Option<f64> {
        self.grid.nearest_m(lat, lon, limit_m)
    }
}

/// Reads rings of flat `[lat, lon, ...]` arrays into a [`PolygonIn`], validating coordinates.
fn polygon_from_flat<R: AsRef<[f64]>>(
    rings: &[R],
    path: &Path,
    issues: &mut Vec<Issue>,
) -> Option<PolygonIn> {
    let before = issues.len();
    if rings.is_empty() {
        issues.push(Issue::error(
            path.to_pointer(),
            codes::EMPTY,
            "The polygon has no ring: give an outer ring of 3 or more [lat, lon] points.",
        ));
        return None;
    }
    let mut polygon = PolygonIn {
        rings: Vec::with_capacity(rings.len()),
        path: path.to_pointer(),
    };
    for (r, ring) in rings.iter().enumerate() {
        let ring = ring.as_ref();
        let ring_path = path.index(r);
        check_lat_lon_slice(ring, &ring_path, issues);
        polygon.rings.push(RingIn {
            // chunks_exact(2) yields slices of exactly two items.
            points: ring.chunks_exact(2).map(|p| (p[1], p[0])).collect(),
            indexes: (0..ring.len() / 2).collect(),
            path: ring_path.to_pointer(),
        });
    }
    (issues.len() == before).then_some(polygon)
}

/// Checks and cleans the rings of one polygon and builds its index. Records errors (unusable
/// rings) and warnings (crossings, holes outside, antimeridian) in `issues`.
fn prepare_polygon(polygon: &PolygonIn, issues: &mut Vec<Issue>) -> Option<EdgeGrid> {
    let mut segs = Vec::new();
    // For each segment: (ring number, position in the cleaned ring); per ring: point count.
    let mut owners: Vec<(u32, u32)> = Vec::new();
    let mut ring_lens: Vec<u32> = Vec::new();
    let mut cleaned_rings: Vec<CleanRing> = Vec::new();
    let mut ok = true;
    for (r, ring) in polygon.rings.iter().enumerate() {
        let (points, indexes) = clean_ring(ring);
        let what = if r == 0 { "outer ring" } else { "hole" };
        if ring.points.is_empty() {
            ok = false;
            issues.push(Issue::error(
                &ring.path,
                codes::EMPTY,
                format!("Ring {r} ({what}) is empty: a ring needs at least 3 distinct points."),
            ));
            continue;
        }
        if points.len() < 3 {
            ok = false;
            issues.push(Issue::error(
                &ring.path,
                geo_codes::INVALID_GEOMETRY,
                format!(
                    "Ring {r} ({what}) has {} distinct point(s); a ring needs at least 3.",
                    points.len()
                ),
            ));
            continue;
        }
        if all_collinear(&points) {
            ok = false;
            issues.push(Issue::error(
                &ring.path,
                geo_codes::INVALID_GEOMETRY,
                format!("Ring {r} ({what}) has no area: all its points lie on one line."),
            ));
            continue;
        }
        let n = points.len();
        // Each point with the next one, the last with the first.
        let nexts = points.iter().zip(&indexes).cycle().skip(1);
        for (i, ((&(ax, ay), &ia), (&(bx, by), &ib))) in
            points.iter().zip(&indexes).zip(nexts).enumerate()
        {
            if (bx - ax).abs() > 180.0 {
                issues.push(antimeridian_warning(&ring.path, ia, ib));
            }
            owners.push((r as u32, i as u32));
            segs.push(Seg::new(ax, ay, bx, by, segs.len() as u32));
        }
        ring_lens.push(n as u32);
        cleaned_rings.push(CleanRing { points, indexes });
    }
    if !ok {
        return None;
    }
    let grid = EdgeGrid::build(&segs, true);
    report_crossings(&grid, &owners, &ring_lens, &cleaned_rings, polygon, issues);
    report_holes_outside(&segs, &owners, &cleaned_rings, polygon, issues);
    Some(grid)
}

/// A ring without repeated points: `(lon, lat)` points and their indexes in the caller's input.
struct CleanRing {
    points: Vec<(f64, f64)>,
    indexes: Vec<usize>,
}

/// Drops consecutive repeated points and a closing point equal to the first; keeps the input
/// index of every point kept.
fn clean_ring(ring: &RingIn) -> (Vec<(f64, f64)>, Vec<usize>) {
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(ring.points.len());
    let mut indexes = Vec::with_capacity(ring.points.len());
    for (&p, &i) in ring.points.iter().zip(&ring.indexes) {
        if points.last() != Some(&p) {
            points.push(p);
            indexes.push(i);
        }
    }
    while points.len() > 1 && points.first() == points.last() {
        points.pop();
        indexes.pop();
    }
    (points, indexes)
}

/// True when every point lies exactly on the line through the first two (which differ: the ring
/// has no repeated consecutive points): such a ring encloses no area.
fn all_collinear(points: &[(f64, f64)]) -> bool {
    let (Some(&(ax, ay)), Some(&(bx, by))) = (points.first(), points.get(1)) else {
        return true;
    };
    points
        .iter()
        .all(|&(x, y)| orient(ax, ay, bx, by, x, y) == 0.0)
}

fn antimeridian_warning(path: &str, from: usize, to: usize) -> Issue {
    Issue::warning(
        path,
        geo_codes::CROSSES_ANTIMERIDIAN,
        format!(
            "The edge from point {from} to point {to} spans more than 180° of longitude. Edges are \
             straight in longitude/latitude, so it runs the long way round the earth; if it is meant \
             to cross the antimeridian, split the geometry at ±180°."
        ),
    )
}

/// Where two segments cross (a proper crossing, or a collinear overlap of positive length), as
/// `(lon, lat)`; touching at a single point is not a crossing (holes may touch their shell).
fn crossing_point(s: &Seg, t: &Seg, adjacent: bool) -> Option<(f64, f64)> {
    let d1 = orient(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
    let d2 = orient(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
    if d1 == 0.0 && d2 == 0.0 {
        // Collinear: do the two overlap along their common line by more than a point?
        let along_x = (s.bx - s.ax).abs() >= (s.by - s.ay).abs();
        let (s0, s1, t0, t1) = if along_x {
            (s.ax, s.bx, t.ax, t.bx)
        } else {
            (s.ay, s.by, t.ay, t.by)
        };
        let lo = s0.min(s1).max(t0.min(t1));
        let hi = s0.max(s1).min(t0.max(t1));
        if hi > lo {
            let mid = (lo + hi) * 0.5;
            // Interpolate the other coordinate along s.
            let (from, span) = if along_x {
                (s.ax, s.bx - s.ax)
            } else {
                (s.ay, s.by - s.ay)
            };
            let u = if span != 0.0 {
                (mid - from) / span
            } else {
                0.0
            };
            let (x, y) = (s.ax + (s.bx - s.ax) * u, s.ay + (s.by - s.ay) * u);
            return Some((x, y));
        }
        return None;
    }
    if adjacent {
        return None;
    }
    let d3 = orient(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
    let d4 = orient(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
    let opposite = |a: f64, b: f64| (a > 0.0 && b < 0.0) || (a < 0.0 && b > 0.0);
    if opposite(d1, d2) && opposite(d3, d4) {
        let u = d1 / (d1 - d2);
        return Some((s.ax + (s.bx - s.ax) * u, s.ay + (s.by - s.ay) * u));
    }
    None
}

/// Most crossing warnings reported for one polygon (one per pair of rings).
const MAX_CROSSING_WARNINGS: usize = 10;
/// Most segment pairs examined for crossings per polygon (cells crowded with long edges).
const MAX_PAIR_TESTS: usize = 20_000_000;

fn report_crossings(
    grid: &EdgeGrid,
    owners: &[(u32, u32)],
    ring_lens: &[u32],
    rings: &[CleanRing],
    polygon: &PolygonIn,
    issues: &mut Vec<Issue>,
) {
    let mut reported: Vec<(u32, u32)> = Vec::new();
    let mut tests = 0usize;
    for cell in grid.cells() {
        for (i, s) in cell.iter().enumerate() {
            for t in cell.get(i + 1..).unwrap_or(&[]) {
                tests += 1;
                if tests > MAX_PAIR_TESTS || reported.len() >= MAX_CROSSING_WARNINGS {
                    return;
                }
                let (Some(&(rs, ps)), Some(&(rt, pt))) =
                    (owners.get(s.id as usize), owners.get(t.id as usize))
                else {
                    continue;
                };
                let key = (rs.min(rt), rs.max(rt));
                if reported.contains(&key) {
                    continue;
                }
                let n = ring_lens.get(rs as usize).copied().unwrap_or(0);
                let adjacent = rs == rt && (ps.abs_diff(pt) == 1 || ps.abs_diff(pt) + 1 == n);
                let Some((x, y)) = crossing_point(s, t, adjacent) else {
                    continue;
                };
                reported.push(key);
                let point_index = |ring: u32, pos: u32| -> usize {
                    rings
                        .get(ring as usize)
                        .and_then(|ring| ring.indexes.get(pos as usize))
                        .copied()
                        .unwrap_or(pos as usize)
                };
                let next = |ring: u32, pos: u32| -> u32 {
                    let n = ring_lens.get(ring as usize).copied().unwrap_or(1).max(1);
                    (pos + 1) % n
                };
                let (a0, a1) = (point_index(rs, ps), point_index(rs, next(rs, ps)));
                let (b0, b1) = (point_index(rt, pt), point_index(rt, next(rt, pt)));
                let path = polygon
                    .rings
                    .get(key.1 as usize)
                    .map_or(polygon.path.as_str(), |r| r.path.as_str());
                let what = if rs == rt {
                    format!("Ring {rs} crosses itself")
                } else {
                    format!("Ring {} crosses ring {}", key.1, key.0)
                };
                issues.push(Issue::warning(
                    path,
                    geo_codes::SELF_INTERSECTING_RING,
                    format!(
                        "{what} (edges {a0}–{a1} and {b0}–{b1}, near latitude {y:.6}, longitude \
                         {x:.6}). The even-odd rule decides what is inside: areas covered twice \
                         are outside. Reorder the points if that is not the intended shape."
                    ),
                ));
            }
        }
    }
}

fn report_holes_outside(
    segs: &[Seg],
    owners: &[(u32, u32)],
    rings: &[CleanRing],
    polygon: &PolygonIn,
    issues: &mut Vec<Issue>,
) {
    let outer: Vec<&Seg> = segs
        .iter()
        .zip(owners)
        .filter(|(_, o)| o.0 == 0)
        .map(|(s, _)| s)
        .collect();
    for (h, CleanRing { points, .. }) in rings.iter().enumerate().skip(1) {
        // The first hole vertex not on the outer boundary decides (a hole may touch its shell).
        for &(x, y) in points {
            match plain_point_in_ring(&outer, x, y) {
                Some(true) => break,
                Some(false) => {
                    let path = polygon.rings.get(h).map_or("", |r| r.path.as_str());
                    issues.push(Issue::warning(
                        path,
                        geo_codes::HOLE_OUTSIDE_SHELL,
                        format!(
                            "Ring {h} is a hole but lies outside the outer ring (ring 0). With the \
                             even-odd rule it adds an area instead of removing one; make it a \
                             separate polygon or remove it."
                        ),
                    ));
                    break;
                }
                None => continue,
            }
        }
    }
}

/// Even-odd test against a list of segments: `None` when the point is on one of them.
fn plain_point_in_ring(segs: &[&Seg], x: f64, y: f64) -> Option<bool> {
    let mut inside = false;
    for s in segs {
        if x >= s.ax.min(s.bx)
            && x <= s.ax.max(s.bx)
            && y >= s.ay.min(s.by)
            && y <= s.ay.max(s.by)
            && orient(s.ax, s.ay, s.bx, s.by, x, y) == 0.0
        {
            return None;
        }
        if (s.ay <= y) != (s.by <= y) {
            let cx = s.ax + (y - s.ay) * (s.bx - s.ax) / (s.by - s.ay);
            if cx > x {
                inside = !inside;
            }
        }
    }
    Some(inside)
}
