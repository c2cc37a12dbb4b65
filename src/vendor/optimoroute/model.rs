//! Typed models of every object the OptimoRoute WS API documents, requests and responses.
//!
//! Field names serialize to the vendor's own JSON names, so a model writes back to a payload
//! OptimoRoute accepts. Every struct keeps the fields the document does not define in `extra`
//! (in source order) so that a later conversion can carry them instead of dropping them.
//! Absent fields are `None` and are not written; `Option<Option<T>>` marks the few fields where an
//! explicit `null` means something different from an absent field (e.g. `assignedTo: null`
//! clears an assignment on `MERGE`, an absent `assignedTo` leaves it alone).
//!
//! Local dates and times are kept as the vendor's text (`YYYY-MM-DD`, `HH:MM`,
//! `YYYY-MM-DDTHH:MM:SS`), already checked by the readers: they are local to the account's time
//! zone, which the vendor does not send, so turning them into instants is left to the time module.

use crate::json::num::opt_f64;
use crate::json::Object;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// A string enumeration of the vendor's, spelled as the vendor spells it.
pub trait VendorEnum: Copy + Sized + 'static {
    /// Every value's spelling, in the document's order.
    const NAMES: &'static [&'static str];
    /// The value spelled `text` (case-sensitive, as the vendor compares).
    fn from_name(text: &str) -> Option<Self>;
}

/// Declares a string enum with the vendor's spelling of each value, its serde names, and the
/// tables the readers use (`NAMES` for messages and checks, `ALL` in the same order).
macro_rules! string_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant, )+
        }

        impl $name {
            /// The vendor's spelling of every value, in the document's order.
            pub const NAMES: &'static [&'static str] = &[$($text),+];
            /// Every value, in the same order as [`Self::NAMES`].
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The vendor's spelling of this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $text, )+
                }
            }

            /// The value spelled `text` (case-sensitive, as the vendor compares).
            pub fn from_name(text: &str) -> Option<Self> {
                match text {
                    $( $text => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl VendorEnum for $name {
            const NAMES: &'static [&'static str] = $name::NAMES;
            fn from_name(text: &str) -> Option<Self> {
                $name::from_name(text)
            }
        }
    };
}

string_enum! {
    /// What `create_order` / `create_or_update_orders` does with an order.
    pub enum Operation {
        /// Create a new order; fails if `orderNo` exists (unless `acceptDuplicateOrderNo`).
        Create = "CREATE",
        /// Update an existing order; fails if it does not exist.
        Update = "UPDATE",
        /// Create or replace: the order ends up exactly as sent.
        Sync = "SYNC",
        /// Create, or update only the fields sent.
        Merge = "MERGE",
    }
}

string_enum! {
    /// Order type. Requests accept `D`, `P` and `T`; responses may also hold `break` and `depot`.
    pub enum OrderType {
        /// Delivery.
        Delivery = "D",
        /// Pickup.
        Pickup = "P",
        /// Task.
        Task = "T",
        /// A lunch break (responses only).
        Break = "break",
        /// A depot trip (responses only).
        Depot = "depot",
    }
}

impl OrderType {
    /// The values a request may use.
    pub const REQUEST_NAMES: &'static [&'static str] = &["D", "P", "T"];
}

string_enum! {
    /// Order priority; `M` by default.
    pub enum Priority {
        /// Low.
        Low = "L",
        /// Medium.
        Medium = "M",
        /// High.
        High = "H",
        /// Critical.
        Critical = "C",
    }
}

string_enum! {
    /// How the customer is notified about the order; `both` by default.
    pub enum NotificationPreference {
        /// Send no notification.
        DontNotify = "dont_notify",
        /// Email to the order's `email`.
        Email = "email",
        /// Text message to the order's `phone`.
        Sms = "sms",
        /// Email and text message.
        Both = "both",
    }
}

string_enum! {
    /// A day of the week in `allowedWeekdays`.
    pub enum Weekday {
        /// Sunday.
        Sun = "sun",
        /// Monday.
        Mon = "mon",
        /// Tuesday.
        Tue = "tue",
        /// Wednesday.
        Wed = "wed",
        /// Thursday.
        Thu = "thu",
        /// Friday.
        Fri = "fri",
        /// Saturday.
        Sat = "sat",
    }
}

