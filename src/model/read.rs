//! Reading (and so validating) canonical JSON into the model.
//!
//! `null` reads as "absent" everywhere in the canonical form, so a form can clear a field by
//! setting it to null.

use super::*;
use crate::check::{describe, Checker};
use crate::issue::codes;
use crate::issue::Text;
use crate::json::{Object, Path, Value};

const FORMAT: &str = "a canonical order";

/// The maximum number of custom load dimensions (OptimoRoute has four load fields).
pub const MAX_CUSTOM_LOADS: usize = 4;

/// A canonical payload: one order or a batch.
#[derive(Debug, Clone, PartialEq)]
pub enum CanonicalPayload {
    /// A single order object.
    Order(Box<Order>),
    /// `{"orders": [...]}`; an order that failed to read is `None` at its index.
    Batch(Vec<Option<Order>>),
}

/// Reads a canonical payload: an order object, or `{"orders": [...]}`.
pub fn read_payload(v: &Value, path: &Path, ck: &mut Checker) -> Option<CanonicalPayload> {
    let obj = ck.object(v, path)?;
    if obj.contains_key("orders") {
        read_batch(obj, path, ck).map(CanonicalPayload::Batch)
    } else {
        read_order(v, path, ck).map(|o| CanonicalPayload::Order(Box::new(o)))
    }
}

/// Reads `{"orders": [...]}`. Each order is read even when others fail.
pub fn read_batch(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Vec<Option<Order>>> {
    let mut orders = None;
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "orders" => {
                if let Some(items) = ck.array(v, &p) {
                    orders = Some(
                        items
                            .iter()
                            .enumerate()
                            .map(|(i, item)| {
                                let ip = p.index(i);
                                let before = ck.issues.len();
                                let order = read_order(item, &ip, ck);
                                order.filter(|_| !ck.errors_since(before))
                            })
                            .collect(),
                    );
                }
            }
            _ => ck.unknown_field(&p, "a canonical order batch"),
        }
    }
    orders
}

fn opt_string(ck: &mut Checker, v: &Value, p: &Path) -> Option<String> {
    ck.nullable_string(v, p).map(str::to_owned)
}

fn opt_non_negative(ck: &mut Checker, v: &Value, p: &Path) -> Option<f64> {
    if v.is_null() {
        return None;
    }
    ck.number_in(v, p, Some(0.0), None)
}

fn opt_unsigned(ck: &mut Checker, v: &Value, p: &Path) -> Option<u64> {
    if v.is_null() {
        return None;
    }
    ck.unsigned(v, p)
}

fn opt_object<'v, 'a>(ck: &mut Checker, v: &'v Value<'a>, p: &Path) -> Option<&'v Object<'a>> {
    if v.is_null() {
        return None;
    }
    ck.object(v, p)
}

fn opt_enum<T: Copy>(
    ck: &mut Checker,
    v: &Value,
    p: &Path,
    names: &[&'static str],
    values: &[T],
) -> Option<T> {
    if v.is_null() {
        return None;
    }
    let name = ck.one_of(v, p, names)?;
    enum_by_name(names, values, name)
}

fn string_list(ck: &mut Checker, v: &Value, p: &Path) -> Vec<String> {
    if v.is_null() {
        return Vec::new();
    }
    let Some(items) = ck.array(v, p) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| ck.string(item, &p.index(i)).map(str::to_owned))
        .collect()
}

fn non_empty<T: Default + PartialEq>(t: T) -> Option<T> {
    (t != T::default()).then_some(t)
}

