//! Tab-separated text as Excel and Google Sheets put it on the clipboard: cells separated by
//! tabs, rows by line breaks (CRLF from Excel, LF from Sheets), a cell holding a tab, a line
//! break or a leading quote written in double quotes with inner quotes doubled. A trailing
//! line break ends the last row; it does not add an empty one.

/// Parses clipboard text into rows of cells. Never fails: text that is not quoted the Excel
/// way is taken literally.
pub fn parse_tsv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    while let Some(c) = chars.next() {
        if at_cell_start && c == '"' {
            // A quoted cell: up to the closing quote that is followed by a separator or the end.
            let mut quoted = String::new();
            let mut closed = false;
            while let Some(q) = chars.next() {
                if q == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        quoted.push('"');
                    } else {
                        closed = true;
                        break;
                    }
                } else {
                    quoted.push(q);
                }
            }
            let ends_cell = matches!(chars.peek(), None | Some('\t' | '\n' | '\r'));
            if closed && ends_cell {
                cell = quoted;
            } else {
                // Not Excel's quoting after all ("5" inches…): keep the text as typed.
                cell.push('"');
                cell.push_str(&quoted);
                if closed {
                    cell.push('"');
                }
            }
            at_cell_start = false;
            continue;
        }
        match c {
            '\t' => {
                row.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
                at_cell_start = true;
            }
            c => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !at_cell_start || !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// Formats rows of cells as clipboard text: each row ends with CRLF, as Excel writes it (so
/// a column of empty cells keeps its rows).
pub fn format_tsv(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        for (j, cell) in row.iter().enumerate() {
            if j > 0 {
                out.push('\t');
            }
            if cell.contains(['\t', '\n', '\r']) || cell.starts_with('"') {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn excel_block_with_crlf_and_trailing_line_break() {
        assert_eq!(
            parse_tsv("a\tb\r\nc\td\r\n"),
            grid(&[&["a", "b"], &["c", "d"]])
        );
    }

    #[test]
    fn google_sheets_block_with_lf_and_no_trailing_break() {
        assert_eq!(parse_tsv("a\tb\nc\td"), grid(&[&["a", "b"], &["c", "d"]]));
    }

    #[test]
    fn quoted_cells_hold_tabs_line_breaks_and_quotes() {
        assert_eq!(
            parse_tsv("\"line one\nline two\"\t\"say \"\"hi\"\"\"\r\n\"a\tb\"\tx"),
            grid(&[&["line one\nline two", "say \"hi\""], &["a\tb", "x"]])
        );
    }

    #[test]
    fn quotes_that_are_not_excel_quoting_stay_as_typed() {
        assert_eq!(parse_tsv("12\" ruler\tx"), grid(&[&["12\" ruler", "x"]]));
        assert_eq!(
            parse_tsv("\"5\" inches\tx"),
            grid(&[&["\"5\" inches", "x"]])
        );
        assert_eq!(parse_tsv("\"unclosed"), grid(&[&["\"unclosed"]]));
    }

    #[test]
    fn empty_cells_and_a_single_value() {
        assert_eq!(parse_tsv("\t\tz"), grid(&[&["", "", "z"]]));
        assert_eq!(parse_tsv("45%"), grid(&[&["45%"]]));
        assert_eq!(parse_tsv("45%\n"), grid(&[&["45%"]]));
        assert_eq!(parse_tsv(""), Vec::<Vec<String>>::new());
        assert_eq!(parse_tsv("a\n\nb"), grid(&[&["a"], &[""], &["b"]]));
    }

    #[test]
    fn format_then_parse_gives_the_cells_back() {
        let cells = grid(&[
            &["plain", "with\ttab", "two\nlines"],
            &["\"quoted\"", "", "crlf\r\nx"],
        ]);
        let text = format_tsv(&cells);
        assert_eq!(
            text,
            "plain\t\"with\ttab\"\t\"two\nlines\"\r\n\"\"\"quoted\"\"\"\t\t\"crlf\r\nx\"\r\n"
        );
        assert_eq!(parse_tsv(&text), cells);
    }
}
