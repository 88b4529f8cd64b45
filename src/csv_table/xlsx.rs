//! The first sheet of an `.xlsx` workbook as a [`Table`], read with the
//! maintained `calamine` crate. Rows are numbered as the spreadsheet shows
//! them; the first row with any text is the header.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};

use super::reason::Reason;
use super::table::{CsvError, Format, Row, RowError, Table};

pub(super) fn read(bytes: &[u8]) -> Result<Table, CsvError> {
    let refuse = |reason: Reason| CsvError::SheetRejected(vec![RowError::new(1, reason)]);
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e: calamine::XlsxError| {
            let english = format!("cannot read the workbook (is it an .xlsx file?): {e}");
            refuse(Reason::new("import-problem-workbook", english).arg("detail", e.to_string()))
        })?;
    let sheet = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| refuse(Reason::new("import-problem-no-sheet", "the workbook has no sheet")))?
        .map_err(|e| {
            let english = format!("cannot read the first sheet: {e}");
            refuse(Reason::new("import-problem-sheet", english).arg("detail", e.to_string()))
        })?;
    let (first_row, first_column) = sheet.start().unwrap_or((0, 0));
    // Cells left of the used range are empty; keep columns where the sheet has them.
    let padding = first_column as usize;
    let mut rows = sheet.rows().enumerate().map(|(i, cells)| Row {
        line: u64::from(first_row) + i as u64 + 1,
        cells: std::iter::repeat_n(String::new(), padding).chain(cells.iter().map(text)).collect(),
    });
    let header = rows.by_ref().find(|row| row.cells.iter().any(|c| !c.trim().is_empty())).ok_or_else(|| {
        refuse(Reason::new("import-problem-empty-sheet", "the first sheet is empty: it has no header row"))
    })?;
    Ok(Table { format: Format::Xlsx, header, rows: rows.collect(), decimal_comma: true })
}

/// A cell as the text a person sees in it: whole numbers without `.0` (a
/// number typed in a cell is stored as a float), dates as `YYYY-MM-DD`, times as `HH:MM`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        // A time of day alone ("9:00") is a fraction of a day.
        Data::DateTime(d) if d.as_f64() < 1.0 => {
            d.as_datetime().map_or_else(String::new, |at| at.format("%H:%M").to_string())
        }
        Data::DateTime(d) => d.as_datetime().map_or_else(String::new, |at| at.format("%Y-%m-%d").to_string()),
        Data::Error(e) => format!("#{e:?}"),
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::Workbook;

    use super::*;

    fn workbook(rows: &[(u32, &[&str])]) -> Vec<u8> {
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (row, cells) in rows {
            for (column, cell) in cells.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(number) => sheet.write_number(*row, column as u16, number),
                    Err(_) => sheet.write_string(*row, column as u16, *cell),
                }
                .expect("cell written");
            }
        }
        book.save_to_buffer().expect("workbook")
    }

    #[test]
    fn the_first_sheet_reads_as_text_with_the_row_numbers_the_sheet_shows() {
        let bytes = workbook(&[(2, &["Назва", "lat"]), (3, &["Центр", "50.45"]), (5, &["Інший", "48"])]);
        let table = read(&bytes).expect("readable");
        assert_eq!(table.header, Row { line: 3, cells: vec!["Назва".into(), "lat".into()] });
        let rows: Vec<(u64, Vec<String>)> = table
            .rows
            .iter()
            .filter(|r| r.cells.iter().any(|c| !c.is_empty()))
            .map(|r| (r.line, r.cells.clone()))
            .collect();
        assert_eq!(rows, vec![(4, vec!["Центр".into(), "50.45".into()]), (6, vec!["Інший".into(), "48".into()])]);
    }

    #[test]
    fn a_file_that_is_not_a_workbook_is_refused_at_row_one() {
        let Err(CsvError::SheetRejected(errors)) = read(b"name_uk,lat\n") else { panic!("must be refused") };
        assert_eq!(errors[0].line, 1);
        assert!(errors[0].reason.contains("cannot read the workbook"), "{errors:?}");
    }
}
