//! The normalized time window of the canonical model.

use serde::Serialize;

/// Whether a window is tied to a local calendar day or to absolute instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WindowKind {
    /// Seconds after local midnight of [`TimeWindow::date`] in [`TimeWindow::time_zone`].
    Local,
    /// UNIX seconds.
    Absolute,
}

/// What the end of a window limits. Vendors differ, and moving between them needs the
/// service duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum EndBound {
    /// Service must begin by the end (OptimoRoute `allowedDateTimes.to`, Yandex `time_interval`).
    #[default]
    ServiceStart,
    /// Service must be finished by the end (OptimoRoute `twTo`).
    ServiceEnd,
    /// The order must be completed by the end (Wialon `tt`).
    Completion,
}

impl EndBound {
    /// The JSON names.
    pub const NAMES: &'static [&'static str] = &["serviceStart", "serviceEnd", "completion"];
}

/// A time window, keeping what the source said: local-to-a-date or absolute, never pretending
/// one is the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// Local or absolute.
    pub kind: WindowKind,
    /// Start: seconds after local midnight (local) or UNIX seconds (absolute); `None` = open.
    pub start: Option<i64>,
    /// End, same unit as `start`; a local end past 86400 crosses midnight; `None` = open.
    pub end: Option<i64>,
    /// The day a local window belongs to, `YYYY-MM-DD`, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// IANA zone of the local times, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The UTC offset, seconds east, an absolute window was written with (kept so it formats
    /// back the same way).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_offset_s: Option<i32>,
    /// Start as UNIX seconds, when computable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_unix: Option<i64>,
    /// End as UNIX seconds, when computable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_unix: Option<i64>,
    /// What the end limits.
    pub end_bounds: EndBound,
}
