//! The canonical, vendor-neutral order model.
//!
//! One [`Order`] holds everything the four vendors' order objects hold, in SI units (seconds,
//! metres, kilograms) and plain words instead of vendor codes. Every vendor module reads its
//! payloads into this model and writes it back out, so a conversion A → B is A → canonical → B.
//! `docs/canonical.md` maps every field to each vendor's field.
//!
//! The JSON form is camelCase; absent optional fields are omitted, empty lists too.

mod overlay;
mod read;
mod window;

pub use overlay::{fill_missing, DefaultsFill, Overlay};

pub use read::{read_batch, read_order, read_payload, CanonicalPayload};
pub use window::{EndBound, TimeWindow, WindowKind};

use crate::json::num;
use serde::Serialize;

/// A batch of canonical orders: `{"orders": [...]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderBatch {
    /// The orders, in input order.
    pub orders: Vec<Order>,
}

/// One delivery, pickup or task, independent of any vendor.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// Identifier assigned by the system the order came from (OptimoRoute `id`, Wialon `id`,
    /// Yandex `id`, Magic Lane `id`), as text because vendors differ (hex strings, integers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The client's own order number, used for matching and idempotency (OptimoRoute `orderNo`,
    /// Yandex `number`, Wialon order name `n`, Magic Lane `alias`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// A further client identifier (Wialon `p.cid`, "custom ID").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Shipping document number (Wialon `p.uic`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document_number: Option<String>,
    /// What is done at the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<OrderKind>,
    /// The order is a depot/warehouse stop of a route (Wialon flags 0x4, 0x8, 0x10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depot_role: Option<DepotRole>,
    /// The day the order is planned for, `YYYY-MM-DD` (OptimoRoute `date`; for the others, the
    /// route date the local times refer to).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the order is served.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Who receives or hands over the goods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<Contact>,
    /// When service may happen: several windows, each local-to-a-date or absolute.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub time_windows: Vec<TimeWindow>,
    /// Restrictions on which days the order may be scheduled (OptimoRoute `allowedWeekdays`,
    /// `allowedDates`) and how early it may be done (Wialon `trt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduling: Option<Scheduling>,
    /// Time spent at the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service: Option<Service>,
    /// What the order occupies in the vehicle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub load: Option<Load>,
    /// Prices and payment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money: Option<Money>,
    /// How important serving the order is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// What the driver and vehicle must have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Requirements>,
    /// Who or what the order is assigned to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assignment: Option<Assignment>,
    /// The order's place on a planned route (Wialon `p.r`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_stop: Option<PlannedStop>,
    /// Radius around the location, metres, inside which the courier counts as at the order
    /// (Wialon `r`, Yandex `mark_delivered_radius`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub geofence_radius_m: Option<f64>,
    /// When the order completes by itself (Wialon flags).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub completion: Option<CompletionRules>,
    /// Instructions for the driver (OptimoRoute `notes`, Yandex `comments`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Description of the order or goods (Wialon `p.d`, Yandex `description`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Comment given when the order was confirmed or rejected (Wialon `p.cm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_comment: Option<String>,
    /// Free-form fields: OptimoRoute `customFields` (string, number or boolean values) and its
    /// legacy `customField1..5` (as keys `custom_field_1..5`), Wialon `cf` (strings).
    #[serde(skip_serializing_if = "crate::json::Object::is_empty")]
    pub custom_fields: crate::json::Object<'static>,
    /// Labels (Wialon `p.tags`, numeric ids written as text).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Barcodes attached to the order (OptimoRoute `barcode[].barcode`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub barcodes: Vec<String>,
    /// How the customer is told about the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<Notifications>,
    /// Progress of the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Identifiers of orders that must be visited before this one (Wialon `dp`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<String>,
    /// The pickup or delivery this order is paired with (OptimoRoute `relatedOrderNo` /
    /// `relatedId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_order: Option<OrderRef>,
    /// When the order was created, UNIX milliseconds (Magic Lane `creationTimestamp`, Wialon
    /// `ct` × 1000).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created_at_ms: Option<i64>,
    /// Vendor-only data, keyed by format id (`"wialon"`, `"yandex"`, `"optimoroute"`,
    /// `"magiclane"`): fields no other vendor has, kept verbatim in that vendor's own names so
    /// a conversion back to that vendor restores them.
    #[serde(skip_serializing_if = "crate::json::Object::is_empty")]
    pub vendor: crate::json::Object<'static>,
}

