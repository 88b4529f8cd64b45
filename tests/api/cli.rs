//! The binary as operators and scripts use it.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use sqlx::PgPool;

use crate::helpers::database_url;

const BIN: &str = env!("CARGO_BIN_EXE_resilience-bot");

pub(crate) fn run(database_url: &str, args: &[&str], stdin: &str) -> Output {
    run_logging(database_url, args, stdin, "warn")
}

/// As [`run`], with `RUST_LOG` set to `log`.
fn run_logging(database_url: &str, args: &[&str], stdin: &str, log: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", log)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

pub(crate) fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub(crate) fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn import_sample(url: &str) {
    let output = run(url, &["import", "centres", "data/centres.sample.csv"], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("46 added"), "{}", stdout(&output));
}

#[sqlx::test]
async fn a_scripted_ukrainian_chat_answers_a_location_and_typed_places(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let script = "/loc 50.45 30.52\nБровари\nlviv\nНовомиколаївка\n#99\n";
    let output = run(&url, &["chat", "--user", "script-uk"], script);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    assert!(!out.contains("> "), "no prompts when stdin is not a terminal");
    for expected in [
        "Найближчі до вас центри:",
        "📍 Бровари (Київська область) — найближчі центри:",
        "1. Центр життєстійкості Броварської громади",
        "📍 Львів (Львівська область) — найближчі центри:",
        "із назвою «Новомиколаївка». У якій області?",
        "[1] ",
        "Немає такої кнопки. Оберіть номер від 1 до ",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
}

#[sqlx::test]
async fn a_scripted_english_chat_presses_buttons_by_number_and_by_label(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let script = "/loc 50.45 30.52\n#1\n↩️ Back to the list\n/loc 100 200\n";
    let output = run(&url, &["chat", "--user", "script-en", "--lang", "en"], script);
    assert!(output.status.success(), "{}", stderr(&output));
    let out = stdout(&output);
    for expected in [
        "The centres nearest to you:",
        "Last verified:",
        "📍 ",
        "I couldn’t read those coordinates.",
        "(To share a location, type /loc LAT LON",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    assert_eq!(out.matches("The centres nearest to you:").count(), 2, "the label pressed the button:\n{out}");
}

#[sqlx::test]
async fn a_new_persons_first_line_is_answered_with_the_welcome_whatever_it_is(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    for (user, first) in [("first-press", "#6"), ("first-location", "/loc 50.45 30.52"), ("first-text", "#")] {
        let output = run(&url, &["chat", "--user", user, "--lang", "uk"], &format!("{first}\n"));
        assert!(output.status.success(), "{}", stderr(&output));
        let out = stdout(&output);
        assert!(
            out.starts_with("Вітаю! Я допоможу знайти"),
            "{first:?} is not answered with the welcome first:\n{out}"
        );
        assert!(!out.contains("Немає такої кнопки"), "{out}");
    }
    let again = run(&url, &["chat", "--user", "first-press", "--lang", "uk"], "#6\n");
    let out = stdout(&again);
    assert!(out.contains("Ця кнопка вже не діє") && !out.contains("Вітаю!"), "the welcome is shown once:\n{out}");
}

#[sqlx::test]
async fn importing_a_bad_file_lists_every_bad_row_and_changes_nothing(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "id,name_uk,name_en,lat,lon,services\nok,Центр,Centre,50.4,30.5,\nno-name,,No name,50.4,30.5,\nx,Центр,Centre,fifty,30.5,\ny,Центр,Centre,50.4,30.5,yoga\n",
    )
    .unwrap();
    let output = run(&url, &["import", "centres", bad.to_str().unwrap(), "--replace"], "");
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("nothing was changed"), "{err}");
    assert!(err.contains("line 3: missing required field name_uk"), "{err}");
    assert!(err.contains("line 4: lat \"fifty\" is not a number"), "{err}");
    assert!(err.contains("line 5: unknown service tag \"yoga\""), "{err}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM centre").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 46);
    let missing = run(&url, &["import", "centres", "/nonexistent.csv"], "");
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("cannot open /nonexistent.csv"), "{}", stderr(&missing));
}

