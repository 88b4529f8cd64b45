//! Cohorts of group programmes as operators describe them: the groups CSV and
//! the rules that turn a weekly pattern into session dates in Kyiv time, and
//! the rules of a new group made by a coordinator (in the bot or the desk).

pub mod csv;
pub mod draft;
pub mod schedule;
pub mod signups;