/// What is done at the order's location.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OrderKind {
    /// Goods are handed to the customer (OptimoRoute `D`, Yandex `delivery`, Magic Lane 1).
    Delivery,
    /// Goods are collected from the customer (OptimoRoute `P`, Yandex `pickup`, Magic Lane 0).
    Pickup,
    /// Goods are left at a drop-off point rather than handed over (Yandex `drop_off`).
    DropOff,
    /// Work at the location, no goods (OptimoRoute `T`).
    Task,
    /// A driver break (OptimoRoute responses, type `break`).
    Break,
    /// A depot visit on a route (OptimoRoute responses, type `depot`).
    Depot,
}

impl OrderKind {
    /// The JSON name.
    pub const NAMES: &'static [&'static str] =
        &["delivery", "pickup", "dropOff", "task", "break", "depot"];
}

/// A depot/warehouse stop's role on a route (Wialon warehouse flags).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DepotRole {
    /// Where the route starts (Wialon 0x4).
    First,
    /// Where the route ends (Wialon 0x8).
    Last,
    /// An intermediate reload stop (Wialon 0x10).
    Reload,
}

impl DepotRole {
    /// The JSON names.
    pub const NAMES: &'static [&'static str] = &["first", "last", "reload"];
}

/// Where an order is served.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// Latitude, degrees (WGS84), −90..90.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub lat: Option<f64>,
    /// Longitude, degrees (WGS84), −180..180.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub lon: Option<f64>,
    /// The whole address on one line (OptimoRoute `address`, Yandex `address`, Wialon `p.a`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The address split into parts (Magic Lane `address`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address_parts: Option<AddressParts>,
    /// A name for the place (OptimoRoute `locationName`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The place's identifier in the client's system (OptimoRoute `locationNo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Notes about the place, e.g. a gate code (OptimoRoute location `notes`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// The point where the courier actually served the order (Yandex `refined_lat`/`refined_lon`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refined: Option<LatLon>,
}

/// A point.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LatLon {
    /// Latitude, degrees.
    #[serde(serialize_with = "num::f64")]
    pub lat: f64,
    /// Longitude, degrees.
    #[serde(serialize_with = "num::f64")]
    pub lon: f64,
}

/// An address in parts (Magic Lane's fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AddressParts {
    /// Country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// County or district.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// City.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Postal code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    /// Street name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_name: Option<String>,
    /// House number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_number: Option<String>,
    /// Anything else (flat, floor...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
}

impl AddressParts {
    /// The JSON names of the parts, in the order a one-line address is joined from them
    /// (street number and name first, country last).
    pub const NAMES: &'static [&'static str] = &[
        "country",
        "state",
        "county",
        "city",
        "postalCode",
        "streetName",
        "streetNumber",
        "extra",
    ];
}

/// The person at the order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// Full name on one line (Yandex `customer_name`, Wialon `p.n`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// First name (Magic Lane `firstName`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name (Magic Lane `lastName`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Phone (OptimoRoute `phone`, Yandex `phone`, Wialon `p.p`, Magic Lane `phoneNumber`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Second phone (Wialon `p.p2`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone2: Option<String>,
    /// Email (OptimoRoute `email`, Wialon `p.e`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The customer's identifier in the client's system (Yandex `customer_number`, Magic Lane
    /// `customerId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<String>,
}

