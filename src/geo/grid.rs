//! A uniform grid over a set of segments, prepared once per geofence: each cell lists the
//! segments that pass through it, and for polygons each cell without segments knows whether it
//! lies inside.
//!
//! Point in polygon (even-odd rule, ray cast towards +longitude): a point in a cell without
//! segments takes the cell's precomputed answer (one lookup). A point in a cell with segments
//! counts the crossings of its ray inside that cell and the following non-empty cells of its row,
//! up to the first empty cell, whose precomputed answer stands for everything to its right. Each
//! crossing is counted only in the cell that contains its longitude, so a segment listed in
//! several cells is never counted twice. The answer is the one a plain ray cast over every edge
//! would give (the tests compare them), at a cost independent of the polygon's size.
//!
//! Nearest segment (distances, corridors): a best-first search over a pyramid of occupied
//! blocks of cells, until the nearest segment found is closer than any unopened block can be.
//!
//! Coordinates here are `x` = longitude and `y` = latitude, in degrees.

use super::distance::{haversine_m, lerp, LocalFrame, METRES_PER_DEGREE};

/// Twice the signed area of triangle `a b c`: positive when `c` is left of `a → b`.
#[inline(always)]
pub(crate) fn orient(ax: f64, ay: f64, bx: f64, by: f64, cx: f64, cy: f64) -> f64 {
    (bx - ax) * (cy - ay) - (by - ay) * (cx - ax)
}

/// A segment from `a` to `b`, with `dx/dy` precomputed for ray casting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Seg {
    pub(crate) ax: f64,
    pub(crate) ay: f64,
    pub(crate) bx: f64,
    pub(crate) by: f64,
    /// `(bx - ax) / (by - ay)`; 0 for horizontal segments, which never cross a ray.
    inv_slope: f64,
    /// Index of the segment in the list the grid was built from.
    pub(crate) id: u32,
}

impl Seg {
    /// The segment from `(ax, ay)` to `(bx, by)` (longitude, latitude).
    pub(crate) fn new(ax: f64, ay: f64, bx: f64, by: f64, id: u32) -> Seg {
        let inv_slope = if by != ay { (bx - ax) / (by - ay) } else { 0.0 };
        Seg {
            ax,
            ay,
            bx,
            by,
            inv_slope,
            id,
        }
    }

    /// True when the horizontal line at `y` crosses the segment, with the half-open rule (the
    /// lower endpoint belongs to the segment, the upper does not) that makes a ray through a
    /// vertex count once.
    #[inline(always)]
    fn crosses(&self, y: f64) -> bool {
        (self.ay <= y) != (self.by <= y)
    }

    /// Longitude where the horizontal line at `y` meets the segment (call only when it crosses).
    #[inline(always)]
    fn crossing_x(&self, y: f64) -> f64 {
        self.ax + (y - self.ay) * self.inv_slope
    }

    /// True when `(x, y)` lies on the segment, tested exactly in floating point (vertices, points
    /// on axis-parallel edges and other exactly representable points).
    #[inline(always)]
    fn touches(&self, x: f64, y: f64) -> bool {
        x >= self.ax.min(self.bx)
            && x <= self.ax.max(self.bx)
            && y >= self.ay.min(self.by)
            && y <= self.ay.max(self.by)
            && (self.bx - self.ax) * (y - self.ay) == (self.by - self.ay) * (x - self.ax)
    }
}

/// Most near-tie candidates kept by [`EdgeGrid::nearest`]. More than this many segments within
/// the slack of the minimum (a point at the centre of a many-sided regular polygon) are equally
/// near within the slack, so keeping the frame-nearest ones costs at most the slack.
pub(crate) const CANDIDATES: usize = 6;

/// The frame-nearest segments seen so far, sorted by frame distance, without repeats.
#[derive(Default)]
struct Candidates {
    items: [Option<(Seg, f64, f64)>; CANDIDATES],
}

impl Candidates {
    /// Frame distance beyond which nothing can still win.
    fn threshold(&self, slack: &impl Fn(f64) -> f64) -> f64 {
        match self.items.first().copied().flatten() {
            Some((_, _, d2)) => {
                let d = d2.sqrt();
                d * (1.0 + 2.0 * slack(d))
            }
            None => f64::INFINITY,
        }
    }

