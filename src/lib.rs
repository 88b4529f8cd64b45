//! resilience-bot: a Telegram and Viber chatbot that helps people in Ukraine
//! find free psychosocial help at the Resilience Centres (Центри
//! життєстійкості), in Ukrainian and English.
//!
//! # Layout
//!
//! Dependencies point inward: channels → conversation → directory, store,
//! i18n, domain. `tests/structure.rs` checks it on every `cargo test`, with
//! no import circle among files and no file over 400 lines.
//!
//! - [`channel`]: the edges. `console` is the terminal channel, `telegram` the
//!   Telegram one (teloxide types and requests; polling or webhook), `viber`
//!   the Viber one (its REST API over axum and reqwest); `queue` is their
//!   shared ordered, bounded outbox, and `intake` (with `flood`) where their
//!   updates enter: the per-person flood limit, and what is answered from
//!   memory while the database is down. Each turns platform input into
//!   [`conversation::Incoming`] and renders replies with its own widgets
//!   (`telegram/outbound.rs`, `viber/outbound.rs`, `render.rs`).
//! - [`conversation`]: the channel-agnostic core. `action` is what buttons
//!   do (and what each needs loaded), `reply` what the core answers, as data.
//!   [`conversation::flow`] is the pure state machine: `flow/mod.rs` routes an
//!   update to a screen (one file each: `find`, `groups`, `coordinate`,
//!   `broadcast`…) and words the outcome of the change it asked for; screens
//!   share `view` (wording and buttons), `card`, `desk` (a coordinator's
//!   centres), `draft` and `effect`, and never import one another. Around
//!   it, the wrapper loads and saves each person's state in Postgres (`load`,
//!   `apply`), and `outbound` words and sends notices and broadcasts through
//!   the channels' `NoticeSender`.
//! - [`directory`]: the centres in memory (R-tree over unit vectors for exact
//!   great-circle nearest search, parsed opening hours), the gazetteer of
//!   Ukrainian places, and the centres CSV format.
//! - [`cohort`]: group programmes' cohorts as operators describe them (the
//!   groups CSV, weekly session patterns in Kyiv time).
//! - [`store`]: the only module that runs SQL, a file per table or job;
//!   `store/coordinator.rs` holds the one check of a coordinator's role that
//!   every coordinator's change runs. Also runs the private Postgres cluster
//!   when no `DATABASE_URL` is given.
//! - [`import`]: loading an operator's centres file (CSV or XLSX, the
//!   Ministry's shape or this project's): validation, placement, the
//!   plan of what changes, dry run or apply.
//! - [`i18n`]: fluent bundles in `locales/{uk,en}` and locale-aware formatting.
//! - [`domain`]: plain types (centres, coordinates, languages, hotlines, the
//!   [`domain::Person`] everything about someone belongs to, the anonymous
//!   weekly counters of [`domain::tally`]).
//! - [`opendata`]: the directory as open data (HSDS 3.0 and GeoJSON): the
//!   read-only API on `serve`'s listener and the `export` formats.
//! - [`desk`]: the operator desk, web pages on a listener of their own
//!   (`DESK_ADDR`): sign-in through a one-time link the bot sends, sessions
//!   and CSRF (`session`), the directory's screens (`centres`), the audit
//!   log, statistics and where centres are missing, rendered server-side with askama (`templates/desk/`) in the texts of
//!   `locales/*/desk.ftl`. An edge beside the channels: it uses the store,
//!   directory, i18n and domain, and nothing imports it but `cli`.
//! - [`server`]: `serve`: the HTTP server (webhooks, health, metrics), the
//!   channels and the notice worker, and the graceful stop.
//! - [`startup`], [`cli`], [`telemetry`], [`metrics`]: wiring, command line
//!   (a file per command group), logging and Prometheus metrics.

pub mod channel;
pub mod cli;
pub mod cohort;
pub mod conversation;
pub mod csv_table;
pub mod desk;
pub mod directory;
pub mod distress;
pub mod domain;
pub mod i18n;
pub mod import;
pub mod metrics;
pub mod opendata;
pub mod server;
pub mod startup;
pub mod store;
pub mod telemetry;
pub mod wording;