/// Day-level scheduling restrictions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Scheduling {
    /// Weekdays the order may be scheduled on: `mon`..`sun` (OptimoRoute `allowedWeekdays`).
    /// Empty means every day.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub allowed_weekdays: Vec<String>,
    /// First day the order may be scheduled, `YYYY-MM-DD` (OptimoRoute `allowedDates.from`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_from: Option<String>,
    /// Last day the order may be scheduled, `YYYY-MM-DD` (OptimoRoute `allowedDates.to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_to: Option<String>,
    /// How much earlier than its window the order may be done, seconds (Wialon `trt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_advance_s: Option<u64>,
}

/// Time at the location.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// Time to serve this order, seconds (OptimoRoute `duration` × 60, Yandex
    /// `service_duration_s`, Wialon `p.ut`, Magic Lane `serviceTime`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub duration_s: Option<f64>,
    /// Time spent once per visit of the location however many orders are served there in a
    /// row, seconds (Yandex `shared_service_duration_s`, OptimoRoute location `checkInTime` × 60).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub shared_duration_s: Option<f64>,
}

/// What the order occupies in the vehicle.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Load {
    /// Weight, kilograms (Wialon `p.w` states kg; Yandex `weight` and Magic Lane `weight` state
    /// no unit and are read as kg).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub weight_kg: Option<f64>,
    /// Volume (Wialon `p.v`, Yandex `volume`, Magic Lane `cube`); no vendor states a unit, so
    /// it is carried in the source's unit, cubic metres by convention.
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub volume: Option<f64>,
    /// Number of packages (Magic Lane `numberOfPackages`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub packages: Option<u64>,
    /// Up to four further load dimensions, in the order the client defines them (OptimoRoute
    /// `load1..load4` not mapped to weight, volume or packages by the conversion's load mapping).
    #[serde(skip_serializing_if = "Vec::is_empty", serialize_with = "num::vec_f64")]
    pub custom: Vec<f64>,
}

/// Prices and payment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Money {
    /// Amount the recipient pays, in the account's currency (Yandex `amount`, rubles).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub amount: Option<f64>,
    /// Cost of the order (Wialon `p.c`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub cost: Option<f64>,
    /// Revenue from the order (Magic Lane `revenue`).
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "num::opt_f64"
    )]
    pub revenue: Option<f64>,
    /// How the recipient pays (Yandex `payment_type`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// Whether it is paid (Yandex `payment_status`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<PaymentStatus>,
}

/// How the recipient pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentType {
    /// Cash on delivery.
    Cash,
    /// Bank card on delivery.
    Card,
    /// Already paid.
    Prepaid,
    /// Yandex Pay.
    YandexPay,
}

impl PaymentType {
    /// The JSON names.
    pub const NAMES: &'static [&'static str] = &["cash", "card", "prepaid", "yandexPay"];
}

/// Whether the order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PaymentStatus {
    /// Paid.
    Paid,
    /// Not paid yet.
    Unpaid,
}

impl PaymentStatus {
    /// The JSON names.
    pub const NAMES: &'static [&'static str] = &["paid", "unpaid"];
}

/// How important serving the order is. Vendor scales map onto it through a table the
/// conversion documents and lets the caller override (OptimoRoute L/M/H/C, Magic Lane 0/1,
/// Wialon numeric `pr`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Priority {
    /// Low.
    Low,
    /// Medium (OptimoRoute's default).
    Medium,
    /// High.
    High,
    /// Critical: serve whenever feasible.
    Critical,
}

impl Priority {
    /// The JSON names, lowest first.
    pub const NAMES: &'static [&'static str] = &["low", "medium", "high", "critical"];
}

/// What the driver and vehicle must have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Requirements {
    /// Driver skill codes, all required (OptimoRoute `skills`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    /// Vehicle feature codes, all required (OptimoRoute `vehicleFeatures`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub vehicle_features: Vec<String>,
    /// Required vehicle type, free text (Wialon `p.t`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_type: Option<String>,
}

/// Who or what the order is assigned to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignment {
    /// Driver serial number (OptimoRoute `assignedTo.serial`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// Driver external id (OptimoRoute `assignedTo.externalId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// Tracked unit (vehicle) id (Wialon `u`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_id: Option<String>,
    /// Route id (Yandex `route_id`, Wialon `p.r.id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_id: Option<String>,
    /// Route number in the client's system (Yandex `route_number`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_number: Option<String>,
    /// Depot id (Magic Lane `depotId`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depot_id: Option<String>,
}

