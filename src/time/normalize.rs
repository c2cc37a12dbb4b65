//! Sorting and merging several windows of one order, and changing what a window's bounds limit
//! (service start, service end, completion) given the service duration.
//!
//! # When windows merge
//! Windows merge only when they are comparable (same kind, and for local ones the same date and
//! zone) and mean the same thing (same [`EndBound`]):
//! - service-start and completion windows merge when they overlap or touch: the union of the
//!   allowed start (or completion) times is exactly what both windows allow together;
//! - service-end windows (OptimoRoute `twFrom`/`twTo`) merge only when one contains the other.
//!   Two overlapping ones do not: with `[10:00, 12:00]` and `[11:00, 14:00]` a 90-minute
//!   service from 10:45 to 12:15 fits neither window but would fit their union, so merging
//!   would allow what the vendor forbids.
//!
//! Each merge is reported as a `WINDOWS_MERGED` warning.

use super::codes;
use super::text::{write_clock, write_iso_datetime, DAY_S};
use super::{EndBound, TimeWindow, WindowKind};
use crate::check::Checker;
use crate::issue::codes as core;
use crate::json::Path;
use std::cmp::Ordering;

/// How a window reads in messages: `10:00–14:00 on 2024-03-22` or ISO instants.
pub fn describe(w: &TimeWindow) -> String {
    let mut out = String::with_capacity(56);
    let bound = |out: &mut String, v: Option<i64>| match (v, w.kind) {
        (None, _) => out.push('…'),
        (Some(v), WindowKind::Local) => {
            write_clock(out, v.rem_euclid(DAY_S));
            if !(0..DAY_S).contains(&v) {
                out.push_str(&format!(" (day {:+})", v.div_euclid(DAY_S)));
            }
        }
        (Some(v), WindowKind::Absolute) => write_iso_datetime(out, v, w.utc_offset_s.unwrap_or(0)),
    };
    bound(&mut out, w.start);
    out.push('–');
    bound(&mut out, w.end);
    if let Some(d) = &w.date {
        out.push_str(" on ");
        out.push_str(d);
    }
    out
}

/// The group a window merges within.
fn same_group(a: &TimeWindow, b: &TimeWindow) -> bool {
    a.kind == b.kind
        && a.end_bounds == b.end_bounds
        && (a.kind == WindowKind::Absolute || (a.date == b.date && a.time_zone == b.time_zone))
}

fn group_order(a: &TimeWindow, b: &TimeWindow) -> Ordering {
    let kind = |w: &TimeWindow| w.kind == WindowKind::Absolute;
    let bounds = |w: &TimeWindow| w.end_bounds as u8;
    kind(a)
        .cmp(&kind(b))
        .then_with(|| bounds(a).cmp(&bounds(b)))
        .then_with(|| a.date.cmp(&b.date))
        .then_with(|| a.time_zone.cmp(&b.time_zone))
}

/// Start with "unbounded" first.
fn start_key(w: &TimeWindow) -> i64 {
    w.start.unwrap_or(i64::MIN)
}

/// End with "unbounded" last.
fn end_key(w: &TimeWindow) -> i64 {
    w.end.unwrap_or(i64::MAX)
}

/// Sorts windows (by group, then start, then end) and merges those that overlap, as the module
/// documentation describes, reporting each merge at `path`. Input order of equal windows is
/// kept.
pub fn normalize(windows: Vec<TimeWindow>, path: &Path, checker: &mut Checker) -> Vec<TimeWindow> {
    let mut paths = Vec::new();
    normalize_with_paths(windows, &mut paths, path, checker)
}

