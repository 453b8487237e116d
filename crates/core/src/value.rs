//! Text ↔ value conversions for cells: numbers, percentages and done/not-done.
//!
//! Parsing rounds once, in Rust's correctly rounded parser. A percentage becomes a fraction by
//! lowering the decimal exponent of the typed text ("12.34" → "12.34e-2"), not by dividing a
//! float, so 12.34 % is stored exactly as if "0.1234" had been typed. Formatting uses the
//! shortest text that parses back to the same bits, and shows percentages by moving the decimal
//! point in that text.

use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueError {
    NotANumber(String),
    NotDoneOrNot(String),
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ValueError::NotANumber(text) => {
                write!(
                    f,
                    "“{text}” is not a number. Type digits, such as 1250 or -3.5."
                )
            }
            ValueError::NotDoneOrNot(text) => write!(
                f,
                "“{text}” is neither done nor not done. Type done, yes, 1 or not done, no, 0."
            ),
        }
    }
}

impl std::error::Error for ValueError {}

/// Parses a plain number: optional sign (also the typographic minus "−"), digits with optional
/// thousands separators ("1,234.5"), an optional exponent. Refuses "inf", "NaN" and any text.
pub fn parse_number(text: &str) -> Result<f64, ValueError> {
    let err = || ValueError::NotANumber(text.trim().to_string());
    let t = text.trim().replace('\u{2212}', "-");
    let t = t.as_str();
    if t.is_empty() {
        return Err(err());
    }
    let ungrouped = strip_thousands_separators(t).ok_or_else(err)?;
    let valid_chars = ungrouped
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'));
    if !valid_chars || !ungrouped.chars().any(|c| c.is_ascii_digit()) {
        return Err(err());
    }
    match ungrouped.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(err()),
    }
}

/// Removes commas that group the integer part in threes; `None` if commas are misplaced
/// ("1,23" is more likely a decimal comma than a thousands separator, so it is refused).
fn strip_thousands_separators(t: &str) -> Option<String> {
    if !t.contains(',') {
        return Some(t.to_string());
    }
    let (int_part, rest) = match t.find(['.', 'e', 'E']) {
        Some(i) => t.split_at(i),
        None => (t, ""),
    };
    if rest.contains(',') {
        return None;
    }
    let digits = int_part.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    if groups.any(|g| g.len() != 3) {
        return None;
    }
    Some(t.replace(',', ""))
}

/// Parses a percentage into a fraction. "45%" and "45 %" are 0.45. Without a percent sign the
/// rule is Excel's for a cell formatted as percent: 1 or more (in size) is a percentage
/// ("45" → 0.45), less than 1 is already a fraction ("0.45" → 0.45).
pub fn parse_percent(text: &str) -> Result<f64, ValueError> {
    let t = text.trim();
    let (number, has_sign) = match t.strip_suffix('%') {
        Some(n) => (n, true),
        None => (t, false),
    };
    let v = parse_number(number)?;
    if !has_sign && v.abs() < 1.0 {
        return Ok(v);
    }
    divide_by_100(number).ok_or_else(|| ValueError::NotANumber(t.to_string()))
}

/// Divides a number given as text by 100 exactly, by lowering its decimal exponent, so the
/// one rounding is the parser's: "12.34" becomes "12.34e-2", which parses to the double nearest
/// to 0.1234, the same as typing "0.1234". Expects text that `parse_number` accepted.
fn divide_by_100(text: &str) -> Option<f64> {
    let t = text.trim().replace('\u{2212}', "-");
    let t = strip_thousands_separators(&t)?;
    let (mantissa, exponent) = match t.find(['e', 'E']) {
        Some(i) => (&t[..i], t[i + 1..].parse::<i32>().ok()?),
        None => (t.as_str(), 0),
    };
    let v: f64 = format!("{mantissa}e{}", exponent.checked_sub(2)?)
        .parse()
        .ok()?;
    v.is_finite().then_some(v)
}

/// Parses done / not done into 1 or 0.
pub(crate) fn parse_done(text: &str) -> Result<f64, ValueError> {
    let t = text.trim().to_lowercase();
    match t.as_str() {
        "1" | "done" | "yes" | "y" | "true" | "x" | "✓" | "✔" | "achieved" | "complete"
        | "completed" => Ok(1.0),
        "0" | "not done" | "no" | "n" | "false" | "not achieved" | "todo" | "to do" | "open" => {
            Ok(0.0)
        }
        _ => Err(ValueError::NotDoneOrNot(text.trim().to_string())),
    }
}