    fn offer(&mut self, s: &Seg, t: f64, d2: f64, slack: &impl Fn(f64) -> f64) {
        let limit = self.threshold(slack);
        if d2 > limit * limit {
            return;
        }
        if self.items.iter().flatten().any(|(k, _, _)| k.id == s.id) {
            return;
        }
        let slot = self
            .items
            .iter()
            .position(|item| item.is_none_or(|(_, _, e)| d2 < e));
        if let Some(tail) = slot.and_then(|slot| self.items.get_mut(slot..)) {
            tail.rotate_right(1);
            if let Some(first) = tail.first_mut() {
                *first = Some((*s, t, d2));
            }
        }
    }

    /// The candidates still within the threshold of the final minimum.
    fn kept<'s>(
        &'s self,
        slack: &impl Fn(f64) -> f64,
    ) -> impl Iterator<Item = (Seg, f64, f64)> + 's {
        let limit = self.threshold(slack);
        let limit2 = limit * limit;
        self.items
            .iter()
            .flatten()
            .copied()
            .filter(move |c| c.2 <= limit2)
    }
}

/// Cell without segments whose points are outside the polygon.
const EMPTY_OUTSIDE: u8 = 0;
/// Cell without segments whose points are inside the polygon.
const EMPTY_INSIDE: u8 = 1;
/// Cell with segments, answered by walking the row (its reference point is unusable).
const MIXED: u8 = 2;
/// Cell with segments whose reference point is outside the polygon.
const MIXED_REF_OUTSIDE: u8 = 3;
/// Cell with segments whose reference point is inside the polygon.
const MIXED_REF_INSIDE: u8 = 4;

/// Where a cell's reference point sits, as fractions of the cell's width and height: off the
/// centre so that round-numbered geometry rarely passes exactly through it.
const REF_FX: f64 = 0.4173;
const REF_FY: f64 = 0.5791;

/// The prepared index.
#[derive(Debug, Clone)]
pub(crate) struct EdgeGrid {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    cell_w: f64,
    cell_h: f64,
    inv_cell_w: f64,
    inv_cell_h: f64,
    nx: usize,
    ny: usize,
    /// `starts[c]..starts[c + 1]` are cell `c`'s entries in `segs` (cells row by row).
    starts: Vec<u32>,
    segs: Vec<Seg>,
    /// Per cell: [`EMPTY_OUTSIDE`] or [`EMPTY_INSIDE`] without segments; [`MIXED_REF_OUTSIDE`],
    /// [`MIXED_REF_INSIDE`] or [`MIXED`] with segments (routes: only `EMPTY_OUTSIDE` / `MIXED`).
    state: Vec<u8>,
    /// Occupancy pyramid for nearest-segment searches; level 0 is the cells themselves.
    pyramid: Vec<PyramidLevel>,
}

/// One level of the occupancy pyramid: which blocks of `2^level × 2^level` cells hold segments.
#[derive(Debug, Clone)]
struct PyramidLevel {
    nx: usize,
    ny: usize,
    occupied: Vec<bool>,
}

/// A block waiting in the best-first search, ordered so that the nearest pops first.
#[derive(Debug, Clone, Copy)]
struct Block {
    bound: f64,
    level: usize,
    col: usize,
    row: usize,
}

impl PartialEq for Block {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}

impl Eq for Block {}

impl PartialOrd for Block {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Block {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed: BinaryHeap is a max-heap and the smallest bound must come out first.
        other.bound.total_cmp(&self.bound)
    }
}

/// Cells per polygon edge aimed at: enough that most cells are empty and mixed cells hold two or
/// three edges.
const CELLS_PER_SEGMENT: usize = 8;
/// Cells per segment for routes, which are only searched for the nearest segment: coarser cells
/// mean fewer blocks to open (measured fastest at 1–2).
const ROUTE_CELLS_PER_SEGMENT: usize = 2;
/// Bounds on the number of cells (memory: 5 bytes per cell).
const MIN_CELLS: usize = 64;
/// Polygons get at least this many cells (80 KiB): for a small polygon a finer grid than the
/// per-edge count leaves most cells empty, answered by one lookup without a mispredicted branch
/// into the edge test (measured on the benchmark's 50-vertex star: 2.4× the points per second
/// of 400 cells in wasm, for an index built in about 9 ms).
const MIN_POLYGON_CELLS: usize = 1 << 14;
const MAX_CELLS: usize = 1 << 21;

