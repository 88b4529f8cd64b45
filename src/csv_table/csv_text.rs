//! Reading a CSV file into a [`Table`]: UTF-8 with or without a byte-order
//! mark, LF or CRLF, `,` or `;`, every row numbered by its physical line.

use super::reason::Reason;
use super::table::{CsvError, Format, Row, RowError, Table};

impl Table {
    /// Reads a CSV file: UTF-8 with or without a byte-order mark, LF or
    /// CRLF line ends, separated by `,` or `;` (whichever the header line
    /// has more of, outside quotes).
    pub fn from_csv(bytes: &[u8]) -> Result<Self, CsvError> {
        let refuse = |line: u64, reason: Reason| CsvError::Rejected(vec![RowError::new(line, reason)]);
        let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        if let Err(error) = std::str::from_utf8(bytes) {
            let line = line_at(bytes, error.valid_up_to());
            return Err(refuse(line, Reason::new("import-problem-not-utf8", NOT_UTF8)));
        }
        let delimiter = delimiter(bytes);
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(bytes);
        let mut lines = LineCounter::default();
        let mut header = None;
        let mut rows = Vec::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(1, |p| lines.line_of(bytes, p.byte()));
                refuse(
                    line,
                    Reason::new("import-problem-unreadable-row", format!("unreadable row: {e}"))
                        .arg("detail", e.to_string()),
                )
            })?;
            let line = record.position().map_or(1, |p| lines.line_of(bytes, p.byte()));
            let row = Row { line, cells: record.iter().map(str::to_owned).collect() };
            if header.is_none() {
                header = Some(row);
            } else {
                rows.push(row);
            }
        }
        let Some(header) = header else {
            return Err(refuse(1, Reason::new("import-problem-empty", "the file is empty: it has no header row")));
        };
        Ok(Self { format: Format::Csv, header, rows, decimal_comma: delimiter == b';' })
    }
}

const NOT_UTF8: &str = "the file is not UTF-8 text (probably Windows-1251, what Excel saves by default in Ukraine): \
     in Excel choose \"Save as\" → \"CSV UTF-8 (comma delimited)\", or export the sheet as .xlsx, and import that";

/// `;` when the header line has more semicolons than commas outside quotes.
fn delimiter(bytes: &[u8]) -> u8 {
    let (mut commas, mut semicolons, mut quoted) = (0, 0, false);
    for &b in bytes {
        match b {
            b'\n' if !quoted => break,
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semicolons += 1,
            _ => {}
        }
    }
    if semicolons > commas { b';' } else { b',' }
}

/// The physical line (from 1) of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> u64 {
    LineCounter::default().line_of(bytes, offset as u64)
}

/// Counts line feeds up to increasing byte offsets, so that numbering every
/// row of a file reads it once.
#[derive(Default)]
struct LineCounter {
    offset: usize,
    feeds: u64,
}

impl LineCounter {
    /// The line of the record the `csv` crate says starts at `offset`. The
    /// crate's offset is where it resumed reading, which may be the line
    /// feed of a CRLF or blank lines before the record: those are skipped.
    fn line_of(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut offset = usize::try_from(offset).unwrap_or(usize::MAX).min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset < self.offset {
            *self = Self::default();
        }
        self.feeds += bytes[self.offset..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = offset;
        self.feeds + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(csv: &str) -> Vec<u64> {
        Table::from_csv(csv.as_bytes()).expect("readable").rows.iter().map(|r| r.line).collect()
    }

    #[test]
    fn rows_are_numbered_by_physical_line_after_crlf_blank_lines_and_quoted_breaks() {
        assert_eq!(lines("a,b\r\n1,2\r\n3,4\r\n"), vec![2, 3]);
        assert_eq!(lines("a,b\n\n1,2\n\n\n3,4\n"), vec![3, 6]);
        assert_eq!(lines("a,b\r\n\r\n1,\"two\r\nlines\"\r\n\r\n3,4\r\n"), vec![3, 6]);
    }

    #[test]
    fn the_separator_is_taken_from_the_header_line_outside_quotes() {
        let table = Table::from_csv("\u{feff}Назва;Область;\"a,b,c\"\r\nЦентр;Київська;x\r\n".as_bytes()).expect("ok");
        assert_eq!(table.header.cells, vec!["Назва", "Область", "a,b,c"]);
        assert_eq!(table.rows[0].cells, vec!["Центр", "Київська", "x"]);
        assert!(table.decimal_comma);
        assert!(!Table::from_csv(b"a,b;c,d\n").expect("ok").decimal_comma);
    }

    #[test]
    fn a_windows_1251_file_is_refused_with_the_way_to_save_it_as_utf8() {
        // "Назва;Область\nЦентр" in Windows-1251.
        let bytes = b"id;x\r\n\xcd\xe0\xe7\xe2\xe0;1\r\n";
        let Err(CsvError::Rejected(errors)) = Table::from_csv(bytes) else { panic!("must be refused") };
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].reason.contains("not UTF-8") && errors[0].reason.contains("CSV UTF-8"), "{errors:?}");
    }
}
