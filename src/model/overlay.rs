//! Laying one order over another: caller defaults fill what an order lacks, and an orderbridge
//! envelope restores what a conversion could not carry natively.
//!
//! The impls destructure every struct field by field, so a field added to the model without a
//! rule here does not compile.

use super::*;
use crate::json::Object;

/// Merges `other` into `self`.
pub trait Overlay {
    /// With `only_missing`, fills what `self` lacks and keeps what it has; otherwise `other`
    /// wins where both have a value, and lists are concatenated.
    fn overlay(&mut self, other: Self, only_missing: bool);

    /// What `overlay(other.clone(), true)` does, cloning only what `self` lacks: the caller's
    /// defaults fill every order of a batch, and most of them name a field or two.
    fn fill_from(&mut self, other: &Self);
}

macro_rules! leaf {
    ($($t:ty),*) => {$(
        impl Overlay for $t {
            fn overlay(&mut self, other: Self, only_missing: bool) {
                if !only_missing {
                    *self = other;
                }
            }

            fn fill_from(&mut self, _other: &Self) {}
        }
    )*};
}

leaf!(
    String,
    f64,
    i64,
    u64,
    i32,
    OrderKind,
    DepotRole,
    PaymentType,
    PaymentStatus,
    Priority,
    Status,
    TimeWindow,
    LatLon
);

impl Overlay for bool {
    fn overlay(&mut self, other: Self, _only_missing: bool) {
        *self = *self || other;
    }

    fn fill_from(&mut self, other: &Self) {
        *self = *self || *other;
    }
}

impl<T: Overlay + Clone> Overlay for Option<T> {
    fn overlay(&mut self, other: Self, only_missing: bool) {
        match (self.as_mut(), other) {
            (_, None) => {}
            (None, Some(o)) => *self = Some(o),
            (Some(s), Some(o)) => s.overlay(o, only_missing),
        }
    }

    fn fill_from(&mut self, other: &Self) {
        match (self.as_mut(), other) {
            (_, None) => {}
            (None, Some(o)) => *self = Some(o.clone()),
            (Some(s), Some(o)) => s.fill_from(o),
        }
    }
}

impl<T: PartialEq + Clone> Overlay for Vec<T> {
    fn overlay(&mut self, other: Self, only_missing: bool) {
        if self.is_empty() {
            *self = other;
        } else if !only_missing {
            for item in other {
                if !self.contains(&item) {
                    self.push(item);
                }
            }
        }
    }

    fn fill_from(&mut self, other: &Self) {
        // Defaults rarely hold lists: most fills have nothing to copy.
        if self.is_empty() && !other.is_empty() {
            self.clone_from(other);
        }
    }
}

impl Overlay for Object<'static> {
    /// Deep: where both sides hold an object under a key (a vendor slot, `p` inside it), the
    /// objects are merged key by key, so an envelope or a default that names one field of a
    /// vendor slot does not replace the others.
    fn overlay(&mut self, other: Self, only_missing: bool) {
        for (key, value) in other {
            match (self.get_mut(&key), value) {
                (Some(crate::json::Value::Object(mine)), crate::json::Value::Object(theirs)) => {
                    mine.overlay(theirs, only_missing)
                }
                (Some(_), _) if only_missing => {}
                (_, value) => self.set(key, value),
            }
        }
    }

    fn fill_from(&mut self, other: &Self) {
        for (key, value) in other.iter() {
            match (self.get_mut(key), value) {
                (Some(crate::json::Value::Object(mine)), crate::json::Value::Object(theirs)) => {
                    mine.fill_from(theirs)
                }
                (Some(_), _) => {}
                (None, value) => self.set(key.to_owned(), value.clone()),
            }
        }
    }
}

macro_rules! record {
    ($t:ident { $($f:ident),* $(,)? }) => {
        impl Overlay for $t {
            fn overlay(&mut self, other: Self, only_missing: bool) {
                let $t { $($f),* } = other;
                $( self.$f.overlay($f, only_missing); )*
            }

            fn fill_from(&mut self, other: &Self) {
                let $t { $($f),* } = other;
                $( self.$f.fill_from($f); )*
            }
        }
    };
}

record!(Order {
    id,
    number,
    external_id,
    document_number,
    kind,
    depot_role,
    date,
    location,
    contact,
    time_windows,
    scheduling,
    service,
    load,
    money,
    priority,
    requirements,
    assignment,
    planned_stop,
    geofence_radius_m,
    completion,
    notes,
    description,
    status_comment,
    custom_fields,
    tags,
    barcodes,
    notifications,
    status,
    depends_on,
    related_order,
    created_at_ms,
    vendor,
});
record!(Location {
    lat,
    lon,
    address,
    address_parts,
    name,
    code,
    notes,
    refined
});
record!(AddressParts {
    country,
    state,
    county,
    city,
    postal_code,
    street_name,
    street_number,
    extra
});
record!(Contact {
    name,
    first_name,
    last_name,
    phone,
    phone2,
    email,
    customer_id
});
record!(Scheduling {
    allowed_weekdays,
    allowed_from,
    allowed_to,
    allowed_advance_s
});
record!(Service {
    duration_s,
    shared_duration_s
});
record!(Load {
    weight_kg,
    volume,
    packages,
    custom
});
record!(Money {
    amount,
    cost,
    revenue,
    payment_type,
    payment_status
});
record!(Requirements {
    skills,
    vehicle_features,
    vehicle_type
});
record!(Assignment {
    driver_serial,
    driver_external_id,
    unit_id,
    route_id,
    route_number,
    depot_id
});
record!(PlannedStop {
    sequence,
    distance_from_previous_m,
    travel_time_from_previous_s,
    visit_time_unix,
    notify_before_s
});
record!(CompletionRules {
    on_stop_in_radius,
    on_leaving_radius,
    confirm_only_in_radius,
    keep_status_after_route,
    copy_if_unvisited,
    permanent
});
record!(Notifications {
    email,
    sms,
    sms_second_phone,
    before_arrival
});
record!(OrderRef { number, id });

