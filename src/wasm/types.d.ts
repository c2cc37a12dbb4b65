
/** A vendor format id. */
export type Vendor = "wialon" | "yandex" | "optimoroute" | "magiclane";
/** A payload format: a vendor's, or the vendor-neutral canonical model. */
export type Format = Vendor | "canonical";

/** One problem found in a payload. */
export interface Issue {
  /** RFC 6901 JSON Pointer into the payload, e.g. "/orders/3/location/latitude"; "" is the whole payload. */
  path: string;
  /** Stable SCREAMING_SNAKE code, e.g. "MISSING_FIELD", "OUT_OF_RANGE" (see docs/errors.md). */
  code: string;
  /** One human sentence, safe to show to an end user. */
  message: string;
  severity: "error" | "warning";
  /** The vendor's own code for the problem where it has one, e.g. "ERR_MISSING_MAND_FIELD". */
  vendorCode?: string;
}

/** The result of a validation. `ok` is true when no issue has severity "error". */
export interface Report {
  ok: boolean;
  issues: Issue[];
  /** What the payload was validated as, e.g. "create_or_update_orders", "order", "batch". */
  kind?: string;
}

/** Tells `validate` which payload it is looking at; anything left out is inferred (and `Report.kind` says what). */
export interface ValidateOptions {
  /** The vendor endpoint, in the vendor's naming: e.g. "create_or_update_orders" (OptimoRoute), "order/update" (Wialon). */
  endpoint?: string;
  /** Wialon `callMode` to check against: "create", "update", "delete", "assign", "register", "reject", "confirm". */
  callMode?: string;
  /** Validate the endpoint's response body instead of its request (responses are read leniently). */
  response?: boolean;
}

/** The `Error` thrown when the API is misused (unknown format, payload that is not JSON, bad option). */
export interface OrderbridgeError extends Error {
  /** Stable code: "INVALID_JSON", "INVALID_ARGUMENT", "UNKNOWN_FORMAT", "INVALID_OPTION", "TOO_DEEP", ... */
  code: string;
}

/** A time window: local to a date (seconds after midnight) or absolute (UNIX seconds). */
export interface TimeWindow {
  kind: "local" | "absolute";
  /** Local: seconds after local midnight of `date`; absolute: UNIX seconds. null = open. */
  start: number | null;
  /** Same unit as `start`; a local end above 86400 crosses midnight. null = open. */
  end: number | null;
  /** The day (YYYY-MM-DD) a local window belongs to, when known. */
  date?: string;
  /** IANA time zone of the local times, when known. */
  timeZone?: string;
  /** The UTC offset (seconds east) an absolute window was written with. */
  utcOffsetS?: number;
  /** Start as UNIX seconds, when computable. */
  startUnix?: number;
  /** End as UNIX seconds, when computable. */
  endUnix?: number;
  /** What the end limits: the start of service, its end, or the order's completion. */
  endBounds: "serviceStart" | "serviceEnd" | "completion";
}

/** The vendor form of a `parseTimeWindow` input; inferred from its shape when not given. */
export type TimeWindowForm =
  | "yandexInterval" | "yandexIntervalSecs" | "yandexTimeWindow" | "yandexOrder"
  | "wialon"
  | "optimoroute" | "optimorouteTimeWindows" | "optimorouteAllowedDateTimes" | "optimorouteWorkTime"
  | "magiclane";

/** Options of `parseTimeWindow`. */
export interface ParseTimeWindowOptions {
  /** IANA zone of local times, e.g. "Europe/Moscow". An unknown name throws UNKNOWN_TIME_ZONE. */
  timeZone?: string;
  /** The date local times belong to, YYYY-MM-DD (a date in the payload, e.g. OptimoRoute `date`, wins). */
  date?: string;
  /** The form to read when the shape is ambiguous, e.g. "yandexIntervalSecs" for [36000, 50400]. */
  form?: TimeWindowForm;
  /** Unit of Magic Lane `timeWindow` pairs: "minutes" (default; an inference, see the README) or "seconds". */
  magicLaneUnit?: "minutes" | "seconds";
  /** Sort and merge overlapping windows, reporting WINDOWS_MERGED (default true). */
  merge?: boolean;
}