string_enum! {
    /// Order status (completion details, `search_orders` filter).
    pub enum OrderStatus {
        /// Not scheduled.
        Unscheduled = "unscheduled",
        /// Scheduled, not started.
        Scheduled = "scheduled",
        /// The driver is on the way.
        OnRoute = "on_route",
        /// Being serviced.
        Servicing = "servicing",
        /// Completed successfully.
        Success = "success",
        /// The driver failed to complete it.
        Failed = "failed",
        /// Rejected by the driver.
        Rejected = "rejected",
        /// Cancelled by the customer.
        Cancelled = "cancelled",
    }
}

string_enum! {
    /// `start_planning` route balancing; `OFF` by default.
    pub enum Balancing {
        /// No balancing: best routes, some drivers may stay unused.
        Off = "OFF",
        /// Balance the work load; some drivers may stay unused.
        On = "ON",
        /// Balance the work load over all available drivers.
        OnForce = "ON_FORCE",
    }
}

string_enum! {
    /// `start_planning` balancing criterion; `WT` by default.
    pub enum BalanceBy {
        /// Working time.
        WorkingTime = "WT",
        /// Number of orders per driver.
        OrderCount = "NUM",
    }
}

string_enum! {
    /// `start_planning` starting point; `EMPTY` by default.
    pub enum StartWith {
        /// Ignore existing routes.
        Empty = "EMPTY",
        /// Start from the existing routes.
        Current = "CURRENT",
    }
}

string_enum! {
    /// `start_planning` lock on existing routes (with `startWith: CURRENT`); `NONE` by default.
    pub enum LockType {
        /// Allow every change.
        None = "NONE",
        /// Keep planned routes; add new orders to unused drivers.
        Routes = "ROUTES",
        /// Keep drivers/vehicles of planned orders; fit new orders in.
        Resources = "RESOURCES",
    }
}

string_enum! {
    /// `LocationType.type` of a driver's start or end location.
    pub enum LocationKind {
        /// Use the given latitude, longitude and address.
        Custom = "custom",
        /// Use the employee's default location.
        EmployeeDefault = "employeeDefault",
        /// Use the employee's start location (not allowed for `startLocation`).
        StartLocation = "startLocation",
    }
}

string_enum! {
    /// `get_planning_status` status.
    pub enum PlanningStatus {
        /// New.
        New = "N",
        /// Running.
        Running = "R",
        /// Cancelled by the user.
        Cancelled = "C",
        /// Finished.
        Finished = "F",
        /// An error occurred.
        Error = "E",
    }
}

string_enum! {
    /// A mobile event type (`get_events`). The document says "currently one of", so an unknown
    /// value in a response is a warning, kept in `extra`.
    pub enum EventType {
        /// The driver went on duty.
        OnDuty = "on_duty",
        /// The driver went off duty.
        OffDuty = "off_duty",
        /// The driver started the service.
        StartService = "start_service",
        /// The order was completed.
        Success = "success",
        /// The driver failed to complete the order.
        Failed = "failed",
        /// The driver rejected the order.
        Rejected = "rejected",
        /// The driver started the route.
        StartRoute = "start_route",
        /// The driver ended the route.
        EndRoute = "end_route",
        /// The driver changed the planned start time.
        StartTimeChanged = "start_time_changed",
    }
}

string_enum! {
    /// The status of a barcode scan in completion details.
    pub enum BarcodeStatus {
        /// The expected barcode was scanned.
        Success = "success",
        /// Not scannable (images may be attached).
        Unscannable = "unscannable",
        /// An unplanned barcode was scanned and added.
        Added = "added",
        /// Replaced at delivery; `scanned` holds the new value.
        Replaced = "replaced",
        /// The item was missing.
        Missing = "missing",
    }
}

