//! Distances on the earth, and the local projection used to find the nearest point of a segment.
//!
//! # Model
//!
//! The earth is a sphere of radius [`EARTH_RADIUS_M`] (the IUGG mean radius R1 of the WGS84 /
//! GRS80 ellipsoid, the radius turf, `geo`'s `Haversine` and most tracking back ends use), and
//! point-to-point distances are great-circle distances computed with the haversine formula. Against
//! the WGS84 geodesic (Karney's algorithm, `::geo::Geodesic`) the relative error is at most about
//! 0.56 % (north–south lines at the equator are the worst case; the tests pin the bound). A GPS
//! fix is uncertain by 5–20 m, so on an order radius of 100 m the model's error (≤ 0.6 m) is far
//! below the measurement's.
//!
//! # Nearest point of a segment
//!
//! Segments of polygons and routes are straight lines in longitude/latitude degrees (the GeoJSON
//! rule, RFC 7946 §3.1.1). To find the point of a segment nearest to a point `P`, both are
//! projected onto a plane tangent at `P` (equirectangular: east = Δlon·cos(lat P), north = Δlat),
//! which is exact in both axes at `P` and distorts angles by less than 0.1 % of the distance within
//! 10 km; the distance is then measured with the haversine formula from `P` to that nearest point,
//! so only the choice of the point, not the length, carries the projection error (a second-order
//! effect: below 1e-5 relative within 100 km).

/// Mean earth radius R1 of the GRS80/WGS84 ellipsoid, in metres.
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Metres per degree of arc on the model sphere.
pub const METRES_PER_DEGREE: f64 = EARTH_RADIUS_M * std::f64::consts::PI / 180.0;

/// Half the circumference of the model sphere in metres: no two points are farther apart.
pub const MAX_DISTANCE_M: f64 = EARTH_RADIUS_M * std::f64::consts::PI;

/// Great-circle distance in metres between two points given in degrees, on the sphere of radius
/// [`EARTH_RADIUS_M`]. Longitudes may differ by any amount (the shorter way round is taken).
pub fn haversine_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let h = haversine_term(lat1, lon1, lat2.to_radians().cos(), lat2, lon2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

/// The haversine term `a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2)` (0 for equal points, 1 for
/// antipodes), with `cos φ2` supplied by the caller so that loops over many points against one
/// centre compute it once.
#[inline]
pub(crate) fn haversine_term(lat1: f64, lon1: f64, cos_lat2: f64, lat2: f64, lon2: f64) -> f64 {
    let half_dlat = (lat2 - lat1).to_radians() * 0.5;
    let half_dlon = (lon2 - lon1).to_radians() * 0.5;
    let s_lat = half_dlat.sin();
    let s_lon = half_dlon.sin();
    s_lat * s_lat + lat1.to_radians().cos() * cos_lat2 * s_lon * s_lon
}

/// The haversine term of a distance in metres (the inverse of the last step of
/// [`haversine_m`]), so that "distance ≤ r" can be tested without `asin` and `sqrt`.
pub(crate) fn haversine_term_of_distance(distance_m: f64) -> f64 {
    let half_angle = (distance_m / EARTH_RADIUS_M * 0.5).min(std::f64::consts::FRAC_PI_2);
    let s = half_angle.sin();
    s * s
}

/// Distance in metres from point `(lat, lon)` to the segment from `(a_lat, a_lon)` to
/// `(b_lat, b_lon)`, all in degrees; see the module docs for the method.
pub fn point_segment_m(lat: f64, lon: f64, a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
    let frame = LocalFrame::at(lat, lon);
    let t = frame.nearest_t(a_lat, a_lon, b_lat, b_lon);
    let (f_lat, f_lon) = lerp(a_lat, a_lon, b_lat, b_lon, t);
    haversine_m(lat, lon, f_lat, f_lon)
}

/// The point at parameter `t` (0 at `a`, 1 at `b`) of a segment, in degrees.
#[inline]
pub(crate) fn lerp(a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64, t: f64) -> (f64, f64) {
    (a_lat + (b_lat - a_lat) * t, a_lon + (b_lon - a_lon) * t)
}

/// The plane tangent at a query point: coordinates are degrees, east scaled by the cosine of the
/// query latitude so that both axes measure the same length per unit at the query point.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LocalFrame {
    lat: f64,
    lon: f64,
    /// cos(latitude of the query point).
    pub(crate) east_scale: f64,
}

impl LocalFrame {
    /// The frame at `(lat, lon)` in degrees.
    #[inline]
    pub(crate) fn at(lat: f64, lon: f64) -> Self {
        LocalFrame {
            lat,
            lon,
            east_scale: lat.to_radians().cos(),
        }
    }

