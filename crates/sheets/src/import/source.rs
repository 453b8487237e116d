//! Reading a file's bytes into sheets of cells: xlsx/xlsm, xls, ods (calamine) and csv/tsv
//! (the csv crate). The format is told by the file's first bytes, not trusted from its name.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::io::Cursor;

use calamine::{Data, Ods, Reader, Xls, Xlsx};

use super::values::Cell;
use okr_core::origin::FileFormat;

/// Larger files are refused before parsing: parsing is synchronous in the page.
pub const MAX_BYTES: usize = 50 * 1024 * 1024;
/// Rows over all sheets.
pub const MAX_ROWS: usize = 200_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    /// Rows from the sheet's first row (A1), so row numbers match what the user sees.
    pub rows: Vec<Vec<Cell>>,
    /// Row indexes whose text is all bold (xlsx only): templates set objective rows in bold.
    pub bold_rows: Vec<usize>,
    /// A hidden sheet (lookup lists, helpers): not read as OKRs.
    pub hidden: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workbook {
    pub file_name: String,
    pub sheets: Vec<Sheet>,
    /// What the file was, its length and digest (`origin::digest_of`).
    pub format: FileFormat,
    pub size: u64,
    pub digest: String,
    /// The file's bytes, kept for .xlsx and .xlsm only: an export can write into them
    /// (`export::original`).
    pub bytes: Option<Original>,
}

/// The bytes of an original workbook, shared, not copied.
#[derive(Clone, PartialEq)]
pub struct Original(pub std::sync::Arc<[u8]>);

impl fmt::Debug for Original {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Original({} bytes)", self.0.len())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    TooManyRows {
        rows: usize,
    },
    NotASpreadsheet,
    Damaged {
        /// What the file looks like ("an Excel workbook (.xlsx)").
        format: String,
        detail: String,
    },
    PasswordProtected,
    NoSheets,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Empty => write!(f, "The file is empty."),
            ImportError::TooLarge { bytes } => write!(
                f,
                "The file is {:.1} MB; okr-grid imports files up to {} MB.",
                *bytes as f64 / 1_048_576.0,
                MAX_BYTES / 1_048_576
            ),
            ImportError::TooManyRows { rows } => write!(
                f,
                "The file has {rows} rows; okr-grid imports up to {MAX_ROWS} rows."
            ),
            ImportError::NotASpreadsheet => write!(
                f,
                "This file is not a spreadsheet okr-grid can read. Use .xlsx, .xlsm, .xls, .ods, .csv or .tsv."
            ),
            ImportError::Damaged { format, detail } => write!(
                f,
                "The file looks like {format} but is damaged or incomplete ({detail})."
            ),
            ImportError::PasswordProtected => write!(
                f,
                "The workbook is protected with a password. Save a copy without the password and import that."
            ),
            ImportError::NoSheets => write!(f, "The workbook has no sheets."),
        }
    }
}

impl std::error::Error for ImportError {}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a file into sheets. Never panics; every failure is a specific `ImportError`.
pub fn read(bytes: &[u8], file_name: &str) -> Result<Workbook, ImportError> {
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    if bytes.len() > MAX_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    let (sheets, format) = if bytes.starts_with(ZIP_MAGIC) {
        read_zip(bytes, file_name)?
    } else if bytes.starts_with(CFB_MAGIC) {
        (read_cfb(bytes)?, FileFormat::Xls)
    } else {
        (read_text(bytes, file_name)?, FileFormat::Text)
    };
    if sheets.is_empty() {
        return Err(ImportError::NoSheets);
    }
    let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
    if rows > MAX_ROWS {
        return Err(ImportError::TooManyRows { rows });
    }
    Ok(Workbook {
        file_name: file_name.to_string(),
        sheets,
        format,
        size: bytes.len() as u64,
        digest: okr_core::origin::digest_of(bytes),
        bytes: (format == FileFormat::Xlsx).then(|| Original(bytes.into())),
    })
}

fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|w| w == needle)
}