#[sqlx::test]
async fn an_exported_directory_imports_back_unchanged(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let dir = tempfile::tempdir().unwrap();
    let exported = dir.path().join("centres.csv");
    let output = run(&url, &["export", "centres", "--format", "csv", "--output", exported.to_str().unwrap()], "");
    assert!(output.status.success(), "{}", stderr(&output));
    let again = run(&url, &["import", "centres", exported.to_str().unwrap(), "--replace"], "");
    assert!(again.status.success(), "{}", stderr(&again));
    assert!(stdout(&again).contains("0 added, 0 updated, 46 unchanged, 0 removed"), "{}", stdout(&again));
    let to_stdout = run(&url, &["export", "centres"], "");
    assert_eq!(stdout(&to_stdout).lines().count(), 47);
}

#[test]
fn without_postgres_binaries_the_private_cluster_says_what_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(BIN)
        .args(["db", "start"])
        .env_remove("DATABASE_URL")
        .env("PG_BINDIR", "/nonexistent")
        .env("DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("no PostgreSQL server binaries"), "{err}");
    assert!(err.contains("apt-get install postgresql"), "{err}");
}

fn private_data_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new().prefix("rb-chat-").tempdir_in("/tmp").unwrap();
    // As root the cluster runs as `postgres`, which must be able to enter it.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