impl EdgeGrid {
    /// Builds the grid over `segs` (at least one). With `polygon`, cells without segments get
    /// their inside/outside answer by the even-odd rule over all the segments.
    pub(crate) fn build(segs: &[Seg], polygon: bool) -> EdgeGrid {
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for s in segs {
            x0 = x0.min(s.ax).min(s.bx);
            x1 = x1.max(s.ax).max(s.bx);
            y0 = y0.min(s.ay).min(s.by);
            y1 = y1.max(s.ay).max(s.by);
        }
        if segs.is_empty() {
            (x0, y0, x1, y1) = (0.0, 0.0, 0.0, 0.0);
        }
        let per_segment = if polygon {
            CELLS_PER_SEGMENT
        } else {
            ROUTE_CELLS_PER_SEGMENT
        };
        let floor = if polygon {
            MIN_POLYGON_CELLS
        } else {
            MIN_CELLS
        };
        let mut cells = (segs.len().saturating_mul(per_segment)).clamp(floor, MAX_CELLS);
        // Long segments on a fine grid fill many cells; coarsen until the lists stay linear in
        // the number of segments (at most ~20 halvings).
        let budget = segs.len().saturating_mul(24).max(1 << 16);
        loop {
            let grid = EdgeGrid::with_cells(segs, polygon, (x0, y0, x1, y1), cells, budget);
            match grid {
                Some(g) => return g,
                None => cells /= 2,
            }
        }
    }

    fn with_cells(
        segs: &[Seg],
        polygon: bool,
        (x0, y0, x1, y1): (f64, f64, f64, f64),
        cells: usize,
        budget: usize,
    ) -> Option<EdgeGrid> {
        // Cells roughly square on the ground: scale longitude by the cosine of the mid latitude.
        let width = (x1 - x0) * ((y0 + y1) * 0.5).to_radians().cos().max(0.01);
        let height = y1 - y0;
        let (nx, ny) = if width <= 0.0 && height <= 0.0 {
            (1, 1)
        } else if width <= 0.0 {
            (1, cells)
        } else if height <= 0.0 {
            (cells, 1)
        } else {
            let nx = ((cells as f64 * width / height).sqrt().round() as usize).clamp(1, cells);
            (nx, (cells / nx).max(1))
        };
        let cell_w = if x1 > x0 { (x1 - x0) / nx as f64 } else { 1.0 };
        let cell_h = if y1 > y0 { (y1 - y0) / ny as f64 } else { 1.0 };
        let mut grid = EdgeGrid {
            x0,
            y0,
            x1,
            y1,
            cell_w,
            cell_h,
            inv_cell_w: 1.0 / cell_w,
            inv_cell_h: 1.0 / cell_h,
            nx,
            ny,
            starts: Vec::new(),
            segs: Vec::new(),
            state: Vec::new(),
            pyramid: Vec::new(),
        };
        // Pass 1: count entries per cell; pass 2: fill (compressed sparse rows).
        let n_cells = nx * ny;
        let mut counts = vec![0u32; n_cells + 1];
        let mut total = 0usize;
        for s in segs {
            grid.for_each_cell_of(s, |cell| {
                if let Some(count) = counts.get_mut(cell) {
                    *count += 1;
                    total += 1;
                }
            });
            if total > budget && cells > MIN_CELLS {
                return None;
            }
        }
        let mut starts = Vec::with_capacity(n_cells + 1);
        let mut acc = 0u32;
        for &c in counts.iter().take(n_cells) {
            starts.push(acc);
            acc += c;
        }
        starts.push(acc);
        let mut fill = starts.clone();
        let placeholder = Seg::new(0.0, 0.0, 0.0, 0.0, 0);
        let mut entries = vec![placeholder; total];
        for s in segs {
            grid.for_each_cell_of(s, |cell| {
                if let Some(slot) = fill.get_mut(cell) {
                    if let Some(e) = entries.get_mut(*slot as usize) {
                        *e = *s;
                    }
                    *slot += 1;
                }
            });
        }
        grid.starts = starts;
        grid.segs = entries;
        grid.state = (0..n_cells)
            .map(|c| {
                if grid.cell(c).is_empty() {
                    EMPTY_OUTSIDE
                } else {
                    MIXED
                }
            })
            .collect();
        if polygon {
            grid.classify_empty_cells();
            grid.classify_mixed_cells();
        }
        grid.build_pyramid();
        Some(grid)
    }