fn read_zip(bytes: &[u8], file_name: &str) -> Result<(Vec<Sheet>, FileFormat), ImportError> {
    // An OpenDocument file names its type in a `mimetype` entry at the start.
    let is_ods = contains(&bytes[..bytes.len().min(200)], b"opendocument.spreadsheet");
    // Other zip files (a .docx, a .zip) are not spreadsheets; entry names are stored in
    // clear, so a workbook shows its "xl/workbook" entry. A file named like a workbook but
    // without it is a damaged one.
    let lower = file_name.to_lowercase();
    let named_as_workbook = [".xlsx", ".xlsm", ".ods"]
        .iter()
        .any(|e| lower.ends_with(e));
    if !is_ods && !named_as_workbook && !contains(bytes, b"xl/workbook") {
        return Err(ImportError::NotASpreadsheet);
    }
    if is_ods {
        let mut book = Ods::new(Cursor::new(bytes)).map_err(|e| ImportError::Damaged {
            format: "an OpenDocument spreadsheet (.ods)".to_string(),
            detail: e.to_string(),
        })?;
        return Ok((
            collect(&mut book, "an OpenDocument spreadsheet (.ods)")?,
            FileFormat::Ods,
        ));
    }
    let format = "an Excel workbook (.xlsx)";
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsxError::Password => ImportError::PasswordProtected,
        other => ImportError::Damaged {
            format: format.to_string(),
            detail: other.to_string(),
        },
    })?;
    let mut sheets = Vec::new();
    let mut total_rows = 0;
    let hidden = hidden_sheets(&book);
    for name in book.sheet_names() {
        let mut sheet = read_xlsx_sheet(&mut book, &name).map_err(|e| ImportError::Damaged {
            format: format.to_string(),
            detail: format!("sheet “{name}”: {e}"),
        })?;
        sheet.hidden = hidden.contains(&name);
        total_rows += sheet.rows.len();
        if total_rows > MAX_ROWS {
            return Err(ImportError::TooManyRows { rows: total_rows });
        }
        sheets.push(sheet);
    }
    Ok((sheets, FileFormat::Xlsx))
}

/// Excel's widest sheet; a cell further right in a file is bogus and dropped.
const MAX_COLUMNS: usize = 16_384;

/// One pass over an .xlsx sheet reading values and styles together: numbers shown with a
/// percent format ("0%") become `Cell::Percent`, 0 and 1 shown with okr-grid's done format
/// become `Cell::Bool`, and rows whose text is all bold are noted
/// (templates set objective rows in bold).
fn read_xlsx_sheet(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<Sheet, calamine::XlsxError> {
    let mut reader = book.worksheet_cells_reader(name)?;
    // Per style id: (percent format, okr-grid's done/not done format, bold font).
    let style_flags: Vec<(bool, bool, bool)> = reader
        .styles()
        .iter()
        .map(|style| {
            let code = style.number_format.as_ref().map(|f| f.format_code.as_str());
            let percent = code.is_some_and(is_percent_format);
            let done = code == Some(crate::export::workbook::DONE_FORMAT);
            let bold = style.font.as_ref().is_some_and(|f| f.is_bold());
            (percent, done, bold)
        })
        .collect();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    // Per row: (text cells, bold text cells).
    let mut text_counts: Vec<(usize, usize)> = Vec::new();
    while let Some((cell, style_id)) = reader.next_cell_with_style_id()? {
        let (r, c) = cell.get_position();
        let (r, c) = (r as usize, c as usize);
        if c >= MAX_COLUMNS {
            continue;
        }
        if r > MAX_ROWS {
            // Enough to make the caller refuse the sheet as too long, without storing it.
            rows.resize_with(rows.len().max(MAX_ROWS + 1), Vec::new);
            continue;
        }
        let (percent, done, bold) = style_flags.get(style_id).copied().unwrap_or_default();
        let value = match cell_of(&Data::from(cell.get_value().clone())) {
            Cell::Number(v) if percent => Cell::Percent(v),
            // okr-grid's binary values: 1 shown as "Done", 0 as "Not done".
            Cell::Number(v) if done && (v == 0.0 || v == 1.0) => Cell::Bool(v == 1.0),
            other => other,
        };
        if value.is_empty() {
            continue;
        }
        if rows.len() <= r {
            rows.resize_with(r + 1, Vec::new);
        }
        // Sized apart from `rows`, which the row-limit branch above may have grown alone
        // (hand-made files can list cells out of order).
        if text_counts.len() <= r {
            text_counts.resize(r + 1, (0, 0));
        }
        if matches!(value, Cell::Text(_)) {
            text_counts[r].0 += 1;
            text_counts[r].1 += usize::from(bold);
        }
        let row = &mut rows[r];
        if row.len() <= c {
            row.resize(c + 1, Cell::Empty);
        }
        row[c] = value;
    }
    let bold_rows = text_counts
        .iter()
        .enumerate()
        .filter(|(_, (texts, bold))| *texts > 0 && texts == bold)
        .map(|(r, _)| r)
        .collect();
    Ok(Sheet {
        name: name.to_string(),
        rows,
        bold_rows,
        hidden: false,
    })
}

/// A number format that shows a percentage: a "%" outside quoted text and escapes.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

fn read_cfb(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    // A password-protected .xlsx is an OLE container holding an "EncryptionInfo" stream.
    let marker: Vec<u8> = "EncryptionInfo"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    if contains(bytes, &marker) {
        return Err(ImportError::PasswordProtected);
    }
    // A Word or PowerPoint 97 file is an OLE container too; a workbook holds a "Workbook"
    // (or, before Excel 97, "Book") stream.
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    if !contains(bytes, &utf16("Workbook")) && !contains(bytes, &utf16("Book")) {
        return Err(ImportError::NotASpreadsheet);
    }
    let mut book: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsError::Password => ImportError::PasswordProtected,
        other => ImportError::Damaged {
            format: "an Excel 97–2003 workbook (.xls)".to_string(),
            detail: other.to_string(),
        },
    })?;
    collect(&mut book, "an Excel 97–2003 workbook (.xls)")
}