/// Reads one canonical order, recording every problem.
pub fn read_order(v: &Value, path: &Path, ck: &mut Checker) -> Option<Order> {
    let obj = ck.object(v, path)?;
    let mut o = Order::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let ck = &mut *ck;
        match key {
            "id" => o.id = opt_string(ck, v, &p),
            "number" => o.number = opt_string(ck, v, &p),
            "externalId" => o.external_id = opt_string(ck, v, &p),
            "documentNumber" => o.document_number = opt_string(ck, v, &p),
            "kind" => {
                o.kind = opt_enum(
                    ck,
                    v,
                    &p,
                    OrderKind::NAMES,
                    &[
                        OrderKind::Delivery,
                        OrderKind::Pickup,
                        OrderKind::DropOff,
                        OrderKind::Task,
                        OrderKind::Break,
                        OrderKind::Depot,
                    ],
                )
            }
            "depotRole" => {
                o.depot_role = opt_enum(
                    ck,
                    v,
                    &p,
                    DepotRole::NAMES,
                    &[DepotRole::First, DepotRole::Last, DepotRole::Reload],
                )
            }
            "date" => {
                if !v.is_null() {
                    o.date = ck.date(v, &p).map(|d| d.to_string());
                }
            }
            "location" => o.location = opt_object(ck, v, &p).and_then(|l| read_location(l, &p, ck)),
            "contact" => o.contact = opt_object(ck, v, &p).and_then(|c| read_contact(c, &p, ck)),
            "timeWindows" => o.time_windows = read_windows(v, &p, ck),
            "scheduling" => {
                o.scheduling = opt_object(ck, v, &p).and_then(|s| read_scheduling(s, &p, ck))
            }
            "service" => o.service = opt_object(ck, v, &p).and_then(|s| read_service(s, &p, ck)),
            "load" => o.load = opt_object(ck, v, &p).and_then(|l| read_load(l, &p, ck)),
            "money" => o.money = opt_object(ck, v, &p).and_then(|m| read_money(m, &p, ck)),
            "priority" => {
                o.priority = opt_enum(
                    ck,
                    v,
                    &p,
                    Priority::NAMES,
                    &[
                        Priority::Low,
                        Priority::Medium,
                        Priority::High,
                        Priority::Critical,
                    ],
                )
            }
            "requirements" => {
                o.requirements = opt_object(ck, v, &p).and_then(|r| read_requirements(r, &p, ck))
            }
            "assignment" => {
                o.assignment = opt_object(ck, v, &p).and_then(|a| read_assignment(a, &p, ck))
            }
            "plannedStop" => {
                o.planned_stop = opt_object(ck, v, &p).and_then(|s| read_planned_stop(s, &p, ck))
            }
            "geofenceRadiusM" => o.geofence_radius_m = opt_non_negative(ck, v, &p),
            "completion" => {
                o.completion = opt_object(ck, v, &p).and_then(|c| read_completion(c, &p, ck))
            }
            "notes" => o.notes = opt_string(ck, v, &p),
            "description" => o.description = opt_string(ck, v, &p),
            "statusComment" => o.status_comment = opt_string(ck, v, &p),
            "customFields" => {
                if let Some(fields) = opt_object(ck, v, &p) {
                    o.custom_fields = read_custom_fields(fields, &p, ck);
                }
            }
            "tags" => o.tags = string_list(ck, v, &p),
            "barcodes" => o.barcodes = string_list(ck, v, &p),
            "notifications" => {
                o.notifications = opt_object(ck, v, &p).and_then(|n| read_notifications(n, &p, ck))
            }
            "status" => {
                o.status = opt_enum(
                    ck,
                    v,
                    &p,
                    Status::NAMES,
                    &[
                        Status::New,
                        Status::Scheduled,
                        Status::Confirmed,
                        Status::OnRoute,
                        Status::AtLocation,
                        Status::Completed,
                        Status::CompletedLate,
                        Status::PartiallyCompleted,
                        Status::Rejected,
                        Status::Failed,
                        Status::Cancelled,
                        Status::Postponed,
                    ],
                )
            }
            "dependsOn" => o.depends_on = string_list(ck, v, &p),
            "relatedOrder" => {
                o.related_order = opt_object(ck, v, &p).and_then(|r| read_order_ref(r, &p, ck))
            }
            "createdAtMs" => {
                // UNIX milliseconds of the order's creation: none is before 1970 (and Magic
                // Lane's creationTimestamp, the field it maps to, starts at 0).
                if !v.is_null() {
                    o.created_at_ms = ck.integer_in(v, &p, 0, i64::MAX);
                }
            }
            "vendor" => {
                if let Some(slots) = opt_object(ck, v, &p) {
                    o.vendor = read_vendor_slots(slots, &p, ck);
                }
            }
            _ => ck.unknown_field(&p, FORMAT),
        }
    }
    Some(o)
}