    /// Column of longitude `x`, clamped to the grid (NaN gives 0).
    #[inline(always)]
    fn col(&self, x: f64) -> usize {
        // `as` saturates: negative and NaN give 0, huge values the maximum. Cells are at most
        // 2^21, so u32 holds every column (and is one instruction in wasm).
        (((x - self.x0) * self.inv_cell_w) as u32 as usize).min(self.nx - 1)
    }

    /// Row of latitude `y`, clamped to the grid.
    #[inline(always)]
    fn row(&self, y: f64) -> usize {
        (((y - self.y0) * self.inv_cell_h) as u32 as usize).min(self.ny - 1)
    }

    /// The entries of cell `c`.
    #[inline(always)]
    fn cell(&self, c: usize) -> &[Seg] {
        let (Some(&lo), Some(&hi)) = (self.starts.get(c), self.starts.get(c + 1)) else {
            return &[];
        };
        self.segs.get(lo as usize..hi as usize).unwrap_or(&[])
    }

    /// Calls `f` with every cell the segment may pass through (a superset, padded so that
    /// rounding in the queries can never miss a cell).
    fn for_each_cell_of(&self, s: &Seg, mut f: impl FnMut(usize)) {
        let (ylo, yhi) = (s.ay.min(s.by), s.ay.max(s.by));
        let (xlo, xhi) = (s.ax.min(s.bx), s.ax.max(s.bx));
        let pad_y = self.cell_h * 1e-9 + 1e-11;
        let pad_x = self.cell_w * 1e-9 + 1e-11;
        for r in self.row(ylo - pad_y)..=self.row(yhi + pad_y) {
            // The part of the segment within this row's latitudes (padded), as longitudes.
            let row_lo = (self.y0 + r as f64 * self.cell_h - pad_y).max(ylo);
            let row_hi = (self.y0 + (r + 1) as f64 * self.cell_h + pad_y).min(yhi);
            let (mut lo, mut hi) = if s.ay == s.by || row_lo > row_hi {
                (xlo, xhi)
            } else {
                let xa = s.ax + (row_lo - s.ay) * s.inv_slope;
                let xb = s.ax + (row_hi - s.ay) * s.inv_slope;
                (xa.min(xb), xa.max(xb))
            };
            lo = (lo - pad_x).max(xlo - pad_x);
            hi = (hi + pad_x).min(xhi + pad_x);
            let base = r * self.nx;
            for c in self.col(lo)..=self.col(hi) {
                f(base + c);
            }
        }
    }

    /// Gives every empty cell its inside/outside answer: the parity of the crossings of the
    /// row's centre line to the right of the cell (the cell has no segment, so the answer is
    /// the same for all its points).
    fn classify_empty_cells(&mut self) {
        let mut crossings_in_col = vec![0u32; self.nx];
        for r in 0..self.ny {
            let yc = self.y0 + (r as f64 + 0.5) * self.cell_h;
            let base = r * self.nx;
            crossings_in_col.fill(0);
            for (c, count) in crossings_in_col.iter_mut().enumerate() {
                for s in self.cell(base + c) {
                    if s.crosses(yc) && self.col(s.crossing_x(yc)) == c {
                        *count += 1;
                    }
                }
            }
            let mut parity = 0u32;
            for c in (0..self.nx).rev() {
                if let Some(st) = self.state.get_mut(base + c) {
                    if *st == EMPTY_OUTSIDE || *st == EMPTY_INSIDE {
                        *st = (parity & 1) as u8;
                    }
                }
                parity += crossings_in_col.get(c).copied().unwrap_or(0);
            }
        }
    }

    /// The reference point of cell (`col`, `row`).
    #[inline(always)]
    fn reference(&self, col: usize, row: usize) -> (f64, f64) {
        (
            self.x0 + (col as f64 + REF_FX) * self.cell_w,
            self.y0 + (row as f64 + REF_FY) * self.cell_h,
        )
    }

