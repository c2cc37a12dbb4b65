//! Typed models of the Yandex Courier (Track & Trace) add-order payloads: the request body of
//! `POST /api/v1/companies/{company_id}/orders` and its 200 response body.
//!
//! Field names are the vendor's own (already snake_case); fields the document does not define
//! are kept in `extra` so a conversion can carry them.

use crate::json::num::{f64 as whole_f64, opt_f64};
use crate::json::{Members, Object, Ser};
use serde::ser::SerializeSeq;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// Declares a string enum with its wire names, a lookup and serde's output.
macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $wire)] $variant,)+
        }

        impl $name {
            /// The wire names, in the document's order.
            pub const NAMES: &'static [&'static str] = &[$($wire),+];

            /// The wire name.
            pub fn name(self) -> &'static str {
                match self {
                    $($name::$variant => $wire,)+
                }
            }

            /// The value with wire name `name` (exact, case-sensitive).
            pub fn from_name(name: &str) -> Option<Self> {
                match name {
                    $($wire => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

string_enum! {
    /// `payment_type`.
    PaymentType {
        /// Paid in cash.
        Cash = "cash",
        /// Paid by bank card.
        Card = "card",
        /// Already paid.
        Prepaid = "prepaid",
        /// Yandex Pay; the document says it "can only be set internally".
        YandexPay = "yandex_pay",
    }
}

string_enum! {
    /// `payment_status`.
    PaymentStatus {
        /// Already paid.
        Paid = "paid",
        /// Not paid yet.
        Unpaid = "unpaid",
    }
}

string_enum! {
    /// Order `status` (also in `status_log` and `order_status_comments`).
    OrderStatus {
        /// Created.
        New = "new",
        /// Delivery time confirmed with the recipient.
        Confirmed = "confirmed",
        /// Delivered.
        Finished = "finished",
        /// Partly delivered (only for companies with `partially_finished_status_enabled`).
        PartiallyFinished = "partially_finished",
        /// Cancelled.
        Cancelled = "cancelled",
        /// Postponed, or the courier could not reach the customer.
        Postponed = "postponed",
    }
}

string_enum! {
    /// Order `type`.
    OrderType {
        /// Delivery to the recipient.
        Delivery = "delivery",
        /// Pickup from the address.
        Pickup = "pickup",
        /// Drop-off.
        DropOff = "drop_off",
    }
}

string_enum! {
    /// `eta_type`: when the ETA countdown starts.
    EtaType {
        /// From the courier's arrival at the point.
        ArrivalTime = "arrival_time",
        /// Not before the start of the delivery window.
        DeliveryTime = "delivery_time",
    }
}

string_enum! {
    /// `notifications[].type`.
    NotificationType {
        /// Push before the courier arrives.
        BeforeArrival = "before_arrival",
    }
}

/// The documented `history[].event` names. Kept as text in [`HistoryItem::event`] because the
/// vendor may add events, which a client must tolerate.
pub const HISTORY_EVENTS: &[&str] = &[
    "ORDER_CREATED",
    "START",
    "ORDER_BECAME_NEXT",
    "STATUS_UPDATE",
    "INTERVAL_UPDATE",
    "ARRIVAL",
    "ORDER_VISIT",
    "DEPARTURE",
];

/// The documented `history[].source.initiator` values (kept as text, like events).
pub const INITIATORS: &[&str] = &["yandex", "app", "user_api"];

/// Fields the request body and the response body share, all optional.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderFields<'a> {
    /// Order price, roubles, ≥ 0.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub amount: Option<f64>,
    /// Comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<Cow<'a, str>>,
    /// Recipient's name, at most 1023 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<Cow<'a, str>>,
    /// Description, at most 1023 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<Cow<'a, str>>,
    /// Customer's number in the delivery company's database, at most 128 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_number: Option<Cow<'a, str>>,
    /// Payment type (`None` also for `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_type: Option<PaymentType>,
    /// Payment status (`None` also for `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_status: Option<PaymentStatus>,
    /// Recipient's phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<Cow<'a, str>>,
    /// Route id in the Track & Trace API; `route_number` wins when both are given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_id: Option<i64>,
    /// Route number in the delivery company's system.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_number: Option<Cow<'a, str>>,
    /// Service time at the recipient, seconds (the vendor's default is 600).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_duration_s: Option<u64>,
    /// Service time shared with other orders at the same place, seconds (default 0).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_service_duration_s: Option<u64>,
    /// Order status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Volume (the document gives no unit).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub volume: Option<f64>,
    /// Weight (the document gives no unit).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Companies (by id) that may see the order; `shared_with_company_numbers` wins.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_with_company_ids: Option<Vec<i64>>,
    /// Companies (by number) that may see the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_with_company_numbers: Option<Vec<String>>,
    /// Auto-delivery radius, metres, 0–10000; `None` (also `null`) uses the depot's or
    /// company's radius.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub mark_delivered_radius: Option<f64>,
    /// ETA type (`None` also for `null`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eta_type: Option<EtaType>,
    /// Order type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub order_type: Option<OrderType>,
    /// Latitude of the point refined by the courier, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub refined_lat: Option<f64>,
    /// Longitude of the point refined by the courier, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub refined_lon: Option<f64>,
    /// Push notification settings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<Vec<Notification>>,
    /// Show the Yandex Pay button.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show_yandex_pay_button: Option<bool>,
}

/// The add-order request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Order<'a> {
    /// Delivery address as text (required).
    pub address: Cow<'a, str>,
    /// Latitude of the delivery point, degrees (required).
    #[serde(serialize_with = "whole_f64")]
    pub lat: f64,
    /// Longitude of the delivery point, degrees (required).
    #[serde(serialize_with = "whole_f64")]
    pub lon: f64,
    /// Order number in the delivery company's system, at most 80 characters (required); the
    /// idempotency key.
    pub number: Cow<'a, str>,
    /// Desired delivery interval (required): `"T - T"`/`"T-T"` with T = `HH`, `HH:MM` or
    /// `HH:MM:SS`, or an ISO 8601 interval with offsets.
    pub time_interval: String,
    /// The optional fields.
    #[serde(flatten)]
    pub fields: OrderFields<'a>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

impl Order<'_> {
    /// Appends the body as JSON to `out`, exactly as `serde_json` writes it (the debug build
    /// checks each against it), without serde's map machinery for the flattened parts.
    pub fn write_json(&self, out: &mut Vec<u8>) -> serde_json::Result<()> {
        let mut m = Members::open(out);
        m.value("address", &self.address)?;
        m.value_with("lat", &self.lat, |x, ser| whole_f64(x, ser))?;
        m.value_with("lon", &self.lon, |x, ser| whole_f64(x, ser))?;
        m.value("number", &self.number)?;
        m.value("time_interval", &self.time_interval)?;
        let f = &self.fields;
        let float = |x: &f64, ser: &mut Ser<'_>| whole_f64(x, ser);
        m.opt_with("amount", &f.amount, float)?;
        m.opt("comments", &f.comments)?;
        m.opt("customer_name", &f.customer_name)?;
        m.opt("description", &f.description)?;
        m.opt("customer_number", &f.customer_number)?;
        m.opt("payment_type", &f.payment_type)?;
        m.opt("payment_status", &f.payment_status)?;
        m.opt("phone", &f.phone)?;
        m.opt("route_id", &f.route_id)?;
        m.opt("route_number", &f.route_number)?;
        m.opt("service_duration_s", &f.service_duration_s)?;
        m.opt("shared_service_duration_s", &f.shared_service_duration_s)?;
        m.opt("status", &f.status)?;
        m.opt_with("volume", &f.volume, float)?;
        m.opt_with("weight", &f.weight, float)?;
        m.opt("shared_with_company_ids", &f.shared_with_company_ids)?;
        m.opt(
            "shared_with_company_numbers",
            &f.shared_with_company_numbers,
        )?;
        m.opt_with("mark_delivered_radius", &f.mark_delivered_radius, float)?;
        m.opt("eta_type", &f.eta_type)?;
        m.opt("type", &f.order_type)?;
        m.opt_with("refined_lat", &f.refined_lat, float)?;
        m.opt_with("refined_lon", &f.refined_lon, float)?;
        m.opt("notifications", &f.notifications)?;
        m.opt("show_yandex_pay_button", &f.show_yandex_pay_button)?;
        m.flatten(&self.extra)?;
        m.close();
        Ok(())
    }
}

/// `notifications[]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Notification {
    /// Notification type.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub notification_type: Option<NotificationType>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The 200 response body of add-order: the stored order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderRecord {
    /// Order id in the Track & Trace API.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Company id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company_id: Option<i64>,
    /// Delivery address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Latitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Order number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Desired delivery interval as sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_interval: Option<String>,
    /// The fields shared with the request.
    #[serde(flatten)]
    pub fields: OrderFields<'static>,
    /// When the order was agreed (date-time text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirmed_at: Option<String>,
    /// When the order was recorded (date-time text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<String>,
    /// Events that changed the order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub history: Option<Vec<HistoryItem>>,
    /// Status changes with where they happened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_log: Option<Vec<StatusLogEntry>>,
    /// Companies the order is shared with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_with_companies: Option<Vec<CompanyNumber>>,
    /// Comments on status updates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status_comments: Option<Vec<StatusComment>>,
    /// `time_interval` as seconds from midnight.
    #[serde(
        serialize_with = "opt_whole_f64s",
        skip_serializing_if = "Option::is_none"
    )]
    pub time_interval_secs: Option<Vec<f64>>,
    /// The allowed visit window as ISO 8601 instants.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_window: Option<TimeWindow>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `history[]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct HistoryItem {
    /// Event name, one of [`HISTORY_EVENTS`] (others are kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Event time, UNIX seconds (fractional).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<f64>,
    /// Event time, ISO 8601 text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Courier position (ARRIVAL, ORDER_VISIT, DEPARTURE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// The auto-delivery radius used, metres, 0–10000 (ARRIVAL, ORDER_VISIT, DEPARTURE).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub used_mark_delivered_radius: Option<f64>,
    /// Who caused the event (STATUS_UPDATE).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<EventSource>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `history[].position`: the courier's position.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Position {
    /// Latitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// The client time of the event, ISO 8601 text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `history[].source`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EventSource {
    /// `yandex`, `app` or `user_api` (others are kept).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub initiator: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `status_log[]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct StatusLogEntry {
    /// Where the change was made.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub point: Option<Point>,
    /// The new status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// When, UNIX seconds (fractional).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<f64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `status_log[].point`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Point {
    /// Latitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lat: Option<f64>,
    /// Longitude, degrees.
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub lon: Option<f64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `shared_with_companies[]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CompanyNumber {
    /// Company number (required by the document).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Company name, at most 80 characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Company id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `order_status_comments[]`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct StatusComment {
    /// Id of the status update event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// The status set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// The comment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `time_window`: ISO 8601 instants.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct TimeWindow {
    /// Start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    /// End.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

fn opt_whole_f64s<S: Serializer>(xs: &Option<Vec<f64>>, s: S) -> Result<S::Ok, S::Error> {
    struct Whole(f64);
    impl Serialize for Whole {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            whole_f64(&self.0, s)
        }
    }
    match xs {
        Some(xs) => {
            let mut seq = s.serialize_seq(Some(xs.len()))?;
            for x in xs {
                seq.serialize_element(&Whole(*x))?;
            }
            seq.end()
        }
        None => s.serialize_none(),
    }
}