fn read_location(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Location> {
    let mut l = Location::default();
    let (mut raw_lat, mut raw_lon) = (None, None);
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "lat" => {
                raw_lat = v.as_f64();
                if !v.is_null() {
                    l.lat = ck.latitude(v, &p);
                }
            }
            "lon" => {
                raw_lon = v.as_f64();
                if !v.is_null() {
                    l.lon = ck.longitude(v, &p);
                }
            }
            "address" => l.address = opt_string(ck, v, &p),
            "addressParts" => {
                l.address_parts = opt_object(ck, v, &p).and_then(|a| read_address(a, &p, ck))
            }
            "name" => l.name = opt_string(ck, v, &p),
            "code" => l.code = opt_string(ck, v, &p),
            "notes" => l.notes = opt_string(ck, v, &p),
            "refined" => l.refined = opt_object(ck, v, &p).and_then(|r| read_lat_lon(r, &p, ck)),
            _ => ck.unknown_field(&p, "a canonical location"),
        }
    }
    if let (Some(lat), Some(lon)) = (raw_lat, raw_lon) {
        ck.swapped_coordinates(lat, lon, &path.key("lat"), "lat", "lon");
    }
    match (
        raw_lat.is_some() || l.lat.is_some(),
        raw_lon.is_some() || l.lon.is_some(),
    ) {
        (true, false) => ck.missing(path, "lon", "a location with a latitude needs a longitude"),
        (false, true) => ck.missing(path, "lat", "a location with a longitude needs a latitude"),
        _ => {}
    }
    Some(l)
}

fn read_lat_lon(obj: &Object, path: &Path, ck: &mut Checker) -> Option<LatLon> {
    let (mut lat, mut lon) = (None, None);
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "lat" => lat = ck.latitude(v, &p),
            "lon" => lon = ck.longitude(v, &p),
            _ => ck.unknown_field(&p, "a point"),
        }
    }
    if !obj.contains_key("lat") {
        ck.missing(path, "lat", "a point has a latitude and a longitude");
    }
    if !obj.contains_key("lon") {
        ck.missing(path, "lon", "a point has a latitude and a longitude");
    }
    Some(LatLon {
        lat: lat?,
        lon: lon?,
    })
}

fn read_address(obj: &Object, path: &Path, ck: &mut Checker) -> Option<AddressParts> {
    let mut a = AddressParts::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let slot = match key {
            "country" => &mut a.country,
            "state" => &mut a.state,
            "county" => &mut a.county,
            "city" => &mut a.city,
            "postalCode" => &mut a.postal_code,
            "streetName" => &mut a.street_name,
            "streetNumber" => &mut a.street_number,
            "extra" => &mut a.extra,
            _ => {
                ck.unknown_field(&p, "canonical address parts");
                continue;
            }
        };
        *slot = opt_string(ck, v, &p);
    }
    Some(a)
}

fn read_contact(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Contact> {
    let mut c = Contact::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let slot = match key {
            "name" => &mut c.name,
            "firstName" => &mut c.first_name,
            "lastName" => &mut c.last_name,
            "phone" => &mut c.phone,
            "phone2" => &mut c.phone2,
            "email" => &mut c.email,
            "customerId" => &mut c.customer_id,
            _ => {
                ck.unknown_field(&p, "a canonical contact");
                continue;
            }
        };
        *slot = opt_string(ck, v, &p);
    }
    Some(c)
}

fn read_windows(v: &Value, path: &Path, ck: &mut Checker) -> Vec<TimeWindow> {
    if v.is_null() {
        return Vec::new();
    }
    let Some(items) = ck.array(v, path) else {
        return Vec::new();
    };
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let p = path.index(i);
            ck.object(item, &p).and_then(|o| read_window(o, &p, ck))
        })
        .collect()
}

