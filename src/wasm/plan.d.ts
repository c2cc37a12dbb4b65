
/**
 * A place: `{lat, lon}` (degrees) for the great-circle model, `{x, y}` for the Euclidean model,
 * `{index}` (a matrix row) for the matrix model. Extra fields are allowed (a matrix problem may
 * carry lat/lon so that renderers can write coordinates and polylines).
 */
export interface PlanLocation {
  lat?: number;
  lon?: number;
  x?: number;
  y?: number;
  index?: number;
}

/** Unserved orders cost 1 (low), 3 (medium), 10 (high), 10000 (critical: served whenever feasible). */
export type PlanPriority = "low" | "medium" | "high" | "critical";

/** One order. Times are seconds on the plan clock (an origin you choose, e.g. midnight or UNIX 0). */
export interface PlanOrder {
  /** Unique id (OptimoRoute orderNo, Yandex number, Wialon order id). */
  id: string;
  /** Without one the order is unserved with MISSING_LOCATION. */
  location?: PlanLocation | null;
  /** [start, end] pairs for the START of service; arriving early means waiting. Empty: any time. */
  timeWindows?: [number, number][];
  /** Service duration, seconds. */
  serviceS?: number;
  /** Paid once per run of consecutive stops at the same place (Yandex shared_service_duration_s, OptimoRoute checkInTime × 60), seconds. */
  sharedServiceS?: number;
  /** What "the same place" means for sharedServiceS (e.g. OptimoRoute locationNo); default: identical location. */
  locationKey?: string | null;
  /** Load per capacity dimension (missing trailing dimensions are 0). */
  demand?: number[];
  /** "delivery" (loaded at the start, default) or "pickup" (loaded here, carried to the end). */
  kind?: "delivery" | "pickup";
  /** Skills / vehicle features the vehicle must all have. */
  skills?: string[];
  priority?: PlanPriority;
  /** The only vehicle allowed (OptimoRoute assignedTo, Wialon u). */
  assignedVehicle?: string | null;
  /** This order delivers what the order with this id picked up (OptimoRoute relatedOrderNo): same vehicle, pickup first. */
  deliveryOf?: string | null;
  /** Ids of orders visited before this one on the same vehicle (Wialon dp). */
  after?: string[];
}

/** One vehicle and its driver. */
export interface PlanVehicle {
  id: string;
  start: PlanLocation;
  /** "start" (default: return), null (open route: ends at the last stop) or a location. */
  end?: "start" | null | PlanLocation;
  /** [from, to]: earliest departure, latest arrival at the end (last service end when open), plan-clock seconds. Default [0, unlimited). */
  workTime?: [number, number] | null;
  /** Capacity per dimension; missing dimensions are unlimited. */
  capacity?: number[];
  skills?: string[];
  /** Cost of using the vehicle, in objective units (metres or seconds). */
  fixedCost?: number;
  /** 2 drives twice as fast as the travel model says. Default 1. */
  speedFactor?: number;
}

/** How distances (metres / units) and travel times (seconds) are obtained. */
export type PlanTravel =
  /** Haversine × detourFactor (default 1.3) at speedKmh (default 30). */
  | { model: "greatCircle"; detourFactor?: number; speedKmh?: number }
  /** Unrounded planar distance; time = distance / speed (default 1). */
  | { model: "euclidean"; speed?: number }
  /** Row-major size × size matrices, entry from * size + to (OSRM, Valhalla, a vendor). */
  | { model: "matrix"; distances: number[]; durations: number[]; size?: number };

/** Lexicographic: fewest unserved (priority-weighted), then minimize + fixed costs + balance. */
export interface PlanObjective {
  /** "distance" (default) or "duration" (total driving time). */
  minimize?: "distance" | "duration";
  /** Added per used vehicle, objective units. */
  vehicleFixedCost?: number;
  /** Adds factor × Σ x² over routes, x = working hours or order count (OptimoRoute balancing/balanceBy). */
  balance?: { by: "workingTime" | "orderCount"; factor: number } | null;
}

/** Orders in a canonical or vendor format, converted (and validated) before planning. Their plan clock is seconds after local midnight of `date` in `timeZone`. */
export interface PlanOrdersFrom {
  format: Format;
  /** The order payload: one order or the format's bulk form. */
  payload: unknown;
  /** Plan date, YYYY-MM-DD (default: the first order's date). */
  date?: string;
  /** IANA zone of the plan clock; required when orders carry absolute times. */
  timeZone?: string;
  /** Canonical load fields making the demand vector, in the order of the vehicles' capacity (default ["weightKg"]). */
  loadDims?: ("weightKg" | "volume" | "packages" | "custom1" | "custom2" | "custom3" | "custom4")[];
}

