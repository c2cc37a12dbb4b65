//! Google encoded polylines (Wialon `rp`, OptimoRoute `routePolyline`) at any precision from 0 to
//! 9 decimal digits: 5 is Google's and the vendors', 6 is OSRM's and Valhalla's.
//!
//! Encoding goes through the `polyline` crate once the coordinates are validated. Decoding is
//! done here, in one pass over the bytes into a flat `Vec<f64>`, because `polyline` 0.11's decoder
//! (a) accepts a string that ends in the middle of a value (the last, incomplete value is kept as
//! if complete), (b) accepts bytes above `~` (so non-ASCII text decodes to garbage coordinates),
//! (c) adds deltas with unchecked `i64` arithmetic (a panic in debug builds, a silent wrap-around in
//! release builds, on long runs of continuation characters), and (d) allocates a `LineString` that
//! would then have to be copied into the flat array the JavaScript API returns. Every malformed
//! string here is an [`Issue`] naming the character where the problem is; the tests check the
//! results against the crate on valid input.

use crate::issue::{codes, Issue};
use crate::json::Path;
use crate::UsageError;

/// Decimal digits kept by an encoded polyline: coordinates are multiplied by `10^digits` and
/// rounded to integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Precision(u32);

impl Precision {
    /// 5 digits (about 1.1 m): Google's algorithm, Wialon `rp`, OptimoRoute `routePolyline`.
    pub const GOOGLE: Precision = Precision(5);
    /// 6 digits (about 0.11 m): OSRM and Valhalla.
    pub const OSRM: Precision = Precision(6);

    /// A precision of `digits` decimal digits, 0 to 9 (beyond 9, 180·10^digits no longer fits the
    /// integer arithmetic the format implies in every implementation).
    pub fn new(digits: u32) -> Result<Precision, UsageError> {
        if digits <= 9 {
            Ok(Precision(digits))
        } else {
            Err(UsageError::new(
                codes::INVALID_OPTION,
                format!(
                    "precision {digits} is not supported: use 5 (Google, Wialon, OptimoRoute) or 6 \
                     (OSRM, Valhalla); any whole number from 0 to 9 is accepted."
                ),
            ))
        }
    }

    /// The number of decimal digits.
    pub fn digits(self) -> u32 {
        self.0
    }

    /// `10^digits` as a float (exact for every supported precision).
    fn factor(self) -> f64 {
        10f64.powi(self.0 as i32)
    }

    /// `10^digits` as an integer.
    fn factor_int(self) -> i64 {
        10i64.pow(self.0)
    }
}

impl Default for Precision {
    fn default() -> Self {
        Precision::GOOGLE
    }
}

/// Decodes an encoded polyline into a flat `[lat, lon, lat, lon, ...]` array in degrees.
///
/// An empty string is an empty line. A malformed string is an `INVALID_FORMAT` issue (a character
/// outside `?`..`~`, a string that ends inside a value or after a latitude without its longitude,
/// a value longer than 12 characters) and a decoded coordinate beyond ±90° / ±180° is an
/// `OUT_OF_RANGE` issue; both messages give the character index (0-based) where the offending
/// value starts or the bad character sits.
pub fn decode_polyline(encoded: &str, precision: Precision) -> Result<Vec<f64>, Issue> {
    let mut out = Vec::new();
    decode_polyline_into(encoded, precision, &mut out)?;
    out.shrink_to_fit();
    Ok(out)
}

/// [`decode_polyline`] into a caller's buffer (cleared first), so that repeated decodes reuse one
/// allocation. On error the buffer holds the points decoded before the problem.
pub fn decode_polyline_into(
    encoded: &str,
    precision: Precision,
    out: &mut Vec<f64>,
) -> Result<(), Issue> {
    decode_polyline_bytes_into(encoded.as_bytes(), precision, out)
}

/// [`decode_polyline_into`] over the string's bytes (for callers that hold UTF-8 bytes rather
/// than a `str`; bytes that are not ASCII are reported as bad characters).
pub fn decode_polyline_bytes_into(
    bytes: &[u8],
    precision: Precision,
    out: &mut Vec<f64>,
) -> Result<(), Issue> {
    out.clear();
    // Every value takes at least one byte, so this capacity is never exceeded (counting the
    // values first would cost another pass, as much as the decoding itself in wasm).
    out.reserve(bytes.len() + 1);
    decode_bytes(bytes, precision, out).map_err(|m| m.into_issue(bytes, precision))
}

/// What is wrong with a string, found on the hot path and turned into an [`Issue`] only once.
#[derive(Debug, Clone, Copy)]
enum Malformed {
    /// A bad byte at this index.
    BadCharacter(usize),
    /// The string ends inside the value starting at this index.
    EndsInsideValue(usize),
    /// The string ends after a latitude, at this index.
    EndsAfterLatitude(usize),
    /// The value starting at this index is too long.
    ValueTooLong(usize),
    /// The latitude (`true`) or longitude starting at this index decodes beyond its range, to
    /// this scaled integer.
    OutOfRange(bool, usize, i64),
}

