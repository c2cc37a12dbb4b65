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
//! | [`issue`] | [`Issue`](issue::Issue), [`Report`](issue::Report), the stable codes |
//! | [`json`] | the borrowed JSON model and parser every payload goes through |
//! | [`check`] | typed reads that record issues at JSON Pointer paths |
//! | [`vendor`] | one module per vendor format and the registry |
//! | [`plan`] | the route planner (VRP with time windows), its checker and vendor renderers |

pub mod check;
pub mod issue;
pub mod json;
pub mod plan;
pub mod vendor;

pub use issue::{Issue, Report, Severity, UsageError};

/// The crate version, as published to npm and crates.io.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