/**
 * What `parseTimeWindow` returns: the first window's fields (absent when nothing parsed), plus
 * every window, where each came from, and the issues.
 */
export interface TimeWindowResult extends Partial<TimeWindow> {
  /** No issue has severity "error". */
  ok: boolean;
  /** The form that was read. */
  form?: TimeWindowForm;
  /** Every window, sorted and merged unless `merge: false`. */
  windows: TimeWindow[];
  /** JSON Pointer into the input of each window, in the order of `windows`. */
  windowPaths: string[];
  issues: Issue[];
  /** OptimoRoute `allowedWeekdays`, when present. */
  allowedWeekdays?: ("sun" | "mon" | "tue" | "wed" | "thu" | "fri" | "sat")[];
  /** OptimoRoute `allowedDates`, when present. */
  allowedDates?: { from?: string; to?: string };
  /** Wialon `trt`: how much earlier than the window the order may be done, seconds. */
  allowedAdvanceS?: number;
}

/** Options of `formatTimeWindow(windows, form, options)`. */
export interface FormatTimeWindowOptions {
  /** IANA zone to place local windows in time, or to write absolute ones in local time. */
  timeZone?: string;
  /** The date of local windows that carry none, YYYY-MM-DD. */
  date?: string;
  /** Unit of Magic Lane pairs: "minutes" (default) or "seconds". */
  magicLaneUnit?: "minutes" | "seconds";
}

/** What `formatTimeWindow` returns: the vendor JSON value (null when nothing could be written). */
export interface FormattedTimeWindow {
  ok: boolean;
  /** e.g. "10:00-14:00", [420, 1086], {tf, tt}, [{twFrom, twTo}], {from, to}. */
  output: unknown;
  issues: Issue[];
}

/**
 * Options of `parseTimeWindowBatch(text, options): Float64Array`, which parses many Yandex
 * `time_interval` strings joined with "\n" at once and returns 7 numbers per line:
 * [status, start, end, startUnix, endUnix, offsetOrCode, day]. status 0 = invalid (then
 * offsetOrCode indexes ["INVALID_FORMAT", "WINDOW_INVERTED", "OUT_OF_RANGE"]); otherwise 1 local /
 * 2 absolute, plus flags 4 DST_GAP, 8 DST_AMBIGUOUS, 16 PRECISION_LOST. startUnix/endUnix are NaN
 * when not computable; offsetOrCode is the written UTC offset of absolute windows; day is the
 * local date as days since 1970-01-01. A line break inside one of the joined strings splits it:
 * check `result.length / 7` against your input count. `parseTimeWindow` gives the messages.
 */
export interface TimeWindowBatchOptions {
  /** IANA zone of local times. */
  timeZone?: string;
  /** The date local times belong to, YYYY-MM-DD. */
  date?: string;
}