    /// Squared distance in the frame (degrees²) from the query point to the segment, and the
    /// segment parameter `t ∈ [0, 1]` of the nearest point.
    #[inline]
    pub(crate) fn segment_dist2(
        &self,
        a_lat: f64,
        a_lon: f64,
        b_lat: f64,
        b_lon: f64,
    ) -> (f64, f64) {
        let ax = (a_lon - self.lon) * self.east_scale;
        let ay = a_lat - self.lat;
        let dx = (b_lon - a_lon) * self.east_scale;
        let dy = b_lat - a_lat;
        let len2 = dx * dx + dy * dy;
        // Projection of the origin (the query point) onto the line a + t·d, clamped to the segment.
        let t = if len2 > 0.0 {
            (-(ax * dx + ay * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let fx = ax + dx * t;
        let fy = ay + dy * t;
        (fx * fx + fy * fy, t)
    }

    /// Segment parameter of the point nearest to the query point.
    #[inline]
    pub(crate) fn nearest_t(&self, a_lat: f64, a_lon: f64, b_lat: f64, b_lon: f64) -> f64 {
        self.segment_dist2(a_lat, a_lon, b_lat, b_lon).1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::geo::{Distance, Geodesic, Point};
    use proptest::prelude::*;

    fn geodesic_m(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
        Geodesic.distance(Point::new(lon1, lat1), Point::new(lon2, lat2))
    }

    #[test]
    fn known_distances() {
        // One degree of latitude on the model sphere.
        let d = haversine_m(0.0, 0.0, 1.0, 0.0);
        assert!((d - METRES_PER_DEGREE).abs() < 1e-6, "{d}");
        // The short way round the antimeridian.
        let d = haversine_m(0.0, 179.5, 0.0, -179.5);
        assert!((d - METRES_PER_DEGREE).abs() < 1e-6, "{d}");
        // Antipodes.
        let d = haversine_m(10.0, 20.0, -10.0, -160.0);
        // asin is ill-conditioned next to 1: antipodal distances are good to a metre.
        assert!((d - MAX_DISTANCE_M).abs() < 1.0, "{d}");
        assert_eq!(haversine_m(55.75, 37.62, 55.75, 37.62), 0.0);
    }

    #[test]
    fn worst_case_against_the_ellipsoid_is_north_south_at_the_equator() {
        // 1 km due north at the equator: the meridian radius of curvature there (6,335 km) is
        // the farthest from the mean radius.
        let (h, g) = (
            haversine_m(0.0, 0.0, 0.009, 0.0),
            geodesic_m(0.0, 0.0, 0.009, 0.0),
        );
        let rel = (h - g) / g;
        assert!(rel > 0.005 && rel < 0.0057, "{rel}");
    }

    proptest! {
        #[test]
        fn haversine_within_0_57_percent_of_wgs84_geodesic(
            lat1 in -89.0f64..89.0, lon1 in -180.0f64..180.0,
            lat2 in -89.0f64..89.0, lon2 in -180.0f64..180.0,
        ) {
            let g = geodesic_m(lat1, lon1, lat2, lon2);
            prop_assume!(g > 1.0);
            let h = haversine_m(lat1, lon1, lat2, lon2);
            prop_assert!(((h - g) / g).abs() < 0.0057, "haversine {} geodesic {}", h, g);
        }

        #[test]
        fn short_distances_within_0_57_percent_of_wgs84_geodesic(
            lat in -85.0f64..85.0, lon in -179.0f64..179.0,
            dlat in -0.05f64..0.05, dlon in -0.05f64..0.05,
        ) {
            let g = geodesic_m(lat, lon, lat + dlat, lon + dlon);
            prop_assume!(g > 0.5);
            let h = haversine_m(lat, lon, lat + dlat, lon + dlon);
            prop_assert!(((h - g) / g).abs() < 0.0057, "haversine {} geodesic {}", h, g);
        }

        #[test]
        fn segment_distance_matches_dense_sampling(
            lat in -70.0f64..70.0, lon in -170.0f64..170.0,
            a_dlat in -0.2f64..0.2, a_dlon in -0.2f64..0.2,
            b_dlat in -0.2f64..0.2, b_dlon in -0.2f64..0.2,
        ) {
            let (a_lat, a_lon, b_lat, b_lon) = (lat + a_dlat, lon + a_dlon, lat + b_dlat, lon + b_dlon);
            let d = point_segment_m(lat, lon, a_lat, a_lon, b_lat, b_lon);
            // Brute force: the nearest of 20,001 points along the segment.
            let mut best = f64::INFINITY;
            for k in 0..=20_000 {
                let (f_lat, f_lon) = lerp(a_lat, a_lon, b_lat, b_lon, k as f64 / 20_000.0);
                best = best.min(haversine_m(lat, lon, f_lat, f_lon));
            }
            // The sampled minimum is above the true one by at most half a sample step.
            let step = haversine_m(a_lat, a_lon, b_lat, b_lon) / 20_000.0;
            prop_assert!(d <= best * (1.0 + 1e-5) + 1e-6, "{} > sampled {}", d, best);
            prop_assert!(d >= best - step - best * 1e-4 - 1e-6, "{} << sampled {}", d, best);
        }
    }
}
