//! Time windows: parse every vendor's form into one normalized [`TimeWindow`], convert between
//! local and absolute time with real IANA zones and DST, normalize (sort and merge) and format
//! back into each vendor's form.
//!
//! | vendor field | form | meaning of the end ([`EndBound`]) |
//! |---|---|---|
//! | Yandex `time_interval` | `"T-T"` (`H`, `HH:MM`, `HH:MM:SS`), ISO 8601 interval | service start |
//! | Yandex `time_interval_secs` | `[a, b]` seconds after midnight | service start |
//! | Yandex `time_window` | `{start, end}` ISO 8601 date-times | service start |
//! | Wialon `tf` / `tt` / `trt` | UNIX seconds; `trt` allowed advance, s | completion |
//! | OptimoRoute `timeWindows` / `twFrom` / `twTo` | `HH:MM` on `date` | service end |
//! | OptimoRoute `allowedDateTimes` | `YYYY-MM-DDTHH:MM:SS`, either end null | service start |
//! | OptimoRoute driver `workTime` / `workTimeFrom` / `workTimeTo` | `HH:MM` on `date` | service end |
//! | Magic Lane `timeWindow` | `[a, b]` minutes after midnight (see [`forms::MagicLaneUnit`]) | service start (assumed) |
//!
//! A window is either **local** (seconds after local midnight of a date, in a zone, the end
//! possibly past 86400 when it crosses midnight) or **absolute** (UNIX seconds); the model never
//! pretends one is the other. When the date and zone of a local window are known its absolute
//! bounds are filled in as well. See [`zone`] for the DST rule, [`normalize()`] for merging, and
//! [`dispatch::parse_time_window`] for the one entry point that reads any form.
//!
//! The module's reading of the Magic Lane unit, the vendors' bound semantics and the DST rule
//! are explained, with evidence, in `src/time/README.md`.

pub mod batch;
pub mod dispatch;
pub mod forms;
pub mod normalize;
pub mod text;
pub mod zone;

pub use dispatch::{
    format_time_windows, parse_time_window, Form, FormattedWindows, ParseOptions, TimeWindowResult,
};
pub use normalize::{convert_bounds, normalize};
pub use zone::{to_absolute, to_local, TimeContext, Zone};

use crate::issue::Text;
use serde::{Deserialize, Serialize};

/// Whether a window's bounds are wall-clock times of a date or instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum WindowKind {
    /// `start`/`end` are seconds after local midnight of `date` in `timeZone`.
    Local,
    /// `start`/`end` are UNIX seconds.
    Absolute,
}

/// What the window's bounds limit. The vendors differ, and a converter that ignores this moves
/// deadlines by a whole service duration (see [`convert_bounds`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EndBound {
    /// `start` is the earliest and `end` the latest time to *begin* service (Yandex, OptimoRoute
    /// `allowedDateTimes`, Magic Lane as assumed).
    #[default]
    ServiceStart,
    /// `start` is the earliest time to begin and `end` the deadline to *finish* service
    /// (OptimoRoute `timeWindows`, `twFrom`/`twTo`, driver work time).
    ServiceEnd,
    /// Both bounds limit the time the order is *completed* (Wialon `tf`/`tt`).
    Completion,
}

impl EndBound {
    /// The JSON names, in declaration order.
    pub const NAMES: &'static [&'static str] = &["serviceStart", "serviceEnd", "completion"];

    /// The camelCase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EndBound::ServiceStart => "serviceStart",
            EndBound::ServiceEnd => "serviceEnd",
            EndBound::Completion => "completion",
        }
    }
}