fn read_window(obj: &Object, path: &Path, ck: &mut Checker) -> Option<TimeWindow> {
    let mut kind = None;
    let mut w = TimeWindow {
        kind: WindowKind::Local,
        start: None,
        end: None,
        date: None,
        time_zone: None,
        utc_offset_s: None,
        start_unix: None,
        end_unix: None,
        end_bounds: EndBound::default(),
    };
    let int = |ck: &mut Checker, v: &Value, p: &Path| {
        if v.is_null() {
            None
        } else {
            ck.integer(v, p)
        }
    };
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "kind" => {
                kind = ck.one_of(v, &p, &["local", "absolute"]).map(|k| {
                    if k == "local" {
                        WindowKind::Local
                    } else {
                        WindowKind::Absolute
                    }
                })
            }
            "start" => w.start = int(ck, v, &p),
            "end" => w.end = int(ck, v, &p),
            "date" => {
                if !v.is_null() {
                    w.date = ck.date(v, &p).map(|d| d.to_string().into());
                }
            }
            "timeZone" => w.time_zone = opt_string(ck, v, &p).map(Text::from),
            "utcOffsetS" => {
                if !v.is_null() {
                    w.utc_offset_s = ck
                        .integer_in(v, &p, -18 * 3600, 18 * 3600)
                        .map(|s| s as i32);
                }
            }
            "startUnix" => w.start_unix = int(ck, v, &p),
            "endUnix" => w.end_unix = int(ck, v, &p),
            "endBounds" => {
                if let Some(b) = opt_enum(
                    ck,
                    v,
                    &p,
                    EndBound::NAMES,
                    &[
                        EndBound::ServiceStart,
                        EndBound::ServiceEnd,
                        EndBound::Completion,
                    ],
                ) {
                    w.end_bounds = b;
                }
            }
            _ => ck.unknown_field(&p, "a canonical time window"),
        }
    }
    match kind {
        Some(k) => w.kind = k,
        None if !obj.contains_key("kind") => ck.missing(
            path,
            "kind",
            "\"local\" (seconds of the day) or \"absolute\" (UNIX seconds)",
        ),
        None => {}
    }
    if w.kind == WindowKind::Local {
        // Seconds after midnight of `date`: an end may run into later days (a window that
        // crosses midnight, or an OptimoRoute allowedDateTimes range spanning days).
        const MAX_LOCAL_S: i64 = 366 * 86_400;
        for (name, bound) in [("start", w.start), ("end", w.end)] {
            if let Some(s) = bound {
                if !(0..=MAX_LOCAL_S).contains(&s) {
                    ck.error(
                        &path.key(name),
                        codes::OUT_OF_RANGE,
                        format!("`{name}` is {s}; a local bound is seconds after midnight of the window's date, from 0 (the end may run into later days, up to {MAX_LOCAL_S})."),
                    );
                }
            }
        }
    }
    if let (Some(s), Some(e)) = (w.start, w.end) {
        if e < s {
            ck.error(
                &path.key("end"),
                crate::issue::codes::WINDOW_INVERTED,
                format!("the window ends ({e}) before it starts ({s}); a local window that crosses midnight has an end above 86400."),
            );
        }
    }
    check_window_instants(&w, path, ck);
    Some(w)
}

