//! Typed models of the Wialon `order/update` payloads: the request `params`, the order object
//! the server returns, and the responses per call mode.
//!
//! Field names follow Rust style; `serde` renames write the vendor's one- and two-letter keys
//! back, so a model serializes to the JSON Wialon expects. Fields the documents do not define
//! are kept in `extra` so a conversion can carry them.

use crate::json::num::opt_f64;
use crate::json::{Members, Object, Ser};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// The `callMode` of an `order/update` request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CallMode {
    /// Create an order (`id` 0 or absent).
    Create,
    /// Update order `id`.
    Update,
    /// Delete order `id` (`force` 1 also deletes problem routes).
    Delete,
    /// Assign unit `u` to order `id`.
    Assign,
    /// Move order `id` to the history manually.
    Register,
    /// Reject order `id`.
    Reject,
    /// Confirm order `id`.
    Confirm,
}

impl CallMode {
    /// Every call mode, in the documents' order.
    pub const ALL: [CallMode; 7] = [
        CallMode::Create,
        CallMode::Update,
        CallMode::Delete,
        CallMode::Assign,
        CallMode::Register,
        CallMode::Reject,
        CallMode::Confirm,
    ];

    /// The wire names, in the order of [`CallMode::ALL`].
    pub const NAMES: [&'static str; 7] = [
        "create", "update", "delete", "assign", "register", "reject", "confirm",
    ];

    /// The wire name (`"create"`).
    pub fn name(self) -> &'static str {
        match self {
            CallMode::Create => "create",
            CallMode::Update => "update",
            CallMode::Delete => "delete",
            CallMode::Assign => "assign",
            CallMode::Register => "register",
            CallMode::Reject => "reject",
            CallMode::Confirm => "confirm",
        }
    }

    /// The call mode named `name` (exact, lowercase).
    pub fn from_name(name: &str) -> Option<CallMode> {
        CallMode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// True for the modes that carry order content (`create`, `update`).
    pub fn carries_content(self) -> bool {
        matches!(self, CallMode::Create | CallMode::Update)
    }
}

/// The fields the request `params` and the returned order object share.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderCore<'a> {
    /// `n`: order name.
    #[serde(rename = "n", skip_serializing_if = "Option::is_none")]
    pub name: Option<Cow<'a, str>>,
    /// `p`: order parameters (client, load, route information).
    #[serde(rename = "p", skip_serializing_if = "Option::is_none")]
    pub props: Option<OrderProps<'a>>,
    /// `rp`: the order's route as a Google encoded polyline, precision 5.
    #[serde(rename = "rp", skip_serializing_if = "Option::is_none")]
    pub route_polyline: Option<String>,
    /// `f`: order flags, see [`flags`].
    #[serde(rename = "f", skip_serializing_if = "Option::is_none")]
    pub flags: Option<u64>,
    /// `tf`: lower bound of the completion time, UNIX seconds.
    #[serde(rename = "tf", skip_serializing_if = "Option::is_none")]
    pub time_from: Option<u64>,
    /// `tt`: upper bound of the completion time, UNIX seconds.
    #[serde(rename = "tt", skip_serializing_if = "Option::is_none")]
    pub time_to: Option<u64>,
    /// `trt`: how far the schedule may be advanced, seconds.
    #[serde(rename = "trt", skip_serializing_if = "Option::is_none")]
    pub advance_allowance_s: Option<u64>,
    /// `r`: radius of the order area around the point, metres.
    #[serde(rename = "r", skip_serializing_if = "Option::is_none")]
    pub radius_m: Option<u64>,
    /// `y`: latitude of the order point, degrees.
    #[serde(
        rename = "y",
        serialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub lat: Option<f64>,
    /// `x`: longitude of the order point, degrees.
    #[serde(
        rename = "x",
        serialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub lon: Option<f64>,
    /// `u`: id of the unit (vehicle) the order is assigned to; 0 means none.
    #[serde(rename = "u", skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<i64>,
    /// `tz`: the user's time zone as Wialon encodes it (bits 0–15 the UTC offset in seconds,
    /// the sign in the high bits; bits 16–27 a DST rule id).
    #[serde(rename = "tz", skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<i64>,
    /// `cf`: custom fields, text keys to text values.
    #[serde(rename = "cf", skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<CustomFields>,
    /// `dp`: orders that must be visited before this one.
    #[serde(rename = "dp", skip_serializing_if = "Option::is_none")]
    pub dependencies: Option<Dependencies>,
}

