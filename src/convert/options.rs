//! The caller's choices for a conversion.

use crate::model::{Order, Priority};
use crate::validate::Format;

/// What to do with the end bound of a window when the target bounds something else (e.g.
/// OptimoRoute `twTo` ends service, Yandex bounds its start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WindowSemantics {
    /// Copy the bounds as they are and report the difference in meaning (the default: no
    /// number changes without the caller asking).
    #[default]
    Keep,
    /// Shift the end by the order's service duration so it means what the target means.
    Adjust,
}

/// Where an OptimoRoute load slot (`load1`..`load4`) goes in the canonical model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadSlot {
    /// `load.weightKg`.
    Weight,
    /// `load.volume`.
    Volume,
    /// `load.packages`.
    Packages,
    /// `load.custom[i]`.
    Custom(usize),
}

/// Priority scales of the vendors against the canonical one. The defaults are documented in
/// `docs/conversion.md`; each can be overridden.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorityTable {
    /// Wialon `p.pr` numbers for low, medium, high, critical. Reading takes the nearest entry
    /// at or below the number (`pr` is an unbounded uint).
    pub wialon: [u64; 4],
    /// Magic Lane's two levels: the canonical priorities that read as 1 (high); the rest are 0.
    pub magic_lane_high_from: Priority,
}

impl Default for PriorityTable {
    fn default() -> Self {
        PriorityTable {
            wialon: [0, 1, 2, 3],
            magic_lane_high_from: Priority::High,
        }
    }
}

/// Options of a conversion.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// The source format.
    pub from: Format,
    /// The target format.
    pub to: Format,
    /// IANA zone for turning local times into absolute ones and back.
    pub time_zone: Option<String>,
    /// The day (`YYYY-MM-DD`) local times refer to when the payload does not say.
    pub date: Option<String>,
    /// Any loss is an error, and there is no output.
    pub strict: bool,
    /// Carry what the target cannot hold in its extension slot.
    pub preserve_unmapped: bool,
    /// End-bound handling for windows.
    pub window_semantics: WindowSemantics,
    /// Priority scales.
    pub priorities: PriorityTable,
    /// Where OptimoRoute `load1`..`load4` go; default weight, volume, packages, custom 0.
    pub load_slots: [LoadSlot; 4],
    /// Magic Lane `timeWindow` numbers are minutes (default) or seconds after midnight.
    pub magic_lane_window_seconds: bool,
    /// Canonical values for fields a source order lacks (e.g. a Yandex route number).
    pub defaults: Option<Order>,
    /// Target endpoint / payload form, in the target vendor's naming.
    pub target_endpoint: Option<String>,
    /// Source endpoint / payload form, when it cannot be inferred.
    pub source_endpoint: Option<String>,
}

impl ConvertOptions {
    /// Options with every default for a `from` → `to` conversion.
    pub fn new(from: Format, to: Format) -> Self {
        ConvertOptions {
            from,
            to,
            time_zone: None,
            date: None,
            strict: false,
            preserve_unmapped: false,
            window_semantics: WindowSemantics::Keep,
            priorities: PriorityTable::default(),
            load_slots: [
                LoadSlot::Weight,
                LoadSlot::Volume,
                LoadSlot::Packages,
                LoadSlot::Custom(0),
            ],
            magic_lane_window_seconds: false,
            defaults: None,
            target_endpoint: None,
            source_endpoint: None,
        }
    }
}