impl Malformed {
    #[cold]
    fn into_issue(self, bytes: &[u8], precision: Precision) -> Issue {
        let format = |message: String| Issue::error("", codes::INVALID_FORMAT, message);
        match self {
            Malformed::BadCharacter(index) => bad_character(bytes, index),
            Malformed::EndsInsideValue(start) => format(format!(
                "The encoded polyline ends inside a value (the value starting at character \
                 {start} is incomplete): the string is truncated."
            )),
            Malformed::EndsAfterLatitude(pos) => format(format!(
                "The encoded polyline ends after a latitude without its longitude (at character \
                 {pos}): the string is truncated."
            )),
            Malformed::ValueTooLong(start) => format(format!(
                "The value starting at character {start} of the encoded polyline is longer than \
                 {MAX_VALUE_CHARS} characters, too large for a coordinate: the string is corrupt."
            )),
            Malformed::OutOfRange(is_lat, start, scaled) => {
                let (what, limit) = if is_lat {
                    ("latitude", 90.0)
                } else {
                    ("longitude", 180.0)
                };
                out_of_range(what, scaled as f64 / precision.factor(), start, limit)
            }
        }
    }
}

fn decode_bytes(bytes: &[u8], precision: Precision, out: &mut Vec<f64>) -> Result<(), Malformed> {
    let factor = precision.factor();
    let lat_limit = 90 * precision.factor_int();
    let lon_limit = 180 * precision.factor_int();
    let (mut lat, mut lon) = (0i64, 0i64);
    let mut pos = 0usize;
    while pos < bytes.len() {
        let lat_start = pos;
        lat += read_value(bytes, &mut pos)?;
        if lat.abs() > lat_limit {
            return Err(Malformed::OutOfRange(true, lat_start, lat));
        }
        if pos >= bytes.len() {
            return Err(Malformed::EndsAfterLatitude(pos));
        }
        let lon_start = pos;
        lon += read_value(bytes, &mut pos)?;
        if lon.abs() > lon_limit {
            return Err(Malformed::OutOfRange(false, lon_start, lon));
        }
        // Dividing the exact integer by 10^digits gives the same double as JavaScript decoders.
        out.push(lat as f64 / factor);
        out.push(lon as f64 / factor);
    }
    Ok(())
}

/// Longest value accepted, in characters: 12 × 5 = 60 bits. A coordinate delta needs at most 8
/// (360·10^9 < 2^39, doubled for the sign bit), so anything longer is not a polyline.
const MAX_VALUE_CHARS: usize = 12;

/// Reads one zig-zag encoded value starting at `*pos` and advances past it. Every byte before
/// `*pos` has been checked to be ASCII, so byte indexes are character indexes.
#[inline(always)]
fn read_value(bytes: &[u8], pos: &mut usize) -> Result<i64, Malformed> {
    let start = *pos;
    let mut result: u64 = 0;
    let mut shift = 0u32;
    let mut i = start;
    loop {
        let Some(&byte) = bytes.get(i) else {
            return Err(Malformed::EndsInsideValue(start));
        };
        let chunk = byte.wrapping_sub(63);
        if chunk > 63 {
            return Err(Malformed::BadCharacter(i));
        }
        result |= u64::from(chunk & 0x1f) << shift;
        i += 1;
        if chunk < 0x20 {
            break;
        }
        shift += 5;
        if i - start >= MAX_VALUE_CHARS {
            return Err(Malformed::ValueTooLong(start));
        }
    }
    *pos = i;
    // result < 2^60, so the shifted value fits in i64 with either sign.
    let magnitude = (result >> 1) as i64;
    Ok(if result & 1 == 1 {
        -magnitude - 1
    } else {
        magnitude
    })
}

fn bad_character(bytes: &[u8], index: usize) -> Issue {
    // The bytes before `index` are ASCII, so a multi-byte character starts exactly at `index`.
    let shown = std::str::from_utf8(bytes.get(index..).unwrap_or_default())
        .ok()
        .and_then(|rest| rest.chars().next())
        .or_else(|| bytes.get(index).map(|&b| char::from(b)))
        .unwrap_or('?');
    Issue::error(
        "",
        codes::INVALID_FORMAT,
        format!(
            "Character {index} of the encoded polyline ({}) is not part of the format: only the \
             characters from '?' to '~' (ASCII 63 to 126) can appear.",
            shown.escape_debug()
        ),
    )
}