    /// Gives every cell with segments the inside/outside answer of its reference point, unless
    /// the point lies on the line of one of the cell's segments (then the cell keeps [`MIXED`]
    /// and its queries walk the row).
    fn classify_mixed_cells(&mut self) {
        for row in 0..self.ny {
            for col in 0..self.nx {
                let c = row * self.nx + col;
                if self.state.get(c) != Some(&MIXED) {
                    continue;
                }
                let (rx, ry) = self.reference(col, row);
                let usable = self
                    .cell(c)
                    .iter()
                    .all(|s| orient(s.ax, s.ay, s.bx, s.by, rx, ry) != 0.0);
                if usable {
                    let inside = self.contains_by_walk(rx, ry, col, row * self.nx);
                    if let Some(st) = self.state.get_mut(c) {
                        *st = if inside {
                            MIXED_REF_INSIDE
                        } else {
                            MIXED_REF_OUTSIDE
                        };
                    }
                }
            }
        }
    }

    /// Even-odd point in polygon; points on an edge or a vertex are inside.
    ///
    /// Kept tiny so that batch loops inline it: most points land in an empty cell and are
    /// answered by one lookup; cells with edges go to the out-of-line [`Self::contains_mixed`].
    #[inline(always)]
    pub(crate) fn contains(&self, x: f64, y: f64) -> bool {
        // Written so that NaN fails.
        if !(x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1) {
            return false;
        }
        let col = self.col(x);
        let row = self.row(y);
        match self.state.get(row * self.nx + col) {
            Some(&EMPTY_INSIDE) => true,
            Some(&EMPTY_OUTSIDE) | None => false,
            Some(&state) => self.contains_mixed(x, y, col, row, state),
        }
    }

    /// [`Self::contains`] for a point in a cell that holds edges.
    #[inline(never)]
    fn contains_mixed(&self, x: f64, y: f64, col: usize, row: usize, state: u8) -> bool {
        match state {
            MIXED_REF_INSIDE => self.contains_from_reference(x, y, col, row, true),
            MIXED_REF_OUTSIDE => self.contains_from_reference(x, y, col, row, false),
            _ => self.contains_by_walk(x, y, col, row * self.nx),
        }
    }