/// Checks the stored UNIX bounds (`startUnix`, `endUnix`) against the window's own bounds and
/// each other: writers use either (Wialon writes `tf` from the local start and `tt` from
/// `endUnix` when `end` is absent), so a window whose two forms disagree would convert into a
/// different, possibly inverted, window. An absolute window's UNIX bounds are its `start` and
/// `end`; a local one's are `start`/`end` placed on `date` in `timeZone` (either occurrence of
/// a time the clocks repeat; a time they skip as the DST rule places it). A local window whose
/// date or zone is unknown or invalid (reported elsewhere, or at conversion) is only checked
/// for inverted UNIX bounds.
fn check_window_instants(w: &TimeWindow, path: &Path, ck: &mut Checker) {
    let zone = match w.kind {
        WindowKind::Local => w.time_zone.as_deref().and_then(crate::time::Zone::get),
        WindowKind::Absolute => None,
    };
    let base = w
        .date
        .as_deref()
        .and_then(crate::check::CalendarDate::parse)
        .map(crate::time::zone::date_days)
        .and_then(|days| days.checked_mul(86_400));
    // The UNIX time a bound names and, for a local bound, its wall-clock time (seconds since
    // 1970-01-01T00:00 local), which a repeated hour reaches twice.
    let resolved = |bound: Option<i64>| -> Option<(crate::time::zone::Resolved, i64)> {
        let local = base?.checked_add(bound?)?;
        Some((zone.as_ref()?.resolve(local)?, local))
    };
    // Placed as a conversion places them: a start in a DST gap just before the end is the end.
    let placed: [Option<(i64, Option<i64>)>; 2] = match w.kind {
        WindowKind::Absolute => [w.start.map(|b| (b, None)), w.end.map(|b| (b, None))],
        WindowKind::Local => {
            let (start, end) = (resolved(w.start), resolved(w.end));
            let start_unix = |s: &crate::time::zone::Resolved, sl: i64| match &end {
                Some((e, el)) => crate::time::zone::gap_start_unix(s, sl, e.unix, *el),
                None => s.unix,
            };
            [
                start.map(|(s, sl)| (start_unix(&s, sl), Some(sl))),
                end.map(|(e, el)| (e.unix, Some(el))),
            ]
        }
    };
    let agrees = |u: i64, (expected, local): (i64, Option<i64>)| {
        u == expected
            || local.is_some_and(|l| {
                zone.as_ref()
                    .and_then(|z| z.offset_at(u))
                    .and_then(|o| u.checked_add(i64::from(o)))
                    == Some(l)
            })
    };
    let mut effective = [None, None];
    let mut conflict = false;
    for (i, ((name, unix), at)) in [("start", w.start_unix), ("end", w.end_unix)]
        .into_iter()
        .zip(placed)
        .enumerate()
    {
        if let (Some(u), Some((expected, local))) = (unix, at) {
            if !agrees(u, (expected, local)) {
                conflict = true;
                let placed_how = match w.kind {
                    WindowKind::Absolute => format!("`{name}` is {expected}"),
                    WindowKind::Local => format!(
                        "`{name}` placed on {} in {} is {expected}",
                        w.date.as_deref().unwrap_or_default(),
                        w.time_zone.as_deref().unwrap_or_default()
                    ),
                };
                ck.error(
                    &path.key(&format!("{name}Unix")),
                    codes::CONFLICTING_FIELDS,
                    format!("`{name}Unix` is {u} but {placed_how}: the two forms of the bound disagree; remove `{name}Unix` or correct it."),
                );
            }
        }
        if let Some(slot) = effective.get_mut(i) {
            *slot = unix.or(at.map(|(e, _)| e));
        }
    }
    let already_inverted = matches!((w.start, w.end), (Some(s), Some(e)) if e < s);
    if let [Some(s), Some(e)] = effective {
        if e < s && !already_inverted && !conflict {
            ck.error(
                &path.key(if w.end_unix.is_some() {
                    "endUnix"
                } else {
                    "end"
                }),
                crate::issue::codes::WINDOW_INVERTED,
                format!("the window ends (UNIX {e}) before it starts (UNIX {s})."),
            );
        }
    }
}