/// The `params` of an `order/update` request, for every call mode.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderParams<'a> {
    /// `itemId`: id of the resource that holds the orders.
    #[serde(rename = "itemId", skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<i64>,
    /// `id`: order id; 0 (or absent) when creating.
    #[serde(rename = "id", skip_serializing_if = "Option::is_none")]
    pub order_id: Option<i64>,
    /// `callMode`: what the request does.
    #[serde(rename = "callMode", skip_serializing_if = "Option::is_none")]
    pub call_mode: Option<CallMode>,
    /// `force` (delete only): non-zero also deletes problem routes.
    #[serde(rename = "force", skip_serializing_if = "Option::is_none")]
    pub force: Option<u64>,
    /// `oldOrderId`: id of the order this one replaces.
    #[serde(rename = "oldOrderId", skip_serializing_if = "Option::is_none")]
    pub old_order_id: Option<i64>,
    /// `oldOrderFiles`: files of the replaced order.
    #[serde(rename = "oldOrderFiles", skip_serializing_if = "Option::is_none")]
    pub old_order_files: Option<Vec<String>>,
    /// The order content shared with the returned order object.
    #[serde(flatten)]
    pub core: OrderCore<'a>,
    /// `ej`: extended JSON, free content.
    #[serde(rename = "ej", skip_serializing_if = "Option::is_none")]
    pub extended: Option<Object<'static>>,
    /// Fields the documents do not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

impl OrderParams<'_> {
    /// Appends the params as JSON to `out`, exactly as `serde_json` writes them (the debug
    /// build checks each against it), without serde's map machinery for the flattened parts.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let mut m = Members::open(out);
        m.opt("itemId", &self.resource_id)?;
        m.opt("id", &self.order_id)?;
        m.opt("callMode", &self.call_mode)?;
        m.opt("force", &self.force)?;
        m.opt("oldOrderId", &self.old_order_id)?;
        m.opt("oldOrderFiles", &self.old_order_files)?;
        let c = &self.core;
        m.opt("n", &c.name)?;
        if let Some(props) = &c.props {
            m.object("p", |m| props.write(m))?;
        }
        m.opt("rp", &c.route_polyline)?;
        m.opt("f", &c.flags)?;
        m.opt("tf", &c.time_from)?;
        m.opt("tt", &c.time_to)?;
        m.opt("trt", &c.advance_allowance_s)?;
        m.opt("r", &c.radius_m)?;
        m.opt_with("y", &c.lat, |x, ser| crate::json::num::f64(x, ser))?;
        m.opt_with("x", &c.lon, |x, ser| crate::json::num::f64(x, ser))?;
        m.opt("u", &c.unit_id)?;
        m.opt("tz", &c.time_zone)?;
        m.opt("cf", &c.custom_fields)?;
        m.opt("dp", &c.dependencies)?;
        m.opt("ej", &self.extended)?;
        m.flatten(&self.extra)?;
        m.close();
        Ok(())
    }
}

