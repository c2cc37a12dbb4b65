//! `validate(format, payload)`: the entry point shared by Rust callers and the JS binding.

use crate::check::Checker;
use crate::issue::{codes, Report, UsageError};
use crate::json::{self, Path, Value};
use crate::model;
use crate::vendor::{self, ValidateOptions, Vendor};

/// A payload format: the canonical model or one vendor's.
#[derive(Clone, Copy)]
pub enum Format {
    /// The vendor-neutral model of [`crate::model`].
    Canonical,
    /// A vendor's own format.
    Vendor(&'static dyn Vendor),
}

impl std::fmt::Debug for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

impl Format {
    /// Looks a format up by its id (`"canonical"`, `"wialon"`, `"yandex"`, `"optimoroute"`,
    /// `"magiclane"`).
    pub fn from_id(id: &str) -> Result<Format, UsageError> {
        if id == "canonical" {
            return Ok(Format::Canonical);
        }
        vendor::vendor(id).map(Format::Vendor).ok_or_else(|| {
            let known = std::iter::once("canonical")
                .chain(vendor::VENDORS.iter().map(|v| v.id()))
                .map(|n| format!("\"{n}\""))
                .collect::<Vec<_>>()
                .join(", ");
            UsageError::new(
                codes::UNKNOWN_FORMAT,
                format!("unknown format \"{id}\"; use one of {known}."),
            )
        })
    }

    /// The format id.
    pub fn id(&self) -> &'static str {
        match self {
            Format::Canonical => "canonical",
            Format::Vendor(v) => v.id(),
        }
    }
}

/// Validates a parsed payload. Problems in the payload are issues in the report, never errors.
pub fn validate_value(format: Format, payload: &Value, options: &ValidateOptions) -> Report {
    let mut ck = Checker::new();
    let kind = match format {
        Format::Canonical => {
            if options.endpoint.is_some() || options.call_mode.is_some() || options.response {
                ck.warning(
                    &Path::root(),
                    codes::CONFLICTING_FIELDS,
                    "the canonical format has no endpoints, call modes or responses; those options were ignored.",
                );
            }
            match model::read_payload(payload, &Path::root(), &mut ck) {
                Some(model::CanonicalPayload::Order(_)) => Some("order".to_string()),
                Some(model::CanonicalPayload::Batch(_)) => Some("batch".to_string()),
                None => None,
            }
        }
        Format::Vendor(v) => v.validate(payload, options, &mut ck).map(|d| d.kind),
    };
    let report = Report::new(ck.issues);
    match kind {
        Some(k) => report.with_kind(k),
        None => report,
    }
}

/// Parses `text` as JSON and validates it. Text that is not JSON is a [`UsageError`]
/// (`INVALID_JSON`, with the position) — unless the vendor has a documented non-JSON form for
/// it (Wialon's `svc=...&params=...`), which is then validated as a string payload.
pub fn validate_text(
    format: Format,
    text: &str,
    options: &ValidateOptions,
) -> Result<Report, UsageError> {
    match json::parse(text) {
        Ok(v) => Ok(validate_value(format, &v, options)),
        Err(e) => {
            if let Format::Vendor(v) = format {
                if v.accepts_text(text) {
                    let payload = Value::str(text);
                    return Ok(validate_value(format, &payload, options));
                }
            }
            Err(parse_error(&e))
        }
    }
}

/// The usage error for text that is not JSON.
pub fn parse_error(e: &json::ParseError) -> UsageError {
    if e.too_deep {
        UsageError::new(
            codes::TOO_DEEP,
            format!(
                "the payload is nested deeper than {} levels ({e}).",
                json::MAX_DEPTH
            ),
        )
    } else {
        UsageError::new(
            codes::INVALID_JSON,
            format!("the payload is not valid JSON: {e}. Pass a JSON text or a plain object."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_format_lists_the_known_ones() {
        let e = Format::from_id("optimo").unwrap_err();
        assert_eq!(e.code, codes::UNKNOWN_FORMAT);
        assert!(e.message.contains("\"canonical\""));
    }

    #[test]
    fn not_json_is_a_usage_error_with_position() {
        let e =
            validate_text(Format::Canonical, "{\"a\": }", &ValidateOptions::default()).unwrap_err();
        assert_eq!(e.code, codes::INVALID_JSON);
        assert!(e.message.contains("column 7"), "{}", e.message);
    }

    #[test]
    fn canonical_order_reports_every_problem() {
        let text = r#"{"number": 5, "location": {"lat": 120, "lon": 45}, "priority": "urgent",
                       "load": {"custom": [1, 2, 3, 4, 5]}, "colour": "red"}"#;
        let r = validate_text(Format::Canonical, text, &ValidateOptions::default()).unwrap();
        let got: Vec<(&str, &str)> = r
            .issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_ref()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("/number", codes::INVALID_TYPE),
                ("/location/lat", codes::OUT_OF_RANGE),
                ("/location/lat", codes::COORDINATES_SWAPPED),
                ("/priority", codes::UNKNOWN_ENUM_VALUE),
                ("/load/custom", codes::TOO_MANY_ITEMS),
                ("/colour", codes::UNKNOWN_FIELD),
            ]
        );
        assert!(!r.ok);
        assert_eq!(r.kind.as_deref(), Some("order"));
    }
}
