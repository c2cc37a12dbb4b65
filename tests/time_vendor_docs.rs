//! Time windows against the vendor documents' own examples (shared/vendor-docs), the edge cases
//! of the time-window issue, and the four zones it names.
//!
//! Expected UNIX values were computed independently (Python `zoneinfo`, same tz rules).

use orderbridge::check::{CalendarDate, Checker};
use orderbridge::json::{parse, Path};
use orderbridge::time::forms::{self, MagicLaneUnit};
use orderbridge::time::{
    codes, convert_bounds, normalize, parse_time_window, to_absolute, to_local, EndBound, Form,
    ParseOptions, TimeContext, TimeWindow, TimeWindowResult, WindowKind, Zone,
};

fn opts(zone: Option<&str>, date: Option<&str>) -> ParseOptions {
    ParseOptions {
        time_zone: zone.map(str::to_string),
        date: date.map(str::to_string),
        ..ParseOptions::default()
    }
}

fn run(json: &str, options: &ParseOptions) -> TimeWindowResult {
    let v = parse(json).expect("fixture is JSON");
    parse_time_window(&v, options).expect("options are valid")
}

fn codes_of(r: &TimeWindowResult) -> Vec<(&str, &str)> {
    r.issues
        .iter()
        .map(|i| (i.path.as_str(), i.code.as_ref()))
        .collect()
}

fn one(r: &TimeWindowResult) -> &TimeWindow {
    assert!(r.ok, "unexpected issues: {:?}", r.issues);
    assert_eq!(r.windows.len(), 1, "{:?}", r.windows);
    &r.windows[0]
}

const H: i64 = 3600;

// ------------------------------------------------------------------ Yandex

#[test]
fn yandex_time_interval_forms_from_the_document() {
    let none = ParseOptions::default();
    for (text, start, end) in [
        ("9-18", 9 * H, 18 * H),
        ("09:00 - 18:00", 9 * H, 18 * H),
        ("09:00-18:00", 9 * H, 18 * H),
        ("10:15:30-12:45", 10 * H + 15 * 60 + 30, 12 * H + 45 * 60),
        ("22:00-02:00", 22 * H, 26 * H),
    ] {
        let r = run(&format!("\"{text}\""), &none);
        let w = one(&r);
        assert_eq!(r.form, Some(Form::YandexInterval));
        assert_eq!(
            (w.kind, w.start, w.end),
            (WindowKind::Local, Some(start), Some(end)),
            "{text}"
        );
        assert_eq!(w.end_bounds, EndBound::ServiceStart);
        assert_eq!((w.start_unix, w.date.as_deref()), (None, None));
    }
}

#[test]
fn yandex_iso_interval_example_and_its_other_forms() {
    // The document's example: 2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00.
    let expected = (Some(1_536_218_100), Some(1_536_227_100));
    for text in [
        "2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00",
        "2018-09-06T07:15:00Z/2018-09-06T09:45:00Z",
        "2018-09-06T10:15:00+03:00/PT2H30M",
        "PT2H30M/2018-09-06T12:45:00+03:00",
    ] {
        let r = run(&format!("\"{text}\""), &ParseOptions::default());
        let w = one(&r);
        assert_eq!(w.kind, WindowKind::Absolute, "{text}");
        assert_eq!((w.start, w.end), expected, "{text}");
        assert_eq!((w.start_unix, w.end_unix), expected, "{text}");
    }
    let r = run(
        "\"2018-09-06T10:15:00+03:00/2018-09-06T12:45:00+03:00\"",
        &ParseOptions::default(),
    );
    assert_eq!(one(&r).utc_offset_s, Some(10_800));
}

#[test]
fn yandex_bad_inputs_get_precise_codes_and_name_the_accepted_forms() {
    for (text, code) in [
        ("25:00-26:00", "INVALID_FORMAT"),
        ("10:00-", "INVALID_FORMAT"),
        ("abc", "INVALID_FORMAT"),
        ("", "INVALID_FORMAT"),
        ("10:00/12:00", "INVALID_FORMAT"),
        (
            "2018-09-06T12:45:00+03:00/2018-09-06T10:15:00+03:00",
            "WINDOW_INVERTED",
        ),
        ("2018-09-06T10:15:00+03:00/P1M", "INVALID_FORMAT"),
    ] {
        let r = run(&format!("\"{text}\""), &ParseOptions::default());
        assert!(!r.ok, "{text} should fail");
        assert!(r.windows.is_empty());
        assert_eq!(codes_of(&r), vec![("", code)], "{text}");
        let msg = &r.issues[0].message;
        if code == "INVALID_FORMAT" {
            assert!(
                msg.contains("HH:MM-HH:MM") && msg.contains("PT2H30M"),
                "{msg}"
            );
        }
    }
}