impl OrderProps<'_> {
    fn write(&self, m: &mut Members<'_>) -> serde_json::Result<()> {
        let as_text = |x: &f64, ser: &mut Ser<'_>| number_text(*x, ser);
        m.opt("n", &self.client_name)?;
        m.opt("p", &self.phone)?;
        m.opt("p2", &self.phone2)?;
        m.opt("e", &self.email)?;
        m.opt("a", &self.address)?;
        m.opt_with("v", &self.volume, as_text)?;
        m.opt_with("w", &self.weight_kg, as_text)?;
        m.opt("c", &self.cost)?;
        m.opt("ut", &self.service_time_s)?;
        m.opt("t", &self.vehicle_type)?;
        m.opt("d", &self.description)?;
        m.opt("uic", &self.shipping_document)?;
        m.opt("cid", &self.custom_id)?;
        m.opt("cm", &self.comment)?;
        m.opt("aff", &self.warehouse_units)?;
        m.opt("z", &self.warehouse_geofences)?;
        m.opt("ntf", &self.notify)?;
        m.opt("pr", &self.priority)?;
        m.opt("tags", &self.tags)?;
        m.opt("r", &self.route)?;
        m.flatten(&self.extra)
    }
}

/// `p`: the order parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderProps<'a> {
    /// `n`: client name.
    #[serde(rename = "n", skip_serializing_if = "Option::is_none")]
    pub client_name: Option<Cow<'a, str>>,
    /// `p`: client phone (SMS target of `ntf` 0x1).
    #[serde(rename = "p", skip_serializing_if = "Option::is_none")]
    pub phone: Option<Cow<'a, str>>,
    /// `p2`: second phone (SMS target of `ntf` 0x2).
    #[serde(rename = "p2", skip_serializing_if = "Option::is_none")]
    pub phone2: Option<Cow<'a, str>>,
    /// `e`: email (target of `ntf` 0x10).
    #[serde(rename = "e", skip_serializing_if = "Option::is_none")]
    pub email: Option<Cow<'a, str>>,
    /// `a`: address.
    #[serde(rename = "a", skip_serializing_if = "Option::is_none")]
    pub address: Option<Cow<'a, str>>,
    /// `v`: volume (the document gives no unit). Text in the newer document, a number in the
    /// older one; written as text, as requests carry it.
    #[serde(
        rename = "v",
        serialize_with = "number_as_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub volume: Option<f64>,
    /// `w`: weight, kg. Text or number like `volume`; written as text.
    #[serde(
        rename = "w",
        serialize_with = "number_as_text",
        skip_serializing_if = "Option::is_none"
    )]
    pub weight_kg: Option<f64>,
    /// `c`: cost (whole units of the account currency).
    #[serde(rename = "c", skip_serializing_if = "Option::is_none")]
    pub cost: Option<u64>,
    /// `ut`: service (unloading) time, seconds.
    #[serde(rename = "ut", skip_serializing_if = "Option::is_none")]
    pub service_time_s: Option<u64>,
    /// `t`: vehicle type.
    #[serde(rename = "t", skip_serializing_if = "Option::is_none")]
    pub vehicle_type: Option<Cow<'a, str>>,
    /// `d`: description.
    #[serde(rename = "d", skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    /// `uic`: number of the shipping document.
    #[serde(rename = "uic", skip_serializing_if = "Option::is_none")]
    pub shipping_document: Option<Cow<'a, str>>,
    /// `cid`: custom id.
    #[serde(rename = "cid", skip_serializing_if = "Option::is_none")]
    pub custom_id: Option<Cow<'a, str>>,
    /// `cm`: comment given when the order was confirmed or rejected.
    #[serde(rename = "cm", skip_serializing_if = "Option::is_none")]
    pub comment: Option<Cow<'a, str>>,
    /// `aff`: (warehouse) unit ids, comma-separated (`"123,456"`).
    #[serde(rename = "aff", skip_serializing_if = "Option::is_none")]
    pub warehouse_units: Option<String>,
    /// `z`: (warehouse) geofences as `resourceId_geofenceId`, comma-separated.
    #[serde(rename = "z", skip_serializing_if = "Option::is_none")]
    pub warehouse_geofences: Option<String>,
    /// `ntf`: notification flags, see [`notify`].
    #[serde(rename = "ntf", skip_serializing_if = "Option::is_none")]
    pub notify: Option<u64>,
    /// `pr`: priority.
    #[serde(rename = "pr", skip_serializing_if = "Option::is_none")]
    pub priority: Option<u64>,
    /// `tags`: tag ids.
    #[serde(rename = "tags", skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<u64>>,
    /// `r`: route information.
    #[serde(rename = "r", skip_serializing_if = "Option::is_none")]
    pub route: Option<RouteInfo>,
    /// Fields the documents do not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `p.r`: where the order sits in a planned route. The newer document writes the numbers as