/// One time window, normalized. Seconds everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// Local or absolute.
    pub kind: WindowKind,
    /// Local: seconds after local midnight of `date` (0..86400). Absolute: UNIX seconds.
    /// `None`: unbounded (written as `null`, always present in JSON).
    #[serde(default)]
    pub start: Option<i64>,
    /// Same unit as `start`; a local end may exceed 86400 (the window crosses midnight).
    /// `None`: unbounded (written as `null`).
    #[serde(default)]
    pub end: Option<i64>,
    /// Local windows: the day (`YYYY-MM-DD`) the times belong to, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Text>,
    /// IANA zone of the local times, when known (absolute windows converted from local keep it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<Text>,
    /// Absolute windows written with a UTC offset (seconds east of UTC): kept so that formatting
    /// reproduces the text's wall times.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utc_offset_s: Option<i32>,
    /// Start as UNIX seconds: always for absolute windows, for local ones when date and zone are
    /// known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_unix: Option<i64>,
    /// End as UNIX seconds, as `start_unix`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_unix: Option<i64>,
    /// What `end` (and for `completion`, `start` too) limits.
    pub end_bounds: EndBound,
}

impl TimeWindow {
    /// A local window on no particular date.
    pub fn local(start: Option<i64>, end: Option<i64>, end_bounds: EndBound) -> Self {
        TimeWindow {
            kind: WindowKind::Local,
            start,
            end,
            date: None,
            time_zone: None,
            utc_offset_s: None,
            start_unix: None,
            end_unix: None,
            end_bounds,
        }
    }

    /// An absolute window (UNIX seconds), with the offset it was written in if any.
    pub fn absolute(
        start: Option<i64>,
        end: Option<i64>,
        utc_offset_s: Option<i32>,
        end_bounds: EndBound,
    ) -> Self {
        TimeWindow {
            kind: WindowKind::Absolute,
            start_unix: start,
            end_unix: end,
            utc_offset_s,
            ..TimeWindow::local(start, end, end_bounds)
        }
    }

    /// Length in seconds when both bounds are known.
    pub fn duration_s(&self) -> Option<i64> {
        self.end?.checked_sub(self.start?)
    }
}

/// Issue codes of the time module (the core ones, such as `INVALID_FORMAT`, live in
/// [`crate::issue::codes`]).
pub mod codes {
    /// The end of a window is before its start where that cannot be a midnight crossing
    /// (absolute bounds, ISO 8601 intervals, dates). A core code, re-exported here.
    pub use crate::issue::codes::WINDOW_INVERTED;
    /// A local window must be placed in time but no IANA zone is known.
    pub const TIME_ZONE_REQUIRED: &str = "TIME_ZONE_REQUIRED";
    /// A local window must be placed in time but no date is known.
    pub const DATE_REQUIRED: &str = "DATE_REQUIRED";
    /// A time zone name is not in the IANA tz database.
    pub const UNKNOWN_TIME_ZONE: &str = "UNKNOWN_TIME_ZONE";
    /// Warning: a local time falls in a spring-forward gap; it was moved forward by the gap.
    pub const DST_GAP: &str = "DST_GAP";
    /// Warning: a local time happens twice (clocks go back); the earlier instant was taken.
    pub const DST_AMBIGUOUS: &str = "DST_AMBIGUOUS";
    /// Warning: overlapping or touching windows were merged into one.
    pub const WINDOWS_MERGED: &str = "WINDOWS_MERGED";
    /// Warning: precision was dropped (a fraction of a second in the input, or seconds that a
    /// minutes-only target cannot hold; the window is narrowed, never widened).
    pub const PRECISION_LOST: &str = "PRECISION_LOST";
    /// The target form cannot express the window (unbounded where a bound is required, a span
    /// longer than the form allows, a midnight crossing OptimoRoute cannot hold...).
    pub const WINDOW_NOT_REPRESENTABLE: &str = "WINDOW_NOT_REPRESENTABLE";
    /// Converting what the end bounds (service start / end / completion) leaves no room: the
    /// window is shorter than the service duration.
    pub const WINDOW_TOO_SHORT: &str = "WINDOW_TOO_SHORT";
    /// Warning: the window's bounds were moved by the service duration to change what they
    /// bound (the message says from what to what, and by how much).
    pub const BOUNDS_ADJUSTED: &str = "BOUNDS_ADJUSTED";
}