/// The shortest decimal text that parses back to exactly `v`, with no exponent and no
/// thousands separators (the form used when editing a cell and in storage).
pub fn plain(v: f64) -> String {
    if v == 0.0 {
        // Also turns -0 into 0.
        return "0".to_string();
    }
    format!("{v}")
}

/// `v` with a fixed number of decimals, never as negative zero: a lower-is-better key
/// result slightly past its start shows "0.00", not "-0.00".
pub fn fixed(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// `plain`, with the integer part grouped in threes for reading ("40,000", "-1,234.5").
pub fn grouped(v: f64) -> String {
    let text = plain(v);
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (int_part, frac) = match unsigned.find('.') {
        Some(i) => unsigned.split_at(i),
        None => (unsigned, ""),
    };
    let mut out = String::with_capacity(text.len() + int_part.len() / 3);
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("{sign}{out}{frac}")
}

/// `text` without `unit` at its end ("1,250 leads" → "1,250" for unit "leads"; case and
/// the space before it do not matter). Text without the unit is returned as it is.
pub(crate) fn without_unit<'a>(text: &'a str, unit: &str) -> &'a str {
    let unit = unit.trim();
    if unit.is_empty() || text.len() < unit.len() {
        return text;
    }
    let cut = text.len() - unit.len();
    match (text.get(..cut), text.get(cut..)) {
        (Some(head), Some(tail)) if tail.eq_ignore_ascii_case(unit) || tail == unit => {
            head.trim_end()
        }
        _ => text,
    }
}

/// An amount with its unit after it ("1,250 leads"), or just the amount.
pub fn with_unit(amount: String, unit: &str) -> String {
    let unit = unit.trim();
    if unit.is_empty() {
        amount
    } else {
        format!("{amount} {unit}")
    }
}

/// A fraction shown as a percentage: 0.45 → "45%", 0.1234 → "12.34%". The decimal point of
/// the shortest text of `v` is moved as text, so no float arithmetic adds noise or drops digits.
pub fn percent(v: f64) -> String {
    format!("{}%", shift_point(&plain(v), 2))
}