/// The order's place on a planned route (Wialon `p.r`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStop {
    /// Position on the route, from 0 (Wialon `p.r.i`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sequence: Option<u64>,
    /// Planned distance from the previous stop, metres (Wialon `p.r.m`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_from_previous_m: Option<u64>,
    /// Planned travel time from the previous stop, seconds (Wialon `p.r.t`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub travel_time_from_previous_s: Option<u64>,
    /// Planned visit time, UNIX seconds (Wialon `p.r.vt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visit_time_unix: Option<i64>,
    /// Notify the customer this long before the planned visit, seconds (Wialon `p.r.ndt`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_before_s: Option<u64>,
}

/// When an order completes without a manual confirmation (Wialon flags; absent means no rule).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionRules {
    /// Completed by a zero-speed message inside the radius (Wialon 0x1).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_stop_in_radius: bool,
    /// Completed when the unit leaves the radius (Wialon 0x2).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_leaving_radius: bool,
    /// May be confirmed only inside the radius (Wialon 0x40).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub confirm_only_in_radius: bool,
    /// Keep the status when the route completes automatically (Wialon 0x80).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub keep_status_after_route: bool,
    /// Copy the order when the route completes without it (Wialon 0x100).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub copy_if_unvisited: bool,
    /// A permanent order (Wialon 0x20).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub permanent: bool,
}

/// How the customer is notified. `None` fields mean "not said" (the vendor default applies).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Notifications {
    /// By email (Wialon `ntf` 0x10; OptimoRoute `notificationPreference` email/both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<bool>,
    /// By SMS to the phone (Wialon `ntf` 0x1; OptimoRoute sms/both).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms: Option<bool>,
    /// By SMS to the second phone (Wialon `ntf` 0x2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_second_phone: Option<bool>,
    /// Push notification before arrival (Yandex `notifications[].type = before_arrival`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub before_arrival: Option<bool>,
}

/// Where the order is in its life. Vendors have different status sets; each maps to the
/// closest of these, and the vendor's exact value is kept in [`Order::vendor`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Status {
    /// Created, not planned (Yandex `new`, Magic Lane status 0, Wialon `s` 0).
    New,
    /// On a plan (Magic Lane status 1, Wialon `s` 1).
    Scheduled,
    /// Time agreed with the recipient (Yandex `confirmed`).
    Confirmed,
    /// The driver is on the way (Magic Lane state 1).
    OnRoute,
    /// The courier is at the location (Wialon `s` 5, Magic Lane state 2).
    AtLocation,
    /// Done (Yandex `finished`, Magic Lane state 4, Wialon `s` 2).
    Completed,
    /// Done after its window (Wialon `s` 3).
    CompletedLate,
    /// Partly done (Yandex `partially_finished`).
    PartiallyCompleted,
    /// Refused (Wialon `s` 4, Magic Lane state 3).
    Rejected,
    /// Attempted and failed (Magic Lane state 5).
    Failed,
    /// Cancelled (Yandex `cancelled`).
    Cancelled,
    /// Postponed (Yandex `postponed`).
    Postponed,
}

impl Status {
    /// The JSON names.
    pub const NAMES: &'static [&'static str] = &[
        "new",
        "scheduled",
        "confirmed",
        "onRoute",
        "atLocation",
        "completed",
        "completedLate",
        "partiallyCompleted",
        "rejected",
        "failed",
        "cancelled",
        "postponed",
    ];
}

/// A reference to another order, by number and/or id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRef {
    /// The other order's number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The other order's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

/// Looks up a serde-style enum by its JSON name.
pub(crate) fn enum_by_name<T: Copy>(names: &[&str], values: &[T], name: &str) -> Option<T> {
    names
        .iter()
        .position(|n| *n == name)
        .and_then(|i| values.get(i).copied())
}
