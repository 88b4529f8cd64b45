//! Cohorts of group programmes as operators describe them: the groups CSV and
//! the rules that turn a weekly pattern into session dates in Kyiv time.

pub mod csv;
pub mod schedule;
