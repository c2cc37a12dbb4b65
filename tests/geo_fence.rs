//! Geofences through the public API: shapes, boundary rule, validation, GeoJSON axis order,
//! distances, and agreement with references (`geo`'s point-in-polygon, brute-force distances).

use orderbridge::geo::distance::METRES_PER_DEGREE;
use orderbridge::geo::{
    self as g, decode_polyline, haversine_m, point_segment_m, Geofence, GeofenceKind, Precision,
};
use orderbridge::json;
use proptest::prelude::*;

fn codes(issues: &[orderbridge::Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect()
}

// ---------------------------------------------------------------- circles

#[test]
fn wialon_order_circle_boundary_is_inside() {
    // A Wialon order at y=55.75, x=37.62 with r=100.
    let fence = Geofence::circle(55.75, 37.62, 100.0).unwrap();
    assert_eq!(fence.kind(), GeofenceKind::Circle);
    assert!(fence.contains(55.75, 37.62));
    // 99.9 m and 100.1 m due north.
    let step = 1.0 / METRES_PER_DEGREE;
    assert!(fence.contains(55.75 + 99.9 * step, 37.62));
    assert!(!fence.contains(55.75 + 100.1 * step, 37.62));
    let d = fence.distance_m(55.75 + 150.0 * step, 37.62);
    assert!((d - 50.0).abs() < 1e-6, "{d}");
    assert_eq!(fence.distance_m(55.7501, 37.6201), 0.0);
    assert!(!fence.contains(f64::NAN, 37.62));
    assert!(fence.distance_m(f64::NAN, 37.62).is_nan());
}

#[test]
fn circles_wrap_the_antimeridian_and_reach_the_poles() {
    let fence = Geofence::circle(0.0, 179.999, 1000.0).unwrap();
    assert!(fence.contains(0.0, -179.998)); // ~330 m east across ±180
    let polar = Geofence::circle(89.999, 0.0, 1000.0).unwrap();
    assert!(polar.contains(89.999, 180.0)); // ~220 m across the pole
    assert_eq!(polar.bounds()[1], -180.0);
}

#[test]
fn circle_radius_and_centre_are_validated() {
    for bad in [0.0, -5.0, f64::NAN, f64::INFINITY, 3.0e7] {
        let issues = Geofence::circle(10.0, 10.0, bad).unwrap_err();
        assert_eq!(codes(&issues), vec![("/radiusM", "OUT_OF_RANGE")], "{bad}");
    }
    let issues = Geofence::circle(91.0, f64::NAN, 10.0).unwrap_err();
    assert_eq!(
        codes(&issues),
        vec![("/lat", "OUT_OF_RANGE"), ("/lon", "OUT_OF_RANGE")]
    );
}

proptest! {
    #[test]
    fn circle_contains_agrees_with_haversine(
        lat in -80.0f64..80.0, lon in -180.0f64..180.0, r in 1.0f64..50_000.0,
        dlat in -1.0f64..1.0, dlon in -1.0f64..1.0,
    ) {
        let fence = Geofence::circle(lat, lon, r).unwrap();
        let (plat, plon) = ((lat + dlat * r / 50_000.0).clamp(-90.0, 90.0), lon + dlon * r / 30_000.0);
        let plon = if plon > 180.0 { plon - 360.0 } else if plon < -180.0 { plon + 360.0 } else { plon };
        let d = haversine_m(lat, lon, plat, plon);
        prop_assume!((d - r).abs() > r * 1e-9);
        prop_assert_eq!(fence.contains(plat, plon), d <= r);
    }
}

// ---------------------------------------------------------------- polygons

/// A 1°×1° square at 50–51°N, 10–11°E with a hole at 50.4–50.6°N, 10.4–10.6°E, as
/// `[lat, lon, ...]` rings.
fn square_with_hole() -> Vec<Vec<f64>> {
    vec![
        vec![50.0, 10.0, 50.0, 11.0, 51.0, 11.0, 51.0, 10.0, 50.0, 10.0],
        vec![50.4, 10.4, 50.6, 10.4, 50.6, 10.6, 50.4, 10.6],
    ]
}

#[test]
fn polygon_with_hole_and_boundary_rule() {
    let fence = Geofence::polygon(&square_with_hole()).unwrap();
    assert!(fence.warnings().is_empty(), "{:?}", fence.warnings());
    assert!(fence.contains(50.2, 10.2));
    assert!(!fence.contains(50.5, 10.5), "in the hole");
    assert!(fence.contains(50.0, 10.5), "on the outer edge");
    assert!(fence.contains(51.0, 11.0), "on an outer vertex");
    assert!(fence.contains(50.4, 10.5), "on the hole's edge");
    assert!(fence.contains(50.6, 10.6), "on the hole's vertex");
    assert!(!fence.contains(49.9, 10.5));
    assert_eq!(fence.bounds(), [50.0, 10.0, 51.0, 11.0]);
}

#[test]
fn ring_orientation_and_closing_point_do_not_matter() {
    let mut reversed = square_with_hole();
    for ring in &mut reversed {
        let pairs: Vec<[f64; 2]> = ring.chunks(2).rev().map(|p| [p[0], p[1]]).collect();
        *ring = pairs.concat();
    }
    reversed[0].truncate(8); // drop the closing point
    let a = Geofence::polygon(&square_with_hole()).unwrap();
    let b = Geofence::polygon(&reversed).unwrap();
    for i in 0..50 {
        for j in 0..50 {
            let (lat, lon) = (49.9 + i as f64 * 0.025, 9.9 + j as f64 * 0.025);
            assert_eq!(a.contains(lat, lon), b.contains(lat, lon), "({lat}, {lon})");
        }
    }
}

#[test]
fn polygon_distance_outside_is_metres_to_the_nearest_edge() {
    let fence = Geofence::polygon(&square_with_hole()).unwrap();
    // Due east of the east edge (lon 11) at 50.5°N, 0.1° of longitude away.
    let d = fence.distance_m(50.5, 11.1);
    let expected = haversine_m(50.5, 11.1, 50.5, 11.0);
    assert!((d - expected).abs() < 0.5, "{d} vs {expected}");
    // In the hole: the distance to the hole's nearest edge, 0.1° of longitude to the west or east
    // (shorter than 0.1° of latitude at 50.5°N).
    let in_hole = fence.distance_m(50.5, 10.5);
    let to_hole_edge = haversine_m(50.5, 10.5, 50.5, 10.4);
    assert!(
        (in_hole - to_hole_edge).abs() < 1.0,
        "{in_hole} vs {to_hole_edge}"
    );
    assert_eq!(fence.distance_m(50.2, 10.2), 0.0);
}

#[test]
fn bow_tie_is_usable_with_even_odd_and_warned() {
    // A figure-eight ring: (0,0) (1,1) (1,0) (0,1) as lon/lat, crossing at (0.5, 0.5).
    let ring = vec![0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0];
    let fence = Geofence::polygon(&[ring]).unwrap();
    let w = fence.warnings();
    assert_eq!(codes(w), vec![("/0", "SELF_INTERSECTING_RING")]);
    assert!(
        w[0].message.contains("latitude 0.500000"),
        "{}",
        w[0].message
    );
    // Even-odd: the two triangles are inside, the areas above and below the crossing are not.
    assert!(fence.contains(0.5, 0.2));
    assert!(fence.contains(0.5, 0.8));
    assert!(!fence.contains(0.2, 0.5));
    assert!(!fence.contains(0.8, 0.5));
}

#[test]
fn crossing_rings_and_stray_holes_are_warned() {
    // A hole that sticks out of its shell.
    let crossing = vec![
        vec![0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 0.0],
        vec![1.0, 1.0, 1.0, 3.0, 1.5, 3.0, 1.5, 1.0],
    ];
    let fence = Geofence::polygon(&crossing).unwrap();
    assert_eq!(
        codes(fence.warnings()),
        vec![("/1", "SELF_INTERSECTING_RING")]
    );
    assert!(fence.warnings()[0]
        .message
        .contains("Ring 1 crosses ring 0"));
    // A hole entirely outside.
    let outside = vec![
        vec![0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 0.0],
        vec![5.0, 5.0, 5.0, 6.0, 6.0, 6.0],
    ];
    let fence = Geofence::polygon(&outside).unwrap();
    assert_eq!(codes(fence.warnings()), vec![("/1", "HOLE_OUTSIDE_SHELL")]);
    // A hole touching its shell at one vertex is valid and not warned.
    let touching = vec![
        vec![0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 0.0],
        vec![0.0, 1.0, 1.0, 1.5, 1.0, 0.5],
    ];
    assert!(Geofence::polygon(&touching).unwrap().warnings().is_empty());
}

#[test]
fn unusable_rings_are_errors_with_paths() {
    let no_rings: Vec<Vec<f64>> = vec![];
    assert_eq!(
        codes(&Geofence::polygon(&no_rings).unwrap_err()),
        vec![("", "EMPTY")]
    );
    type Case = (Vec<Vec<f64>>, Vec<(&'static str, &'static str)>);
    let cases: Vec<Case> = vec![
        (vec![vec![]], vec![("/0", "EMPTY")]),
        (
            vec![vec![1.0, 1.0, 2.0, 2.0, 1.0, 1.0]],
            vec![("/0", "INVALID_GEOMETRY")],
        ),
        (
            vec![vec![1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]],
            vec![("/0", "INVALID_GEOMETRY")],
        ),
        (
            vec![vec![0.0, 0.0, 1.0, 1.0, 2.0, 2.0]],
            vec![("/0", "INVALID_GEOMETRY")],
        ),
        (
            vec![vec![0.0, 0.0, 1.0, f64::NAN, 91.0, 2.0, 0.0, 5.0]],
            vec![("/0/1/1", "OUT_OF_RANGE"), ("/0/2/0", "OUT_OF_RANGE")],
        ),
        (vec![vec![0.0, 0.0, 1.0]], vec![("/0", "INVALID_GEOMETRY")]),
        (
            vec![vec![0.0, 0.0, 0.0, 1.0, 1.0, 0.0], vec![0.1, 0.1]],
            vec![("/1", "INVALID_GEOMETRY")],
        ),
    ];
    for (rings, expected) in cases {
        let issues = Geofence::polygon(&rings).unwrap_err();
        assert_eq!(codes(&issues), expected, "{rings:?}: {issues:?}");
    }
}

#[test]
fn antimeridian_edges_are_warned() {
    let ring = vec![10.0, 179.0, 10.0, -179.0, 11.0, -179.0, 11.0, 179.0];
    let fence = Geofence::polygon(&[ring]).unwrap();
    assert!(codes(fence.warnings())
        .iter()
        .all(|c| *c == ("/0", "CROSSES_ANTIMERIDIAN")));
    assert_eq!(fence.warnings().len(), 2);
}

#[test]
fn multi_polygon_is_a_union() {
    let a = vec![vec![0.0, 0.0, 0.0, 2.0, 2.0, 2.0, 2.0, 0.0]];
    let b = vec![vec![1.0, 1.0, 1.0, 3.0, 3.0, 3.0, 3.0, 1.0]];
    let fence = Geofence::multi_polygon(&[a, b]).unwrap();
    // The overlap is inside (a union, not even-odd across polygons).
    assert!(fence.contains(1.5, 1.5));
    assert!(fence.contains(0.5, 0.5));
    assert!(fence.contains(2.5, 2.5));
    assert!(!fence.contains(0.5, 2.5));
    let bad = Geofence::multi_polygon(&[vec![vec![0.0, 0.0, 1.0]]]).unwrap_err();
    assert_eq!(codes(&bad), vec![("/0/0", "INVALID_GEOMETRY")]);
}

#[test]
fn contains_many_matches_contains() {
    let fence = Geofence::polygon(&square_with_hole()).unwrap();
    let mut points = Vec::new();
    for i in 0..40 {
        for j in 0..40 {
            points.extend([49.9 + i as f64 * 0.03, 9.9 + j as f64 * 0.03]);
        }
    }
    points.extend([f64::NAN, 10.5]);
    let mut out = vec![7u8; points.len() / 2];
    fence.contains_many(&points, &mut out).unwrap();
    for (p, o) in points.chunks(2).zip(&out) {
        assert_eq!(*o, u8::from(fence.contains(p[0], p[1])));
    }
    assert_eq!(out.last(), Some(&0));
    let err = fence.contains_many(&points, &mut out[1..]).unwrap_err();
    assert_eq!(err.code, "INVALID_ARGUMENT");
    let err = fence.contains_many(&points[1..], &mut out).unwrap_err();
    assert_eq!(err.code, "INVALID_ARGUMENT");
}

#[test]
fn large_polygon_matches_a_plain_ray_cast() {
    // 20,000 vertices on a wobbly circle around Moscow.
    let n = 20_000;
    let ring: Vec<f64> = (0..n)
        .flat_map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            let r = 0.1 * (1.0 + 0.3 * (a * 37.0).sin());
            [55.75 + r * a.sin(), 37.62 + r * 1.8 * a.cos()]
        })
        .collect();
    let fence = Geofence::polygon(std::slice::from_ref(&ring)).unwrap();
    let plain = |lat: f64, lon: f64| {
        let mut inside = false;
        let pts: Vec<(f64, f64)> = ring.chunks(2).map(|p| (p[1], p[0])).collect();
        for k in 0..pts.len() {
            let (ax, ay) = pts[k];
            let (bx, by) = pts[(k + 1) % pts.len()];
            if (ay <= lat) != (by <= lat) && ax + (lat - ay) * (bx - ax) / (by - ay) > lon {
                inside = !inside;
            }
        }
        inside
    };
    let mut seed = 0x9e3779b97f4a7c15u64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..2000 {
        let lat = 55.6 + next() * 0.3;
        let lon = 37.3 + next() * 0.65;
        assert_eq!(fence.contains(lat, lon), plain(lat, lon), "({lat}, {lon})");
    }
}