/// An order (the document's Order Object), with the request-only fields of `create_order` and
/// `create_or_update_orders` (`operation`, `acceptDuplicateOrderNo`, `twFrom`, `twTo`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// What to do with the order (requests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation: Option<Operation>,
    /// Accept an `orderNo` that already exists (requests only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept_duplicate_order_no: Option<bool>,
    /// OptimoRoute's identifier; in requests it selects the order and wins over `orderNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The caller's order identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// `orderNo` of the linked pickup/delivery; `Some(None)` is an explicit `null` (no link).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_order_no: Option<Option<String>>,
    /// `id` of the linked pickup/delivery; `Some(None)` is an explicit `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub related_id: Option<Option<String>>,
    /// Order date, `YYYY-MM-DD`, local to the account.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Where the service happens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Delivery, pickup or task (responses also break/depot).
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub order_type: Option<OrderType>,
    /// Service time at the location, in minutes (decimal).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub duration: Option<f64>,
    /// When service may happen on `date`; empty means any time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_windows: Option<Vec<TimeWindow>>,
    /// Deprecated single window start, `HH:MM` (`create_order` only; ignored with `timeWindows`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tw_from: Option<String>,
    /// Deprecated single window end (deadline to end service), `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tw_to: Option<String>,
    /// Days of the week the order may be scheduled; absent means every day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_weekdays: Option<Vec<Weekday>>,
    /// Dates the order may be scheduled; `{}` means no restriction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_dates: Option<DateRange>,
    /// Local date-time windows in which service may begin.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allowed_date_times: Option<Vec<DateTimeWindow>>,
    /// The driver the order must go to; `Some(None)` is an explicit `null` (no assignment).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_to: Option<Option<DriverRef>>,
    /// Priority, `M` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Load #1 in the account's load unit (boxes, kg, litres...), decimal.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load1: Option<f64>,
    /// Load #2, decimal.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load2: Option<f64>,
    /// Load #3, decimal.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load3: Option<f64>,
    /// Load #4, decimal.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load4: Option<f64>,
    /// Required vehicle feature codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_features: Option<Vec<String>>,
    /// Required driver skill codes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skills: Option<Vec<String>>,
    /// Notes for the driver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Legacy custom field #1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field1: Option<String>,
    /// Legacy custom field #2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field2: Option<String>,
    /// Legacy custom field #3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field3: Option<String>,
    /// Legacy custom field #4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field4: Option<String>,
    /// Legacy custom field #5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_field5: Option<String>,
    /// Typed custom fields, by the key configured in OptimoRoute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_fields: Option<CustomFields>,
    /// Customer email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Customer phone number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// How tracking notifications are sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notification_preference: Option<NotificationPreference>,
    /// Barcodes attached to the order (Proof of Delivery).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<Vec<Barcode>>,
    /// Fields the document does not define, in source order.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A location (the document's Location Object) with `create_order`'s geocoding flags.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Location {
    /// The caller's location identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_no: Option<String>,
    /// Location name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// Full address including the country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Latitude in degrees (WGS 84).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub latitude: Option<f64>,
    /// Longitude in degrees (WGS 84).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub longitude: Option<f64>,
    /// Read-only (responses): false when the location has no known coordinates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid: Option<bool>,
    /// Minimum waiting time on arrival before service starts, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check_in_time: Option<u64>,
    /// Notes about the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// `create_order` only: accept an address that geocodes to several results.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept_multiple_results: Option<bool>,
    /// `create_order` only: accept a partial geocoding match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accept_partial_match: Option<bool>,
    /// `create_order` only: store the location even if the address cannot be geocoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub store_invalid: Option<bool>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One order time window on the order's date: service may begin at `twFrom` and must end by
/// `twTo`, both local `HH:MM`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// Earliest time to begin the service, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tw_from: Option<String>,
    /// Deadline to end the service, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tw_to: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A range of local dates `{from, to}`, both `YYYY-MM-DD` and inclusive. In `allowedDates` the
/// empty object `{}` means no restriction.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DateRange {
    /// First date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Last date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A local date-time window in which service may *begin*, `YYYY-MM-DDTHH:MM:SS`; an absent or
/// `null` end is open.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DateTimeWindow {
    /// Earliest time to begin the service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Latest time to begin the service.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Identifies a driver by `serial` or `externalId` (`assignedTo`, bulk driver updates).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriverRef {
    /// The driver's serial number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serial: Option<String>,
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Identifies a driver for planning (`useDrivers`, `missingDrivers`): the SelectedDriver Object.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SelectedDriver {
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// The driver's serial number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Selects an order by `orderNo` or `id` (bulk get/delete, `search_orders`, `useOrderObjects`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRef {
    /// The caller's order identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// OptimoRoute's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A barcode attached to an order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Barcode {
    /// The barcode text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The value of one typed custom field.
#[derive(Debug, Clone, PartialEq)]
pub enum CustomFieldValue {
    /// Text (or a Single Select option key).
    Text(String),
    /// A number (decimal).
    Number(f64),
    /// A boolean.
    Bool(bool),
}

impl Serialize for CustomFieldValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            CustomFieldValue::Text(t) => s.serialize_str(t),
            CustomFieldValue::Number(n) => crate::json::num::f64(n, s),
            CustomFieldValue::Bool(b) => s.serialize_bool(*b),
        }
    }
}

