//! The `k` nearest plannable orders of every plannable order, the neighbourhood that string
//! removal walks and that local search restricts its moves to.
//!
//! Small problems (and matrices) are scanned exhaustively. Large coordinate problems use a
//! uniform grid, so that 5 000 orders cost a few million distance evaluations instead of 25
//! million, and no `n × n` table is ever held.

use super::model::Model;

/// Exhaustive scan up to this many orders.
const EXHAUSTIVE_MAX: usize = 1500;

/// Flat neighbour lists: `k` entries per job (fewer real ones are padded by repeating the last),
/// nearest first; jobs that are not plannable have empty lists.
#[derive(Debug, Clone)]
pub(crate) struct Neighbors {
    pub k: usize,
    pub list: Vec<u32>,
    pub count: Vec<u32>,
}

impl Neighbors {
    /// Neighbours of `j`, nearest first.
    #[inline]
    pub fn of(&self, j: u32) -> &[u32] {
        let from = j as usize * self.k;
        let n = self.count.get(j as usize).copied().unwrap_or(0) as usize;
        self.list.get(from..from + n).unwrap_or(&[])
    }

    /// Builds lists of up to `k` neighbours among `active` jobs.
    pub fn build(model: &Model, active: &[u32], k: usize) -> Neighbors {
        let n = model.jobs.len();
        let k = k.min(active.len().saturating_sub(1)).max(1);
        let mut list = vec![0u32; n * k];
        let mut count = vec![0u32; n];
        let planar: Option<Vec<[f64; 2]>> = if active.len() > EXHAUSTIVE_MAX {
            active
                .iter()
                .map(|&j| {
                    model
                        .jobs
                        .get(j as usize)
                        .and_then(|job| model.travel.planar(job.loc))
                })
                .collect()
        } else {
            None
        };
        let dist = |a: u32, b: u32| -> f64 {
            let (la, lb) = (
                model.jobs.get(a as usize).map_or(0, |j| j.loc),
                model.jobs.get(b as usize).map_or(0, |j| j.loc),
            );
            model.travel.between(la, lb)[0] + model.travel.between(lb, la)[0]
        };
        let mut scratch: Vec<(f64, u32)> = Vec::with_capacity(active.len());
        let grid = planar.as_ref().map(|pts| Grid::new(pts));
        for (ai, &j) in active.iter().enumerate() {
            scratch.clear();
            match (&grid, &planar) {
                (Some(grid), Some(pts)) => {
                    grid.candidates(pts, ai, k, &mut scratch);
                    for c in scratch.iter_mut() {
                        let other = active.get(c.1 as usize).copied().unwrap_or(j);
                        *c = (dist(j, other), other);
                    }
                }
                _ => {
                    for &i in active {
                        if i != j {
                            scratch.push((dist(j, i), i));
                        }
                    }
                }
            }
            let take = k.min(scratch.len());
            if take < scratch.len() {
                scratch
                    .select_nth_unstable_by(take, |a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            }
            let chosen = &mut scratch[..take];
            chosen.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let from = j as usize * k;
            if let Some(slots) = list.get_mut(from..from + take) {
                for (slot, c) in slots.iter_mut().zip(chosen.iter()) {
                    *slot = c.1;
                }
            }
            if let Some(c) = count.get_mut(j as usize) {
                *c = take as u32;
            }
        }
        Neighbors { k, list, count }
    }
}

/// A uniform grid over planar points, about two points per cell.
struct Grid {
    origin: [f64; 2],
    cell: f64,
    cols: usize,
    rows: usize,
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl Grid {
    fn new(pts: &[[f64; 2]]) -> Grid {
        let (mut lo, mut hi) = ([f64::MAX; 2], [f64::MIN; 2]);
        for p in pts {
            for d in 0..2 {
                lo[d] = lo[d].min(p[d]);
                hi[d] = hi[d].max(p[d]);
            }
        }
        let span = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-12);
        let target_cells = (pts.len() / 2).max(1) as f64;
        let area = ((hi[0] - lo[0]).max(span * 1e-3)) * ((hi[1] - lo[1]).max(span * 1e-3));
        let cell = (area / target_cells).sqrt().max(span * 1e-6);
        let cols = (((hi[0] - lo[0]) / cell) as usize + 1).min(1 << 12);
        let rows = (((hi[1] - lo[1]) / cell) as usize + 1).min(1 << 12);
        let cell_of = |p: &[f64; 2]| -> usize {
            let cx = (((p[0] - lo[0]) / cell) as usize).min(cols - 1);
            let cy = (((p[1] - lo[1]) / cell) as usize).min(rows - 1);
            cy * cols + cx
        };
        let mut counts = vec![0u32; cols * rows + 1];
        for p in pts {
            counts[cell_of(p) + 1] += 1;
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut items = vec![0u32; pts.len()];
        for (i, p) in pts.iter().enumerate() {
            let c = cell_of(p);
            items[fill[c] as usize] = i as u32;
            fill[c] += 1;
        }
        Grid {
            origin: lo,
            cell,
            cols,
            rows,
            starts: counts,
            items,
        }
    }

    /// Pushes `(planar distance, index)` of at least the `k` planar-nearest points to `at`
    /// (excluding itself), growing square rings until the ring is farther than the k-th best.
    fn candidates(&self, pts: &[[f64; 2]], at: usize, k: usize, out: &mut Vec<(f64, u32)>) {
        let Some(p) = pts.get(at) else { return };
        let cx = (((p[0] - self.origin[0]) / self.cell) as usize).min(self.cols - 1) as i64;
        let cy = (((p[1] - self.origin[1]) / self.cell) as usize).min(self.rows - 1) as i64;
        let mut kth: Vec<f64> = Vec::new();
        let max_ring = self.cols.max(self.rows) as i64;
        for ring in 0..=max_ring {
            for y in (cy - ring)..=(cy + ring) {
                for x in (cx - ring)..=(cx + ring) {
                    let on_ring = (y - cy).abs() == ring || (x - cx).abs() == ring;
                    if !on_ring || x < 0 || y < 0 || x >= self.cols as i64 || y >= self.rows as i64
                    {
                        continue;
                    }
                    let c = y as usize * self.cols + x as usize;
                    let (a, b) = (
                        self.starts.get(c).copied().unwrap_or(0) as usize,
                        self.starts.get(c + 1).copied().unwrap_or(0) as usize,
                    );
                    for &i in self.items.get(a..b).unwrap_or(&[]) {
                        if i as usize == at {
                            continue;
                        }
                        if let Some(q) = pts.get(i as usize) {
                            let d = ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2)).sqrt();
                            out.push((d, i));
                            kth.push(d);
                        }
                    }
                }
            }
            if kth.len() >= k {
                // Everything outside this ring is at least `ring × cell` away.
                let idx = k - 1;
                kth.select_nth_unstable_by(idx, |a, b| a.total_cmp(b));
                if kth[idx] <= ring as f64 * self.cell {
                    break;
                }
            }
        }
    }
}
