//! Typed models of the Magic Lane Fleet Management `/v1/orders` payloads: the order object,
//! its customer and address, the get-all query, and the delete body.
//!
//! Rust field names are snake_case; `serde` renames write Magic Lane's camelCase back. Fields
//! the document does not define are kept in `extra` so a conversion can carry them.

use crate::json::num::{f64 as whole_f64, opt_f64};
use crate::json::Object;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

/// Declares an integer enum with its documented table, a lookup and serde's output (the
/// number).
macro_rules! int_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal : $label:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant = $code,)+
        }

        impl $name {
            /// The documented values and their meaning.
            pub const TABLE: &'static [(i64, &'static str)] = &[$(($code, $label)),+];

            /// The value with wire code `code`.
            pub fn from_code(code: i64) -> Option<Self> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The wire code.
            pub fn code(self) -> u8 {
                self as u8
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u8(self.code())
            }
        }
    };
}

int_enum! {
    /// Order `type`.
    OrderType {
        /// 0: pickup.
        Pickup = 0: "pickup",
        /// 1: delivery.
        Delivery = 1: "delivery",
    }
}

int_enum! {
    /// Order `status`.
    OrderStatus {
        /// 0: unscheduled.
        Unscheduled = 0: "unscheduled",
        /// 1: scheduled.
        Scheduled = 1: "scheduled",
    }
}

int_enum! {
    /// Order `state`.
    OrderState {
        /// 0: none.
        None = 0: "none",
        /// 1: on route.
        OnRoute = 1: "on route",
        /// 2: servicing.
        Servicing = 2: "servicing",
        /// 3: rejected.
        Rejected = 3: "rejected",
        /// 4: completed.
        Completed = 4: "completed",
        /// 5: failed.
        Failed = 5: "failed",
    }
}

int_enum! {
    /// Order `priority`.
    Priority {
        /// 0: low.
        Low = 0: "low",
        /// 1: high.
        High = 1: "high",
    }
}

/// A point written `[lat, lon]` (the opposite of GeoJSON).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LatLon {
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

impl Serialize for LatLon {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(2))?;
        seq.serialize_element(&Whole(self.lat))?;
        seq.serialize_element(&Whole(self.lon))?;
        seq.end()
    }
}

/// `timeWindow: [start, end]`, read as minutes from midnight. That unit is an inference
/// (`VENDOR-FACTS.md`: the vehicle `startTime`/`endTime` fields are documented that way, and the
/// example `[420, 1086]` reads as 07:00–18:06); the document itself does not say.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TimeWindow {
    /// Start, minutes from midnight.
    pub start_min: f64,
    /// End, minutes from midnight.
    pub end_min: f64,
}

impl Serialize for TimeWindow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(2))?;
        seq.serialize_element(&Whole(self.start_min))?;
        seq.serialize_element(&Whole(self.end_min))?;
        seq.end()
    }
}

/// An `f64` written without a fraction when whole.
struct Whole(f64);

impl Serialize for Whole {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        whole_f64(&self.0, serializer)
    }
}