export interface PlanProblem {
  orders?: PlanOrder[];
  /** Orders in a canonical or vendor format, added to `orders`. */
  ordersFrom?: PlanOrdersFrom;
  vehicles: PlanVehicle[];
  /** Default { model: "greatCircle" }. */
  travel?: PlanTravel;
  objective?: PlanObjective;
}

/** Where a search stands. */
export interface PlanProgress {
  iteration: number;
  /** Objective value of the best plan so far (travel + fixed costs + balance). */
  bestCost: number;
  /** Orders the best plan leaves out. */
  unserved: number;
  /** Search time spent, ms (only inside step/plan). */
  elapsedMs: number;
  done: boolean;
}

export interface PlanOptions {
  /** Search budget, ms (default 1000 when maxIterations is absent). In Cloudflare Workers the clock stands still during computation: give maxIterations there. */
  timeLimitMs?: number;
  /** Stop after this many iterations; with the same seed and no time limit the plan is identical everywhere. */
  maxIterations?: number;
  /** Random seed, a whole number (default 1). */
  seed?: number;
  /** plan() only: called about every 50 ms of search and at the end; throwing stops the search. */
  onProgress?: (progress: PlanProgress) => void;
}

export interface PlanStop {
  orderId: string;
  /** Index in problem.orders. */
  orderIndex: number;
  /** Plan-clock seconds. */
  arrival: number;
  wait: number;
  /** Inside one of the order's windows. */
  serviceStart: number;
  departure: number;
  /** From the previous stop (or the start). */
  distance: number;
  travelTime: number;
  /** On board after the stop, per dimension. */
  load: number[];
}

export interface PlanRoute {
  vehicleId: string;
  vehicleIndex: number;
  /** Leaves as late as possible without delaying the first service. */
  departure: number;
  stops: PlanStop[];
  arrival: number;
  endDistance: number;
  endTravelTime: number;
  distance: number;
  travelTime: number;
  serviceTime: number;
  waitingTime: number;
  /** Working time: arrival − departure, seconds. */
  duration: number;
  cost: number;
}

export interface PlanUnserved {
  orderId: string;
  orderIndex: number;
  /** The constraint that kept it out, e.g. "NO_VEHICLE_WITH_SKILLS", "CAPACITY_EXCEEDED", "TIME_WINDOW_UNREACHABLE", "NO_CAPACITY_LEFT", "NO_TIME_LEFT" (docs/errors.md). */
  code: string;
  reason: string;
}

export interface PlanTotals {
  distance: number;
  travelTime: number;
  duration: number;
  vehicles: number;
  served: number;
  unserved: number;
  unservedWeight: number;
  cost: number;
}

export interface PlanSolution {
  routes: PlanRoute[];
  unserved: PlanUnserved[];
  totals: PlanTotals;
  /** Problems in the input: orders and vehicles left out (errors), warnings. */
  issues: Issue[];
  stats: { iterations: number; elapsedMs: number; seed: number };
}

/** The verdict of checkSolution. */
export interface PlanCheckReport {
  /** No error: every constraint holds and every reported number matches. */
  feasible: boolean;
  /** Violations, with JSON Pointers into the solution. */
  issues: Issue[];
  /** Recomputed totals. */
  totals: PlanTotals;
}

export interface PlanRenderOptions {
  /** Plan date YYYY-MM-DD; plan-clock zero is its local midnight unless clockZeroUnix is given. */
  date?: string;
  /** UNIX seconds of plan-clock zero. */
  clockZeroUnix?: number;
  /** IANA zone of local times (default UTC). */
  timeZone?: string;
  /** Metres per distance unit (default 1). */
  metresPerUnit?: number;
  /** Wialon: id of the first route (default 1). */
  routeIdBase?: number;
  /** Wialon: write p.r numbers as strings, as the newer order/update document shows. */
  numbersAsStrings?: boolean;
  /** Yandex: prefix of route_number before the vehicle id (default "<date>-"). */
  routeNumberPrefix?: string;
}

export interface PlanRendered {
  /** The vendor-shaped JSON. */
  output: unknown;
  /** What could not be written as the vendor expects. */
  issues: Issue[];
}