/** A canonical order: everything the four vendors' order objects hold, in SI units. See docs/canonical.md. */
export interface Order {
  /** Identifier assigned by the source system (OptimoRoute id, Wialon id, Yandex id, Magic Lane id). */
  id?: string;
  /** The client's order number (OptimoRoute orderNo, Yandex number, Wialon n, Magic Lane alias). */
  number?: string;
  /** A further client identifier (Wialon p.cid). */
  externalId?: string;
  /** Shipping document number (Wialon p.uic). */
  documentNumber?: string;
  kind?: "delivery" | "pickup" | "dropOff" | "task" | "break" | "depot";
  /** Depot/warehouse role on a route (Wialon flags 0x4 first, 0x8 last, 0x10 reload). */
  depotRole?: "first" | "last" | "reload";
  /** The day the order is planned for, YYYY-MM-DD. */
  date?: string;
  location?: Location;
  contact?: Contact;
  timeWindows?: TimeWindow[];
  scheduling?: Scheduling;
  service?: Service;
  load?: Load;
  money?: Money;
  priority?: "low" | "medium" | "high" | "critical";
  requirements?: Requirements;
  assignment?: Assignment;
  plannedStop?: PlannedStop;
  /** Radius around the location, metres, inside which the courier counts as at the order. */
  geofenceRadiusM?: number;
  completion?: CompletionRules;
  /** Instructions for the driver. */
  notes?: string;
  /** Description of the order or goods. */
  description?: string;
  /** Comment given when the order was confirmed or rejected. */
  statusComment?: string;
  /** Free-form fields (string, number, boolean or null values). */
  customFields?: Record<string, string | number | boolean | null>;
  tags?: string[];
  barcodes?: string[];
  notifications?: Notifications;
  status?: "new" | "scheduled" | "confirmed" | "onRoute" | "atLocation" | "completed" | "completedLate"
    | "partiallyCompleted" | "rejected" | "failed" | "cancelled" | "postponed";
  /** Ids of orders that must be visited before this one. */
  dependsOn?: string[];
  /** The pickup or delivery this order is paired with. */
  relatedOrder?: { number?: string; id?: string };
  /** Creation time, UNIX milliseconds. */
  createdAtMs?: number;
  /** Vendor-only data keyed by vendor id, in the vendor's own field names. */
  vendor?: Partial<Record<Vendor, Record<string, unknown>>>;
}

/** A batch of canonical orders. */
export interface OrderBatch { orders: Order[] }

export interface Location {
  /** Latitude, degrees (WGS84). */
  lat?: number;
  /** Longitude, degrees (WGS84). */
  lon?: number;
  /** The whole address on one line. */
  address?: string;
  addressParts?: AddressParts;
  /** A name for the place. */
  name?: string;
  /** The place's identifier in the client's system (OptimoRoute locationNo). */
  code?: string;
  /** Notes about the place, e.g. a gate code. */
  notes?: string;
  /** The point where the courier actually served the order. */
  refined?: { lat: number; lon: number };
}

export interface AddressParts {
  country?: string; state?: string; county?: string; city?: string;
  postalCode?: string; streetName?: string; streetNumber?: string; extra?: string;
}

export interface Contact {
  /** Full name on one line. */
  name?: string;
  firstName?: string;
  lastName?: string;
  phone?: string;
  /** Second phone (Wialon p.p2). */
  phone2?: string;
  email?: string;
  /** The customer's identifier in the client's system. */
  customerId?: string;
}

export interface Scheduling {
  /** Weekdays the order may be scheduled on; empty = every day. */
  allowedWeekdays?: ("mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun")[];
  /** First allowed day, YYYY-MM-DD. */
  allowedFrom?: string;
  /** Last allowed day, YYYY-MM-DD. */
  allowedTo?: string;
  /** How much earlier than its window the order may be done, seconds (Wialon trt). */
  allowedAdvanceS?: number;
}

export interface Service {
  /** Time to serve this order, seconds. */
  durationS?: number;
  /** Time spent once per visit of the location for consecutive orders there, seconds. */
  sharedDurationS?: number;
}

export interface Load {
  /** Weight, kilograms. */
  weightKg?: number;
  /** Volume, in the source's unit (cubic metres by convention). */
  volume?: number;
  /** Number of packages. */
  packages?: number;
  /** Up to four further load dimensions. */
  custom?: number[];
}

export interface Money {
  /** Amount the recipient pays. */
  amount?: number;
  /** Cost of the order. */
  cost?: number;
  /** Revenue from the order. */
  revenue?: number;
  paymentType?: "cash" | "card" | "prepaid" | "yandexPay";
  paymentStatus?: "paid" | "unpaid";
}

export interface Requirements {
  /** Driver skill codes, all required. */
  skills?: string[];
  /** Vehicle feature codes, all required. */
  vehicleFeatures?: string[];
  /** Required vehicle type, free text. */
  vehicleType?: string;
}

export interface Assignment {
  driverSerial?: string;
  driverExternalId?: string;
  /** Tracked unit (vehicle) id (Wialon u). */
  unitId?: string;
  routeId?: string;
  routeNumber?: string;
  depotId?: string;
}