#[test]
fn yandex_response_fields_time_interval_secs_and_time_window() {
    // From the 200 response: "time_window": {"start": "2019-03-06T14:15:00.000Z", "end":
    // "2019-03-06T14:16:30.000Z"}; the document shows the same start as 17:15:00 GMT+0300.
    let r = run(
        r#"{"time_window": {"start": "2019-03-06T14:15:00.000Z", "end": "2019-03-06T14:16:30.000Z"}}"#,
        &ParseOptions::default(),
    );
    let w = one(&r);
    assert_eq!(r.form, Some(Form::YandexOrder));
    assert_eq!((w.start, w.end), (Some(1_551_881_700), Some(1_551_881_790)));
    assert_eq!(r.window_paths, vec!["/time_window"]);

    let secs = ParseOptions {
        form: Some(Form::YandexIntervalSecs),
        ..ParseOptions::default()
    };
    let r = run("[36000, 50400]", &secs);
    let w = one(&r);
    assert_eq!(
        (w.kind, w.start, w.end),
        (WindowKind::Local, Some(36_000), Some(50_400))
    );
    // Whole Yandex order: time_interval wins over the derived response fields.
    let r = run(
        r#"{"number": "A1", "time_interval": "10:00-14:00", "time_interval_secs": [36000, 50400]}"#,
        &ParseOptions::default(),
    );
    assert_eq!(r.window_paths, vec!["/time_interval"]);
    assert_eq!(one(&r).end, Some(14 * H));
}

#[test]
fn yandex_local_interval_with_date_and_zone_carries_unix_bounds() {
    let r = run(
        "\"10:00-14:00\"",
        &opts(Some("Europe/Moscow"), Some("2024-03-22")),
    );
    let w = one(&r);
    assert_eq!(w.kind, WindowKind::Local);
    assert_eq!(
        (w.start_unix, w.end_unix),
        (Some(1_711_090_800), Some(1_711_105_200))
    );
    assert_eq!(w.date.as_deref(), Some("2024-03-22"));
    assert_eq!(w.time_zone.as_deref(), Some("Europe/Moscow"));
    // Crossing midnight ends on the next day.
    let r = run(
        "\"22:00-02:00\"",
        &opts(Some("Europe/Moscow"), Some("2024-03-22")),
    );
    let w = one(&r);
    assert_eq!(
        (w.start_unix, w.end_unix),
        (Some(1_711_134_000), Some(1_711_148_400))
    );
}

// ------------------------------------------------------------------ Wialon