proptest! {
    #[test]
    fn star_polygons_agree_with_geo_crate(
        radii in prop::collection::vec(0.2f64..1.0, 3..80),
        probes in prop::collection::vec((-1.1f64..1.1, -1.1f64..1.1), 40),
    ) {
        use ::geo::coordinate_position::{CoordPos, CoordinatePosition};
        let n = radii.len();
        let (clat, clon) = (-33.9, 151.2);
        let pts: Vec<(f64, f64)> = radii.iter().enumerate().map(|(i, r)| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            (clat + r * a.sin(), clon + r * a.cos())
        }).collect();
        let flat: Vec<f64> = pts.iter().flat_map(|&(a, b)| [a, b]).collect();
        let fence = Geofence::polygon(&[flat]).unwrap();
        let reference = ::geo::Polygon::new(
            ::geo::LineString::from(pts.iter().map(|&(lat, lon)| (lon, lat)).collect::<Vec<_>>()),
            vec![],
        );
        for (dy, dx) in probes {
            let (lat, lon) = (clat + dy, clon + dx);
            // Skip points within 1e-9° of an edge, where rounding decides.
            let near_edge = (0..n).any(|k| {
                let (a, b) = (pts[k], pts[(k + 1) % n]);
                point_segment_m(lat, lon, a.0, a.1, b.0, b.1) < 1e-9 * METRES_PER_DEGREE
            });
            prop_assume!(!near_edge);
            let pos = reference.coordinate_position(&::geo::Coord { x: lon, y: lat });
            prop_assert_eq!(fence.contains(lat, lon), pos != CoordPos::Outside);
        }
        // Vertices are on the boundary, hence inside.
        for &(lat, lon) in &pts {
            prop_assert!(fence.contains(lat, lon));
        }
    }
}