/// `address`: the address in parts.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Address {
    /// Country.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// State or region.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// County.
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
    /// Street number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub street_number: Option<String>,
    /// `extra`: the additional address line (named only among the get-all filters and
    /// columns; not to be confused with [`Address::extra`]).
    #[serde(rename = "extra", skip_serializing_if = "Option::is_none")]
    pub extra_line: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// `customerInfo`: the customer an order belongs to (read-only once saved).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// Customer id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// Short name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// First name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Location `[lat, lon]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LatLon>,
    /// Customer-specific data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<String>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// An order, as sent to create or update and as returned.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// Order id, set by the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<i64>,
    /// `customerId`: the customer, by id, as the create example sends it (the object table
    /// lists only `customerInfo`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_id: Option<i64>,
    /// `customerInfo`: the customer's details; cannot be changed once saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub customer_info: Option<Customer>,
    /// `location`: `[lat, lon]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LatLon>,
    /// Short name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alias: Option<String>,
    /// Customer's first name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    /// Customer's last name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// Contact phone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_number: Option<String>,
    /// Order-specific data (free text).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_data: Option<String>,
    /// `type`: pickup or delivery.
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub order_type: Option<OrderType>,
    /// Scheduled or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<OrderStatus>,
    /// Execution state.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<OrderState>,
    /// Priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Number of packages.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number_of_packages: Option<u64>,
    /// Total weight (the document gives no unit).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Total volume (the document gives no unit).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub cube: Option<f64>,
    /// Revenue (the document gives no currency).
    #[serde(serialize_with = "opt_f64", skip_serializing_if = "Option::is_none")]
    pub revenue: Option<f64>,
    /// `timeWindow`: `[start, end]`, minutes from midnight (an inference, see [`TimeWindow`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_window: Option<TimeWindow>,
    /// `serviceTime`: time needed at the order, seconds.
    #[serde(rename = "serviceTime", skip_serializing_if = "Option::is_none")]
    pub service_time_s: Option<u64>,
    /// Depot id (0 in the examples: none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub depot_id: Option<i64>,
    /// `creationTimestamp`: creation time, UNIX milliseconds.
    #[serde(rename = "creationTimestamp", skip_serializing_if = "Option::is_none")]
    pub creation_timestamp_ms: Option<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// One get-all filter: `column=value` or `column=value:exact`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// The filter name (`alias`, `city`, `orderState`...).
    pub column: String,
    /// The value without the `:exact` suffix.
    pub value: String,
    /// `:exact` was given: match the whole value.
    pub exact: bool,
}

/// One `sort` key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SortKey {
    /// The column.
    pub column: String,
    /// `desc` rather than `asc`.
    pub descending: bool,
}

/// The get-all query parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OrderQuery {
    /// `search`: a term searched across orders.
    pub search: Option<String>,
    /// The column filters, in the order given.
    pub filters: Vec<Filter>,
    /// `sort`, in priority order.
    pub sort: Vec<SortKey>,
    /// `includeColumns`.
    pub include_columns: Vec<String>,
    /// `page`, from 1.
    pub page: Option<u64>,
    /// `per_page`, ≥ 1.
    pub per_page: Option<u64>,
    /// Parameters the document does not define.
    pub extra: Object<'static>,
}

impl Serialize for OrderQuery {
    /// Writes the query as an object of parameter texts, as it goes on the URL.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(search) = &self.search {
            map.serialize_entry("search", search)?;
        }
        for f in &self.filters {
            let value = if f.exact {
                format!("{}:exact", f.value)
            } else {
                f.value.clone()
            };
            map.serialize_entry(&f.column, &value)?;
        }
        if !self.sort.is_empty() {
            let keys: Vec<String> = self
                .sort
                .iter()
                .map(|k| format!("{}:{}", k.column, if k.descending { "desc" } else { "asc" }))
                .collect();
            map.serialize_entry("sort", &keys.join(","))?;
        }
        if !self.include_columns.is_empty() {
            map.serialize_entry("includeColumns", &self.include_columns.join(","))?;
        }
        if let Some(page) = self.page {
            map.serialize_entry("page", &page)?;
        }
        if let Some(per_page) = self.per_page {
            map.serialize_entry("per_page", &per_page)?;
        }
        for (k, v) in self.extra.iter() {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// The delete body `{ids: [...]}`.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DeleteOrders {
    /// Ids of the orders to delete.
    pub ids: Vec<i64>,
    /// Fields the document does not define.
    #[serde(flatten)]
    pub extra: Object<'static>,
}

/// An update (PUT `/orders/{id}`) request: the body and the `autoAssignDepot` query parameter.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateOrder {
    /// `autoAssignDepot`: `true` (1) assigns the closest depot (depending on time); `false`
    /// (0, the default) assigns none. `None` when not given.
    pub auto_assign_depot: Option<bool>,
    /// The order body.
    pub order: Order,
}
