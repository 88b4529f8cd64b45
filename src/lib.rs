//! resilience-bot: a Telegram and Viber chatbot that helps people in Ukraine
//! find free psychosocial help at the Resilience Centres (Центри
//! життєстійкості), in Ukrainian and English.
//!
//! # Layout
//!
//! Dependencies point inward: channels → conversation → directory, store,
//! i18n, domain.
//!
//! - [`channel`]: the edges. `console` is the terminal channel, `telegram` the
//!   Telegram one (teloxide types and requests; polling or webhook), `viber`
//!   the Viber one (its REST API over axum and reqwest); `queue` is their
//!   shared ordered, bounded outbox, and `intake` (with `flood`) where their
//!   updates enter: the per-person flood limit, and what is answered from
//!   memory while the database is down. Each turns platform input into
//!   [`conversation::Incoming`] and renders replies.
//! - [`conversation`]: the channel-agnostic core. A pure state machine
//!   ([`conversation::flow`]) plus the wrapper that loads and saves each
//!   person's state in Postgres, applies the flow's effects (seats,
//!   coordinators' changes) and words and sends notices (reminders,
//!   promotions, cancellations) through the channels' `NoticeSender`.
//! - [`directory`]: the centres in memory (R-tree over unit vectors for exact
//!   great-circle nearest search, parsed opening hours), the gazetteer of
//!   Ukrainian places, and the centres CSV format.
//! - [`cohort`]: group programmes' cohorts as operators describe them (the
//!   groups CSV, weekly session patterns in Kyiv time).
//! - [`store`]: the only module that runs SQL; also runs the private Postgres
//!   cluster when no `DATABASE_URL` is given.
//! - [`i18n`]: fluent bundles in `locales/{uk,en}` and locale-aware formatting.
//! - [`domain`]: plain types (centres, coordinates, languages, hotlines).
//! - [`opendata`]: the directory as open data (HSDS 3.0 and GeoJSON): the
//!   read-only API on `serve`'s listener and the `export` formats.
//! - [`server`]: `serve`: the HTTP server (webhooks, health, metrics), the
//!   channels and the notice worker, and the graceful stop.
//! - [`startup`], [`cli`], [`telemetry`], [`metrics`]: wiring, command line,
//!   logging and Prometheus metrics.

pub mod channel;
pub mod cli;
pub mod cohort;
pub mod conversation;
pub mod csv_table;
pub mod directory;
pub mod domain;
pub mod i18n;
pub mod metrics;
pub mod opendata;
pub mod server;
pub mod startup;
pub mod store;
pub mod telemetry;
