//! Values one vendor splits and another keeps whole: a one-line address from its parts, and a
//! full name from first and last names (and back). Every codec derives them the same way, so a
//! conversion can tell whether a derived value reproduces the original exactly.

use crate::model::AddressParts;

/// How [`join_address`] lays out a line, for the messages that say an address was joined (a
/// literal, for `concat!`): the message is the same for every order of a batch, so it is
/// shared rather than written out per order; the joined line itself is in the output.
macro_rules! joined_address_form {
    () => {
        "\"<number> <street>, <extra>, <postal code> <city>, <county>, <state>, <country>\", leaving out empty parts"
    };
}
pub(crate) use joined_address_form;

/// How [`join_name`] lays out a full name, as [`joined_address_form`] for addresses.
macro_rules! joined_name_form {
    () => {
        "\"<first name> <last name>\""
    };
}
pub(crate) use joined_name_form;

/// Joins address parts into one line, the way postal addresses are written in most of Europe:
/// `"<number> <street>, <extra>, <postal code> <city>, <county>, <state>, <country>"`, leaving
/// out empty parts. `None` when every part is empty.
pub fn join_address(parts: &AddressParts) -> Option<String> {
    let AddressParts {
        country,
        state,
        county,
        city,
        postal_code,
        street_name,
        street_number,
        extra,
    } = parts;
    fn text(p: &Option<String>) -> Option<&str> {
        p.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    // Groups separated by ", ", the words of a group by " ": one string, written in place
    // (a batch joins an address per order).
    let groups: [&[Option<&str>]; 6] = [
        &[text(street_number), text(street_name)],
        &[text(extra)],
        &[text(postal_code), text(city)],
        &[text(county)],
        &[text(state)],
        &[text(country)],
    ];
    let mut line = String::new();
    for group in groups {
        let mut words = group.iter().flatten();
        let Some(first) = words.next() else {
            continue;
        };
        if !line.is_empty() {
            line.push_str(", ");
        }
        line.push_str(first);
        for word in words {
            line.push(' ');
            line.push_str(word);
        }
    }
    (!line.is_empty()).then_some(line)
}

/// Splits a full name into first and last name: the last word is the last name, the words
/// before it the first name; one word is a first name. `(None, None)` for a blank name.
pub fn split_name(name: &str) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        None => (None, None),
        Some((only, [])) => (Some((*only).to_string()), None),
        Some((last, first)) => (Some(first.join(" ")), Some((*last).to_string())),
    }
}

/// Joins first and last name with a space, leaving out empty ones. `None` when both are empty.
pub fn join_name(first: Option<&str>, last: Option<&str>) -> Option<String> {
    let first = first.map(str::trim).filter(|s| !s.is_empty());
    let last = last.map(str::trim).filter(|s| !s.is_empty());
    match (first, last) {
        (Some(f), Some(l)) => Some(format!("{f} {l}")),
        (Some(x), None) | (None, Some(x)) => Some(x.to_string()),
        (None, None) => None,
    }
}

/// True when splitting `name` gives back exactly `first` and `last` (so a target that holds
/// only one of the two forms loses nothing).
pub fn name_round_trips(name: &str, first: Option<&str>, last: Option<&str>) -> bool {
    let (f, l) = split_name(name);
    f.as_deref() == first && l.as_deref() == last
}

/// Whether a derived value gives the source's field back: a field the target holds only in
/// another form is not lost when converting back to the source rebuilds it the same way. That
/// depends on the source format: Magic Lane holds names only in parts, so its writer splits a
/// full name; Wialon and Yandex hold names and addresses only on one line, so their writers
/// join parts (as OptimoRoute does for addresses). The canonical model holds both forms and
/// rebuilds neither: every form it had that the target does not hold is lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceRebuilds {
    /// Writing back splits a full name into first and last name.
    pub name_parts: bool,
    /// Writing back joins first and last name into a full name.
    pub full_name: bool,
    /// Writing back joins address parts into a one-line address.
    pub address_line: bool,
}

impl SourceRebuilds {
    /// What converting back to `options.from` rebuilds.
    pub fn of(options: &super::ConvertOptions) -> Self {
        let id = options.from.id();
        SourceRebuilds {
            name_parts: id == "magiclane",
            full_name: matches!(id, "wialon" | "yandex"),
            address_line: matches!(id, "wialon" | "yandex" | "optimoroute"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_line_from_parts() {
        let parts = AddressParts {
            country: Some("France".into()),
            state: Some("Auvergne-Rhône-Alpes".into()),
            county: Some("Rhône".into()),
            city: Some("Lyon".into()),
            postal_code: Some("69002".into()),
            street_name: Some("Rue de la République".into()),
            street_number: Some("17".into()),
            extra: None,
        };
        assert_eq!(
            join_address(&parts).as_deref(),
            Some("17 Rue de la République, 69002 Lyon, Rhône, Auvergne-Rhône-Alpes, France")
        );
        let empty = AddressParts {
            country: Some(String::new()),
            city: Some(" ".into()),
            ..Default::default()
        };
        assert_eq!(join_address(&empty), None);
        // A group with one of its two parts, and parts that are only blanks, left out.
        let partial = AddressParts {
            street_name: Some(" Quai Saint-Antoine ".into()),
            street_number: Some("".into()),
            extra: Some("Bât. B".into()),
            city: Some("Lyon".into()),
            county: Some("  ".into()),
            country: Some("France".into()),
            ..Default::default()
        };
        assert_eq!(
            join_address(&partial).as_deref(),
            Some("Quai Saint-Antoine, Bât. B, Lyon, France")
        );
        let postal_only = AddressParts {
            postal_code: Some("69001".into()),
            ..Default::default()
        };
        assert_eq!(join_address(&postal_only).as_deref(), Some("69001"));
    }

    #[test]
    fn names_split_at_the_last_word() {
        assert_eq!(
            split_name("  Jean Paul  Martin "),
            (Some("Jean Paul".into()), Some("Martin".into()))
        );
        assert_eq!(split_name("Cher"), (Some("Cher".into()), None));
        assert_eq!(split_name(" "), (None, None));
        assert_eq!(
            join_name(Some("Marie"), Some("Curie")).as_deref(),
            Some("Marie Curie")
        );
        assert!(name_round_trips(
            "Marie Curie",
            Some("Marie"),
            Some("Curie")
        ));
        assert!(!name_round_trips(
            "Marie de la Tour",
            Some("Marie"),
            Some("de la Tour")
        ));
    }
}