/// text (`"<uint>"`), the older as numbers; both are read, numbers are written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RouteInfo {
    /// `id`: route id.
    #[serde(rename = "id", skip_serializing_if = "Option::is_none")]
    pub route_id: Option<u64>,
    /// `i`: position in the route, from 0.
    #[serde(rename = "i", skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    /// `m`: planned mileage from the previous point, metres.
    #[serde(rename = "m", skip_serializing_if = "Option::is_none")]
    pub mileage_m: Option<u64>,
    /// `t`: planned time from the previous point, seconds.
    #[serde(rename = "t", skip_serializing_if = "Option::is_none")]
    pub time_s: Option<u64>,
    /// `ndt`: notify the customer this many seconds before the estimated delivery.
    #[serde(rename = "ndt", skip_serializing_if = "Option::is_none")]
    pub notify_before_s: Option<u64>,
    /// `vt`: planned visit time, UNIX seconds.
    #[serde(rename = "vt", skip_serializing_if = "Option::is_none")]
    pub visit_time: Option<u64>,
    /// Fields the documents do not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `cf`: custom fields in their source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomFields(pub Vec<(String, String)>);

impl Serialize for CustomFields {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// How `dp` was written: the newer document shows an array of texts (`["12"]`), the older a
/// text holding an array (`"[12]"`); arrays of numbers are accepted too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DependencyForm {
    /// `[12, 13]`
    #[default]
    Numbers,
    /// `["12", "13"]` (newer document).
    Texts,
    /// `"[12,13]"` (older document).
    Text,
}

/// `dp`: ids of orders that must be visited before this one, with the form they came in so
/// that writing back reproduces it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dependencies {
    /// The order ids.
    pub ids: Vec<u64>,
    /// The form to write.
    pub form: DependencyForm,
}

impl Serialize for Dependencies {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.form {
            DependencyForm::Text => {
                let list: Vec<String> = self.ids.iter().map(u64::to_string).collect();
                serializer.serialize_str(&format!("[{}]", list.join(",")))
            }
            DependencyForm::Numbers | DependencyForm::Texts => {
                let mut seq = serializer.serialize_seq(Some(self.ids.len()))?;
                for id in &self.ids {
                    if self.form == DependencyForm::Texts {
                        seq.serialize_element(&id.to_string())?;
                    } else {
                        seq.serialize_element(id)?;
                    }
                }
                seq.end()
            }
        }
    }
}

fn number_as_text<S: Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match x {
        Some(x) => number_text(*x, s),
        None => s.serialize_none(),
    }
}

/// A number as the string JSON would write it ([`crate::json::write_number`]); NaN and the
/// infinities, which JSON cannot write, as an empty string.
fn number_text<S: Serializer>(x: f64, s: S) -> Result<S::Ok, S::Error> {
    if !x.is_finite() {
        return s.serialize_str("");
    }
    // The digits come from a stack buffer: the string needs no allocation of its own.
    crate::json::with_number_text(x, |digits| s.serialize_str(digits))
        .unwrap_or_else(|| Err(serde::ser::Error::custom("a finite number had no digits")))
}

/// Order status `s` of a returned order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrderStatus {
    /// 0: inactive, no unit bound.
    Inactive,
    /// 1: active.
    Active,
    /// 2: completed on time.
    CompletedOnTime,
    /// 3: completed late.
    CompletedLate,
    /// 4: rejected.
    Rejected,
    /// 5: the unit is in the order area.
    InArea,
}