fn out_of_range(what: &str, value: f64, start: usize, limit: f64) -> Issue {
    Issue::error(
        "",
        codes::OUT_OF_RANGE,
        format!(
            "The encoded polyline decodes to {what} {value} at character {start}, beyond ±{limit}°: \
             the string is corrupt or was encoded with a higher precision (OSRM and Valhalla use 6)."
        ),
    )
}

/// Encodes a flat `[lat, lon, lat, lon, ...]` array in degrees as a polyline.
///
/// Coordinates are rounded half away from zero to `precision` digits, as Google's algorithm and
/// `@mapbox/polyline` do. An odd-length array is an `INVALID_GEOMETRY` issue at `""`; a
/// coordinate that is not finite or is out of range is an `OUT_OF_RANGE` issue at `/<pair>/0` or
/// `/<pair>/1` (the first one found).
pub fn encode_polyline(lat_lon: &[f64], precision: Precision) -> Result<String, Issue> {
    let mut issues = Vec::new();
    if !super::coords::check_lat_lon_slice(lat_lon, &Path::root(), &mut issues) {
        return Err(issues.swap_remove(0));
    }
    let coords = lat_lon.chunks_exact(2).map(|pair| ::geo::Coord {
        x: pair[1],
        y: pair[0],
    });
    polyline::encode_coordinates(coords, precision.digits()).map_err(|e| {
        // Unreachable after validation (the crate only fails on out-of-range input); kept as an
        // issue rather than a panic.
        Issue::error(
            "",
            codes::INVALID_FORMAT,
            format!("The coordinates cannot be encoded: {e}."),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const GOOGLE_EXAMPLE: &str = "_p~iF~ps|U_ulLnnqC_mqNvxq`@";

    #[test]
    fn google_documentation_example() {
        let decoded = decode_polyline(GOOGLE_EXAMPLE, Precision::GOOGLE).unwrap();
        assert_eq!(decoded, vec![38.5, -120.2, 40.7, -120.95, 43.252, -126.453]);
        assert_eq!(
            encode_polyline(&decoded, Precision::GOOGLE).unwrap(),
            GOOGLE_EXAMPLE
        );
    }

    #[test]
    fn precision_six_example() {
        // The same line at precision 6, as OSRM and Valhalla encode it.
        let six = "_izlhA~rlgdF_{geC~ywl@_kwzCn`{nI";
        assert_eq!(
            decode_polyline(six, Precision::OSRM).unwrap(),
            vec![38.5, -120.2, 40.7, -120.95, 43.252, -126.453]
        );
        // Read with the wrong precision, the first latitude is 385° and the issue says why.
        let err = decode_polyline(six, Precision::GOOGLE).unwrap_err();
        assert_eq!(err.code, codes::OUT_OF_RANGE);
        assert!(err.message.contains("character 0"), "{}", err.message);
        assert!(err.message.contains("precision"), "{}", err.message);
    }

    #[test]
    fn optimoroute_route_polyline_fixture() {
        // The start of `routePolyline` in the OptimoRoute get_routes example: Chicago, a few
        // kilometres from the route's stop at Oak Park (41.885, -87.785).
        let encoded = "_}l~FlezvO????Ag@?Y?U?s@?c@AgCAmB";
        let d = decode_polyline(encoded, Precision::GOOGLE).unwrap();
        assert_eq!(&d[..2], &[41.85056, -87.79367]);
        // '?' is a zero delta: repeated points are kept, not dropped.
        assert_eq!(&d[2..4], &d[..2]);
        assert_eq!(d.len() % 2, 0);
        assert_eq!(encode_polyline(&d, Precision::GOOGLE).unwrap(), encoded);
    }

    #[test]
    fn empty_string_is_an_empty_line() {
        assert_eq!(
            decode_polyline("", Precision::GOOGLE).unwrap(),
            Vec::<f64>::new()
        );
        assert_eq!(encode_polyline(&[], Precision::GOOGLE).unwrap(), "");
    }

    #[test]
    fn truncated_strings_are_reported_with_the_position() {
        // Cut inside the last value: the crate would silently keep a partial value.
        let cut = &GOOGLE_EXAMPLE[..GOOGLE_EXAMPLE.len() - 1];
        let err = decode_polyline(cut, Precision::GOOGLE).unwrap_err();
        assert_eq!(err.code, codes::INVALID_FORMAT);
        assert!(err.message.contains("truncated"), "{}", err.message);
        assert!(err.message.contains("character 22"), "{}", err.message);
        // Cut between a latitude and its longitude.
        let err = decode_polyline("_p~iF", Precision::GOOGLE).unwrap_err();
        assert!(
            err.message.contains("without its longitude"),
            "{}",
            err.message
        );
        assert!(err.message.contains("character 5"), "{}", err.message);
    }

    #[test]
    fn bad_characters_are_reported_with_the_position() {
        for (text, index, shown) in [
            ("_p~iF ps|U", 5, " "),
            ("_p~iF~ps|U_ulLnnqC_mqNvxq`@\n", 27, "\\n"),
            ("_p~iFé", 5, "é"),
            ("_p~iF\u{7f}", 5, "\\u{7f}"),
        ] {
            let err = decode_polyline(text, Precision::GOOGLE).unwrap_err();
            assert_eq!(err.code, codes::INVALID_FORMAT, "{text:?}");
            assert!(
                err.message.contains(&format!("Character {index} ")),
                "{text:?}: {}",
                err.message
            );
            assert!(err.message.contains(shown), "{text:?}: {}", err.message);
        }
    }

    #[test]
    fn overlong_values_are_rejected_not_wrapped() {
        // Continuation characters forever: the crate's i64 sum overflows on this.
        let text = "~".repeat(40) + "?";
        let err = decode_polyline(&text, Precision::GOOGLE).unwrap_err();
        assert_eq!(err.code, codes::INVALID_FORMAT);
        assert!(err.message.contains("character 0"), "{}", err.message);
        // Eight characters is the longest a real coordinate needs, and is accepted.
        let big = encode_polyline(&[-90.0, -180.0], Precision::new(9).unwrap()).unwrap();
        assert_eq!(
            decode_polyline(&big, Precision::new(9).unwrap()).unwrap(),
            vec![-90.0, -180.0]
        );
    }

    #[test]
    fn encode_rejects_bad_coordinates() {
        let err = encode_polyline(&[10.0, 20.0, f64::NAN, 1.0], Precision::GOOGLE).unwrap_err();
        assert_eq!(
            (err.path.as_str(), err.code.as_ref()),
            ("/1/0", codes::OUT_OF_RANGE)
        );
        let err = encode_polyline(&[10.0, 200.0], Precision::GOOGLE).unwrap_err();
        assert_eq!(err.path, "/0/1");
        let err = encode_polyline(&[10.0, 20.0, 30.0], Precision::GOOGLE).unwrap_err();
        assert_eq!(err.code, super::super::codes::INVALID_GEOMETRY);
        // [lon, lat] by mistake: the message says so.
        let err = encode_polyline(&[-120.2, 38.5], Precision::GOOGLE).unwrap_err();
        assert!(err.message.contains("[lon, lat]"), "{}", err.message);
    }

    #[test]
    fn precision_is_bounded() {
        assert!(Precision::new(9).is_ok());
        let err = Precision::new(10).unwrap_err();
        assert_eq!(err.code, codes::INVALID_OPTION);
    }

    #[test]
    fn rounding_is_half_away_from_zero() {
        // At precision 0, 0.5 and -0.5 scale to exact halves.
        let p0 = Precision::new(0).unwrap();
        let d = decode_polyline(&encode_polyline(&[0.5, -0.5], p0).unwrap(), p0).unwrap();
        assert_eq!(d, vec![1.0, -1.0]);
    }

    fn lat_lon_line() -> impl Strategy<Value = Vec<f64>> {
        prop::collection::vec((-90.0f64..=90.0, -180.0f64..=180.0), 0..40)
            .prop_map(|pts| pts.into_iter().flat_map(|(a, b)| [a, b]).collect())
    }

    proptest! {
        #[test]
        fn decode_agrees_with_the_polyline_crate(line in lat_lon_line(), digits in 0u32..=7) {
            let precision = Precision::new(digits).unwrap();
            let encoded = encode_polyline(&line, precision).unwrap();
            let ours = decode_polyline(&encoded, precision).unwrap();
            let theirs: Vec<f64> = polyline::decode_polyline(&encoded, digits)
                .unwrap()
                .0
                .into_iter()
                .flat_map(|c| [c.y, c.x])
                .collect();
            prop_assert_eq!(&ours, &theirs);
            // Round trip within half a unit of the last digit.
            let half = 0.5 / 10f64.powi(digits as i32) + 1e-9;
            for (a, b) in line.iter().zip(&ours) {
                prop_assert!((a - b).abs() <= half, "{} vs {}", a, b);
            }
            // Re-encoding the decoded line is the identity on strings.
            prop_assert_eq!(encode_polyline(&ours, precision).unwrap(), encoded);
        }

        #[test]
        fn arbitrary_text_never_panics(text in ".{0,60}", digits in 0u32..=9) {
            let precision = Precision::new(digits).unwrap();
            if let Ok(points) = decode_polyline(&text, precision) {
                prop_assert_eq!(points.len() % 2, 0);
                for pair in points.chunks_exact(2) {
                    prop_assert!(pair[0].abs() <= 90.0 && pair[1].abs() <= 180.0);
                }
            }
        }

        #[test]
        fn polyline_alphabet_never_panics(bytes in prop::collection::vec(63u8..=126, 0..80)) {
            let text = String::from_utf8(bytes).unwrap();
            let _ = decode_polyline(&text, Precision::OSRM);
        }
    }
}