    /// Point in polygon from the cell's reference point `r`, whose answer is known: the answer
    /// flips at each segment of the cell that the path `p → q → r` crosses, where `q` is
    /// `(r.x, p.y)` (a horizontal then a vertical leg, both inside the cell, so no other segment
    /// can cross them). Ties are broken as if the horizontal leg were raised by ε² and the
    /// vertical leg moved right by ε (with ε → 0): that matches the half-open rule of the ray
    /// cast, and since the same orientation of `q` serves both legs, every segment is counted
    /// consistently even when `q` lies exactly on its line.
    #[inline]
    fn contains_from_reference(
        &self,
        x: f64,
        y: f64,
        col: usize,
        row: usize,
        ref_inside: bool,
    ) -> bool {
        let (rx, ry) = self.reference(col, row);
        let mut inside = ref_inside;
        for s in self.cell(row * self.nx + col) {
            let on_horizontal = s.crosses(y);
            let on_vertical = (s.ax <= rx) != (s.bx <= rx);
            if !on_horizontal {
                // p can only be on a segment its row does not cross at the segment's top
                // latitude (its upper vertex, or the whole of a horizontal segment).
                if y == s.ay.max(s.by) && s.touches(x, y) {
                    return true;
                }
                if !on_vertical {
                    continue;
                }
            }
            let oq = orient(s.ax, s.ay, s.bx, s.by, rx, y);
            // q + (ε, ε²): the ε term dominates unless the segment is horizontal.
            let q_left = if oq != 0.0 {
                oq > 0.0
            } else if s.by != s.ay {
                s.by < s.ay
            } else {
                s.bx > s.ax
            };
            if on_horizontal {
                let op = orient(s.ax, s.ay, s.bx, s.by, x, y);
                if op == 0.0 && s.touches(x, y) {
                    return true;
                }
                // p + (0, ε²).
                let p_left = if op != 0.0 { op > 0.0 } else { s.bx > s.ax };
                if p_left != q_left {
                    inside = !inside;
                }
            }
            if on_vertical {
                // Never 0: cells whose reference point is on a segment's line are not used here.
                let r_left = orient(s.ax, s.ay, s.bx, s.by, rx, ry) > 0.0;
                if r_left != q_left {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Point in polygon by the ray towards +x: crossings in this cell and the following
    /// non-empty cells of the row, then the answer of the first empty cell.
    fn contains_by_walk(&self, x: f64, y: f64, col: usize, base: usize) -> bool {
        let mut inside = false;
        for s in self.cell(base + col) {
            if s.touches(x, y) {
                return true;
            }
            if s.crosses(y) {
                let cx = s.crossing_x(y);
                if cx > x && self.col(cx) == col {
                    inside = !inside;
                }
            }
        }
        for c in col + 1..self.nx {
            match self.state.get(base + c) {
                Some(&EMPTY_INSIDE) => return !inside,
                Some(&EMPTY_OUTSIDE) => return inside,
                Some(_) => {}
                None => break,
            }
            for s in self.cell(base + c) {
                if s.crosses(y) && self.col(s.crossing_x(y)) == c {
                    inside = !inside;
                }
            }
        }
        inside
    }

    /// Great-circle metres from `(lat, lon)` (degrees) to the nearest point of the segments, or
    /// `None` when none is within `max_m` metres.
    ///
    /// The search is best-first over a pyramid of occupied cells (each level halves the grid):
    /// blocks are opened in order of their lower-bound distance, so a point far from the
    /// geometry costs a few blocks per level rather than every cell around it.
    ///
    /// Segments are compared in the query point's local frame (see [`super::distance`]), which
    /// differs from great-circle lengths by a relative `ε ≈ tan|lat| · d / 2R` at distance `d`.
    /// So that this cannot pick the wrong segment when two are nearly equidistant, every segment
    /// within `(1 + 2ε)` of the frame minimum is kept (up to [`CANDIDATES`]) and the winner is
    /// decided by the haversine distance to its nearest point.
    pub(crate) fn nearest_m(&self, lat: f64, lon: f64, max_m: f64) -> Option<f64> {
        if !(lat.is_finite() && lon.is_finite()) || self.segs.is_empty() || max_m.is_nan() {
            return None;
        }
        let frame = LocalFrame::at(lat, lon);
        let tan = lat.to_radians().tan().abs().min(1e3);
        let slack = |frame_distance: f64| -> f64 {
            (frame_distance.to_radians() * (tan + 1.0) + 1e-12).min(1.0)
        };
        let max_frame = if max_m.is_finite() {
            let f = max_m / METRES_PER_DEGREE;
            f * (1.0 + slack(f)) + 1e-12
        } else {
            f64::INFINITY
        };
        // Lower bound (frame units) from the point to the block of `size` cells at (col, row).
        let pad = self.cell_w.max(self.cell_h) * 1e-9 + 1e-11;
        let block_bound = |size: usize, col: usize, row: usize| -> f64 {
            let bx0 = self.x0 + (col * size) as f64 * self.cell_w;
            let bx1 = self.x0 + ((col + 1) * size).min(self.nx) as f64 * self.cell_w;
            let by0 = self.y0 + (row * size) as f64 * self.cell_h;
            let by1 = self.y0 + ((row + 1) * size).min(self.ny) as f64 * self.cell_h;
            let dx = (bx0 - lon).max(lon - bx1).max(0.0) * frame.east_scale;
            let dy = (by0 - lat).max(lat - by1).max(0.0);
            ((dx * dx + dy * dy).sqrt() - pad).max(0.0)
        };
        let mut found = Candidates::default();
        let mut heap = std::collections::BinaryHeap::with_capacity(64);
        let top = self.pyramid.len().saturating_sub(1);
        heap.push(Block {
            bound: 0.0,
            level: top,
            col: 0,
            row: 0,
        });
        while let Some(block) = heap.pop() {
            if block.bound > max_frame || block.bound >= found.threshold(&slack) {
                break;
            }
            if block.level == 0 {
                for s in self.cell(block.row * self.nx + block.col) {
                    let (d2, t) = frame.segment_dist2(s.ay, s.ax, s.by, s.bx);
                    found.offer(s, t, d2, &slack);
                }
                continue;
            }
            let child_level = block.level - 1;
            let Some(level) = self.pyramid.get(child_level) else {
                continue;
            };
            let size = 1usize << child_level;
            for (dc, dr) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let (col, row) = (block.col * 2 + dc, block.row * 2 + dr);
                if col >= level.nx || row >= level.ny {
                    continue;
                }
                if level.occupied.get(row * level.nx + col) != Some(&true) {
                    continue;
                }
                let bound = block_bound(size, col, row);
                if bound <= max_frame && bound < found.threshold(&slack) {
                    heap.push(Block {
                        bound,
                        level: child_level,
                        col,
                        row,
                    });
                }
            }
        }
        found
            .kept(&slack)
            .map(|(s, t, _)| {
                let (f_lat, f_lon) = lerp(s.ay, s.ax, s.by, s.bx, t);
                haversine_m(lat, lon, f_lat, f_lon)
            })
            .filter(|d| *d <= max_m)
            .min_by(f64::total_cmp)
    }

    /// Builds the occupancy pyramid from the cells.
    fn build_pyramid(&mut self) {
        let mut levels = vec![PyramidLevel {
            nx: self.nx,
            ny: self.ny,
            occupied: (0..self.nx * self.ny)
                .map(|c| !self.cell(c).is_empty())
                .collect(),
        }];
        // Halving until one block remains: at most ~22 levels for the largest grid.
        while let Some(below) = levels.last().filter(|l| l.nx > 1 || l.ny > 1) {
            let (nx, ny) = (below.nx.div_ceil(2), below.ny.div_ceil(2));
            let mut occupied = vec![false; nx * ny];
            for row in 0..below.ny {
                for col in 0..below.nx {
                    if below.occupied.get(row * below.nx + col) == Some(&true) {
                        if let Some(o) = occupied.get_mut((row / 2) * nx + col / 2) {
                            *o = true;
                        }
                    }
                }
            }
            levels.push(PyramidLevel { nx, ny, occupied });
        }
        self.pyramid = levels;
    }

    /// Bounding box `(min lon, min lat, max lon, max lat)` of the segments.
    pub(crate) fn bbox(&self) -> (f64, f64, f64, f64) {
        (self.x0, self.y0, self.x1, self.y1)
    }

    /// Every cell's entries, for pairwise checks between segments that share a cell.
    pub(crate) fn cells(&self) -> impl Iterator<Item = &[Seg]> {
        (0..self.nx * self.ny).map(|c| self.cell(c))
    }

    /// Number of cells and of entries (for tests and tuning).
    #[cfg(test)]
    pub(crate) fn size(&self) -> (usize, usize) {
        (self.nx * self.ny, self.segs.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The reference: a plain even-odd ray cast over every segment, boundary inside.
    fn ray_cast(segs: &[Seg], x: f64, y: f64) -> bool {
        let mut inside = false;
        for s in segs {
            if s.touches(x, y) {
                return true;
            }
            if s.crosses(y) && s.crossing_x(y) > x {
                inside = !inside;
            }
        }
        inside
    }

    fn ring_segs(points: &[(f64, f64)]) -> Vec<Seg> {
        (0..points.len())
            .map(|i| {
                let (ax, ay) = points[i];
                let (bx, by) = points[(i + 1) % points.len()];
                Seg::new(ax, ay, bx, by, i as u32)
            })
            .collect()
    }

    /// A star-shaped polygon with `n` vertices at pseudo-random radii.
    fn star(n: usize, seed: u64, cx: f64, cy: f64) -> Vec<(f64, f64)> {
        let mut state = seed | 1;
        (0..n)
            .map(|i| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let r = 0.2 + 0.8 * (state % 1000) as f64 / 1000.0;
                let a = i as f64 / n as f64 * std::f64::consts::TAU;
                (cx + r * a.cos(), cy + r * a.sin())
            })
            .collect()
    }

    #[test]
    fn square_boundary_and_interior() {
        let segs = ring_segs(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
        let g = EdgeGrid::build(&segs, true);
        assert!(g.contains(0.5, 0.5));
        assert!(g.contains(0.0, 0.0), "vertex");
        assert!(g.contains(1.0, 0.5), "edge");
        assert!(g.contains(0.5, 1.0), "top edge");
        assert!(!g.contains(1.0 + 1e-12, 0.5));
        assert!(!g.contains(f64::NAN, 0.5));
        assert!(!g.contains(0.5, -1e-12));
    }

    #[test]
    fn agrees_with_ray_cast_on_a_dense_lattice() {
        for (n, seed) in [(5, 1), (50, 7), (500, 3), (5000, 11)] {
            let pts = star(n, seed, 10.0, 50.0);
            let segs = ring_segs(&pts);
            let g = EdgeGrid::build(&segs, true);
            // Lattice points include many that lie exactly on cell borders and vertex latitudes.
            let mut checked = 0;
            for i in 0..=200 {
                for j in 0..=200 {
                    let x = 9.0 + i as f64 * 0.01;
                    let y = 49.0 + j as f64 * 0.01;
                    assert_eq!(g.contains(x, y), ray_cast(&segs, x, y), "n={n} ({x}, {y})");
                    checked += 1;
                }
            }
            // And every vertex is on the boundary.
            for &(x, y) in &pts {
                assert!(g.contains(x, y));
            }
            assert_eq!(checked, 201 * 201);
        }
    }

    #[test]
    fn long_edges_do_not_blow_up_the_index() {
        // A comb: 2,000 teeth spanning the whole height, the worst case for list lengths.
        let mut pts = Vec::new();
        for i in 0..1000 {
            let x = i as f64 * 0.001;
            pts.push((x, 0.0));
            pts.push((x + 0.0005, 1.0));
        }
        pts.push((1.0, -0.1));
        pts.push((0.0, -0.1));
        let segs = ring_segs(&pts);
        let g = EdgeGrid::build(&segs, true);
        let (_, entries) = g.size();
        assert!(entries <= segs.len() * 24 + (1 << 16), "{entries}");
        for i in 0..300 {
            let x = i as f64 / 300.0;
            let y = 0.37;
            assert_eq!(g.contains(x, y), ray_cast(&segs, x, y));
        }
    }

    #[test]
    fn nearest_segment_finds_the_minimum() {
        let pts = star(300, 5, 37.6, 55.7);
        let segs = ring_segs(&pts);
        let g = EdgeGrid::build(&segs, false);
        for i in 0..400 {
            let lat = 54.0 + (i % 20) as f64 * 0.18;
            let lon = 35.0 + (i / 20) as f64 * 0.27;
            let brute = segs
                .iter()
                .map(|s| super::super::point_segment_m(lat, lon, s.ay, s.ax, s.by, s.bx))
                .fold(f64::INFINITY, f64::min);
            let d = g.nearest_m(lat, lon, f64::INFINITY).unwrap();
            assert!(
                (d - brute).abs() <= brute * 1e-12,
                "({lat}, {lon}): {d} vs {brute}"
            );
            // A cut-off below the distance finds nothing; at the distance, the same point.
            assert!(g.nearest_m(lat, lon, brute * 0.999).is_none());
            assert!(g.nearest_m(lat, lon, brute * 1.000001).is_some());
        }
    }

    proptest! {
        #[test]
        fn random_polygons_agree_with_ray_cast(
            pts in prop::collection::vec((-1.0f64..1.0, -1.0f64..1.0), 3..60),
            probes in prop::collection::vec((-1.2f64..1.2, -1.2f64..1.2), 50),
        ) {
            // Random (often self-intersecting) rings: the even-odd answer must match anyway.
            let segs = ring_segs(&pts);
            let g = EdgeGrid::build(&segs, true);
            for &(x, y) in &probes {
                prop_assert_eq!(g.contains(x, y), ray_cast(&segs, x, y), "({}, {})", x, y);
            }
            // Both ways of answering inside a cell with segments agree.
            for (x, y) in &probes {
                if !(g.x0..=g.x1).contains(x) || !(g.y0..=g.y1).contains(y) {
                    continue;
                }
                let (col, row) = (g.col(*x), g.row(*y));
                if let Some(&st) = g.state.get(row * g.nx + col) {
                    if st == MIXED_REF_INSIDE || st == MIXED_REF_OUTSIDE {
                        let by_ref = g.contains_from_reference(*x, *y, col, row, st == MIXED_REF_INSIDE);
                        prop_assert_eq!(by_ref, g.contains_by_walk(*x, *y, col, row * g.nx));
                    }
                }
            }
            // Probes at vertex latitudes, the ray-casting corner case.
            for &(_, y) in &pts {
                for k in 0..10 {
                    let x = -1.0 + k as f64 * 0.2;
                    prop_assert_eq!(g.contains(x, y), ray_cast(&segs, x, y));
                }
            }
        }
    }
}
