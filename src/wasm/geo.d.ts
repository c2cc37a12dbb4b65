
/** One GPS fix. OptimoRoute position names (timestamp, latitude, longitude) are accepted too. */
export interface TrackPoint {
  /** UNIX seconds. */
  t: number;
  /** Degrees. */
  lat: number;
  /** Degrees. */
  lon: number;
  /** Metres per second (Wialon messages give km/h: divide by 3.6). */
  speed?: number;
  /** Radius of uncertainty, metres. */
  accuracy?: number;
}

/** An order as visit detection needs it. */
export interface VisitOrder {
  /** Echoed in the result. */
  id?: string;
  /** Degrees (Wialon y, Yandex lat). */
  lat: number;
  /** Degrees (Wialon x, Yandex lon). */
  lon: number;
  /** Metres (Wialon r, Yandex mark_delivered_radius); default: options.defaultRadiusM. */
  radiusM?: number | null;
  /** Yandex service_duration_s (default 600). */
  serviceDurationS?: number | null;
  /** Yandex shared_service_duration_s (default 0). */
  sharedServiceDurationS?: number | null;
  /** Window start, UNIX seconds (Wialon tf). */
  timeFrom?: number | null;
  /** Window end, UNIX seconds (Wialon tt). */
  timeTo?: number | null;
  /** Acceptable schedule advancement, seconds (Wialon trt). */
  advanceS?: number | null;
  /** Wialon order flags f (0x1 zero speed, 0x2 leaving, 0x40 confirm only inside). */
  flags?: number;
}

/** Company and caller settings for detectVisits. */
export interface DetectVisitsOptions {
  /** Radius for orders without one (the Yandex depot or company mark_delivered_radius), metres. */
  defaultRadiusM?: number | null;
  /** Yandex mark_delivered_service_time_coefficient (default 1). */
  serviceTimeCoefficient?: number;
  /** Yandex mark_delivered_enabled (default true). */
  markDeliveredEnabled?: boolean;
  /** Fixes with a worse accuracy are left out, metres (default 100). */
  maxAccuracyM?: number;
  /** Speeds below this count as zero for Wialon flag 0x1, m/s (default 1 km/h). */
  stoppedBelowMps?: number;
}

export type Timeliness = "early" | "onTime" | "late";

/** One continuous stay inside an order's area (times in UNIX seconds). */
export interface Stay {
  arrival: number;
  departure: number | null;
  lastInside: number;
  dwellS: number;
  firstStop: number | null;
  fixes: number;
}

/** The outcome of detectVisits for one order. */
export interface VisitResult {
  index: number;
  id?: string;
  evaluated: boolean;
  radiusM: number | null;
  stays: Stay[];
  /** Arrival, departure and dwell of the longest stay. */
  arrival: number | null;
  departure: number | null;
  dwellS: number;
  totalDwellS: number;
  insideAtEnd: boolean;
  ignoredFixes: number;
  wialon: {
    completed: boolean;
    completedAt: number | null;
    rule: "arrival" | "zeroSpeed" | "leftArea" | null;
    /** Wialon order status s: 1 active, 2 completed on time, 3 completed late, 5 unit in the order area. */
    status: 1 | 2 | 3 | 5;
    timeliness: Timeliness | null;
    confirmable: boolean;
  };
  yandex: {
    visited: boolean;
    visitedAt: number | null;
    requiredDwellS: number;
    arrival: number | null;
    departure: number | null;
    timeliness: Timeliness | null;
  };
}

export interface DetectVisitsResult {
  results: VisitResult[];
  issues: Issue[];
}