/// Fills the fields `order` lacks from `defaults`.
pub fn fill_missing(order: &mut Order, defaults: &Order) {
    order.fill_from(defaults);
}

/// One conversion's `defaults`, filled into each of its orders. An order without vendor slots
/// gets the defaults' slots whole; once it is written they are taken back
/// ([`DefaultsFill::give_back`]) and lent to the next such order instead of copied again (a
/// default Wialon `itemId` is a few nested objects: a deep copy and a drop per order otherwise).
/// Only the vendor slots are lent: checking every field of every order for a default to lend cost
/// more than the copies it saved.
#[derive(Debug, Default)]
pub struct DefaultsFill {
    spare_vendor: Option<Object<'static>>,
    /// The defaults without their vendor slots, to fill the rest of an order that was lent them
    /// (made for the second order: a single order is never lent any).
    rest: Option<Order>,
}

impl DefaultsFill {
    /// Fills what `order` lacks from `defaults` (the same `defaults` at every call), as
    /// [`fill_missing`] does. True when the order took the defaults' vendor slots whole: they
    /// are to be given back once it is written.
    pub fn fill(&mut self, order: &mut Order, defaults: &Order) -> bool {
        let whole_vendor = order.vendor.is_empty() && !defaults.vendor.is_empty();
        let lent = if whole_vendor {
            self.spare_vendor.take()
        } else {
            None
        };
        match lent {
            Some(vendor) => {
                order.vendor = vendor;
                let rest = self.rest.get_or_insert_with(|| Order {
                    vendor: Object::new(),
                    ..defaults.clone()
                });
                fill_missing(order, rest);
            }
            None => fill_missing(order, defaults),
        }
        whole_vendor
    }

    /// Takes back the vendor slots of a written order that [`DefaultsFill::fill`] said took
    /// them whole (`whole_vendor`), for the next order. The writers only read an order, so they
    /// are still the defaults'.
    pub fn give_back(&mut self, order: &mut Order, whole_vendor: bool) {
        if whole_vendor {
            self.spare_vendor = Some(std::mem::take(&mut order.vendor));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_fill_only_missing_fields() {
        let mut o = Order {
            number: Some("A".into()),
            assignment: Some(Assignment {
                route_id: Some("7".into()),
                ..Default::default()
            }),
            ..Default::default()
        };
        let defaults = Order {
            number: Some("DEFAULT".into()),
            assignment: Some(Assignment {
                route_id: Some("1".into()),
                route_number: Some("R-1".into()),
                ..Default::default()
            }),
            priority: Some(Priority::Medium),
            ..Default::default()
        };
        fill_missing(&mut o, &defaults);
        assert_eq!(o.number.as_deref(), Some("A"));
        let a = o.assignment.unwrap();
        assert_eq!(
            (a.route_id.as_deref(), a.route_number.as_deref()),
            (Some("7"), Some("R-1"))
        );
        assert_eq!(o.priority, Some(Priority::Medium));
    }

    #[test]
    fn vendor_slots_merge_field_by_field() {
        let slot = |text: &str| crate::json::parse(text).map(|v| v.into_owned()).ok();
        let mut o = Order::default();
        o.vendor.push(
            "wialon",
            slot(r#"{"p":{"aff":"1"},"tz":3}"#).unwrap_or(crate::json::Value::Null),
        );
        let mut other = Order::default();
        other.vendor.push(
            "wialon",
            slot(r#"{"p":{"z":"2_3"},"itemId":9}"#).unwrap_or(crate::json::Value::Null),
        );
        o.overlay(other, true);
        assert_eq!(
            o.vendor.get("wialon").map(|v| v.to_json()).as_deref(),
            Some(r#"{"p":{"aff":"1","z":"2_3"},"tz":3,"itemId":9}"#)
        );
    }

    #[test]
    fn overwrite_replaces_and_appends() {
        let mut o = Order {
            tags: vec!["1".into()],
            notes: Some("x".into()),
            ..Default::default()
        };
        o.overlay(
            Order {
                tags: vec!["2".into()],
                notes: Some("y".into()),
                ..Default::default()
            },
            false,
        );
        assert_eq!(o.tags, vec!["1".to_string(), "2".to_string()]);
        assert_eq!(o.notes.as_deref(), Some("y"));
    }
}