/// The `customFields` object: custom field key → value, in source order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CustomFields(pub Vec<(String, CustomFieldValue)>);

impl Serialize for CustomFields {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// A moment as OptimoRoute writes it: the Time Object of responses (all three fields present)
/// and the Time Update Object of `update_completion_details` (at least one present; the first
/// of `unixTimestamp`, `utcTime`, `localTime` wins).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Time {
    /// Seconds since 1970-01-01T00:00:00Z.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unix_timestamp: Option<i64>,
    /// UTC date-time, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_time: Option<String>,
    /// Local date-time at the order's location, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_time: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A GPS position (the Position Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Position {
    /// When it was recorded, seconds since 1970-01-01T00:00:00Z.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timestamp: Option<i64>,
    /// Latitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub latitude: Option<f64>,
    /// Longitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub longitude: Option<f64>,
    /// Radius of uncertainty, in metres.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub accuracy: Option<f64>,
    /// Speed, in metres per second.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub speed: Option<f64>,
    /// Direction of travel in degrees clockwise from north (0 north, 90 east).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub heading: Option<f64>,
    /// Responses only: distance from the order's location, in metres.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub distance_to_location: Option<f64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `create_or_update_orders` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CreateOrUpdateOrders {
    /// One to 500 orders.
    pub orders: Vec<Order>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A list of orders selected by `orderNo` or `id`: the POST body of `get_orders` and
/// `get_completion_details`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderRefList {
    /// The orders.
    pub orders: Vec<OrderRef>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The GET form of `get_orders` and `get_completion_details`: query parameters as an object,
/// `orderNo` repeated (a string or a list of strings).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrderNoQuery {
    /// The `orderNo` values, in order.
    #[serde(rename = "orderNo")]
    pub order_no: Vec<String>,
    /// Parameters the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A request that comes as a POST body or as GET query parameters.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum OrderSelection {
    /// POST `{"orders": [...]}`.
    Body(OrderRefList),
    /// GET `?orderNo=...&orderNo=...`.
    Query(OrderNoQuery),
}

