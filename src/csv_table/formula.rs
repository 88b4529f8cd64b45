//! Cells written for spreadsheets: a value a spreadsheet would run as a
//! formula is defused. The bot's CSV documents and the desk's downloads
//! both write through [`formula_safe`]; tables read back undo it
//! ([`formula_undone`]), so an exported file imports unchanged.

/// The value as a CSV cell may carry it: one that starts like a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// except a phone number such as `+380671234567`. Names are typed by anyone.
pub fn formula_safe(value: &str) -> String {
    let is_phone = value.strip_prefix('+').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_phone;
    if risky { format!("'{value}") } else { value.to_owned() }
}

/// A cell as it was before [`formula_safe`]: the `'` in front of a formula
/// character is dropped. Nobody types an apostrophe before `=` on purpose.
pub fn formula_undone(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::{formula_safe, formula_undone};

    #[test]
    fn formulas_are_defused_and_phones_and_plain_text_kept() {
        assert_eq!(formula_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(formula_safe("-2+3"), "'-2+3");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("+380671234567"), "+380671234567");
        assert_eq!(formula_safe("+1+1"), "'+1+1");
        assert_eq!(formula_safe("Балаклійська"), "Балаклійська");
    }

    #[test]
    fn a_defused_cell_reads_back_as_it_was() {
        for value in ["=HYPERLINK(\"x\")", "-2+3", "@SUM(A1)", "+380671234567", "+1+1", "Балаклійська", "'quoted'", ""]
        {
            assert_eq!(formula_undone(&formula_safe(value)), value);
        }
        assert_eq!(formula_undone("'Ocean's"), "'Ocean's", "an apostrophe before a letter is kept");
    }
}