/// Moves the decimal point of a plain decimal text (as written by `plain`: optional "-",
/// digits, optional fraction, no exponent) `places` to the right, trimming needless zeros.
fn shift_point(text: &str, places: usize) -> String {
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (int_part, frac) = match unsigned.find('.') {
        Some(i) => (&unsigned[..i], &unsigned[i + 1..]),
        None => (unsigned, ""),
    };
    let mut frac = frac.to_string();
    while frac.len() < places {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places);
    let int_digits = format!("{int_part}{moved}");
    let int_digits = int_digits.trim_start_matches('0');
    let int_digits = if int_digits.is_empty() {
        "0"
    } else {
        int_digits
    };
    let rest = rest.trim_end_matches('0');
    if rest.is_empty() {
        format!("{sign}{int_digits}")
    } else {
        format!("{sign}{int_digits}.{rest}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_unit_is_shown_after_an_amount_and_taken_off_typed_text() {
        assert_eq!(with_unit("1,250".into(), "leads"), "1,250 leads");
        assert_eq!(with_unit("3".into(), " "), "3");
        assert_eq!(without_unit("1,250 leads", "leads"), "1,250");
        assert_eq!(without_unit("1,250 Leads", "leads"), "1,250");
        assert_eq!(without_unit("12€", "€"), "12");
        assert_eq!(without_unit("12 ms", ""), "12 ms");
        assert_eq!(without_unit("12", "leads"), "12");
        // Cutting inside a multi-byte character must not panic.
        assert_eq!(without_unit("é1", "x"), "é1");
        assert_eq!(without_unit("1€", "ab"), "1€");
    }

    use super::*;

    #[test]
    fn parses_plain_and_signed_numbers() {
        assert_eq!(parse_number("1250"), Ok(1250.0));
        assert_eq!(parse_number(" -3.5 "), Ok(-3.5));
        assert_eq!(parse_number("+7"), Ok(7.0));
        assert_eq!(parse_number("−20"), Ok(-20.0));
        assert_eq!(parse_number("1e3"), Ok(1000.0));
        assert_eq!(parse_number(".5"), Ok(0.5));
    }

    #[test]
    fn parses_thousands_separators_grouped_in_threes() {
        assert_eq!(parse_number("1,000"), Ok(1000.0));
        assert_eq!(parse_number("-1,234,567.25"), Ok(-1234567.25));
        assert!(parse_number("1,23").is_err());
        assert!(parse_number("1,2345").is_err());
        assert!(parse_number(",123").is_err());
        assert!(parse_number("1.5,000").is_err());
    }

    #[test]
    fn refuses_text_infinity_and_nan() {
        for bad in [
            "abc", "", "  ", "inf", "NaN", "infinity", "12abc", "1e999", "-", ".",
        ] {
            assert!(parse_number(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn error_message_quotes_the_input() {
        let e = parse_number("lots").unwrap_err();
        assert!(e.to_string().contains("“lots” is not a number"));
    }

    #[test]
    fn percent_with_sign_is_exact_fraction() {
        assert_eq!(parse_percent("45%"), Ok(0.45));
        assert_eq!(parse_percent("45 %"), Ok(0.45));
        assert_eq!(parse_percent("12.34%"), Ok(0.1234));
        assert_eq!(parse_percent("0.5%"), Ok(0.005));
        assert_eq!(parse_percent("-20%"), Ok(-0.2));
        assert_eq!(parse_percent("150%"), Ok(1.5));
    }

    #[test]
    fn percent_without_sign_follows_excel() {
        assert_eq!(parse_percent("45"), Ok(0.45));
        assert_eq!(parse_percent("0.45"), Ok(0.45));
        assert_eq!(parse_percent("1"), Ok(0.01));
        assert_eq!(parse_percent("0"), Ok(0.0));
    }

    #[test]
    fn percent_formatting_has_no_float_noise() {
        assert_eq!(percent(0.45), "45%");
        assert_eq!(percent(0.1234), "12.34%");
        assert_eq!(percent(0.07), "7%");
        assert_eq!(percent(0.005), "0.5%");
        assert_eq!(percent(-0.2), "-20%");
        assert_eq!(percent(1.5), "150%");
        assert_eq!(percent(0.0), "0%");
    }

    #[test]
    fn percent_round_trips_through_text() {
        for v in [
            0.45,
            0.1234,
            0.07,
            0.005,
            0.333,
            1.0 / 3.0,
            0.1 + 0.2,
            12.5,
            -0.015,
        ] {
            assert_eq!(parse_percent(&percent(v)), Ok(v), "{v}");
        }
    }

    #[test]
    fn percent_round_trips_seventeen_digit_values() {
        // Found by the cell_edit fuzzer: shifting through a float dropped the 17th digit.
        let v = 1.2102121121012211e31;
        assert_eq!(parse_percent(&percent(v)), Ok(v));
        assert_eq!(
            parse_percent("121021211210122121212111111111121"),
            Ok(1.2102121121012212e30)
        );
    }

    #[test]
    fn percent_with_exponent_lowers_the_exponent() {
        assert_eq!(parse_percent("1e3%"), Ok(10.0));
        assert_eq!(parse_percent("4.5E1"), Ok(0.45));
        assert!(parse_percent("1e2147483647%").is_err());
    }

    #[test]
    fn numbers_round_trip_without_rounding() {
        for v in [
            0.1,
            0.1 + 0.2,
            1.0 / 3.0,
            -20.0,
            1e-7,
            123456789.123,
            1e21,
            5e-324,
        ] {
            assert_eq!(parse_number(&plain(v)), Ok(v), "{v}");
            assert_eq!(parse_number(&grouped(v)), Ok(v), "{v}");
        }
    }

    #[test]
    fn plain_has_no_negative_zero() {
        assert_eq!(plain(-0.0), "0");
    }

    #[test]
    fn grouped_inserts_separators_in_the_integer_part_only() {
        assert_eq!(grouped(40000.0), "40,000");
        assert_eq!(grouped(-1234.5), "-1,234.5");
        assert_eq!(grouped(999.0), "999");
        assert_eq!(grouped(0.000125), "0.000125");
        assert_eq!(grouped(1234567.0), "1,234,567");
    }

    #[test]
    fn done_words_parse_to_one_and_zero() {
        for yes in ["done", "Yes", "1", "TRUE", "x", "✓"] {
            assert_eq!(parse_done(yes), Ok(1.0), "{yes}");
        }
        for no in ["not done", "No", "0", "false"] {
            assert_eq!(parse_done(no), Ok(0.0), "{no}");
        }
        assert!(parse_done("maybe").is_err());
    }

    #[test]
    fn negative_zero_is_never_shown() {
        assert_eq!(fixed(-0.0, 2), "0.00");
        assert_eq!(fixed(-0.001, 2), "0.00");
        assert_eq!(fixed(-0.004, 0), "0");
        assert_eq!(fixed(-0.5, 2), "-0.50");
        assert_eq!(fixed(0.125, 1), "0.1");
    }
}
