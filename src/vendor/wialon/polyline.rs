//! A decode-check of Google encoded polylines (Wialon `rp`, precision 5).
//!
//! Deliberately small and private: the geometry module will provide the shared decoder; this
//! one only says whether `rp` decodes and, when it does not, exactly where it breaks.

/// Why an encoded polyline does not decode. Indexes count characters from 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum PolylineError {
    /// A character outside `?`..`~` (63..=126), which no encoder produces.
    BadCharacter { index: usize, character: char },
    /// The text ends inside a value (its last character still has the continuation bit).
    Truncated { value_start: usize },
    /// A value needs more than 32 bits: the text is not a polyline.
    Overflow { value_start: usize },
    /// An odd number of values: the last latitude has no longitude.
    MissingLongitude,
    /// A decoded point is off the globe at precision 5.
    OffGlobe { point: usize, lat: f64, lon: f64 },
}

/// Precision 5: coordinates are stored as integers of 1e-5 degree.
const SCALE: f64 = 1e5;

/// Decodes `encoded` without keeping the points; returns how many points it holds.
pub(crate) fn check(encoded: &str) -> Result<usize, PolylineError> {
    let (mut lat, mut lon) = (0i64, 0i64);
    let (mut acc, mut shift, mut value_start, mut values) = (0u64, 0u32, 0usize, 0usize);
    for (index, character) in encoded.chars().enumerate() {
        let code = u32::from(character);
        if !(63..=126).contains(&code) {
            return Err(PolylineError::BadCharacter { index, character });
        }
        if shift == 0 {
            value_start = index;
        }
        // Seven 5-bit chunks already hold 35 bits; an eighth can only be garbage.
        if shift >= 35 {
            return Err(PolylineError::Overflow { value_start });
        }
        let chunk = u64::from(code - 63);
        acc |= (chunk & 0x1f) << shift;
        shift += 5;
        if chunk & 0x20 != 0 {
            continue;
        }
        if acc > u64::from(u32::MAX) {
            return Err(PolylineError::Overflow { value_start });
        }
        // Zig-zag: the low bit is the sign.
        let magnitude = (acc >> 1) as i64;
        let delta = if acc & 1 == 1 { !magnitude } else { magnitude };
        if values % 2 == 0 {
            lat += delta;
        } else {
            lon += delta;
            let (lat_deg, lon_deg) = (lat as f64 / SCALE, lon as f64 / SCALE);
            if lat_deg.abs() > 90.0 || lon_deg.abs() > 180.0 {
                return Err(PolylineError::OffGlobe {
                    point: values / 2,
                    lat: lat_deg,
                    lon: lon_deg,
                });
            }
        }
        values += 1;
        acc = 0;
        shift = 0;
    }
    if shift != 0 {
        return Err(PolylineError::Truncated { value_start });
    }
    if values % 2 == 1 {
        return Err(PolylineError::MissingLongitude);
    }
    Ok(values / 2)
}

impl PolylineError {
    /// A sentence for the issue message (the field name is added by the caller).
    pub(crate) fn describe(&self) -> String {
        match *self {
            PolylineError::BadCharacter { index, character } => format!(
                "character {index} ({character:?}) cannot appear in an encoded polyline (only '?' to '~')"
            ),
            PolylineError::Truncated { value_start } => format!(
                "the text ends inside the value that starts at character {value_start}: it is truncated"
            ),
            PolylineError::Overflow { value_start } => format!(
                "the value that starts at character {value_start} overflows 32 bits"
            ),
            PolylineError::MissingLongitude => {
                "it holds an odd number of values: the last latitude has no longitude".to_string()
            }
            PolylineError::OffGlobe { point, lat, lon } => {
                let hint = if lat.abs() <= 900.0 && lon.abs() <= 1800.0 {
                    " (was it encoded with precision 6? Wialon uses precision 5)"
                } else {
                    ""
                };
                format!("point {point} decodes to latitude {lat}, longitude {lon}, off the globe{hint}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_reference_polyline() {
        // Google's documented example: (38.5,-120.2), (40.7,-120.95), (43.252,-126.453).
        assert_eq!(check("_p~iF~ps|U_ulLnnqC_mqNvxq`@"), Ok(3));
        assert_eq!(check(""), Ok(0));
    }

    #[test]
    fn reports_where_it_breaks() {
        assert_eq!(
            check("_p~iF ~ps|U"),
            Err(PolylineError::BadCharacter {
                index: 5,
                character: ' '
            })
        );
        assert_eq!(
            check("_p~iF~ps|"),
            Err(PolylineError::Truncated { value_start: 5 })
        );
        assert_eq!(check("_p~iF"), Err(PolylineError::MissingLongitude));
        assert_eq!(
            check("~~~~~~~?"),
            Err(PolylineError::Overflow { value_start: 0 })
        );
        // Seven chunks, the last one pushing the value past 32 bits.
        assert_eq!(
            check("~~~~~~C"),
            Err(PolylineError::Overflow { value_start: 0 })
        );
        assert!(matches!(
            check("~~~~~_??"),
            Err(PolylineError::OffGlobe { point: 0, .. })
        ));
    }
}