fn chat_on_private_cluster(dir: &std::path::Path) -> std::process::Child {
    Command::new(BIN)
        .args(["chat", "--user", "private"])
        .env_remove("DATABASE_URL")
        .env("DATA_DIR", dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

#[test]
fn chat_without_database_url_runs_a_private_cluster_and_stops_it_at_end_of_input() {
    let dir = private_data_dir();
    let mut child = chat_on_private_cluster(dir.path());
    child.stdin.take().unwrap().write_all(b"/start\n").unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Вітаю!"), "{}", stdout(&output));
    assert!(dir.path().join("postgres/data/PG_VERSION").exists(), "the cluster lives in DATA_DIR");
    assert!(!dir.path().join("postgres/data/postmaster.pid").exists(), "the cluster was stopped");
}

#[test]
fn sigterm_stops_the_chat_and_its_private_cluster_cleanly() {
    let dir = private_data_dir();
    let mut child = chat_on_private_cluster(dir.path());
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"/start\n").unwrap();
    let pid_file = dir.path().join("postgres/data/postmaster.pid");
    for _ in 0..300 {
        if pid_file.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert!(pid_file.exists(), "the cluster never started");
    // Give the chat time to connect and answer before it is asked to stop.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    assert!(output.status.success(), "{:?}: {}", output.status, stderr(&output));
    assert!(!pid_file.exists(), "the cluster was stopped");
}

#[sqlx::test]
async fn serve_without_a_channel_says_which_setting_is_missing(pool: PgPool) {
    let url = database_url(&pool);
    let output = run(&url, &["serve", "--http-addr", "127.0.0.1:0"], "");
    assert!(!output.status.success());
    assert!(
        stderr(&output).contains("no channel is configured: set TELEGRAM_BOT_TOKEN or VIBER_AUTH_TOKEN"),
        "{}",
        stderr(&output)
    );
}

#[sqlx::test]
async fn serve_refuses_a_webhook_secret_or_viber_token_shorter_than_16_characters(pool: PgPool) {
    use crate::served_binary::{Mode, start_with_env};
    let url = database_url(&pool);
    let short_secret = [
        ("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook"),
        ("TELEGRAM_WEBHOOK_SECRET", "fifteen-chars15"),
    ];
    let short_token = [("VIBER_AUTH_TOKEN", "short-token")];
    for (env, expected) in [
        (&short_secret[..], "TELEGRAM_WEBHOOK_SECRET must be 16 to 256 characters"),
        (&short_token[..], "VIBER_AUTH_TOKEN must be at least 16 characters"),
    ] {
        // The fake Bot API is never reached: the process stops before.
        let process = start_with_env(&url, "http://127.0.0.1:9", Mode::Polling, None, env);
        let (status, stderr) = process.exited(std::time::Duration::from_secs(20)).await;
        assert!(!status.success(), "{expected}: {stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(!stderr.contains("fifteen-chars15") && !stderr.contains("short-token"), "{stderr}");
    }
    // Sixteen is enough.
    let fake = crate::fake_telegram::FakeTelegram::start().await;
    let long_enough = [
        ("TELEGRAM_WEBHOOK_URL", "https://bot.example.org/telegram/webhook"),
        ("TELEGRAM_WEBHOOK_SECRET", "sixteen-chars-16"),
    ];
    let process = start_with_env(&url, &fake.url, Mode::Polling, None, &long_enough);
    process.ready().await;
    process.terminate();
    let (status, stderr) = process.exited(std::time::Duration::from_secs(20)).await;
    assert!(status.success(), "{stderr}");
}

#[sqlx::test]
async fn importing_groups_lists_bad_rows_and_coordinators_need_a_real_centre(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("groups.csv");
    std::fs::write(
        &bad,
        "id,programme,centre,capacity,starts,sessions\n\
         a,parenting-without-stress,sample-lvivska,0,2030-01-01 18:00,5\n\
         b,yoga,sample-lvivska,10,2020-01-01 18:00,5\n",
    )
    .unwrap();
    let output = run(&url, &["import", "groups", bad.to_str().unwrap()], "");
    assert!(!output.status.success());
    let err = stderr(&output);
    assert!(err.contains("line 2: capacity \"0\""), "{err}");
    assert!(err.contains("line 3: unknown programme \"yoga\""), "{err}");
    assert!(err.contains("line 3: the first session is in the past"), "{err}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM cohort").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);

    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        "id,programme,centre,capacity,starts,sessions\na,self-help-plus,sample-lvivska,20,2030-01-01 18:00,5\n",
    )
    .unwrap();
    let output = run(&url, &["import", "groups", good.to_str().unwrap()], "");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("1 added"), "{}", stdout(&output));

    let ok =
        run(&url, &["coordinator", "add", "--centre", "sample-lvivska", "--channel", "terminal", "--user", "anna"], "");
    assert!(ok.status.success(), "{}", stderr(&ok));
    let missing = run(&url, &["coordinator", "add", "--centre", "nowhere", "--channel", "telegram", "--user", "1"], "");
    assert!(!missing.status.success());
    assert!(stderr(&missing).contains("no centre with id \"nowhere\""), "{}", stderr(&missing));
}