impl OrderStatus {
    /// The documented values and their meaning, for [`crate::check::Checker::int_enum`].
    pub const TABLE: [(i64, &'static str); 6] = [
        (0, "inactive, no unit bound"),
        (1, "active"),
        (2, "completed on time"),
        (3, "completed late"),
        (4, "rejected"),
        (5, "unit is in the order area"),
    ];

    /// The status with wire value `code`.
    pub fn from_code(code: i64) -> Option<OrderStatus> {
        Some(match code {
            0 => OrderStatus::Inactive,
            1 => OrderStatus::Active,
            2 => OrderStatus::CompletedOnTime,
            3 => OrderStatus::CompletedLate,
            4 => OrderStatus::Rejected,
            5 => OrderStatus::InArea,
            _ => return None,
        })
    }

    /// The wire value.
    pub fn code(self) -> u8 {
        self as u8
    }
}

impl Serialize for OrderStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u8(self.code())
    }
}

/// The order object the server returns (`callMode: "create"` answers `[id, {order}]`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Order {
    /// `id`: order id.
    #[serde(rename = "id", skip_serializing_if = "Option::is_none")]
    pub id: Option<u64>,
    /// Name, parameters, times, point, flags... shared with the request.
    #[serde(flatten)]
    pub core: OrderCore<'static>,
    /// `cmp`: order requirements (`{unitRequirements: {values: []}}`).
    #[serde(rename = "cmp", skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Object<'static>>,
    /// `gfn`: geofences.
    #[serde(rename = "gfn", skip_serializing_if = "Option::is_none")]
    pub geofences: Option<Object<'static>>,
    /// `crt`: confirm/reject time, UNIX seconds.
    #[serde(rename = "crt", skip_serializing_if = "Option::is_none")]
    pub confirm_time: Option<u64>,
    /// `ct`: creation time, UNIX seconds.
    #[serde(rename = "ct", skip_serializing_if = "Option::is_none")]
    pub created: Option<u64>,
    /// `mt`: modification time, UNIX seconds.
    #[serde(rename = "mt", skip_serializing_if = "Option::is_none")]
    pub modified: Option<u64>,
    /// `uid`: unique id, the key of the order in the history.
    #[serde(rename = "uid", skip_serializing_if = "Option::is_none")]
    pub uid: Option<u64>,
    /// `s`: status.
    #[serde(rename = "s", skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// `sf`: status flags, see [`status_flags`].
    #[serde(rename = "sf", skip_serializing_if = "Option::is_none")]
    pub status_flags: Option<u64>,
    /// `st`: last status change, UNIX seconds.
    #[serde(rename = "st", skip_serializing_if = "Option::is_none")]
    pub status_time: Option<u64>,
    /// `eta`: estimated arrival, UNIX seconds (recomputed every 180 s when notifications are on).
    #[serde(rename = "eta", skip_serializing_if = "Option::is_none")]
    pub eta: Option<u64>,
    /// `rd`: mileage (remaining distance).
    #[serde(
        rename = "rd",
        serialize_with = "opt_f64",
        skip_serializing_if = "Option::is_none"
    )]
    pub mileage: Option<f64>,
    /// `cnm`: the unit's mileage counter.
    #[serde(rename = "cnm", skip_serializing_if = "Option::is_none")]
    pub mileage_counter: Option<u64>,
    /// `nt`: when the order became next, UNIX seconds.
    #[serde(rename = "nt", skip_serializing_if = "Option::is_none")]
    pub next_time: Option<u64>,
    /// `ds`: completion value given when confirming (e.g. a percentage).
    #[serde(rename = "ds", skip_serializing_if = "Option::is_none")]
    pub done_status: Option<u64>,
    /// `stt`: arrival time, UNIX seconds.
    #[serde(rename = "stt", skip_serializing_if = "Option::is_none")]
    pub arrival_time: Option<u64>,
    /// `dtt`: exit time, UNIX seconds.
    #[serde(rename = "dtt", skip_serializing_if = "Option::is_none")]
    pub exit_time: Option<u64>,
    /// `if`: internal flags, see [`internal_flags`].
    #[serde(rename = "if", skip_serializing_if = "Option::is_none")]
    pub internal_flags: Option<u64>,
    /// Fields the documents do not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A parsed `order/update` response.