fn read_scheduling(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Scheduling> {
    let mut s = Scheduling::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "allowedWeekdays" => {
                if let Some(items) = (!v.is_null()).then(|| ck.array(v, &p)).flatten() {
                    s.allowed_weekdays = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, d)| {
                            ck.one_of(
                                d,
                                &p.index(i),
                                &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                            )
                            .map(str::to_owned)
                        })
                        .collect();
                }
            }
            "allowedFrom" | "allowedTo" => {
                let d = (!v.is_null())
                    .then(|| ck.date(v, &p).map(|d| d.to_string()))
                    .flatten();
                if key == "allowedFrom" {
                    s.allowed_from = d;
                } else {
                    s.allowed_to = d;
                }
            }
            "allowedAdvanceS" => s.allowed_advance_s = opt_unsigned(ck, v, &p),
            _ => ck.unknown_field(&p, "canonical scheduling"),
        }
    }
    if let (Some(from), Some(to)) = (&s.allowed_from, &s.allowed_to) {
        // Same fixed-width format: string order is date order.
        if to < from {
            ck.error(
                &path.key("allowedTo"),
                crate::issue::codes::WINDOW_INVERTED,
                format!("`allowedTo` {to} is before `allowedFrom` {from}."),
            );
        }
    }
    Some(s)
}

fn read_service(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Service> {
    let mut s = Service::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "durationS" => s.duration_s = opt_non_negative(ck, v, &p),
            "sharedDurationS" => s.shared_duration_s = opt_non_negative(ck, v, &p),
            _ => ck.unknown_field(&p, "canonical service times"),
        }
    }
    Some(s)
}

fn read_load(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Load> {
    let mut l = Load::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "weightKg" => l.weight_kg = opt_non_negative(ck, v, &p),
            "volume" => l.volume = opt_non_negative(ck, v, &p),
            "packages" => l.packages = opt_unsigned(ck, v, &p),
            "custom" => {
                if v.is_null() {
                    continue;
                }
                if let Some(items) = ck.array_max(v, &p, MAX_CUSTOM_LOADS) {
                    l.custom = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, x)| ck.number(x, &p.index(i)))
                        .collect();
                }
            }
            _ => ck.unknown_field(&p, "a canonical load"),
        }
    }
    Some(l)
}

fn read_money(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Money> {
    let mut m = Money::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "amount" => m.amount = opt_non_negative(ck, v, &p),
            "cost" => m.cost = opt_non_negative(ck, v, &p),
            "revenue" => {
                if !v.is_null() {
                    m.revenue = ck.number(v, &p);
                }
            }
            "paymentType" => {
                m.payment_type = opt_enum(
                    ck,
                    v,
                    &p,
                    PaymentType::NAMES,
                    &[
                        PaymentType::Cash,
                        PaymentType::Card,
                        PaymentType::Prepaid,
                        PaymentType::YandexPay,
                    ],
                )
            }
            "paymentStatus" => {
                m.payment_status = opt_enum(
                    ck,
                    v,
                    &p,
                    PaymentStatus::NAMES,
                    &[PaymentStatus::Paid, PaymentStatus::Unpaid],
                )
            }
            _ => ck.unknown_field(&p, "canonical money"),
        }
    }
    Some(m)
}

fn read_requirements(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Requirements> {
    let mut r = Requirements::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "skills" => r.skills = string_list(ck, v, &p),
            "vehicleFeatures" => r.vehicle_features = string_list(ck, v, &p),
            "vehicleType" => r.vehicle_type = opt_string(ck, v, &p),
            _ => ck.unknown_field(&p, "canonical requirements"),
        }
    }
    Some(r)
}

fn read_assignment(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Assignment> {
    let mut a = Assignment::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let slot = match key {
            "driverSerial" => &mut a.driver_serial,
            "driverExternalId" => &mut a.driver_external_id,
            "unitId" => &mut a.unit_id,
            "routeId" => &mut a.route_id,
            "routeNumber" => &mut a.route_number,
            "depotId" => &mut a.depot_id,
            _ => {
                ck.unknown_field(&p, "a canonical assignment");
                continue;
            }
        };
        *slot = opt_string(ck, v, &p);
    }
    Some(a)
}