#[sqlx::test]
async fn in_the_terminal_a_coordinator_gets_the_list_as_csv_and_cancelling_tells_the_resident(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let dir = tempfile::tempdir().unwrap();
    let groups = dir.path().join("groups.csv");
    std::fs::write(
        &groups,
        "id,programme,centre,capacity,starts,sessions\nshp,self-help-plus,sample-lvivska,20,2030-01-01 18:00,5\n",
    )
    .unwrap();
    assert!(run(&url, &["import", "groups", groups.to_str().unwrap()], "").status.success());
    let added =
        run(&url, &["coordinator", "add", "--centre", "sample-lvivska", "--channel", "terminal", "--user", "anna"], "");
    assert!(stdout(&added).contains("/coordinate"), "{}", stdout(&added));

    let script = "/start centre-sample-lvivska\n👥 Групи в цьому центрі\n#1\n✍️ Записатися\nІван\n067 123 45 67\n";
    let resident = run(&url, &["chat", "--user", "ivan"], script);
    assert!(stdout(&resident).contains("✅ Вас записано до групи «Самодопомога плюс (SH+)»"), "{}", stdout(&resident));

    let script =
        "/coordinate\n#1\n📄 Список у файлі CSV\n⬅️ Назад до групи\n❌ Скасувати групу\nТак, скасувати групу\n";
    let coordinator = run(&url, &["chat", "--user", "anna"], script);
    let out = stdout(&coordinator);
    for expected in [
        "🗂 Групи, які ви координуєте",
        "📄 signups-shp.csv:",
        "№,Статус,Номер у черзі,Ім’я,Телефон,Запис (за київським часом)",
        "1,записано,,Іван,+380671234567,",
        "Скасувати групу «Самодопомога плюс (SH+)», що починається 01.01.2030? Я повідомлю 1 людину",
        "Групу скасовано. 1 людині прийде повідомлення.",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }

    // The resident sees the notice after their next message.
    let resident = run(&url, &["chat", "--user", "ivan"], "меню\nменю\n");
    let out = stdout(&resident);
    assert_eq!(
        out.matches("❗ На жаль, центр скасував групу «Самодопомога плюс (SH+)»").count(),
        1,
        "told once:\n{out}"
    );
}

#[sqlx::test]
async fn operators_invite_list_and_revoke_coordinators(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    let invite = run(
        &url,
        &[
            "coordinator",
            "invite",
            "--centre",
            "sample-lvivska",
            "--expires",
            "2h",
            "--bot-username",
            "@resilience_bot",
        ],
        "",
    );
    assert!(invite.status.success(), "{}", stderr(&invite));
    let out = stdout(&invite);
    let link = out.lines().find_map(|l| l.trim().strip_prefix("Telegram: ")).unwrap_or_else(|| panic!("{out}"));
    let code = link.strip_prefix("https://t.me/resilience_bot?start=coord-").unwrap_or_else(|| panic!("{link}"));
    assert_eq!(code.len(), 20, "{link}");
    assert!(out.contains(&format!("/start coord-{code}")), "{out}");

    let chat = run(&url, &["chat", "--user", "anna"], &format!("/start coord-{code}\n"));
    assert!(stdout(&chat).contains("Тепер ви координатор"), "{}", stdout(&chat));
    let list = run(&url, &["coordinator", "list"], "");
    assert!(stdout(&list).contains("sample-lvivska\tterminal\tanna\tsince "), "{}", stdout(&list));
    let revoke = run(
        &url,
        &["coordinator", "revoke", "--centre", "sample-lvivska", "--channel", "terminal", "--user", "anna"],
        "",
    );
    assert!(revoke.status.success(), "{}", stderr(&revoke));
    assert!(stdout(&run(&url, &["coordinator", "list"], "")).contains("no coordinators"));
    let again = run(
        &url,
        &["coordinator", "revoke", "--centre", "sample-lvivska", "--channel", "terminal", "--user", "anna"],
        "",
    );
    assert!(!again.status.success());
    for bad in ["31d", "soon", "0h"] {
        let refused = run(&url, &["coordinator", "invite", "--centre", "sample-lvivska", "--expires", bad], "");
        assert!(!refused.status.success(), "{bad}");
    }
    let nowhere = run(&url, &["coordinator", "invite", "--centre", "nowhere"], "");
    assert!(stderr(&nowhere).contains("no centre with id \"nowhere\""), "{}", stderr(&nowhere));
}