fn collect<R, RS>(book: &mut R, format: &'static str) -> Result<Vec<Sheet>, ImportError>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
    R::Error: fmt::Display,
{
    let names = book.sheet_names();
    let hidden = hidden_sheets(book);
    let mut sheets = Vec::with_capacity(names.len());
    let mut total_rows = 0usize;
    for name in names {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| ImportError::Damaged {
                format: format.to_string(),
                detail: format!("sheet “{name}”: {e}"),
            })?;
        let (row0, col0) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<Cell>> = vec![Vec::new(); row0 as usize];
        for r in range.rows() {
            let mut cells = vec![Cell::Empty; col0 as usize];
            cells.extend(r.iter().map(cell_of));
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            rows.push(cells);
        }
        total_rows += rows.len();
        if total_rows > MAX_ROWS {
            return Err(ImportError::TooManyRows { rows: total_rows });
        }
        sheets.push(Sheet {
            hidden: hidden.contains(&name),
            name,
            rows,
            bold_rows: Vec::new(),
        });
    }
    Ok(sheets)
}

/// Names of the sheets a workbook hides (hidden or very hidden).
fn hidden_sheets<R, RS>(book: &R) -> Vec<String>
where
    R: Reader<RS>,
    RS: std::io::Read + std::io::Seek,
{
    book.sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect()
}

fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => Cell::Text(excel_date(d.as_f64())),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// An Excel serial date (1900 system: day 1 is 1900-01-01, with Excel's phantom 1900-02-29)
/// as "yyyy-mm-dd".
pub(crate) fn excel_date(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return okr_core::value::plain(serial);
    }
    // Days from 1970-01-01; serial 25569 is 1970-01-01.
    let days = serial.floor() as i64 - 25_569;
    // Civil date from days (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Text files come as UTF-8 (with or without a byte-order mark), as UTF-16 (Excel's
/// "Unicode text"), or in the Windows code page Excel uses for CSV on Western systems.
fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|p| {
                if little {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        String::from_utf16_lossy(&units)
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

/// Windows-1252: Latin-1 plus typographic marks in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[(b - 0x80) as usize],
        _ => char::from(b),
    }
}