#[test]
fn wialon_tf_tt_trt() {
    let r = run(
        r#"{"tf": 1711090800, "tt": 1711105200, "trt": 900}"#,
        &ParseOptions::default(),
    );
    let w = one(&r);
    assert_eq!(r.form, Some(Form::Wialon));
    assert_eq!(w.kind, WindowKind::Absolute);
    assert_eq!((w.start, w.end), (Some(1_711_090_800), Some(1_711_105_200)));
    assert_eq!(w.end_bounds, EndBound::Completion);
    assert_eq!(r.allowed_advance_s, Some(900));
    assert_eq!(w.utc_offset_s, None);

    let r = run(
        r#"{"tf": 1711105200, "tt": 1711090800}"#,
        &ParseOptions::default(),
    );
    assert_eq!(codes_of(&r), vec![("/tt", "WINDOW_INVERTED")]);
    let r = run(r#"{"tf": -5, "tt": "x"}"#, &ParseOptions::default());
    assert_eq!(
        codes_of(&r),
        vec![("/tf", "OUT_OF_RANGE"), ("/tt", "INVALID_TYPE")]
    );
    // Only a lower bound: open upper bound.
    let r = run(r#"{"tf": 1711090800}"#, &ParseOptions::default());
    assert_eq!(one(&r).end, None);
}

#[test]
fn wialon_round_trip_through_a_local_window() {
    let ctx = TimeContext::new(
        CalendarDate::parse("2024-03-22"),
        Zone::get("Europe/Moscow"),
    );
    let mut c = Checker::new();
    let w = forms::parse_yandex_interval("10:00-14:00", &ctx, &Path::root(), &mut c).unwrap();
    let t = forms::format_wialon(&w, Some(600), &ctx, &Path::root(), &mut c).unwrap();
    assert_eq!(
        (t.tf, t.tt, t.trt),
        (Some(1_711_090_800), Some(1_711_105_200), Some(600))
    );
    assert!(c.issues.is_empty());
}

// ------------------------------------------------------------------ OptimoRoute

/// The Order Object example of the OptimoRoute document (time fields, plus orderNo).
const OPTIMOROUTE_ORDER: &str = r#"{
  "orderNo": "ORD001",
  "date": "2018-11-12",
  "duration": 60,
  "timeWindows": [{"twFrom": "11:00", "twTo": "17:00"}],
  "allowedWeekdays": ["mon", "tue", "wed", "thu", "fri"],
  "allowedDates": {},
  "allowedDateTimes": [{"from": "2019-12-10T07:39:00", "to": "2019-12-15T19:39:00"}]
}"#;

#[test]
fn optimoroute_order_object_example() {
    // The example location is in Boston.
    let r = run(OPTIMOROUTE_ORDER, &opts(Some("America/New_York"), None));
    assert!(r.ok, "{:?}", r.issues);
    assert_eq!(r.form, Some(Form::OptimoRoute));
    assert_eq!(r.windows.len(), 2);
    let tw = &r.windows[r
        .window_paths
        .iter()
        .position(|p| p == "/timeWindows/0")
        .unwrap()];
    assert_eq!((tw.start, tw.end), (Some(11 * H), Some(17 * H)));
    assert_eq!(tw.end_bounds, EndBound::ServiceEnd);
    assert_eq!(tw.date.as_deref(), Some("2018-11-12"));
    assert_eq!(
        (tw.start_unix, tw.end_unix),
        (Some(1_542_038_400), Some(1_542_060_000))
    );
    let adt = &r.windows[r
        .window_paths
        .iter()
        .position(|p| p == "/allowedDateTimes/0")
        .unwrap()];
    assert_eq!(adt.end_bounds, EndBound::ServiceStart);
    assert_eq!(adt.date.as_deref(), Some("2019-12-10"));
    assert_eq!(adt.start, Some(7 * H + 39 * 60));
    assert_eq!(adt.end, Some(5 * 86_400 + 19 * H + 39 * 60));
    assert_eq!(
        (adt.start_unix, adt.end_unix),
        (Some(1_575_981_540), Some(1_576_456_740))
    );
    assert_eq!(
        r.allowed_weekdays.as_deref(),
        Some(&["mon", "tue", "wed", "thu", "fri"][..])
    );
    let dates = r.allowed_dates.as_ref().unwrap();
    assert_eq!((dates.from.as_deref(), dates.to.as_deref()), (None, None));
}

#[test]
fn optimoroute_create_order_deprecated_pair_and_precedence() {
    // Create Order example: "twFrom": "10:00", "twTo": "10:59" on 2014-10-14.
    let r = run(
        r#"{"operation": "CREATE", "orderNo": "ORD001", "type": "D", "date": "2014-10-14", "twFrom": "10:00", "twTo": "10:59"}"#,
        &ParseOptions::default(),
    );
    let w = one(&r);
    assert_eq!((w.start, w.end), (Some(10 * H), Some(10 * H + 59 * 60)));
    assert_eq!(w.date.as_deref(), Some("2014-10-14"));
    // twFrom/twTo are ignored when timeWindows is set: say so.
    let r = run(
        r#"{"date": "2014-10-14", "twFrom": "10:00", "twTo": "10:59", "timeWindows": [{"twFrom": "12:00", "twTo": "13:00"}]}"#,
        &ParseOptions::default(),
    );
    assert_eq!(r.windows.len(), 1);
    assert_eq!(r.windows[0].start, Some(12 * H));
    assert_eq!(
        codes_of(&r),
        vec![
            ("/twFrom", "CONFLICTING_FIELDS"),
            ("/twTo", "CONFLICTING_FIELDS")
        ]
    );
}

#[test]
fn optimoroute_time_window_errors() {
    let r = run(
        r#"{"timeWindows": [{"twFrom": "9:00", "twTo": "24:00"}, {"twFrom": "14:00", "twTo": "10:00"}, {"twFrom": "10:00"}]}"#,
        &ParseOptions::default(),
    );
    assert_eq!(
        codes_of(&r),
        vec![
            ("/timeWindows/0/twFrom", "INVALID_FORMAT"),
            ("/timeWindows/0/twTo", "INVALID_FORMAT"),
            ("/timeWindows/1/twTo", "WINDOW_INVERTED"),
            ("/timeWindows/2/twTo", "MISSING_FIELD"),
        ]
    );
    assert!(r.issues[0].message.contains("HH:MM"));
}

#[test]
fn optimoroute_allowed_date_times_document_example_and_nulls() {
    let r = run(
        r#"[{"from": "2019-12-26T00:00:00", "to": "2019-12-31T23:59:59"}, {"from": null, "to": "2020-01-30T15:54:02"}]"#,
        &ParseOptions::default(),
    );
    assert!(r.ok, "{:?}", r.issues);
    assert_eq!(r.form, Some(Form::OptimoRouteAllowedDateTimes));
    let first = &r.windows[r.window_paths.iter().position(|p| p == "/0").unwrap()];
    assert_eq!(
        (first.start, first.end),
        (Some(0), Some(5 * 86_400 + 86_399))
    );
    let open = &r.windows[r.window_paths.iter().position(|p| p == "/1").unwrap()];
    assert_eq!((open.start, open.end), (None, Some(15 * H + 54 * 60 + 2)));
    assert_eq!(open.date.as_deref(), Some("2020-01-30"));
    let r = run(
        r#"{"from": "2020-01-30 15:54:02"}"#,
        &ParseOptions::default(),
    );
    assert_eq!(codes_of(&r), vec![("/from", "INVALID_FORMAT")]);
}

#[test]
fn optimoroute_driver_work_time_examples() {
    // update_drivers_parameters: "workTime": {"from": "08:15", "to": "16:15"}.
    let r = run(
        r#"{"date": "2022-02-15", "workTime": {"from": "08:15", "to": "16:15"}}"#,
        &ParseOptions::default(),
    );
    let w = one(&r);
    assert_eq!(
        (w.start, w.end),
        (Some(8 * H + 15 * 60), Some(16 * H + 15 * 60))
    );
    assert_eq!(r.window_paths, vec!["/workTime"]);
    // The document's second example writes "to:" (a stray colon): the real `to` is missing.
    let r = run(
        r#"{"date": "2022-02-16", "workTime": {"from": "09:00", "to:": "17:00"}}"#,
        &ParseOptions::default(),
    );
    assert_eq!(codes_of(&r), vec![("/workTime/to", "MISSING_FIELD")]);
    assert!(
        r.issues[0].message.contains("\"to:\""),
        "{}",
        r.issues[0].message
    );
    // update_driver_parameters: workTimeFrom / workTimeTo.
    let r = run(
        r#"{"date": "2019-09-25", "workTimeFrom": "09:30", "workTimeTo": "18:00"}"#,
        &ParseOptions::default(),
    );
    assert_eq!(
        (one(&r).start, one(&r).end),
        (Some(9 * H + 30 * 60), Some(18 * H))
    );
}

#[test]
fn optimoroute_date_rules_are_checked_against_the_order_date() {
    // 2018-11-11 is a Sunday.
    let r = run(
        r#"{"date": "2018-11-11", "allowedWeekdays": ["mon", "tue"], "allowedDates": {"from": "2018-12-01", "to": "2018-12-31"}}"#,
        &ParseOptions::default(),
    );
    assert_eq!(
        codes_of(&r),
        vec![
            ("/allowedWeekdays", "CONFLICTING_FIELDS"),
            ("/allowedDates", "CONFLICTING_FIELDS")
        ]
    );
    let r = run(r#"{"allowedWeekdays": ["Mon"]}"#, &ParseOptions::default());
    assert_eq!(
        codes_of(&r),
        vec![("/allowedWeekdays/0", "UNKNOWN_ENUM_VALUE")]
    );
}

// ------------------------------------------------------------------ Magic Lane

#[test]
fn magic_lane_document_example_is_minutes() {
    // Every example in the Magic Lane document: "timeWindow": [420, 1086] = 07:00–18:06.
    let r = run("[420, 1086]", &ParseOptions::default());
    let w = one(&r);
    assert_eq!(r.form, Some(Form::MagicLane));
    assert_eq!((w.start, w.end), (Some(7 * H), Some(18 * H + 6 * 60)));
    assert_eq!(w.end_bounds, EndBound::ServiceStart);
    let r = run(
        r#"{"customerId": 1838721, "location": [48.870852, 2.356148], "timeWindow": [420, 1086], "serviceTime": 0}"#,
        &ParseOptions::default(),
    );
    assert_eq!(r.window_paths, vec!["/timeWindow"]);
    // The caller may read the unit as seconds instead.
    let secs = ParseOptions {
        magic_lane_unit: Some(MagicLaneUnit::Seconds),
        ..ParseOptions::default()
    };
    assert_eq!(one(&run("[420, 1086]", &secs)).end, Some(1086));
    // Minutes beyond a day are refused, with a hint about seconds.
    let r = run("[36000, 50400]", &ParseOptions::default());
    assert_eq!(
        codes_of(&r),
        vec![("/0", "OUT_OF_RANGE"), ("/1", "OUT_OF_RANGE")]
    );
    let mut c = Checker::new();
    let ctx = TimeContext::default();
    assert_eq!(
        forms::format_magic_lane(w, MagicLaneUnit::Minutes, &ctx, &Path::root(), &mut c),
        Some([420, 1086])
    );
}

#[test]
fn magic_lane_minutes_refuse_a_window_with_no_whole_minute() {
    let ctx = TimeContext::default();
    let write = |start: i64, end: i64, unit: MagicLaneUnit| {
        let w = TimeWindow::local(Some(start), Some(end), EndBound::ServiceStart);
        let mut c = Checker::new();
        let out = forms::format_magic_lane(&w, unit, &ctx, &Path::root(), &mut c);
        let codes: Vec<String> = c.issues.iter().map(|i| i.code.to_string()).collect();
        (out, codes)
    };
    // 10:00:41 to 10:00:41: narrowed to whole minutes it would end before it starts and read
    // back as a window crossing midnight.
    let (out, codes) = write(36041, 36041, MagicLaneUnit::Minutes);
    assert_eq!(out, None);
    assert!(
        codes.contains(&"WINDOW_NOT_REPRESENTABLE".to_string()),
        "{codes:?}"
    );
    // Inside the day's last minute: it would start at 24:00.
    let (out, _) = write(86341, 86399, MagicLaneUnit::Minutes);
    assert_eq!(out, None);
    // In seconds both are fine; with a whole minute inside, minutes narrow to it.
    assert_eq!(
        write(36041, 36041, MagicLaneUnit::Seconds).0,
        Some([36041, 36041])
    );
    assert_eq!(
        write(36041, 36130, MagicLaneUnit::Minutes).0,
        Some([601, 602])
    );
}

#[test]
fn yandex_intervals_ending_at_midnight_are_written_in_the_crossing_form() {
    let ctx = TimeContext::default();
    let write = |start: i64, end: i64| {
        let w = TimeWindow::local(Some(start), Some(end), EndBound::ServiceStart);
        forms::format_yandex_interval(&w, &ctx, &Path::root(), &mut Checker::new())
    };
    // "22:00-00:00" crosses midnight (the documented form), not "22:00-24:00".
    assert_eq!(write(22 * H, 24 * H).as_deref(), Some("22:00-00:00"));
    assert_eq!(write(22 * H, 26 * H).as_deref(), Some("22:00-02:00"));
    // The whole day cannot be "00:00-00:00", which would read back as an empty window.
    assert_eq!(write(0, 24 * H).as_deref(), Some("00:00-24:00"));
    let r = run("\"00:00-24:00\"", &ParseOptions::default());
    assert_eq!((one(&r).start, one(&r).end), (Some(0), Some(24 * H)));
    // 24 hours starting later would read back as an empty window: refused.
    assert_eq!(write(60, 24 * H + 60), None);
}

// ------------------------------------------------------------------ zones and DST

#[test]
fn the_four_named_zones() {
    // Moscow: +03:00 all year.
    let r = run(
        "\"10:00-14:00\"",
        &opts(Some("Europe/Moscow"), Some("2024-07-01")),
    );
    assert_eq!(one(&r).start_unix, Some(1_719_817_200));
    // Kathmandu: +05:45.
    let r = run(
        "\"10:00-12:00\"",
        &opts(Some("Asia/Kathmandu"), Some("2024-05-01")),
    );
    assert_eq!(one(&r).start_unix, Some(1_714_536_900));
    // New York on the spring-forward day, after the jump: EDT.
    let r = run(
        "\"09:00-18:00\"",
        &opts(Some("America/New_York"), Some("2024-03-10")),
    );
    assert_eq!(one(&r).start_unix, Some(1_710_075_600));
    // Lord Howe, 30-minute DST: 02:15 on 2024-10-06 does not exist; moved 30 min forward.
    let r = run(
        "\"02:15-04:00\"",
        &opts(Some("Australia/Lord_Howe"), Some("2024-10-06")),
    );
    assert_eq!(r.windows[0].start_unix, Some(1_728_143_100));
    assert_eq!(codes_of(&r), vec![("", "DST_GAP")]);
    assert!(
        r.issues[0].message.contains("30 min"),
        "{}",
        r.issues[0].message
    );
    assert!(r.ok, "a DST decision is a warning");
    // Lord Howe fold: 01:45 on 2024-04-07 happens twice; the earlier one is taken.
    let r = run(
        "\"01:45-03:00\"",
        &opts(Some("Australia/Lord_Howe"), Some("2024-04-07")),
    );
    assert_eq!(r.windows[0].start_unix, Some(1_712_414_700));
    assert_eq!(codes_of(&r), vec![("", "DST_AMBIGUOUS")]);
}

#[test]
fn new_york_gap_and_fold_follow_the_documented_rule() {
    let r = run(
        "\"02:30-03:30\"",
        &opts(Some("America/New_York"), Some("2024-03-10")),
    );
    let w = &r.windows[0];
    // 02:30 EST does not exist: moved forward one hour to 03:30 EDT, the same instant as 03:30.
    assert_eq!(w.start_unix, w.end_unix);
    assert_eq!(codes_of(&r), vec![("", "DST_GAP")]);
    assert!(
        r.issues[0].message.contains("2024-03-10T02:30:00"),
        "{}",
        r.issues[0].message
    );
    assert!(
        r.issues[0].message.contains("03:30:00-04:00"),
        "{}",
        r.issues[0].message
    );
    let r = run(
        "\"01:30-03:00\"",
        &opts(Some("America/New_York"), Some("2024-11-03")),
    );
    assert_eq!(r.windows[0].start_unix, Some(1_730_611_800));
    assert_eq!(codes_of(&r), vec![("", "DST_AMBIGUOUS")]);
}

#[test]
fn local_to_absolute_needs_context_and_says_which() {
    let w = TimeWindow::local(Some(10 * H), Some(14 * H), EndBound::ServiceStart);
    let mut c = Checker::new();
    assert!(to_absolute(&w, &TimeContext::default(), &Path::root(), &mut c).is_none());
    let got: Vec<&str> = c.issues.iter().map(|i| i.code.as_ref()).collect();
    assert_eq!(got, vec![codes::DATE_REQUIRED, codes::TIME_ZONE_REQUIRED]);

    let mut c = Checker::new();
    let mut named = w.clone();
    named.date = Some("2024-03-22".into());
    named.time_zone = Some("Mars/Olympus".into());
    assert!(to_absolute(&named, &TimeContext::default(), &Path::root(), &mut c).is_none());
    assert_eq!(c.issues[0].code, codes::UNKNOWN_TIME_ZONE);
    assert_eq!(c.issues[0].path, "/timeZone");

    let e = parse_time_window(
        &parse("\"9-18\"").unwrap(),
        &opts(Some("Europe/Moskow"), None),
    )
    .unwrap_err();
    assert_eq!(e.code, codes::UNKNOWN_TIME_ZONE);
    let e = parse_time_window(&parse("\"9-18\"").unwrap(), &opts(None, Some("2024-02-30")))
        .unwrap_err();
    assert_eq!(e.code, "INVALID_OPTION");
}

#[test]
fn absolute_to_local_and_back() {
    let ctx = TimeContext::new(None, Zone::get("Asia/Kathmandu"));
    let zone = Zone::get("Asia/Kathmandu").unwrap();
    let w = TimeWindow::absolute(
        Some(1_714_536_900),
        Some(1_714_544_100),
        None,
        EndBound::Completion,
    );
    let mut c = Checker::new();
    let local = to_local(&w, &zone, &ctx, &Path::root(), &mut c).unwrap();
    assert_eq!(local.kind, WindowKind::Local);
    assert_eq!((local.start, local.end), (Some(10 * H), Some(12 * H)));
    assert_eq!(local.date.as_deref(), Some("2024-05-01"));
    let back = to_absolute(&local, &ctx, &Path::root(), &mut c).unwrap();
    assert_eq!((back.start, back.end), (w.start, w.end));
    assert_eq!(back.utc_offset_s, Some(20_700));
    assert!(c.issues.is_empty());
}

// ------------------------------------------------------------------ normalize and bounds

#[test]
fn windows_are_sorted_and_merged_with_warnings() {
    // Service-start windows (allowedDateTimes) merge when they overlap.
    let r = run(
        r#"{"allowedDateTimes": [{"from": "2024-03-22T12:00:00", "to": "2024-03-22T16:00:00"}, {"from": "2024-03-22T09:00:00", "to": "2024-03-22T13:00:00"}]}"#,
        &ParseOptions::default(),
    );
    assert_eq!(r.windows.len(), 1);
    assert_eq!(
        (r.windows[0].start, r.windows[0].end),
        (Some(9 * H), Some(16 * H))
    );
    assert_eq!(
        codes_of(&r),
        vec![("/allowedDateTimes/0", "WINDOWS_MERGED")]
    );
    assert_eq!(r.window_paths, vec!["/allowedDateTimes/1"]);
    // Service-end windows (timeWindows) merge only when one contains the other.
    let r = run(
        r#"{"timeWindows": [{"twFrom": "11:00", "twTo": "14:00"}, {"twFrom": "10:00", "twTo": "12:00"}, {"twFrom": "11:30", "twTo": "12:30"}]}"#,
        &ParseOptions::default(),
    );
    let got: Vec<_> = r.windows.iter().map(|w| (w.start, w.end)).collect();
    assert_eq!(
        got,
        vec![(Some(10 * H), Some(12 * H)), (Some(11 * H), Some(14 * H))]
    );
    assert_eq!(codes_of(&r), vec![("/timeWindows/2", "WINDOWS_MERGED")]);
    // merge: false keeps them all, in input order.
    let r = run(
        r#"{"timeWindows": [{"twFrom": "11:00", "twTo": "14:00"}, {"twFrom": "10:00", "twTo": "12:00"}]}"#,
        &ParseOptions {
            merge: Some(false),
            ..ParseOptions::default()
        },
    );
    assert_eq!(r.windows[0].start, Some(11 * H));
    // Windows of different meaning never merge.
    let mut c = Checker::new();
    let a = TimeWindow::local(Some(0), Some(10), EndBound::ServiceStart);
    let b = TimeWindow::local(Some(5), Some(15), EndBound::ServiceEnd);
    assert_eq!(normalize(vec![a, b], &Path::root(), &mut c).len(), 2);
}

#[test]
fn bounds_convert_by_the_service_duration_and_report_it() {
    // OptimoRoute twTo is the deadline to end service; Yandex bounds the start.
    let tw = TimeWindow::local(Some(10 * H), Some(14 * H), EndBound::ServiceEnd);
    let mut c = Checker::new();
    let s = convert_bounds(&tw, EndBound::ServiceStart, 1800, &Path::root(), &mut c).unwrap();
    assert_eq!((s.start, s.end), (Some(10 * H), Some(14 * H - 1800)));
    assert_eq!(c.issues[0].code, codes::BOUNDS_ADJUSTED);
    let back = convert_bounds(&s, EndBound::ServiceEnd, 1800, &Path::root(), &mut c).unwrap();
    assert_eq!(back, tw);
    // Wialon completion bounds: both move.
    let done = convert_bounds(&s, EndBound::Completion, 600, &Path::root(), &mut c).unwrap();
    assert_eq!(
        (done.start, done.end),
        (Some(10 * H + 600), Some(14 * H - 1200))
    );
    // A window shorter than the service cannot be converted.
    let short = TimeWindow::local(Some(10 * H), Some(10 * H + 900), EndBound::ServiceEnd);
    let mut c = Checker::new();
    assert!(convert_bounds(&short, EndBound::ServiceStart, 1800, &Path::root(), &mut c).is_none());
    assert_eq!(c.issues[0].code, codes::WINDOW_TOO_SHORT);
}

// ------------------------------------------------------------------ formatting

#[test]
fn formatting_into_each_vendor_form() {
    let ctx = TimeContext::new(
        CalendarDate::parse("2024-03-22"),
        Zone::get("Europe/Moscow"),
    );
    let p = Path::root();
    let mut c = Checker::new();
    let w = forms::parse_yandex_interval("22:00-02:00", &ctx, &p, &mut c).unwrap();
    assert_eq!(
        forms::format_yandex_interval(&w, &ctx, &p, &mut c).as_deref(),
        Some("22:00-02:00")
    );
    // OptimoRoute cannot cross midnight.
    assert!(forms::format_optimoroute_time_window(&w, &ctx, &p, &mut c).is_none());
    assert_eq!(
        c.issues.last().unwrap().code,
        codes::WINDOW_NOT_REPRESENTABLE
    );
    // An absolute window in OptimoRoute form, rounded inward to minutes.
    let mut c = Checker::new();
    let abs = TimeWindow::absolute(
        Some(1_711_090_830),
        Some(1_711_105_230),
        None,
        EndBound::ServiceEnd,
    );
    let tw = forms::format_optimoroute_time_window(&abs, &ctx, &p, &mut c).unwrap();
    assert_eq!((tw.tw_from.as_str(), tw.tw_to.as_str()), ("10:01", "14:00"));
    assert_eq!(tw.date.as_deref(), Some("2024-03-22"));
    assert_eq!(c.issues[0].code, codes::PRECISION_LOST);
    // The same absolute window as a Yandex ISO interval in the context zone.
    let mut c = Checker::new();
    assert_eq!(
        forms::format_yandex_interval(&abs, &ctx, &p, &mut c).as_deref(),
        Some("2024-03-22T10:00:30+03:00/2024-03-22T14:00:30+03:00")
    );
    let adt = forms::format_optimoroute_allowed_date_time(&abs, &ctx, &p, &mut c).unwrap();
    assert_eq!(adt.from.as_deref(), Some("2024-03-22T10:00:30"));
    // Open-ended windows cannot be a Yandex interval.
    let open = TimeWindow::local(Some(0), None, EndBound::ServiceStart);
    assert!(forms::format_yandex_interval(&open, &ctx, &p, &mut c).is_none());
}

#[test]
fn result_serializes_as_a_time_window_plus_ok_windows_issues() {
    let r = run(
        "\"10:00-14:00\"",
        &opts(Some("europe/moscow"), Some("2024-03-22")),
    );
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["ok"], true);
    assert_eq!(json["kind"], "local");
    assert_eq!(json["start"], 36_000);
    assert_eq!(json["timeZone"], "Europe/Moscow");
    assert_eq!(json["startUnix"], 1_711_090_800);
    assert_eq!(json["endBounds"], "serviceStart");
    assert_eq!(json["form"], "yandexInterval");
    assert_eq!(json["windows"][0]["endUnix"], 1_711_105_200);
    assert!(json["issues"].as_array().unwrap().is_empty());
    assert!(json.get("utcOffsetS").is_none());
    // A TimeWindow deserializes from its own JSON.
    let back: TimeWindow = serde_json::from_value(json["windows"][0].clone()).unwrap();
    assert_eq!(back, r.windows[0]);
}

#[test]
fn windows_format_back_into_each_vendor_json_form() {
    use orderbridge::time::format_time_windows;
    let r = run(
        r#"{"date": "2019-03-22", "timeWindows": [{"twFrom": "11:00", "twTo": "17:00"}, {"twFrom": "08:00", "twTo": "09:30"}]}"#,
        &opts(Some("America/New_York"), None),
    );
    let o = opts(Some("America/New_York"), Some("2019-03-22"));
    let out = |form| format_time_windows(&r.windows, form, &o).unwrap();
    let tw = out(Form::OptimoRouteTimeWindows);
    assert!(tw.ok, "{:?}", tw.issues);
    assert_eq!(
        tw.output.to_json(),
        r#"[{"twFrom":"08:00","twTo":"09:30"},{"twFrom":"11:00","twTo":"17:00"}]"#
    );
    // One-window forms write the first and report the rest.
    let y = out(Form::YandexInterval);
    assert_eq!(y.output.to_json(), r#""08:00-09:30""#);
    assert_eq!(
        y.issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_ref()))
            .collect::<Vec<_>>(),
        vec![("/1", "WINDOW_NOT_REPRESENTABLE")]
    );
    let first = &r.windows[..1];
    let w = format_time_windows(first, Form::Wialon, &o).unwrap();
    assert_eq!(w.output.to_json(), r#"{"tf":1553256000,"tt":1553261400}"#);
    let tw = format_time_windows(first, Form::YandexTimeWindow, &o).unwrap();
    assert_eq!(
        tw.output.to_json(),
        r#"{"start":"2019-03-22T08:00:00-04:00","end":"2019-03-22T09:30:00-04:00"}"#
    );
    let ml = format_time_windows(first, Form::MagicLane, &o).unwrap();
    assert_eq!(ml.output.to_json(), "[480,570]");
    let adt = format_time_windows(first, Form::OptimoRouteAllowedDateTimes, &o).unwrap();
    assert_eq!(
        adt.output.to_json(),
        r#"[{"from":"2019-03-22T08:00:00","to":"2019-03-22T09:30:00"}]"#
    );
    // A local window that names no zone cannot become Wialon UNIX times without one.
    let bare = TimeWindow::local(Some(8 * H), Some(9 * H), EndBound::ServiceEnd);
    let w = format_time_windows(&[bare], Form::Wialon, &opts(None, Some("2019-03-22"))).unwrap();
    assert!(!w.ok);
    assert_eq!(w.issues[0].code, codes::TIME_ZONE_REQUIRED);
    assert!(format_time_windows(first, Form::OptimoRoute, &o).is_err());
}

#[test]
fn absurd_local_bounds_are_reported_not_dropped() {
    let ctx = TimeContext::new(
        CalendarDate::parse("2024-03-22"),
        Zone::get("Europe/Moscow"),
    );
    let w = TimeWindow::local(Some(i64::MAX - 5), None, EndBound::ServiceStart);
    let mut c = Checker::new();
    assert!(to_absolute(&w, &ctx, &Path::root(), &mut c).is_none());
    assert_eq!(c.issues.len(), 1);
    assert_eq!(c.issues[0].code, "OUT_OF_RANGE");
    let w = TimeWindow::local(Some(400 * 365 * 86_400 * 30), None, EndBound::ServiceStart);
    let mut c = Checker::new();
    assert!(to_absolute(&w, &ctx, &Path::root(), &mut c).is_none());
    assert_eq!(c.issues[0].code, "OUT_OF_RANGE");
}

#[test]
fn form_names_start_with_the_vendor_id() {
    let names: Vec<String> = [
        Form::YandexInterval,
        Form::YandexIntervalSecs,
        Form::YandexTimeWindow,
        Form::YandexOrder,
        Form::Wialon,
        Form::OptimoRoute,
        Form::OptimoRouteTimeWindows,
        Form::OptimoRouteAllowedDateTimes,
        Form::OptimoRouteWorkTime,
        Form::MagicLane,
    ]
    .iter()
    .map(|f| serde_json::to_string(f).unwrap())
    .collect();
    assert_eq!(
        names.join(" "),
        r#""yandexInterval" "yandexIntervalSecs" "yandexTimeWindow" "yandexOrder" "wialon" "optimoroute" "optimorouteTimeWindows" "optimorouteAllowedDateTimes" "optimorouteWorkTime" "magiclane""#
    );
    let f: Form = serde_json::from_str(r#""magiclane""#).unwrap();
    assert_eq!(f, Form::MagicLane);
}
