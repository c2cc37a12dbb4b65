//! The default tables between canonical words and vendor codes (`docs/conversion.md`), with
//! the caller's overrides from [`ConvertOptions`](super::ConvertOptions). Vendor-neutral: the
//! tables speak the vendors' wire values (names and numbers), so every codec shares them.

use super::PriorityTable;
use crate::model::{OrderKind, Priority};

/// The canonical priorities, lowest first (the index into [`PriorityTable::wialon`]).
pub const PRIORITIES: [Priority; 4] = [
    Priority::Low,
    Priority::Medium,
    Priority::High,
    Priority::Critical,
];

fn index(p: Priority) -> usize {
    match p {
        Priority::Low => 0,
        Priority::Medium => 1,
        Priority::High => 2,
        Priority::Critical => 3,
    }
}

/// Reads Wialon `p.pr` (an unbounded uint): the canonical priority whose table entry is the
/// highest at or below `pr` (a higher priority wins a tie); below every entry it is low. With
/// the default table `[0, 1, 2, 3]`, 7 reads as critical.
pub fn priority_from_wialon(pr: u64, table: &PriorityTable) -> Priority {
    let mut best: Option<(u64, Priority)> = None;
    for (entry, p) in table.wialon.iter().zip(PRIORITIES) {
        if *entry <= pr && best.is_none_or(|(b, _)| *entry >= b) {
            best = Some((*entry, p));
        }
    }
    best.map_or(Priority::Low, |(_, p)| p)
}

/// Writes a canonical priority as Wialon `p.pr` (the table entry).
pub fn wialon_pr(p: Priority, table: &PriorityTable) -> u64 {
    table.wialon.get(index(p)).copied().unwrap_or(0)
}

/// Reads Magic Lane `priority` (0 low, 1 high, as the document names them).
pub fn priority_from_magic_lane(code: u8) -> Priority {
    if code >= 1 {
        Priority::High
    } else {
        Priority::Low
    }
}

/// Writes a canonical priority as Magic Lane's 0 or 1: 1 from `magic_lane_high_from` up.
pub fn magic_lane_priority(p: Priority, table: &PriorityTable) -> u8 {
    u8::from(p >= table.magic_lane_high_from)
}

/// Reads Yandex `type`.
pub fn kind_from_yandex(name: &str) -> Option<OrderKind> {
    match name {
        "delivery" => Some(OrderKind::Delivery),
        "pickup" => Some(OrderKind::Pickup),
        "drop_off" => Some(OrderKind::DropOff),
        _ => None,
    }
}

/// Writes a canonical kind as Yandex `type`; `None` for kinds Yandex cannot express.
pub fn yandex_kind(kind: OrderKind) -> Option<&'static str> {
    match kind {
        OrderKind::Delivery => Some("delivery"),
        OrderKind::Pickup => Some("pickup"),
        OrderKind::DropOff => Some("drop_off"),
        OrderKind::Task | OrderKind::Break | OrderKind::Depot => None,
    }
}

/// Reads Magic Lane `type` (0 pickup, 1 delivery).
pub fn kind_from_magic_lane(code: u8) -> Option<OrderKind> {
    match code {
        0 => Some(OrderKind::Pickup),
        1 => Some(OrderKind::Delivery),
        _ => None,
    }
}

/// Writes a canonical kind as Magic Lane `type`; `None` for kinds it cannot express.
pub fn magic_lane_kind(kind: OrderKind) -> Option<u8> {
    match kind {
        OrderKind::Pickup => Some(0),
        OrderKind::Delivery => Some(1),
        OrderKind::DropOff | OrderKind::Task | OrderKind::Break | OrderKind::Depot => None,
    }
}

/// Reads OptimoRoute `priority`: `L`, `M`, `H`, `C` are the canonical four levels.
pub fn priority_from_optimoroute(code: &str) -> Option<Priority> {
    match code {
        "L" => Some(Priority::Low),
        "M" => Some(Priority::Medium),
        "H" => Some(Priority::High),
        "C" => Some(Priority::Critical),
        _ => None,
    }
}