fn read_text(bytes: &[u8], file_name: &str) -> Result<Vec<Sheet>, ImportError> {
    let text = decode_text(bytes);
    let text = text.as_str();
    if text.chars().any(|c| c == '\0') || text.trim().is_empty() {
        return Err(if text.trim().is_empty() {
            ImportError::Empty
        } else {
            ImportError::NotASpreadsheet
        });
    }
    let lower = file_name.to_lowercase();
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = if lower.ends_with(".tsv") || first_line.contains('\t') {
        b'\t'
    } else if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let looks_like_table = lower.ends_with(".csv")
        || lower.ends_with(".tsv")
        || lower.ends_with(".txt")
        || first_line.contains(delimiter as char);
    if !looks_like_table {
        return Err(ImportError::NotASpreadsheet);
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::Damaged {
            format: "a CSV file".to_string(),
            detail: e.to_string(),
        })?;
        let mut cells: Vec<Cell> = record
            .iter()
            .map(|f| {
                if f.trim().is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        rows.push(cells);
        if rows.len() > MAX_ROWS {
            return Err(ImportError::TooManyRows { rows: rows.len() });
        }
    }
    let name = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_string();
    Ok(vec![Sheet {
        name,
        rows,
        bold_rows: Vec::new(),
        hidden: false,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_unknown_files_get_specific_errors() {
        assert_eq!(read(b"", "a.xlsx"), Err(ImportError::Empty));
        assert_eq!(
            read(b"\x89PNG\r\n\x1a\n\0\0\0", "photo.png"),
            Err(ImportError::NotASpreadsheet)
        );
        assert_eq!(
            read(b"just some words", "notes.doc"),
            Err(ImportError::NotASpreadsheet)
        );
    }

    #[test]
    fn truncated_zip_is_reported_as_damaged() {
        let err = read(b"PK\x03\x04\x14\0\0\0garbage", "plan.xlsx").unwrap_err();
        assert!(matches!(err, ImportError::Damaged { .. }), "{err:?}");
        assert!(err.to_string().contains("damaged or incomplete"));
    }

    #[test]
    fn a_zip_that_is_not_a_workbook_is_not_a_spreadsheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet();
        let xlsx = book.save_to_buffer().unwrap();
        assert!(read(&xlsx, "renamed.zip").is_ok());
        let docx_like = b"PK\x03\x04\x14\0\0\0word/document.xml".to_vec();
        assert_eq!(
            read(&docx_like, "letter.docx"),
            Err(ImportError::NotASpreadsheet)
        );
    }

    #[test]
    fn an_ole_file_without_a_workbook_stream_is_not_a_spreadsheet() {
        let mut doc = CFB_MAGIC.to_vec();
        doc.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&doc, "letter.doc"), Err(ImportError::NotASpreadsheet));
        let xls = std::fs::read(format!(
            "{}/../../tests/fixtures/marketing-template.xls",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        assert!(read(&xls, "x.xls").is_ok());
    }

    #[test]
    fn encrypted_workbook_is_reported_as_password_protected() {
        let mut bytes = CFB_MAGIC.to_vec();
        bytes.extend(std::iter::repeat_n(0u8, 100));
        bytes.extend("EncryptionInfo".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(read(&bytes, "x.xlsx"), Err(ImportError::PasswordProtected));
    }

    #[test]
    fn csv_with_quotes_and_semicolons() {
        let wb = read(
            "Objective;Key result;Current\n\"Grow; fast\";\"Hit \"\"1.000\"\"\";1.000,5\n"
                .as_bytes(),
            "team.csv",
        )
        .unwrap();
        assert_eq!(wb.sheets[0].name, "team");
        assert_eq!(wb.sheets[0].rows[1][0], Cell::Text("Grow; fast".into()));
        assert_eq!(wb.sheets[0].rows[1][1], Cell::Text("Hit \"1.000\"".into()));
    }

    #[test]
    fn excel_serial_dates_become_iso_dates() {
        assert_eq!(excel_date(25569.0), "1970-01-01");
        assert_eq!(excel_date(46023.0), "2026-01-01");
        assert_eq!(excel_date(45351.5), "2024-02-29");
    }

    #[test]
    fn percent_formats_are_recognised() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00%"));
        assert!(!is_percent_format("0.00\"%\""));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("#,##0"));
    }

    #[test]
    fn numbers_with_a_percent_format_are_read_as_percentages() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
        s.write_number_with_format(0, 0, 0.45, &pct).unwrap();
        s.write_number(0, 1, 0.45).unwrap();
        let wb = read(&book.save_to_buffer().unwrap(), "a.xlsx").unwrap();
        assert_eq!(
            wb.sheets[0].rows[0],
            [Cell::Percent(0.45), Cell::Number(0.45)]
        );
    }

    #[test]
    fn csv_in_windows_1252_and_utf16_is_decoded() {
        // "Objetivo;Acción;Meta" as Excel saves it on a Spanish Windows machine.
        let mut cp1252 = b"Objetivo;Acci".to_vec();
        cp1252.push(0xF3);
        cp1252.extend(b"n \x93clave\x94;Meta\n");
        let wb = read(&cp1252, "okr.csv").unwrap();
        assert_eq!(wb.sheets[0].rows[0][1], Cell::Text("Acción “clave”".into()));

        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(
            "Objective\tKey result\n目标\tKR\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        );
        let wb = read(&utf16, "okr.txt").unwrap();
        assert_eq!(wb.sheets[0].rows[1][0], Cell::Text("目标".into()));
    }

    #[test]
    fn a_cell_past_the_row_limit_makes_the_sheet_too_long() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        s.write_string(0, 0, "Objective").unwrap();
        s.write_string(MAX_ROWS as u32 + 5, 0, "far away").unwrap();
        let err = read(&book.save_to_buffer().unwrap(), "long.xlsx").unwrap_err();
        assert!(matches!(err, ImportError::TooManyRows { .. }), "{err:?}");
    }

    #[test]
    fn too_large_is_refused_before_parsing() {
        let big = vec![b'a'; MAX_BYTES + 1];
        assert!(matches!(
            read(&big, "x.csv"),
            Err(ImportError::TooLarge { .. })
        ));
    }

    #[test]
    fn xlsx_written_by_rust_xlsxwriter_is_read_with_its_sheets() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let s = book.add_worksheet();
        s.set_name("Team A").unwrap();
        s.write_string(2, 1, "Objective").unwrap();
        s.write_number(3, 2, 42.5).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let wb = read(&bytes, "a.xlsx").unwrap();
        assert_eq!(wb.sheets[0].name, "Team A");
        // Positions are kept: row 3, column B is rows[2][1].
        assert_eq!(wb.sheets[0].rows[2][1], Cell::Text("Objective".into()));
        assert_eq!(wb.sheets[0].rows[3][2], Cell::Number(42.5));
    }
}
