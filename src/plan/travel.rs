//! Distances and travel times between locations.
//!
//! Coordinates are turned into a location table once. When the table is small enough the
//! full matrices are computed up front (a lookup is far cheaper than a square root or an arcsine
//! in the solver's inner loop); above [`CACHE_MAX_LOCATIONS`] they are computed on demand so that
//! 5 000 orders do not cost 400 MB of matrices.

/// Mean Earth radius, metres (IUGG).
pub const EARTH_RADIUS_M: f64 = 6_371_008.8;

/// Largest location count for which coordinate-based matrices are precomputed: 1 448² × 2 × 8
/// bytes ≈ 32 MiB.
pub const CACHE_MAX_LOCATIONS: usize = 1448;

/// Location index meaning "nowhere": the end of an open route. Travel to or from it is free.
pub(crate) const NOWHERE: u32 = u32::MAX;

/// `asin(x)` for `0 ≤ x ≤ 1`; below 0.05 (city distances, 640 km) a Taylor series whose
/// truncation error is under 1e-12 relative, several times cheaper than the library call.
#[inline]
fn asin(x: f64) -> f64 {
    if x < 0.05 {
        let x2 = x * x;
        x * (1.0 + x2 * (1.0 / 6.0 + x2 * (3.0 / 40.0 + x2 * (5.0 / 112.0 + x2 * (35.0 / 1152.0)))))
    } else {
        x.min(1.0).asin()
    }
}

#[derive(Debug, Clone)]
enum Metric {
    /// Unit vectors on the sphere; distance = R × central angle × detour.
    Sphere {
        points: Vec<[f64; 3]>,
        metres_per_radian: f64,
        seconds_per_metre: f64,
    },
    Plane {
        points: Vec<[f64; 2]>,
        seconds_per_unit: f64,
    },
    /// Row-major matrices, `size × size`.
    Matrix {
        distances: Vec<f64>,
        durations: Vec<f64>,
    },
}

/// The compiled travel model.
#[derive(Debug, Clone)]
pub(crate) struct Travel {
    size: usize,
    metric: Metric,
    /// Precomputed `(distance, duration)` pairs for coordinate metrics, row-major, when `size`
    /// allows.
    cache: Vec<[f64; 2]>,
}

impl Travel {
    /// Great-circle travel between `(lat, lon)` points in degrees.
    pub fn sphere(lat_lon: &[[f64; 2]], detour: f64, speed_kmh: f64) -> Travel {
        let points = lat_lon
            .iter()
            .map(|&[lat, lon]| {
                let (phi, lambda) = (lat.to_radians(), lon.to_radians());
                [
                    phi.cos() * lambda.cos(),
                    phi.cos() * lambda.sin(),
                    phi.sin(),
                ]
            })
            .collect::<Vec<_>>();
        let size = points.len();
        Travel::cached(
            size,
            Metric::Sphere {
                points,
                metres_per_radian: EARTH_RADIUS_M * detour,
                seconds_per_metre: 3.6 / speed_kmh,
            },
        )
    }

    /// Planar Euclidean travel; time = distance / speed.
    pub fn plane(points: Vec<[f64; 2]>, speed: f64) -> Travel {
        let size = points.len();
        Travel::cached(
            size,
            Metric::Plane {
                points,
                seconds_per_unit: 1.0 / speed,
            },
        )
    }

    /// Caller matrices; the caller has checked both hold `size²` finite, non-negative values.
    pub fn matrix(size: usize, distances: Vec<f64>, durations: Vec<f64>) -> Travel {
        Travel {
            size,
            metric: Metric::Matrix {
                distances,
                durations,
            },
            cache: Vec::new(),
        }
    }

    fn cached(size: usize, metric: Metric) -> Travel {
        let mut travel = Travel {
            size,
            metric,
            cache: Vec::new(),
        };
        if size <= CACHE_MAX_LOCATIONS {
            let mut cache = Vec::with_capacity(size * size);
            for a in 0..size as u32 {
                for b in 0..size as u32 {
                    cache.push(travel.compute(a, b));
                }
            }
            travel.cache = cache;
        }
        travel
    }

