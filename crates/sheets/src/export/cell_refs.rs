//! A1 references in an Excel formula's text: found outside string literals and quoted sheet
//! names, told from function names (`LOG10(`) and defined names (`Q1_Target`), so that a row's
//! formulas can be copied to the row below as Excel copies them (relative rows shifted) and a
//! formula summing a block of rows can be told.

/// One reference in a formula: where it is, and its row (from 1) and whether `$` fixes it.
#[derive(Clone, Debug, PartialEq)]
struct Ref {
    start: usize,
    end: usize,
    /// Where the row's digits start.
    row_at: usize,
    row: u32,
    row_fixed: bool,
}

/// The references of `formula`, or `None` when it holds what this reader does not know
/// (structured table references, R1C1 or whole-row ranges such as `5:5`).
fn refs(formula: &str) -> Option<Vec<Ref>> {
    let b = formula.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let ident = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || c == b'$';
    while i < b.len() {
        match b[i] {
            // A string literal, or a quoted sheet name: skipped whole.
            q @ (b'"' | b'\'') => i = after_quoted(b, i, q),
            b'[' => return None,
            c if ident(c) => {
                let start = i;
                while i < b.len() && ident(b[i]) {
                    i += 1;
                }
                let word = &formula[start..i];
                let next = b.get(i).copied();
                if next == Some(b'(') || next == Some(b'!') {
                    continue;
                }
                if word.bytes().all(|c| c.is_ascii_digit() || c == b'$') {
                    // A number, unless it is one end of a whole-row range.
                    if next == Some(b':') || (start > 0 && b[start - 1] == b':') {
                        return None;
                    }
                    continue;
                }
                if let Some(r) = a1(word, start) {
                    out.push(r);
                }
            }
            _ => i += 1,
        }
    }
    Some(out)
}

/// Where the text quoted from `start` (its opening `quote`) ends; a doubled quote inside is
/// one quote character.
fn after_quoted(b: &[u8], start: usize, quote: u8) -> usize {
    let mut i = start + 1;
    while i < b.len() {
        if b[i] == quote {
            if b.get(i + 1) == Some(&quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        i += 1;
    }
    i
}

/// `$A$1`, `B12`, `$C5` as a reference starting at `at`; `None` for other words.
fn a1(word: &str, at: usize) -> Option<Ref> {
    let b = word.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'$'));
    let letters = b[i..]
        .iter()
        .take_while(|c| c.is_ascii_alphabetic())
        .count();
    if !(1..=3).contains(&letters) {
        return None;
    }
    i += letters;
    let row_fixed = b.get(i) == Some(&b'$');
    i += usize::from(row_fixed);
    let digits = &word[i..];
    if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let row: u32 = digits.parse().ok()?;
    (1..=1_048_576).contains(&row).then_some(Ref {
        start: at,
        end: at + word.len(),
        row_at: at + i,
        row,
        row_fixed,
    })
}

/// `formula` copied `delta` rows down, as Excel copies it: relative rows move, `$` rows stay.
/// `None` when it cannot be done safely (an unknown form, or a row past the sheet's end).
pub(crate) fn shifted(formula: &str, delta: u32) -> Option<String> {
    let mut out = String::with_capacity(formula.len() + 4);
    let mut at = 0;
    for r in refs(formula)? {
        if r.row_fixed {
            continue;
        }
        let row = r.row.checked_add(delta).filter(|x| *x <= 1_048_576)?;
        out.push_str(&formula[at..r.row_at]);
        out.push_str(&row.to_string());
        at = r.end;
    }
    out.push_str(&formula[at..]);
    Some(out)
}

/// The rows (from 1) on which the ranges of `formula` that span several rows end (a total or
/// average over a block of rows, which a row added below would not join); `None` when the
/// formula cannot be read.
pub(crate) fn range_ends(formula: &str) -> Option<Vec<u32>> {
    let refs = refs(formula)?;
    let b = formula.as_bytes();
    Some(
        refs.windows(2)
            .filter(|w| {
                let joined =
                    w[0].end < b.len() && b[w[0].end] == b':' && w[1].start == w[0].end + 1;
                joined && w[0].row < w[1].row
            })
            .map(|w| w[1].row)
            .collect(),
    )
}

/// Whether every relative reference of `formula` is to `row` (from 1), with at least one: a
/// formula of its own row, such as a progress `=(F4-D4)/(E4-D4)` (or `=F4/$B$1`), which a new
/// row copies.
pub(crate) fn only_row(formula: &str, row: u32) -> bool {
    refs(formula).is_some_and(|r| {
        let relative: Vec<&Ref> = r.iter().filter(|x| !x.row_fixed).collect();
        !relative.is_empty() && relative.iter().all(|x| x.row == row)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_rows_move_and_fixed_ones_stay() {
        assert_eq!(
            shifted("=(F4-D4)/(E4-D4)", 1).as_deref(),
            Some("=(F5-D5)/(E5-D5)")
        );
        assert_eq!(
            shifted("=$A$1+B$2+$C3", 2).as_deref(),
            Some("=$A$1+B$2+$C5")
        );
        assert_eq!(
            shifted("=IF(F4>0.7,\"A1 ok\",LOG10(G4))", 1).as_deref(),
            Some("=IF(F5>0.7,\"A1 ok\",LOG10(G5))")
        );
        assert_eq!(
            shifted("='Q1 B2'!C3+Sheet2!D4+Q1_Target", 1).as_deref(),
            Some("='Q1 B2'!C4+Sheet2!D5+Q1_Target")
        );
        assert_eq!(
            shifted("=SUM(A:A)+1.5E3", 1).as_deref(),
            Some("=SUM(A:A)+1.5E3")
        );
        assert_eq!(shifted("=SUM(5:5)", 1), None);
        assert_eq!(shifted("=Table1[@Score]", 1), None);
        assert_eq!(shifted("=A1048576", 1), None);
    }

    fn has_range_ending_at(formula: &str, row: u32) -> bool {
        range_ends(formula).is_none_or(|ends| ends.contains(&row))
    }

    #[test]
    fn a_block_total_is_told_from_a_row_formula() {
        assert!(has_range_ending_at("=AVERAGE(F8:F10)", 10));
        assert!(!has_range_ending_at("=AVERAGE(F8:F10)", 11));
        assert!(!has_range_ending_at("=(E10-C10)/(D10-C10)", 10));
        assert!(has_range_ending_at("=SUM($F$2:$F$10)*2", 10));
        assert!(has_range_ending_at("=Table1[@Score]", 10));
        assert_eq!(
            range_ends("=SUM(A2:A4)+AVERAGE(B3:B9)+C1:C1"),
            Some(vec![4, 9])
        );
        assert!(only_row("=(E10-C10)/(D10-C10)", 10));
        assert!(!only_row("=AVERAGE(F8:F10)", 10));
        assert!(only_row("=E10/$B$1", 10));
        assert!(!only_row("=$B$1*2", 10));
        assert!(!only_row("=E9+E10", 10));
    }
}