/// Writes a canonical priority as OptimoRoute `priority`.
pub fn optimoroute_priority(p: Priority) -> &'static str {
    match p {
        Priority::Low => "L",
        Priority::Medium => "M",
        Priority::High => "H",
        Priority::Critical => "C",
    }
}

/// Reads OptimoRoute `type`: `D`, `P`, `T` in requests; `break` and `depot` in responses.
pub fn kind_from_optimoroute(code: &str) -> Option<OrderKind> {
    match code {
        "D" => Some(OrderKind::Delivery),
        "P" => Some(OrderKind::Pickup),
        "T" => Some(OrderKind::Task),
        "break" => Some(OrderKind::Break),
        "depot" => Some(OrderKind::Depot),
        _ => None,
    }
}

/// Writes a canonical kind as the `type` of an OptimoRoute order request; `None` for kinds a
/// request cannot express (a drop-off, a break, a depot visit).
pub fn optimoroute_kind(kind: OrderKind) -> Option<&'static str> {
    match kind {
        OrderKind::Delivery => Some("D"),
        OrderKind::Pickup => Some("P"),
        OrderKind::Task => Some("T"),
        OrderKind::DropOff | OrderKind::Break | OrderKind::Depot => None,
    }
}

/// The canonical name of a priority, for messages.
pub fn priority_name(p: Priority) -> &'static str {
    Priority::NAMES.get(index(p)).copied().unwrap_or("?")
}

/// The canonical name of a kind, for messages.
pub fn kind_name(k: OrderKind) -> &'static str {
    match k {
        OrderKind::Delivery => "delivery",
        OrderKind::Pickup => "pickup",
        OrderKind::DropOff => "dropOff",
        OrderKind::Task => "task",
        OrderKind::Break => "break",
        OrderKind::Depot => "depot",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wialon_reads_the_highest_entry_at_or_below() {
        let t = PriorityTable::default();
        assert_eq!(priority_from_wialon(0, &t), Priority::Low);
        assert_eq!(priority_from_wialon(2, &t), Priority::High);
        assert_eq!(priority_from_wialon(7, &t), Priority::Critical);
        let custom = PriorityTable {
            wialon: [10, 20, 30, 40],
            ..PriorityTable::default()
        };
        assert_eq!(priority_from_wialon(5, &custom), Priority::Low);
        assert_eq!(priority_from_wialon(29, &custom), Priority::Medium);
        for p in PRIORITIES {
            assert_eq!(priority_from_wialon(wialon_pr(p, &custom), &custom), p);
        }
    }

    #[test]
    fn magic_lane_has_two_levels() {
        let t = PriorityTable::default();
        let got: Vec<u8> = PRIORITIES
            .iter()
            .map(|p| magic_lane_priority(*p, &t))
            .collect();
        assert_eq!(got, vec![0, 0, 1, 1]);
        let medium_up = PriorityTable {
            magic_lane_high_from: Priority::Medium,
            ..PriorityTable::default()
        };
        assert_eq!(magic_lane_priority(Priority::Medium, &medium_up), 1);
        assert_eq!(priority_from_magic_lane(1), Priority::High);
    }

    #[test]
    fn kinds_round_trip_where_expressible() {
        for name in ["delivery", "pickup", "drop_off"] {
            assert_eq!(kind_from_yandex(name).and_then(yandex_kind), Some(name));
        }
        assert_eq!(yandex_kind(OrderKind::Task), None);
        for code in [0, 1] {
            assert_eq!(
                kind_from_magic_lane(code).and_then(magic_lane_kind),
                Some(code)
            );
        }
        assert_eq!(magic_lane_kind(OrderKind::DropOff), None);
        for code in ["D", "P", "T"] {
            assert_eq!(
                kind_from_optimoroute(code).and_then(optimoroute_kind),
                Some(code)
            );
        }
        assert_eq!(kind_from_optimoroute("break"), Some(OrderKind::Break));
        assert_eq!(optimoroute_kind(OrderKind::Depot), None);
    }

    #[test]
    fn optimoroute_has_the_canonical_four_priorities() {
        for p in PRIORITIES {
            assert_eq!(priority_from_optimoroute(optimoroute_priority(p)), Some(p));
        }
        assert_eq!(priority_from_optimoroute("X"), None);
    }
}