    fn compute(&self, a: u32, b: u32) -> [f64; 2] {
        if a == b {
            return [0.0, 0.0];
        }
        match &self.metric {
            Metric::Sphere {
                points,
                metres_per_radian,
                seconds_per_metre,
            } => match (points.get(a as usize), points.get(b as usize)) {
                (Some(p), Some(q)) => {
                    let (dx, dy, dz) = (p[0] - q[0], p[1] - q[1], p[2] - q[2]);
                    let chord = (dx * dx + dy * dy + dz * dz).sqrt();
                    // The central angle from the chord is exact and cheaper than haversine.
                    let d = 2.0 * asin(chord * 0.5) * metres_per_radian;
                    [d, d * seconds_per_metre]
                }
                _ => [0.0, 0.0],
            },
            Metric::Plane {
                points,
                seconds_per_unit,
            } => match (points.get(a as usize), points.get(b as usize)) {
                (Some(p), Some(q)) => {
                    let d = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
                    [d, d * seconds_per_unit]
                }
                _ => [0.0, 0.0],
            },
            Metric::Matrix {
                distances,
                durations,
            } => {
                let i = a as usize * self.size + b as usize;
                [
                    distances.get(i).copied().unwrap_or(0.0),
                    durations.get(i).copied().unwrap_or(0.0),
                ]
            }
        }
    }

    /// `(distance, duration)` from `a` to `b`; both 0 when either is [`NOWHERE`].
    #[inline]
    pub fn between(&self, a: u32, b: u32) -> [f64; 2] {
        if a == NOWHERE || b == NOWHERE {
            return [0.0, 0.0];
        }
        if !self.cache.is_empty() {
            // Both indexes are below `size` (checked when the model was built), so the
            // product stays inside the cache; `get` keeps a corrupt index from panicking.
            return self
                .cache
                .get(a as usize * self.size + b as usize)
                .copied()
                .unwrap_or([0.0, 0.0]);
        }
        self.compute(a, b)
    }

    /// A planar position for spatial indexing (neighbour search): `(x, y)` for the plane,
    /// an equirectangular projection in radians for the sphere, `None` for matrices.
    pub fn planar(&self, a: u32) -> Option<[f64; 2]> {
        match &self.metric {
            Metric::Plane { points, .. } => points.get(a as usize).copied(),
            Metric::Sphere { points, .. } => points.get(a as usize).map(|p| {
                let lat = p[2].clamp(-1.0, 1.0).asin();
                let lon = p[1].atan2(p[0]);
                [lon * lat.cos(), lat]
            }),
            Metric::Matrix { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sphere_matches_haversine_reference() {
        // Paris (48.8566, 2.3522) to London (51.5074, -0.1278): 343.5 km great-circle.
        let t = Travel::sphere(&[[48.8566, 2.3522], [51.5074, -0.1278]], 1.0, 36.0);
        let [d, s] = t.between(0, 1);
        assert!((d - 343_560.0).abs() < 500.0, "{d}");
        // 36 km/h = 10 m/s.
        assert!((s - d / 10.0).abs() < 1e-6);
        assert_eq!(t.between(0, NOWHERE), [0.0, 0.0]);
    }

    #[test]
    fn series_arcsine_matches_the_library() {
        for i in 0..=1000 {
            let x = 0.05 * f64::from(i) / 1000.0;
            assert!(
                (asin(x) - x.asin()).abs() <= 1e-12 * x.asin().max(1e-300),
                "{x}"
            );
        }
        assert_eq!(asin(0.5), 0.5f64.asin());
        assert_eq!(asin(1.5), std::f64::consts::FRAC_PI_2);
    }

    #[test]
    fn uncached_equals_cached() {
        let pts: Vec<[f64; 2]> = (0..10).map(|i| [i as f64, (i * i) as f64]).collect();
        let cached = Travel::plane(pts.clone(), 2.0);
        let raw = Travel {
            size: pts.len(),
            metric: Metric::Plane {
                points: pts,
                seconds_per_unit: 0.5,
            },
            cache: Vec::new(),
        };
        for a in 0..10 {
            for b in 0..10 {
                assert_eq!(cached.between(a, b), raw.between(a, b));
            }
        }
        assert_eq!(cached.between(0, 3), [9.486832980505138, 4.743416490252569]);
    }
}