export interface PlannedStop {
  /** Position on the route, from 0. */
  sequence?: number;
  /** Planned distance from the previous stop, metres. */
  distanceFromPreviousM?: number;
  /** Planned travel time from the previous stop, seconds. */
  travelTimeFromPreviousS?: number;
  /** Planned visit time, UNIX seconds. */
  visitTimeUnix?: number;
  /** Notify the customer this long before the planned visit, seconds. */
  notifyBeforeS?: number;
}

export interface CompletionRules {
  onStopInRadius?: boolean;
  onLeavingRadius?: boolean;
  confirmOnlyInRadius?: boolean;
  keepStatusAfterRoute?: boolean;
  copyIfUnvisited?: boolean;
  permanent?: boolean;
}

export interface Notifications {
  email?: boolean;
  sms?: boolean;
  smsSecondPhone?: boolean;
  beforeArrival?: boolean;
}

/** Options of `convert` and `convertJson`. */
export interface ConvertOptions {
  /** The source format. */
  from: Format;
  /** The target format. */
  to: Format;
  /** IANA time zone for turning local times (OptimoRoute, Yandex "HH:MM-HH:MM", Magic Lane) into absolute ones (Wialon tf/tt) and back. */
  timeZone?: string;
  /** The day (YYYY-MM-DD) local times refer to when the payload does not say. */
  date?: string;
  /** Any loss is an error and there is no output. */
  strict?: boolean;
  /** Carry what the target cannot hold in its extension slot (Wialon ej, OptimoRoute customFields.orderbridge, Magic Lane customData), so that A → B → A is lossless. */
  preserveUnmapped?: boolean;
  /** "keep" (default): copy window bounds and report differences in meaning; "adjust": shift end bounds by the service duration to match the target's meaning. */
  windowSemantics?: "keep" | "adjust";
  /** Priority scales: Wialon `pr` values of low, medium, high, critical (default [0, 1, 2, 3]; whole numbers up to Number.MAX_SAFE_INTEGER); the lowest canonical priority Magic Lane calls high (default "high"). */
  priorities?: { wialon?: [number, number, number, number]; magicLaneHighFrom?: "low" | "medium" | "high" | "critical" };
  /** Where OptimoRoute load1..load4 go (default load1 weightKg, load2 volume, load3 packages, load4 custom1). */
  loadMapping?: Partial<Record<"load1" | "load2" | "load3" | "load4", "weightKg" | "volume" | "packages" | "custom1" | "custom2" | "custom3" | "custom4">>;
  /** Magic Lane timeWindow unit (default "minutes" after midnight). */
  magicLaneWindowUnit?: "minutes" | "seconds";
  /** Canonical values for fields the source lacks, e.g. { assignment: { routeNumber: "R-1" } } for Yandex. */
  defaults?: Order;
  /**
   * The target payload form, in the target vendor's naming. OptimoRoute: "create_order",
   * "create_or_update_orders" or "create_or_update_orders:chunks" (bodies of at most 500 orders).
   * Yandex: "add_order", "add_order_batch" or "add_order_batch:chunks" (batches of at most 1000).
   * Default: a single order as one body, a batch as the vendor's batch form.
   */
  endpoint?: string;
  /**
   * The source payload form, when inference would read it otherwise. OptimoRoute:
   * "create_order", "create_or_update_orders", "get_orders" (its answer). Magic Lane: "create",
   * "update", "get" (its answer: a returned order), "get_all" (its answer).
   */
  sourceEndpoint?: string;
}

/** The result of `convert` (output as a JS value) and `convertJson` (output as JSON text). */
export interface ConvertResult<T> {
  /** The payload in the target format; null when nothing could be converted (or with `strict`, when anything would be lost). */
  output: T | null;
  /**
   * Every problem and interpretation, with paths into the input. Built as JS objects when first
   * read (until then the report waits, compact, in wasm memory), then an ordinary array. Issues
   * that say the same message share one string.
   */
  issues: Issue[];
  /** JSON Pointers into the input of data the output does not carry (built when first read, like `issues`). */
  lost: string[];
}