/// `delete_order` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteOrder {
    /// The order to delete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// Ignore the restrictions on deleting orders of a live plan; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_delete: Option<bool>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `delete_orders` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DeleteOrders {
    /// The orders to delete.
    pub orders: Vec<OrderRef>,
    /// Delete every order one selector matches (otherwise several matches are an error).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_multiple: Option<bool>,
    /// Ignore the restrictions on deleting orders of a live plan.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub force_delete: Option<bool>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `delete_all_orders` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DeleteAllOrders {
    /// The date whose orders and routes are deleted; absent deletes every date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `search_orders` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchOrders {
    /// Orders to find by `orderNo` or `id`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orders: Option<Vec<OrderRef>>,
    /// Dates to search, at most 35 days.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_range: Option<DateRange>,
    /// Only orders in these statuses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_status: Option<Vec<OrderStatus>>,
    /// Return the order data; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_order_data: Option<bool>,
    /// Return the scheduling information; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_schedule_information: Option<bool>,
    /// The page token returned by the previous call.
    #[serde(rename = "after_tag", skip_serializing_if = "Option::is_none")]
    pub after_tag: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_routes` query parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GetRoutes {
    /// The date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Only this driver (external identifier).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// Only this driver (serial).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// Only this vehicle.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_registration: Option<String>,
    /// Include `routePolyline`; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_route_polyline: Option<bool>,
    /// Include the routes' start and end locations; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_route_start_end: Option<bool>,
    /// Parameters the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_scheduling_info` query parameters (`orderNo` or `id`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingInfoQuery {
    /// The caller's order identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// OptimoRoute's identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Parameters the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `start_planning` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartPlanning {
    /// The date to plan (ignored when `dateRange` is set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Several days to plan together (weekly planning).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_range: Option<DateRange>,
    /// Route balancing, `OFF` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balancing: Option<Balancing>,
    /// Balancing criterion, `WT` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub balance_by: Option<BalanceBy>,
    /// Importance of balancing against route cost, 0.0–1.0 (0.3 by default; `ON_FORCE` only).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub balancing_factor: Option<f64>,
    /// Start from scratch or from the current routes, `EMPTY` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_with: Option<StartWith>,
    /// What to keep of the current routes (with `startWith: CURRENT`), `NONE` by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lock_type: Option<LockType>,
    /// Let drivers return to the depot to reload; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depot_trips: Option<bool>,
    /// Time to reload at the depot, in minutes (with `depotTrips`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depot_visit_duration: Option<u64>,
    /// Minimize overlap between routes; false by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub clustering: Option<bool>,
    /// Drivers to use; empty means all available.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_drivers: Option<Vec<SelectedDriver>>,
    /// Deprecated: `orderNo`s to plan; use `useOrderObjects`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_orders: Option<Vec<String>>,
    /// Orders to plan; empty means all orders of the date with a valid location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_order_objects: Option<Vec<OrderRef>>,
    /// Keep orders already scheduled to the drivers used; true by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub include_scheduled_orders: Option<bool>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `stop_planning` body and `get_planning_status` query: a planning process id.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanningRef {
    /// The planning process id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning_id: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `update_driver_parameters` request body (one driver, one date).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateDriverParameters {
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Enable or disable the driver on that date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Work start, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_time_from: Option<String>,
    /// Work end, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_time_to: Option<String>,
    /// External identifier of the vehicle to assign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_vehicle: Option<String>,
    /// Vehicle capacity #1 (load units, integer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity1: Option<i64>,
    /// Vehicle capacity #2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity2: Option<i64>,
    /// Vehicle capacity #3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity3: Option<i64>,
    /// Vehicle capacity #4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity4: Option<i64>,
    /// Start location latitude, degrees (needs `startLongitude`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub start_latitude: Option<f64>,
    /// Start location longitude, degrees (needs `startLatitude`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub start_longitude: Option<f64>,
    /// Start address shown on reports (needs both start coordinates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_address: Option<String>,
    /// End location latitude, degrees (needs `endLongitude`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub end_latitude: Option<f64>,
    /// End location longitude, degrees (needs `endLatitude`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub end_longitude: Option<f64>,
    /// End address shown on reports (needs both end coordinates).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_address: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `update_drivers_parameters` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UpdateDriversParameters {
    /// One to 500 driver parameter updates.
    pub updates: Vec<DriverParameters>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One driver's parameters on one date (the DriverParameters Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DriverParameters {
    /// The driver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<DriverRef>,
    /// The date, `YYYY-MM-DD`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Enable or disable the driver on that date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Work time on that date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub work_time: Option<WorkTime>,
    /// The vehicle to assign.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assigned_vehicle: Option<VehicleRef>,
    /// Vehicle capacity #1 (load units, integer).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity1: Option<i64>,
    /// Vehicle capacity #2.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity2: Option<i64>,
    /// Vehicle capacity #3.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity3: Option<i64>,
    /// Vehicle capacity #4.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_capacity4: Option<i64>,
    /// Where the driver starts (not `startLocation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_location: Option<LocationType>,
    /// Where the driver ends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_location: Option<LocationType>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A driver's work time `{from, to}`, both `HH:MM`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct WorkTime {
    /// Work start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Work end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The vehicle of a bulk driver update: an external identifier, or an object naming it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum VehicleRef {
    /// The vehicle's external identifier, e.g. `"V103"`.
    ExternalId(String),
    /// `{"registration": ...}` or `{"externalId": ...}`.
    Selector(VehicleSelector),
}

/// Identifies a vehicle by `registration` or `externalId`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VehicleSelector {
    /// The vehicle's registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub registration: Option<String>,
    /// The vehicle's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A driver's start or end location (the LocationType Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct LocationType {
    /// Which location to use.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<LocationKind>,
    /// Address shown on reports (`custom`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Latitude in degrees (`custom`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub latitude: Option<f64>,
    /// Longitude in degrees (`custom`).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub longitude: Option<f64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_events` query parameters.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GetEvents {
    /// The `tag` of the previous response; absent or empty for the first call.
    #[serde(rename = "after_tag", skip_serializing_if = "Option::is_none")]
    pub after_tag: Option<String>,
    /// Parameters the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `update_completion_details` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UpdateCompletionDetails {
    /// Up to 500 updates.
    pub updates: Vec<CompletionUpdate>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One order's completion update.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionUpdate {
    /// The caller's order identifier (this or `id`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// OptimoRoute's identifier (this or `orderNo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The new completion details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<CompletionUpdateData>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The fields `update_completion_details` can set.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionUpdateData {
    /// The new status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// When service started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// When service ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Time>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `update_drivers_positions` request body.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct UpdateDriversPositions {
    /// One object per driver.
    pub updates: Vec<DriverPositions>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One driver's positions.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DriverPositions {
    /// The driver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<DriverRef>,
    /// Up to 100 positions.
    pub positions: Vec<Position>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The outcome fields every response carries.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Outcome {
    /// True when the operation (or, in bulk, at least one item) succeeded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub success: Option<bool>,
    /// The error or warning code, e.g. `ERR_ORD_NOT_FOUND`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The vendor's description of the error or warning.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// One geocoding result of `create_order`: `[address, latitude, longitude, partialMatch]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GeocodingResult {
    /// The geocoded address.
    pub address: Option<String>,
    /// Latitude in degrees.
    pub latitude: Option<f64>,
    /// Longitude in degrees.
    pub longitude: Option<f64>,
    /// Whether the match was partial (the fourth item; the document's own example omits it).
    pub partial_match: Option<bool>,
}

impl Serialize for GeocodingResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        seq.serialize_element(&self.address)?;
        seq.serialize_element(&self.latitude)?;
        seq.serialize_element(&self.longitude)?;
        if let Some(partial) = self.partial_match {
            seq.serialize_element(&partial)?;
        }
        seq.end()
    }
}