#[sqlx::test]
async fn a_dry_run_of_the_ministry_file_prints_the_plan_then_the_import_and_export_carry_it(pool: PgPool) {
    let url = database_url(&pool);
    let file = "data/centres.ministry-example.csv";
    let dry = run(&url, &["import", "centres", file, "--dry-run"], "");
    assert!(dry.status.success(), "{}", stderr(&dry));
    let out = stdout(&dry);
    for expected in [
        "dry run of data/centres.ministry-example.csv, nothing was changed; the import would make: 7 added",
        "added:\n  line 2: brovarska-",
        "approximate placements",
        "at the centre of its settlement: м. Бровари",
        "at the centre of its hromada: Петро-Михайлівська сільська громада",
        "schedules not understood",
        "line 10: ",
        "\"графік уточнюється\"",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in:\n{out}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM centre").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0, "a dry run changes no row");

    let imported = run(&url, &["import", "centres", file], "");
    assert!(stdout(&imported).contains("imported data/centres.ministry-example.csv: 7 added"), "{}", stderr(&imported));
    let edited = stdout(&run(&url, &["import", "centres", file, "--dry-run"], ""));
    assert!(edited.contains("0 added, 0 updated, 7 unchanged, 0 removed"), "{edited}");
    let export = run(&url, &["export", "centres", "--format", "csv"], "");
    let csv = stdout(&export);
    assert!(csv.starts_with("id,name_uk,name_en,lat,lon,location_source,"), "{csv}");
    assert!(csv.contains(",settlement,Київська область,") && csv.contains("Mo-Fr 09:00-13:00,14:00-18:00"), "{csv}");
}

#[sqlx::test]
async fn a_later_import_says_it_kept_a_coordinators_change(pool: PgPool) {
    let url = database_url(&pool);
    let file = "data/centres.ministry-example.csv";
    assert!(run(&url, &["import", "centres", file], "").status.success());
    let store = resilience_bot::store::Store::from_pool(pool.clone()).await.unwrap();
    let centre = store.centres().await.unwrap().into_iter().find(|c| c.name_uk.contains("Глобинської")).unwrap();
    let coordinator = resilience_bot::domain::Person {
        channel: resilience_bot::domain::ChannelKind::Console,
        external_id: "olha".into(),
    };
    store.add_coordinator(centre.id.as_str(), &coordinator).await.unwrap();
    let hours = resilience_bot::domain::CentreEdit::OpeningHours(Some("Mo-Fr 08:00-20:00".into()));
    let today = chrono::Utc::now().date_naive();
    store.edit_centre_as(&coordinator, &centre.id, &hours, today).await.unwrap();
    let again = run(&url, &["import", "centres", file], "");
    let out = stdout(&again);
    assert!(out.contains("0 updated, 7 unchanged"), "{out}");
    assert!(out.contains("kept the coordinator's change"), "{out}");
    assert!(out.contains("opening_hours: kept Mo-Fr 08:00-20:00, the file has 24/7"), "{out}");
    let taken = stdout(&run(&url, &["import", "centres", file, "--overwrite-edits"], ""));
    assert!(taken.contains("1 updated") && taken.contains("opening_hours: Mo-Fr 08:00-20:00 → 24/7"), "{taken}");
}

#[sqlx::test]
async fn bad_operator_files_are_refused_with_physical_lines_and_what_to_do(pool: PgPool) {
    let url = database_url(&pool);
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let header = "\u{feff}Область;Назва;Населений пункт;Графік роботи\r\n";
    let cases = [
        (write("header.csv", "Область;Назва;Примітка\r\nКиївська;Центр;x\r\n".as_bytes()), "line 1: unknown column \"Примітка\""),
        (
            write(
                "lines.csv",
                format!(
                    "{header}\r\nКиївська;\"Центр\r\nз переносом\";Бровари;пн-пт 9-18\r\n\r\nКиївська;Другий;Неіснуюче Місто;пн-пт 9-18\r\n"
                )
                .as_bytes(),
            ),
            "line 6: cannot place the centre: no settlement \"Неіснуюче Місто\" in Київська область",
        ),
        (write("ansi.csv", b"\xcd\xe0\xe7\xe2\xe0;\xce\xe1\xeb\xe0\xf1\xf2\xfc\r\n"), "line 1: the file is not UTF-8"),
        (write("centres.txt", b"name_uk\nx\n"), "a centres file is .csv or .xlsx"),
        (write("sheet.xlsx", b"not a workbook"), "row 1: cannot read the workbook"),
    ];
    for (file, expected) in cases {
        let output = run(&url, &["import", "centres", &file], "");
        assert!(!output.status.success(), "{file}");
        assert!(stderr(&output).contains(expected), "{file}: missing {expected:?} in {}", stderr(&output));
    }
    let geocode = run(&url, &["import", "centres", "data/centres.ministry-example.csv", "--geocode"], "");
    assert!(stderr(&geocode).contains("--geocode needs GEOCODER_URL"), "{}", stderr(&geocode));
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM centre").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test]
async fn the_terminal_conversation_shows_no_log_lines_even_when_asked_for_info(pool: PgPool) {
    let url = database_url(&pool);
    import_sample(&url);
    // A second start runs the migration check again, which makes Postgres
    // say "already exists, skipping"; neither that nor any INFO line may
    // land among the replies.
    for _ in 0..2 {
        let output = run_logging(&url, &["chat", "--user", "quiet"], "Бровари\n", "info,sqlx=debug");
        assert!(output.status.success(), "{}", stderr(&output));
        let err = stderr(&output);
        assert!(!err.contains("INFO") && !err.contains("DEBUG") && !err.contains("already exists"), "{err}");
        assert!(stdout(&output).contains("Бровари"), "{}", stdout(&output));
    }
    // Other commands log what they are asked to (here every query), but
    // Postgres sends no notice to log.
    let import = run_logging(&url, &["import", "centres", "data/centres.sample.csv"], "", "debug");
    assert!(stderr(&import).contains("DEBUG"), "{}", stderr(&import));
    assert!(!stderr(&import).contains("already exists"), "{}", stderr(&import));
}

#[sqlx::test]
async fn operators_are_added_listed_revoked_and_signed_in_by_a_link_from_the_terminal(pool: PgPool) {
    let url = database_url(&pool);
    let nobody = run(&url, &["desk", "link", "--channel", "terminal", "--user", "op"], "");
    assert!(!nobody.status.success());
    assert!(stderr(&nobody).contains("neither an operator nor a coordinator"), "{}", stderr(&nobody));

    let added = run(&url, &["operator", "add", "--channel", "terminal", "--user", "op"], "");
    assert!(added.status.success(), "{}", stderr(&added));
    let listed = run(&url, &["operator", "list"], "");
    assert!(stdout(&listed).starts_with("terminal\top\tsince "), "{}", stdout(&listed));

    let link = run(
        &url,
        &["desk", "link", "--channel", "terminal", "--user", "op", "--desk-url", "https://desk.example.org"],
        "",
    );
    assert!(link.status.success(), "{}", stderr(&link));
    let printed = stdout(&link);
    let token = printed.trim().strip_prefix("https://desk.example.org/sign-in/").unwrap_or_else(|| panic!("{printed}"));
    assert_eq!(token.len(), 32, "{printed}");
    // Only the hash is stored.
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM desk_link").fetch_one(&pool).await.unwrap();
    assert_ne!(stored, token);

    // The bot in the terminal sends one too.
    let chat = run(&url, &["chat", "--user", "op", "--lang", "en", "--desk-url", "http://127.0.0.1:8081"], "/desk\n");
    assert!(stdout(&chat).contains("http://127.0.0.1:8081/sign-in/"), "{}", stdout(&chat));

    let revoked = run(&url, &["operator", "revoke", "--channel", "terminal", "--user", "op"], "");
    assert!(revoked.status.success(), "{}", stderr(&revoked));
    let again = run(&url, &["operator", "revoke", "--channel", "terminal", "--user", "op"], "");
    assert!(!again.status.success());
    assert_eq!(stdout(&run(&url, &["operator", "list"], "")).trim(), "no operators");
}
