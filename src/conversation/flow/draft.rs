//! The rules of a new group live in the core ([`crate::cohort::draft`]), so
//! that the operator desk's form checks answers exactly as these screens do.

pub use crate::cohort::draft::*;
