//! # orderbridge
//!
//! Validate, convert, schedule and route delivery orders across four vendor APIs — Wialon
//! Logistics, Yandex Courier, OptimoRoute and Magic Lane — from Rust or, through WebAssembly,
//! from JavaScript in browsers, Node and edge workers.
//!
//! The crate is a pure-Rust core with no JavaScript types, plus a thin binding layer
//! (`src/wasm/`, compiled only for `wasm32`) that converts between JS values and core types.
//!
//! | module | what it holds |
//! |---|---|
//! | [`issue`] | [`Issue`], [`Report`], the stable codes |
//! | [`json`] | the borrowed JSON model and parser every payload goes through |
//! | [`check`] | typed reads that record issues at JSON Pointer paths |
//! | [`convert`] | conversion between formats through the canonical model, with loss tracking |
//! | [`geo`] | distances, encoded polylines, geofences, visit detection from GPS tracks |
//! | [`model`] | the canonical, vendor-neutral order model |
//! | [`validate`] | `validate(format, payload)` over every format |
//! | [`vendor`] | one module per vendor format and the registry |
//! | [`time`] | time windows of every vendor form: parse, normalize, convert, format |
//! | [`plan`] | the route planner (VRP with time windows), its checker and vendor renderers |

pub mod check;
pub mod convert;
pub mod geo;
pub mod issue;
pub mod json;
pub mod model;
pub mod plan;
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod small_blocks;
pub mod time;
pub mod validate;
pub mod vendor;
#[cfg(target_arch = "wasm32")]
mod wasm;

/// The JavaScript exports, reachable from Rust for the wasm-bindgen-test suite.
#[cfg(target_arch = "wasm32")]
#[doc(hidden)]
pub mod wasm_api {
    pub use crate::wasm::convert::{convert_json, ConvertOptionsArg};
    pub use crate::wasm::time::{
        format_time_window, parse_time_window, parse_time_window_batch, FormatTimeWindowOptionsArg,
        ParseTimeWindowOptionsArg,
    };
    pub use crate::wasm::validate::{validate, validate_json};
    pub use crate::wasm::version;
}

pub use issue::{Issue, Report, Severity, UsageError};

/// The crate version, as published to npm and crates.io.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