/// `create_order` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateOrderResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The order's OptimoRoute identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The location the order got.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// Geocoding results when the location was geocoded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub geocoding_results: Option<Vec<GeocodingResult>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One item of a bulk order response (`create_or_update_orders`, `get_orders`, `delete_orders`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderResult {
    /// Success, code, message of this item.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The order's OptimoRoute identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The caller's order identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// The location involved in a location error (`create_or_update_orders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_no: Option<String>,
    /// The planning process that blocks a delete (`delete_orders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning_id: Option<i64>,
    /// The order (`get_orders`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Order>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The response of `create_or_update_orders`, `get_orders` and `delete_orders`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct OrdersResponse {
    /// Overall success (true when at least one item succeeded).
    #[serde(flatten)]
    pub outcome: Outcome,
    /// One result per requested order, by position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orders: Option<Vec<OrderResult>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A response that only reports an outcome, possibly with a planning id (`delete_order`,
/// `delete_all_orders`, `stop_planning`, `update_driver_parameters`).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OutcomeResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The running planning process that blocked the operation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning_id: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `search_orders` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct SearchOrdersResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Up to 500 orders found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orders: Option<Vec<SearchResult>>,
    /// Present when more pages remain: pass it back as `after_tag`.
    #[serde(rename = "after_tag", skip_serializing_if = "Option::is_none")]
    pub after_tag: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One order found by `search_orders`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SearchResult {
    /// The order's OptimoRoute identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The order (with `includeOrderData`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Order>,
    /// Scheduling (with `includeScheduleInformation`); `Some(None)` is `null`: not scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_information: Option<Option<ScheduleInfo>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Where and when an order is scheduled (Order Scheduling Information Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScheduleInfo {
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// The driver's serial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// The driver's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_name: Option<String>,
    /// Vehicle registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_registration: Option<String>,
    /// Vehicle label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_label: Option<String>,
    /// Stop number on the route, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_number: Option<i64>,
    /// Scheduled start of service, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<String>,
    /// Scheduled start of service, `YYYY-MM-DD HH:MM:SS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at_dt: Option<String>,
    /// Arrival at the location, `YYYY-MM-DD HH:MM:SS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrival_time_dt: Option<String>,
    /// Travel time from the previous stop, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub travel_time: Option<i64>,
    /// Distance from the previous stop, in metres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_routes` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GetRoutesResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The routes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub routes: Option<Vec<Route>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One driver's route (the Route Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Route {
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// The driver's serial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// The driver's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_name: Option<String>,
    /// Vehicle registration.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_registration: Option<String>,
    /// Vehicle label.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vehicle_label: Option<String>,
    /// Route duration, in minutes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<i64>,
    /// Route distance, in kilometres (decimal).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub distance: Option<f64>,
    /// Route load #1 (load units).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load1: Option<f64>,
    /// Route load #2.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load2: Option<f64>,
    /// Route load #3.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load3: Option<f64>,
    /// Route load #4.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub load4: Option<f64>,
    /// The stops in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stops: Option<Vec<Stop>>,
    /// The route as a Google encoded polyline, precision 5 (with `includeRoutePolyline`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_polyline: Option<String>,
    /// Fields the document does not define (e.g. start/end with `includeRouteStartEnd`).
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One stop of a route (the Stop Object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stop {
    /// Stop number, from 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_number: Option<i64>,
    /// The order's `orderNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// The order's OptimoRoute identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Location number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_no: Option<String>,
    /// Location name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location_name: Option<String>,
    /// Location address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Latitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub latitude: Option<f64>,
    /// Longitude in degrees.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_f64")]
    pub longitude: Option<f64>,
    /// Scheduled start of service, `HH:MM`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at: Option<String>,
    /// Scheduled start of service, `YYYY-MM-DD HH:MM:SS`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheduled_at_dt: Option<String>,
    /// Arrival, `YYYY-MM-DD HH:MM:SS` (earlier than the start when waiting for a window).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arrival_time_dt: Option<String>,
    /// Travel time from the previous stop, in seconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub travel_time: Option<i64>,
    /// Distance from the previous stop, in metres.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance: Option<i64>,
    /// `break` or `depot` for those stops; absent for orders.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub stop_type: Option<OrderType>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_scheduling_info` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SchedulingInfoResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Whether the order is scheduled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_scheduled: Option<bool>,
    /// Where and when; `Some(None)` is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schedule_information: Option<Option<ScheduleInfo>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `start_planning` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StartPlanningResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The started (or already running) planning process.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planning_id: Option<i64>,
    /// With `ERR_ORD_NOT_FOUND`: the `orderNo`s not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_orders: Option<Vec<String>>,
    /// With `ERR_DRIVER_NOT_FOUND`: the drivers not found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub missing_drivers: Option<Vec<SelectedDriver>>,
    /// With `ERR_ORD_WITH_INVALID_LOC`: the `orderNo`s with an invalid location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orders_with_invalid_location: Option<Vec<String>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_planning_status` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlanningStatusResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The planning status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<PlanningStatus>,
    /// Progress, 0–100 percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percentage_complete: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The response of `update_drivers_parameters` and `update_drivers_positions`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DriversResponse {
    /// Overall success (true when at least one item succeeded).
    #[serde(flatten)]
    pub outcome: Outcome,
    /// One result per update, by position.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<Vec<DriverResult>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One item of a bulk driver response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DriverResult {
    /// Success, code, message of this item.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The driver.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver: Option<DriverRef>,
    /// The date (`update_drivers_parameters`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `get_events` response.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EventsResponse {
    /// Success, code, message.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// Up to 500 events, in arrival order (not always chronological).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<Vec<Event>>,
    /// Pass as `after_tag` next time.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    /// Events not returned in this response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remaining_events: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One mobile event.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// The event type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<EventType>,
    /// When it happened, seconds since 1970-01-01T00:00:00Z.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unix_timestamp: Option<i64>,
    /// When it happened, UTC, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub utc_time: Option<String>,
    /// When it happened, local to the order's location, ISO 8601.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub local_time: Option<String>,
    /// The driver's name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_name: Option<String>,
    /// The driver's serial.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_serial: Option<String>,
    /// The driver's external identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub driver_external_id: Option<String>,
    /// The order's `orderNo`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// The order's OptimoRoute identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    /// With `start_time_changed`: the new planned start.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned_start_time: Option<Time>,
    /// Where it happened (with `distanceToLocation`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<Position>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// The response of `get_completion_details` and `update_completion_details` (the document
/// names the list `updates` in the table and `orders` in the example of the latter; both are
/// read).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CompletionResponse {
    /// Overall success.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// One result per requested order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orders: Option<Vec<CompletionResult>>,
    /// One result per update (`update_completion_details`, per its table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updates: Option<Vec<CompletionResult>>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One order's completion result.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionResult {
    /// Success, code, message of this item.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The caller's order identifier (when used in the request).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_no: Option<String>,
    /// OptimoRoute's identifier (when used in the request).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The completion details.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<CompletionDetails>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Completion details of an order.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletionDetails {
    /// The order's status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Service start (servicing, success, failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_time: Option<Time>,
    /// Where service started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_position: Option<Position>,
    /// Service end (success, failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_time: Option<Time>,
    /// Where service ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_position: Option<Position>,
    /// Proof of Delivery data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub form: Option<FormData>,
    /// The Realtime Order Tracking page.
    #[serde(rename = "tracking_url", skip_serializing_if = "Option::is_none")]
    pub tracking_url: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// Proof of Delivery data filled in on the mobile app (the Form Data object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct FormData {
    /// The completion note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The signature image.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signature: Option<Image>,
    /// Photos.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// Scans of the order's barcodes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<Vec<BarcodeScan>>,
    /// Unplanned barcodes collected with the order.
    #[serde(
        rename = "barcode_collections",
        skip_serializing_if = "Option::is_none"
    )]
    pub barcode_collections: Option<Vec<BarcodeScan>>,
    /// Fields the document does not define (custom form fields).
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// An attached image.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Image {
    /// MIME type, e.g. `image/png`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// A temporary download URL (valid at least 5 days).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A barcode scan (the Barcode Scan object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BarcodeScan {
    /// The barcode attached to the order (`null`/empty for collected ones).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub barcode: Option<String>,
    /// What the scan found.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scan_info: Option<ScanInfo>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// What a barcode scan found (the Barcode Info object).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ScanInfo {
    /// The scan status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<BarcodeStatus>,
    /// The barcode actually scanned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scanned: Option<String>,
    /// Images replacing an unscannable barcode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub images: Option<Vec<Image>>,
    /// The symbology, e.g. `code-128`, `qr`.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub barcode_type: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// A typed request body (or GET query parameters) of one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Request {
    /// `create_order`.
    CreateOrder(Box<Order>),
    /// `create_or_update_orders`.
    CreateOrUpdateOrders(CreateOrUpdateOrders),
    /// `get_orders` (POST body or GET query).
    GetOrders(OrderSelection),
    /// `delete_order`.
    DeleteOrder(DeleteOrder),
    /// `delete_orders`.
    DeleteOrders(DeleteOrders),
    /// `delete_all_orders`.
    DeleteAllOrders(DeleteAllOrders),
    /// `search_orders`.
    SearchOrders(SearchOrders),
    /// `get_routes` (query).
    GetRoutes(GetRoutes),
    /// `get_scheduling_info` (query).
    GetSchedulingInfo(SchedulingInfoQuery),
    /// `start_planning`.
    StartPlanning(StartPlanning),
    /// `stop_planning`.
    StopPlanning(PlanningRef),
    /// `get_planning_status` (query).
    GetPlanningStatus(PlanningRef),
    /// `update_driver_parameters`.
    UpdateDriverParameters(UpdateDriverParameters),
    /// `update_drivers_parameters`.
    UpdateDriversParameters(UpdateDriversParameters),
    /// `get_events` (query).
    GetEvents(GetEvents),
    /// `get_completion_details` (POST body or GET query).
    GetCompletionDetails(OrderSelection),
    /// `update_completion_details`.
    UpdateCompletionDetails(UpdateCompletionDetails),
    /// `update_drivers_positions`.
    UpdateDriversPositions(UpdateDriversPositions),
}

/// A typed response body of one endpoint.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Response {
    /// `create_order`.
    CreateOrder(CreateOrderResponse),
    /// `create_or_update_orders`, `get_orders`, `delete_orders`.
    Orders(OrdersResponse),
    /// `delete_order`, `delete_all_orders`, `stop_planning`, `update_driver_parameters`.
    Outcome(OutcomeResponse),
    /// `search_orders`.
    SearchOrders(SearchOrdersResponse),
    /// `get_routes`.
    GetRoutes(GetRoutesResponse),
    /// `get_scheduling_info`.
    GetSchedulingInfo(SchedulingInfoResponse),
    /// `start_planning`.
    StartPlanning(StartPlanningResponse),
    /// `get_planning_status`.
    GetPlanningStatus(PlanningStatusResponse),
    /// `update_drivers_parameters`, `update_drivers_positions`.
    Drivers(DriversResponse),
    /// `get_events`.
    GetEvents(EventsResponse),
    /// `get_completion_details`, `update_completion_details`.
    Completion(CompletionResponse),
}
