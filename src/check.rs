//! The shared toolkit every validator uses: typed reads of JSON values that record an [`Issue`]
//! at the value's path when the value is not what the format requires.
//!
//! Each read returns `Option`: `None` means "absent or unusable, already reported", so a rule is
//! one line and a validator never stops at the first problem.

use crate::issue::{codes, Issue, Severity};
use crate::json::{Object, Path, Value};

/// Collects issues while a payload is walked.
#[derive(Debug, Default)]
pub struct Checker {
    /// Issues found so far, in walk order.
    pub issues: Vec<Issue>,
}

impl Checker {
    /// An empty checker.
    pub fn new() -> Self {
        Checker { issues: Vec::new() }
    }

    /// True when at least one error has been recorded.
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }

    /// Number of errors recorded.
    pub fn error_count(&self) -> usize {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Error)
            .count()
    }

    /// True when an error was recorded at or after issue number `from` (a mark taken from
    /// `issues.len()`): a batch reader judges one item without rescanning the issues of all
    /// the items before it, which would make a batch quadratic.
    pub fn errors_since(&self, from: usize) -> bool {
        self.issues
            .get(from..)
            .is_some_and(|recent| recent.iter().any(Issue::is_error))
    }

    /// Records an error at `path`.
    pub fn error(
        &mut self,
        path: &Path,
        code: &'static str,
        message: impl Into<crate::issue::Text>,
    ) {
        self.issues
            .push(Issue::error(path.to_pointer(), code, message));
    }

    /// Records a warning at `path`.
    pub fn warning(
        &mut self,
        path: &Path,
        code: &'static str,
        message: impl Into<crate::issue::Text>,
    ) {
        self.issues
            .push(Issue::warning(path.to_pointer(), code, message));
    }

    /// Records an issue built by the caller (e.g. with a vendor code).
    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }

    /// Records that required field `field` of the object at `object` is missing. The path points
    /// at where the field should be, so a form can show the message next to it.
    pub fn missing(&mut self, object: &Path, field: &str, what: &str) {
        let p = object.key(field);
        self.error(
            &p,
            codes::MISSING_FIELD,
            format!("`{field}` is required: {what}."),
        );
    }

    /// Records a field the format does not define.
    pub fn unknown_field(&mut self, path: &Path, format: &str) {
        self.warning(
            path,
            codes::UNKNOWN_FIELD,
            format!(
                "{} is not a field of {format}; it will be ignored or rejected.",
                path.name()
            ),
        );
    }

    fn wrong_type(&mut self, v: &Value, path: &Path, expected: &str) {
        self.error(
            path,
            codes::INVALID_TYPE,
            format!("{} must be {expected}, not {}.", path.name(), describe(v)),
        );
    }

    /// An object.
    pub fn object<'v, 'a>(&mut self, v: &'v Value<'a>, path: &Path) -> Option<&'v Object<'a>> {
        match v {
            Value::Object(o) => Some(o),
            _ => {
                self.wrong_type(v, path, "an object");
                None
            }
        }
    }

    /// An array.
    pub fn array<'v, 'a>(&mut self, v: &'v Value<'a>, path: &Path) -> Option<&'v [Value<'a>]> {
        match v {
            Value::Array(a) => Some(a),
            _ => {
                self.wrong_type(v, path, "an array");
                None
            }
        }
    }

    /// An array of at most `max` items; more is `TOO_MANY_ITEMS` (the items are still returned so
    /// that they are all checked).
    pub fn array_max<'v, 'a>(
        &mut self,
        v: &'v Value<'a>,
        path: &Path,
        max: usize,
    ) -> Option<&'v [Value<'a>]> {
        let items = self.array(v, path)?;
        if items.len() > max {
            self.error(
                path,
                codes::TOO_MANY_ITEMS,
                format!(
                    "{} holds {} items; at most {max} are allowed. Split it into several requests.",
                    path.name(),
                    items.len()
                ),
            );
        }
        Some(items)
    }

    /// A string.
    pub fn string<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v str> {
        match v {
            Value::String(s) => Some(s),
            _ => {
                self.wrong_type(v, path, "a string");
                None
            }
        }
    }

    /// A string, or `null` (which reads as absent without an issue).
    pub fn nullable_string<'v>(&mut self, v: &'v Value, path: &Path) -> Option<&'v str> {
        if v.is_null() {
            None
        } else {
            self.string(v, path)
        }
    }

    /// A string of at most `max` characters (counted as Unicode scalar values).
    pub fn string_max<'v>(&mut self, v: &'v Value, path: &Path, max: usize) -> Option<&'v str> {
        let s = self.string(v, path)?;
        self.max_len(s, path, max);
        Some(s)
    }

    /// Records `TOO_LONG` when `s` has more than `max` characters.
    pub fn max_len(&mut self, s: &str, path: &Path, max: usize) {
        // Byte length bounds the character count from above: skip counting short strings.
        if s.len() > max {
            let n = s.chars().count();
            if n > max {
                self.error(
                    path,
                    codes::TOO_LONG,
                    format!(
                        "{} is {n} characters long; at most {max} are allowed.",
                        path.name()
                    ),
                );
            }
        }
    }

    /// A finite number.
    pub fn number(&mut self, v: &Value, path: &Path) -> Option<f64> {
        match v {
            Value::Number(n) => {
                let x = n.as_f64();
                if x.is_finite() {
                    Some(x)
                } else {
                    self.error(
                        path,
                        codes::OUT_OF_RANGE,
                        format!("{} is too large to be a number.", path.name()),
                    );
                    None
                }
            }
            _ => {
                self.wrong_type(v, path, "a number");
                None
            }
        }
    }

    /// A number, or `null` (absent without an issue).
    pub fn nullable_number(&mut self, v: &Value, path: &Path) -> Option<f64> {
        if v.is_null() {
            None
        } else {
            self.number(v, path)
        }
    }

    /// A number within `[min, max]` (either bound optional); `None` when outside.
    pub fn number_in(
        &mut self,
        v: &Value,
        path: &Path,
        min: Option<f64>,
        max: Option<f64>,
    ) -> Option<f64> {
        let x = self.number(v, path)?;
        self.range(x, path, min, max).then_some(x)
    }

    /// Records `OUT_OF_RANGE` when `x` is outside `[min, max]`; returns whether it was inside.
    pub fn range(&mut self, x: f64, path: &Path, min: Option<f64>, max: Option<f64>) -> bool {
        let below = min.is_some_and(|m| x < m);
        let above = max.is_some_and(|m| x > m);
        if below || above {
            let allowed = match (min, max) {
                (Some(lo), Some(hi)) => format!("between {lo} and {hi}"),
                (Some(lo), None) => format!("at least {lo}"),
                (None, Some(hi)) => format!("at most {hi}"),
                (None, None) => String::new(),
            };
            self.error(
                path,
                codes::OUT_OF_RANGE,
                format!("{} is {x}; it must be {allowed}.", path.name()),
            );
            return false;
        }
        true
    }

    /// An integer (a JSON number with no fractional part).
    pub fn integer(&mut self, v: &Value, path: &Path) -> Option<i64> {
        match v {
            Value::Number(n) => match n.as_i64() {
                Some(i) => Some(i),
                None => {
                    self.error(
                        path,
                        codes::INVALID_TYPE,
                        format!("{} must be a whole number, not {}.", path.name(), n.raw()),
                    );
                    None
                }
            },
            _ => {
                self.wrong_type(v, path, "a whole number");
                None
            }
        }
    }

    /// An integer within `[min, max]`.
    pub fn integer_in(&mut self, v: &Value, path: &Path, min: i64, max: i64) -> Option<i64> {
        let i = self.integer(v, path)?;
        if i < min || i > max {
            self.error(
                path,
                codes::OUT_OF_RANGE,
                format!(
                    "{} is {i}; it must be between {min} and {max}.",
                    path.name()
                ),
            );
            return None;
        }
        Some(i)
    }

    /// A non-negative integer.
    pub fn unsigned(&mut self, v: &Value, path: &Path) -> Option<u64> {
        let i = self.integer(v, path)?;
        if i < 0 {
            self.error(
                path,
                codes::OUT_OF_RANGE,
                format!("{} is {i}; it must be 0 or more.", path.name()),
            );
            return None;
        }
        Some(i as u64)
    }

    /// A boolean.
    pub fn boolean(&mut self, v: &Value, path: &Path) -> Option<bool> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(v, path, "true or false");
                None
            }
        }
    }

    /// A string that must be one of `allowed`; returns the matching static value.
    pub fn one_of(
        &mut self,
        v: &Value,
        path: &Path,
        allowed: &[&'static str],
    ) -> Option<&'static str> {
        let s = self.string(v, path)?;
        self.enum_str(s, path, allowed)
    }

    /// Checks that `s` is one of `allowed`.
    pub fn enum_str(
        &mut self,
        s: &str,
        path: &Path,
        allowed: &[&'static str],
    ) -> Option<&'static str> {
        if let Some(found) = allowed.iter().find(|a| **a == s) {
            return Some(found);
        }
        let hint = allowed
            .iter()
            .find(|a| a.eq_ignore_ascii_case(s))
            .map(|a| format!(" (values are case-sensitive: did you mean \"{a}\"?)"))
            .unwrap_or_default();
        self.error(
            path,
            codes::UNKNOWN_ENUM_VALUE,
            format!(
                "{} is \"{s}\"; allowed values are {}{hint}.",
                path.name(),
                quote_list(allowed)
            ),
        );
        None
    }

    /// An integer that must be one of `allowed` (numeric enums such as Magic Lane `type`).
    pub fn int_enum(&mut self, v: &Value, path: &Path, allowed: &[(i64, &str)]) -> Option<i64> {
        let i = self.integer(v, path)?;
        if allowed.iter().any(|(k, _)| *k == i) {
            return Some(i);
        }
        let list = allowed
            .iter()
            .map(|(k, name)| format!("{k} ({name})"))
            .collect::<Vec<_>>()
            .join(", ");
        self.error(
            path,
            codes::UNKNOWN_ENUM_VALUE,
            format!("{} is {i}; allowed values are {list}.", path.name()),
        );
        None
    }

    /// A latitude in degrees, within ±90.
    pub fn latitude(&mut self, v: &Value, path: &Path) -> Option<f64> {
        self.number_in(v, path, Some(-90.0), Some(90.0))
    }

    /// A longitude in degrees, within ±180.
    pub fn longitude(&mut self, v: &Value, path: &Path) -> Option<f64> {
        self.number_in(v, path, Some(-180.0), Some(180.0))
    }

    /// Warns when a latitude/longitude pair looks swapped: the latitude is out of ±90 while the
    /// longitude would be a valid latitude. Call it before range-checking, with raw numbers.
    pub fn swapped_coordinates(
        &mut self,
        lat: f64,
        lon: f64,
        path: &Path,
        lat_name: &str,
        lon_name: &str,
    ) {
        if lat.abs() > 90.0 && lat.abs() <= 180.0 && lon.abs() <= 90.0 {
            self.warning(
                path,
                codes::COORDINATES_SWAPPED,
                format!(
                    "{lat_name} {lat} is not a latitude but {lon_name} {lon} could be: the two look swapped."
                ),
            );
        }
    }

    /// A calendar date in `YYYY-MM-DD` form.
    pub fn date(&mut self, v: &Value, path: &Path) -> Option<CalendarDate> {
        let s = self.string(v, path)?;
        match CalendarDate::parse(s) {
            Some(d) => Some(d),
            None => {
                self.error(
                    path,
                    codes::INVALID_FORMAT,
                    format!(
                        "{} is \"{s}\"; expected a calendar date as YYYY-MM-DD, e.g. 2024-03-22.",
                        path.name()
                    ),
                );
                None
            }
        }
    }

    /// Moves issues from another checker, prefixing their paths.
    pub fn absorb(&mut self, issues: Vec<Issue>, prefix: &str) {
        self.issues
            .extend(issues.into_iter().map(|i| i.under(prefix)));
    }
}