fn read_planned_stop(obj: &Object, path: &Path, ck: &mut Checker) -> Option<PlannedStop> {
    let mut s = PlannedStop::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "sequence" => s.sequence = opt_unsigned(ck, v, &p),
            "distanceFromPreviousM" => s.distance_from_previous_m = opt_unsigned(ck, v, &p),
            "travelTimeFromPreviousS" => s.travel_time_from_previous_s = opt_unsigned(ck, v, &p),
            "visitTimeUnix" => {
                if !v.is_null() {
                    s.visit_time_unix = ck.integer(v, &p);
                }
            }
            "notifyBeforeS" => s.notify_before_s = opt_unsigned(ck, v, &p),
            _ => ck.unknown_field(&p, "a canonical planned stop"),
        }
    }
    Some(s)
}

fn read_completion(obj: &Object, path: &Path, ck: &mut Checker) -> Option<CompletionRules> {
    let mut c = CompletionRules::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let slot = match key {
            "onStopInRadius" => &mut c.on_stop_in_radius,
            "onLeavingRadius" => &mut c.on_leaving_radius,
            "confirmOnlyInRadius" => &mut c.confirm_only_in_radius,
            "keepStatusAfterRoute" => &mut c.keep_status_after_route,
            "copyIfUnvisited" => &mut c.copy_if_unvisited,
            "permanent" => &mut c.permanent,
            _ => {
                ck.unknown_field(&p, "canonical completion rules");
                continue;
            }
        };
        if !v.is_null() {
            *slot = ck.boolean(v, &p).unwrap_or(false);
        }
    }
    Some(c)
}

fn read_notifications(obj: &Object, path: &Path, ck: &mut Checker) -> Option<Notifications> {
    let mut n = Notifications::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        let slot = match key {
            "email" => &mut n.email,
            "sms" => &mut n.sms,
            "smsSecondPhone" => &mut n.sms_second_phone,
            "beforeArrival" => &mut n.before_arrival,
            _ => {
                ck.unknown_field(&p, "canonical notifications");
                continue;
            }
        };
        if !v.is_null() {
            *slot = ck.boolean(v, &p);
        }
    }
    Some(n)
}

fn read_order_ref(obj: &Object, path: &Path, ck: &mut Checker) -> Option<OrderRef> {
    let mut r = OrderRef::default();
    for (key, v) in obj.iter() {
        let p = path.key(key);
        match key {
            "number" => r.number = opt_string(ck, v, &p),
            "id" => r.id = opt_string(ck, v, &p),
            _ => ck.unknown_field(&p, "an order reference"),
        }
    }
    non_empty(r)
}

fn read_custom_fields(obj: &Object, path: &Path, ck: &mut Checker) -> Object<'static> {
    let mut out = Object::with_capacity(obj.len());
    for (key, v) in obj.iter() {
        match v {
            // A number is a finite double, as everywhere in the model (and as the vendors
            // that hold custom fields read them).
            Value::Number(n) if !n.as_f64().is_finite() => ck.error(
                &path.key(key),
                codes::OUT_OF_RANGE,
                format!("custom field `{key}` is too large to be a number."),
            ),
            Value::String(_) | Value::Number(_) | Value::Bool(_) | Value::Null => {
                out.push(key.to_owned(), v.clone().into_owned())
            }
            _ => ck.error(
                &path.key(key),
                codes::INVALID_TYPE,
                format!(
                    "custom field `{key}` must be a string, number, boolean or null, not {}.",
                    describe(v)
                ),
            ),
        }
    }
    out
}

fn read_vendor_slots(obj: &Object, path: &Path, ck: &mut Checker) -> Object<'static> {
    let mut out = Object::with_capacity(obj.len());
    for (key, v) in obj.iter() {
        let p = path.key(key);
        if !matches!(key, "wialon" | "yandex" | "optimoroute" | "magiclane") {
            ck.warning(
                &p,
                codes::UNKNOWN_FIELD,
                format!("`{key}` is not a vendor format id (wialon, yandex, optimoroute, magiclane); its data will not reach any vendor."),
            );
        }
        if ck.object(v, &p).is_some() {
            out.push(key.to_owned(), v.clone().into_owned());
        }
    }
    out
}