// ---------------------------------------------------------------- GeoJSON

const MOSCOW_ZONE: &str = r#"{"type":"Polygon","coordinates":[[[37.5,55.7],[37.7,55.7],[37.7,55.8],[37.5,55.8],[37.5,55.7]]]}"#;

#[test]
fn geojson_positions_are_lon_lat() {
    let fence = Geofence::from_geojson_str(MOSCOW_ZONE).unwrap();
    // Red Square, 55.754 N 37.620 E, is inside; read the other way round it is not.
    assert!(fence.contains(55.754, 37.620));
    assert!(!fence.contains(37.620, 55.754));
    // The same zone through the [lat, lon] API gives the same answers.
    let flat = Geofence::polygon(&[vec![55.7, 37.5, 55.7, 37.7, 55.8, 37.7, 55.8, 37.5]]).unwrap();
    for (lat, lon) in [(55.754, 37.62), (55.69, 37.6), (55.75, 37.71), (55.8, 37.6)] {
        assert_eq!(
            fence.contains(lat, lon),
            flat.contains(lat, lon),
            "({lat}, {lon})"
        );
    }
}

#[test]
fn geojson_with_swapped_axes_is_caught_where_it_can_be() {
    // Tokyo written as [lat, lon]: 139.7 is no latitude.
    let text = r#"{"type":"Polygon","coordinates":[[[35.6,139.6],[35.8,139.6],[35.8,139.8],[35.6,139.6]]]}"#;
    let issues = Geofence::from_geojson_str(text).unwrap_err();
    let c = codes(&issues);
    assert!(
        c.contains(&("/coordinates/0/0", "COORDINATES_SWAPPED")),
        "{c:?}"
    );
    assert!(c.contains(&("/coordinates/0/0/1", "OUT_OF_RANGE")), "{c:?}");
}