/// [`normalize`], keeping `paths` (one JSON Pointer per window, or empty) in step with the
/// windows. A merged window keeps the path of the window that comes first.
pub(crate) fn normalize_with_paths(
    windows: Vec<TimeWindow>,
    paths: &mut Vec<String>,
    path: &Path,
    checker: &mut Checker,
) -> Vec<TimeWindow> {
    if windows.len() < 2 {
        return windows;
    }
    let has_paths = paths.len() == windows.len();
    let mut items: Vec<(TimeWindow, String)> = if has_paths {
        windows.into_iter().zip(paths.drain(..)).collect()
    } else {
        windows.into_iter().map(|w| (w, String::new())).collect()
    };
    items.sort_by(|(a, _), (b, _)| {
        group_order(a, b)
            .then_with(|| start_key(a).cmp(&start_key(b)))
            .then_with(|| end_key(a).cmp(&end_key(b)))
    });
    let mut out: Vec<(TimeWindow, String)> = Vec::with_capacity(items.len());
    for (w, p) in items {
        if let Some((last, last_path)) = out.last_mut() {
            if same_group(last, &w) && mergeable(last, &w) {
                let before = describe(last);
                let merged_end_later = end_key(&w) > end_key(last);
                if merged_end_later {
                    last.end = w.end;
                    last.end_unix = w.end_unix;
                }
                let at = if p.is_empty() {
                    path.to_pointer()
                } else {
                    p.clone()
                };
                let from = if last_path.is_empty() {
                    String::new()
                } else {
                    format!(" (at {last_path})")
                };
                checker.push(crate::issue::Issue::warning(
                    at,
                    codes::WINDOWS_MERGED,
                    format!(
                        "The window {} overlaps {before}{from}; they were merged into {}.",
                        describe(&w),
                        describe(last)
                    ),
                ));
                continue;
            }
        }
        out.push((w, p));
    }
    if has_paths {
        paths.extend(out.iter().map(|(_, p)| p.clone()));
    }
    out.into_iter().map(|(w, _)| w).collect()
}

/// `b` starts at or after `a` (sorted); can they become one window without changing meaning?
fn mergeable(a: &TimeWindow, b: &TimeWindow) -> bool {
    match a.end_bounds {
        EndBound::ServiceEnd => end_key(b) <= end_key(a),
        EndBound::ServiceStart | EndBound::Completion => start_key(b) <= end_key(a),
    }
}

/// Changes what a window's bounds limit, given the service duration in seconds:
/// - `serviceEnd` → `serviceStart`: the end moves earlier by the duration (the last start that
///   still finishes by the deadline);
/// - `serviceStart` → `serviceEnd`: the end moves later by the duration;
/// - `completion` (Wialon: both bounds limit when service finishes) → `serviceStart`: both
///   bounds move earlier by the duration; → `serviceEnd`: the start moves earlier;
/// - and the reverse of each.
///
/// The change is reported as a `BOUNDS_ADJUSTED` warning; a window that cannot hold the service
/// is `WINDOW_TOO_SHORT`. Open bounds stay open.
pub fn convert_bounds(
    w: &TimeWindow,
    to: EndBound,
    service_s: i64,
    path: &Path,
    checker: &mut Checker,
) -> Option<TimeWindow> {
    if w.end_bounds == to {
        return Some(w.clone());
    }
    if !(0..=7 * DAY_S).contains(&service_s) {
        checker.error(
            path,
            core::OUT_OF_RANGE,
            format!("The service duration is {service_s} s; it must be between 0 and one week."),
        );
        return None;
    }
    // Shift of (start, end) that turns a window of `b` meaning into service-start meaning.
    let to_start = |b: EndBound| match b {
        EndBound::ServiceStart => (0, 0),
        EndBound::ServiceEnd => (0, -service_s),
        EndBound::Completion => (-service_s, -service_s),
    };
    let (s1, e1) = to_start(w.end_bounds);
    let (s2, e2) = to_start(to);
    let (ds, de) = (s1 - s2, e1 - e2);
    // Saturating: a deserialized window may hold any i64, and no input may panic.
    let shift = |v: Option<i64>, d: i64| v.map(|x| x.saturating_add(d));
    let mut out = w.clone();
    out.start = shift(w.start, ds);
    out.end = shift(w.end, de);
    out.start_unix = shift(w.start_unix, ds);
    out.end_unix = shift(w.end_unix, de);
    out.end_bounds = to;
    // The window in service-start terms must not be inverted.
    if let (Some(s), Some(e)) = (shift(w.start, s1), shift(w.end, e1)) {
        if e < s {
            checker.error(
                path,
                codes::WINDOW_TOO_SHORT,
                format!(
                    "The window {} cannot hold a {service_s} s service: it is {} s long.",
                    describe(w),
                    w.duration_s().unwrap_or(0)
                ),
            );
            return None;
        }
    }
    let moved = |d: i64, which: &str| match d.cmp(&0) {
        Ordering::Less => format!("{which} moved {} s earlier", -d),
        Ordering::Greater => format!("{which} moved {d} s later"),
        Ordering::Equal => format!("{which} unchanged"),
    };
    checker.warning(
        path,
        codes::BOUNDS_ADJUSTED,
        format!(
            "The window was converted from {} to {} bounds with a {service_s} s service: {}, {}.",
            w.end_bounds.as_str(),
            to.as_str(),
            moved(ds, "start"),
            moved(de, "end")
        ),
    );
    Some(out)
}
