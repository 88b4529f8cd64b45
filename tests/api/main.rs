//! Integration tests: the real core against a real Postgres (each test gets its
//! own database from `#[sqlx::test]`, which needs DATABASE_URL: scripts/test
//! starts a private cluster and sets it).

// Helpers fail the test on any unexpected error, which is what unwrap is for here.
#![allow(clippy::unwrap_used)]

mod broadcasts;
mod buttons;
mod centre_edit;
mod chaos;
mod checkins;
mod cli;
mod cluster;
mod cohort;
mod conversation;
mod coordinate;
mod crisis;
mod desk;
mod desk_attacks;
mod desk_audit_sign_in;
mod desk_browser;
mod desk_card;
mod desk_coverage;
mod desk_coverage_browser;
mod desk_export;
mod desk_groups;
mod desk_hours;
mod desk_import_errors;
mod desk_import_geocoder;
mod desk_import_options;
mod desk_invitations;
mod desk_list;
mod desk_messages;
mod desk_reports;
mod distress;
mod fake_telegram;
mod fake_viber;
mod gazetteer;
mod geocoder;
mod groups;
mod helpers;
mod i18n;
mod import;
mod messages_per_update;
mod notices;
mod official_list;
mod opendata;
mod operations;
mod outage;
mod pg_proxy;
mod pool;
mod privacy;
mod reload;
mod reports;
mod saved_together;
mod served_binary;
mod shutdown;
mod slow_clients;
mod subscriptions;
mod telegram;
mod unlocked;
mod viber;
mod wording;