#[derive(Debug, Clone, PartialEq)]
pub enum Response {
    /// `create`: `[id, {order}]`.
    Created {
        /// The new order's id.
        id: u64,
        /// The stored order.
        order: Box<Order>,
    },
    /// `update`: `[id]`.
    Updated {
        /// The updated order's id.
        id: u64,
    },
    /// `delete`: `[id, null]`.
    Deleted {
        /// The deleted order's id.
        id: u64,
    },
    /// `assign`, `register`, `reject`, `confirm`: `{}`.
    Done,
    /// `{"error": N, "reason"?: "..."}`.
    Error {
        /// Wialon error code.
        code: i64,
        /// The server's explanation, when given.
        reason: Option<String>,
    },
}

/// Order flags `f`.
pub mod flags {
    /// Complete on a zero-speed message inside the order area.
    pub const COMPLETE_ON_STOP: u64 = 0x1;
    /// Complete when the unit leaves the order area.
    pub const COMPLETE_ON_LEAVE: u64 = 0x2;
    /// First (start) warehouse.
    pub const FIRST_WAREHOUSE: u64 = 0x4;
    /// Last (final) warehouse.
    pub const LAST_WAREHOUSE: u64 = 0x8;
    /// Intermediate (reload) warehouse.
    pub const RELOAD_WAREHOUSE: u64 = 0x10;
    /// Permanent order.
    pub const PERMANENT: u64 = 0x20;
    /// Confirmation only inside the radius.
    pub const CONFIRM_IN_RADIUS_ONLY: u64 = 0x40;
    /// Keep the status when the route completes automatically.
    pub const KEEP_STATUS_ON_AUTO_COMPLETE: u64 = 0x80;
    /// Copy the order when the route completes automatically without it.
    pub const COPY_UNVISITED: u64 = 0x100;
    /// Every documented bit.
    pub const DOCUMENTED: u64 = 0x1ff;
    /// The warehouse roles, which exclude each other.
    pub const WAREHOUSE: u64 = FIRST_WAREHOUSE | LAST_WAREHOUSE | RELOAD_WAREHOUSE;
}

/// Notification flags `p.ntf`.
pub mod notify {
    /// SMS to the first phone `p.p`.
    pub const SMS_PHONE: u64 = 0x1;
    /// SMS to the second phone `p.p2`.
    pub const SMS_PHONE2: u64 = 0x2;
    /// Email to `p.e`.
    pub const EMAIL: u64 = 0x10;
    /// Every documented bit.
    pub const DOCUMENTED: u64 = SMS_PHONE | SMS_PHONE2 | EMAIL;
}

/// Status flags `sf` of a returned order.
pub mod status_flags {
    /// Rejected.
    pub const REJECTED: u64 = 0x100;
    /// Confirmed.
    pub const CONFIRMED: u64 = 0x200;
    /// The next order of its route.
    pub const IS_NEXT: u64 = 0x800;
    /// Expired.
    pub const EXPIRED: u64 = 0x1000;
    /// Reassigned.
    pub const REASSIGNED: u64 = 0x2000;
}

/// Internal flags `if` of a returned order (older document's list, a superset of the newer).
pub mod internal_flags {
    /// Being delivered (in transfer).
    pub const IN_TRANSFER: u64 = 0x1;
    /// Driver notified of a deviation from the route.
    pub const DRIVER_DEVIATION_NOTIFIED: u64 = 0x2;
    /// Driver notified that the order was not confirmed.
    pub const DRIVER_UNCONFIRMED_NOTIFIED: u64 = 0x4;
    /// Client notified of an old ETA (older document only).
    pub const CLIENT_OLD_ETA_NOTIFIED: u64 = 0x8;
    /// Client notified of the ETA.
    pub const CLIENT_ETA_NOTIFIED: u64 = 0x10;
    /// Client notified of the remaining distance.
    pub const CLIENT_DISTANCE_NOTIFIED: u64 = 0x20;
}
