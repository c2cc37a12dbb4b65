//! The normalized time window of the canonical model: the type of [`crate::time`], where the
//! parsers, zone conversions and formatters for every vendor form live.

pub use crate::time::{EndBound, TimeWindow, WindowKind};