#[test]
fn geojson_feature_multipolygon_and_collection() {
    let feature =
        format!(r#"{{"type":"Feature","properties":{{"name":"zone"}},"geometry":{MOSCOW_ZONE}}}"#);
    assert!(Geofence::from_geojson_str(&feature)
        .unwrap()
        .contains(55.75, 37.6));
    let multi = r#"{"type":"MultiPolygon","coordinates":[
        [[[0,0],[1,0],[1,1],[0,1],[0,0]]],
        [[[10,10],[11,10],[11,11],[10,11],[10,10]],[[10.4,10.4],[10.6,10.4],[10.6,10.6],[10.4,10.6],[10.4,10.4]]]
    ]}"#;
    let fence = Geofence::from_geojson_str(multi).unwrap();
    assert!(fence.contains(0.5, 0.5));
    assert!(fence.contains(10.2, 10.2));
    assert!(!fence.contains(10.5, 10.5));
    let collection = format!(
        r#"{{"type":"FeatureCollection","features":[{feature},{{"type":"Feature","properties":null,"geometry":{multi}}}]}}"#
    );
    let fence = Geofence::from_geojson_str(&collection).unwrap();
    assert!(fence.contains(55.75, 37.6) && fence.contains(0.5, 0.5));
}

#[test]
fn geojson_errors_point_into_the_object() {
    let cases = [
        (
            r#"{"type":"Point","coordinates":[1,2]}"#,
            ("/type", "INVALID_GEOMETRY"),
        ),
        (r#"{"coordinates":[]}"#, ("/type", "MISSING_FIELD")),
        (
            r#"{"type":"Feature","geometry":null}"#,
            ("/geometry", "INVALID_GEOMETRY"),
        ),
        (r#"{"type":"Polygon"}"#, ("/coordinates", "MISSING_FIELD")),
        (
            r#"{"type":"Polygon","coordinates":[]}"#,
            ("/coordinates", "EMPTY"),
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[1],[2,3],[4,5]]]}"#,
            ("/coordinates/0/0", "INVALID_GEOMETRY"),
        ),
        (
            r#"{"type":"Polygon","coordinates":[[["1",2],[2,3],[4,5]]]}"#,
            ("/coordinates/0/0/0", "INVALID_TYPE"),
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Polygon","coordinates":[]}]}"#,
            ("/features/0/type", "INVALID_GEOMETRY"),
        ),
        (r#"[1,2]"#, ("", "INVALID_TYPE")),
        (
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,1],[0,0]]]}"#,
            ("/coordinates/0", "INVALID_GEOMETRY"),
        ),
        ("{not json", ("", "INVALID_JSON")),
    ];
    for (text, expected) in cases {
        let issues = Geofence::from_geojson_str(text).unwrap_err();
        assert!(codes(&issues).contains(&expected), "{text}: {issues:?}");
    }
    let point =
        Geofence::from_geojson(&json::parse(r#"{"type":"LineString","coordinates":[]}"#).unwrap())
            .unwrap_err();
    assert!(
        point[0].message.contains("Geofence.corridor"),
        "{}",
        point[0].message
    );
}

// ---------------------------------------------------------------- corridors

const GOOGLE_EXAMPLE: &str = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";

#[test]
fn corridor_along_an_encoded_route() {
    let fence = Geofence::corridor(GOOGLE_EXAMPLE, Precision::GOOGLE, 500.0).unwrap();
    assert_eq!(fence.kind(), GeofenceKind::Corridor);
    // On the route's vertices and on the middle of a segment.
    assert!(fence.contains(38.5, -120.2));
    assert!(fence.contains(40.7, -120.95));
    assert!(fence.contains(39.6, -120.575));
    // 1 km west of the first vertex: outside (the route heads north-north-west from there, so the
    // route is a little nearer than the vertex).
    let west = -120.2 - 1000.0 / (METRES_PER_DEGREE * 38.5f64.to_radians().cos());
    assert!(!fence.contains(38.5, west));
    let d = fence.distance_m(38.5, west);
    let to_route = {
        let route = decode_polyline(GOOGLE_EXAMPLE, Precision::GOOGLE).unwrap();
        route
            .chunks(2)
            .zip(route.chunks(2).skip(1))
            .map(|(a, b)| point_segment_m(38.5, west, a[0], a[1], b[0], b[1]))
            .fold(f64::INFINITY, f64::min)
    };
    assert!((d - (to_route - 500.0)).abs() < 1e-6, "{d} vs {to_route}");
    assert!(to_route > 900.0 && to_route <= 1000.0, "{to_route}");
}

#[test]
fn corridor_half_width_zero_measures_distance_to_the_route() {
    let fence = Geofence::corridor_from_points(&[0.0, 0.0, 0.0, 1.0], 0.0).unwrap();
    let d = fence.distance_m(0.01, 0.5);
    assert!((d - 0.01 * METRES_PER_DEGREE).abs() < 1e-6, "{d}");
    assert!(fence.contains(0.0, 0.5));
    assert_eq!(fence.distance_m(0.0, 0.25), 0.0);
}

#[test]
fn corridor_input_is_validated() {
    let issues = Geofence::corridor("_p~iF", Precision::GOOGLE, -1.0).unwrap_err();
    assert_eq!(
        codes(&issues),
        vec![
            ("/halfWidthM", "OUT_OF_RANGE"),
            ("/encodedPolyline", "INVALID_FORMAT")
        ]
    );
    let issues = Geofence::corridor("_p~iF~ps|U", Precision::GOOGLE, 10.0).unwrap_err();
    assert_eq!(
        codes(&issues),
        vec![("/encodedPolyline", "INVALID_GEOMETRY")]
    );
    let issues = Geofence::corridor_from_points(&[0.0, 0.0, 0.0, 200.0], 10.0).unwrap_err();
    assert_eq!(codes(&issues), vec![("/latLon/1/1", "OUT_OF_RANGE")]);
}

proptest! {
    #[test]
    fn corridor_distance_equals_brute_force(
        steps in prop::collection::vec((-0.01f64..0.01, -0.01f64..0.01), 1..200),
        probes in prop::collection::vec((-0.3f64..0.3, -0.3f64..0.3), 20),
        half_width in 0.0f64..2000.0,
    ) {
        let (mut lat, mut lon) = (59.93, 30.31);
        let mut route = vec![lat, lon];
        for (a, b) in steps {
            lat += a;
            lon += b;
            route.extend([lat, lon]);
        }
        let fence = Geofence::corridor_from_points(&route, half_width).unwrap();
        for (dy, dx) in probes {
            let (plat, plon) = (59.93 + dy, 30.31 + dx);
            let brute = route
                .chunks(2)
                .zip(route.chunks(2).skip(1))
                .map(|(a, b)| point_segment_m(plat, plon, a[0], a[1], b[0], b[1]))
                .fold(f64::INFINITY, f64::min);
            let d = fence.distance_m(plat, plon);
            let expected = (brute - half_width).max(0.0);
            prop_assert!((d - expected).abs() <= 1e-6 + brute * 1e-9, "{} vs {}", d, expected);
            if (brute - half_width).abs() > 1e-6 {
                prop_assert_eq!(fence.contains(plat, plon), brute <= half_width);
            }
        }
    }
}

#[test]
fn codes_are_exported() {
    assert_eq!(g::codes::SELF_INTERSECTING_RING, "SELF_INTERSECTING_RING");
}
