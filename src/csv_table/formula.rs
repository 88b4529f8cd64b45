//! Cells written for spreadsheets: a value a spreadsheet would run as a
//! formula is defused. The bot's CSV documents and the desk's downloads
//! both write through [`formula_safe`].

/// The value as a CSV cell may carry it: one that starts like a formula
/// (`=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// except a phone number such as `+380671234567`. Names are typed by anyone.
pub fn formula_safe(value: &str) -> String {
    let is_phone = value.strip_prefix('+').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    let risky = value.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_phone;
    if risky { format!("'{value}") } else { value.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::formula_safe;

    #[test]
    fn formulas_are_defused_and_phones_and_plain_text_kept() {
        assert_eq!(formula_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(formula_safe("-2+3"), "'-2+3");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("+380671234567"), "+380671234567");
        assert_eq!(formula_safe("+1+1"), "'+1+1");
        assert_eq!(formula_safe("Балаклійська"), "Балаклійська");
    }
}