/// A proleptic Gregorian calendar date, checked (no February 30).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CalendarDate {
    /// Year (1..=9999).
    pub year: i16,
    /// Month 1..=12.
    pub month: i8,
    /// Day 1..=31.
    pub day: i8,
}

impl CalendarDate {
    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<CalendarDate> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        // Digit by digit: a batch parses each order's date more than once, and the general
        // integer parser is several times slower for these fixed fields.
        let num = |r: std::ops::Range<usize>| -> Option<i32> {
            b.get(r)?.iter().try_fold(0i32, |n, &c| {
                c.is_ascii_digit().then(|| n * 10 + i32::from(c - b'0'))
            })
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if year < 1 || !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
            return None;
        }
        Some(CalendarDate {
            year: year as i16,
            month: month as i8,
            day: day as i8,
        })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(&self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let (y, m, d) = (
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl std::fmt::Display for CalendarDate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn days_in_month(year: i32, month: i32) -> i32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Describes a value for a message: its type, and a short excerpt for scalars.
pub fn describe(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {}", n.raw()),
        Value::String(s) => {
            let excerpt: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the string \"{excerpt}{more}\"")
        }
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// `"a", "b" or "c"` for messages.
pub fn quote_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("\"{s}\"")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn reads_record_issues_with_paths() {
        let v = parse(r#"{"lat": 95, "n": "abcdef", "t": "X", "i": 1.5}"#).unwrap();
        let root = Path::root();
        let mut c = Checker::new();
        let o = c.object(&v, &root).unwrap();
        let p = root.key("lat");
        assert_eq!(c.latitude(o.get("lat").unwrap(), &p), None);
        let p = root.key("n");
        c.string_max(o.get("n").unwrap(), &p, 3);
        let p = root.key("t");
        c.one_of(o.get("t").unwrap(), &p, &["D", "P", "T"]);
        let p = root.key("i");
        c.integer(o.get("i").unwrap(), &p);
        let got: Vec<(&str, &str)> = c
            .issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_ref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/lat", codes::OUT_OF_RANGE),
                ("/n", codes::TOO_LONG),
                ("/t", codes::UNKNOWN_ENUM_VALUE),
                ("/i", codes::INVALID_TYPE)
            ]
        );
    }

    #[test]
    fn dates_are_calendar_checked() {
        assert!(CalendarDate::parse("2024-02-29").is_some());
        assert!(CalendarDate::parse("2023-02-29").is_none());
        assert!(CalendarDate::parse("2023-13-01").is_none());
        assert!(CalendarDate::parse("2023-1-01").is_none());
        assert_eq!(
            CalendarDate::parse("1970-01-02")
                .unwrap()
                .days_since_epoch(),
            1
        );
        assert_eq!(
            CalendarDate::parse("2000-03-01")
                .unwrap()
                .days_since_epoch(),
            11017
        );
    }

    #[test]
    fn enum_hint_for_case() {
        let v = parse(r#""d""#).unwrap();
        let mut c = Checker::new();
        c.one_of(&v, &Path::root(), &["D", "P"]);
        assert!(c.issues[0].message.contains("did you mean \"D\""));
    }
}
