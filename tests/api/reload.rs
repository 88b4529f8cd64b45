//! The directory is swapped after an import while the bot keeps answering.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use resilience_bot::conversation::Incoming;
use resilience_bot::directory::centre_csv;
use resilience_bot::domain::{CentreId, Language};
use resilience_bot::startup::spawn_reloader;
use sqlx::PgPool;

use crate::helpers::{SAMPLE_CSV, TestApp, listed_centres, monday_noon};

#[sqlx::test]
async fn an_import_is_picked_up_while_conversations_keep_being_answered(pool: PgPool) {
    let app = Arc::new(TestApp::new(pool).await);
    let reloader = spawn_reloader(app.store.clone(), app.directory.clone());
    // Let the reloader connect and LISTEN before the import notifies.
    tokio::time::sleep(Duration::from_millis(300)).await;

    let stop = Arc::new(AtomicBool::new(false));
    let answered = Arc::new(AtomicUsize::new(0));
    let asker = {
        let (app, stop, answered) = (app.clone(), stop.clone(), answered.clone());
        tokio::spawn(async move {
            while !stop.load(Ordering::Relaxed) {
                let answer = app.send("reader", Language::Uk, Incoming::Location { lat: 50.45, lon: 30.52 }).await;
                assert_eq!(listed_centres(&answer).len(), 3);
                answered.fetch_add(1, Ordering::Relaxed);
            }
        })
    };

    // A new centre right at the asker's point, imported by "another process".
    let new_row = "\nnew-kyiv,Новий центр,New centre,50.45,30.52,,,,,,,,,,,,,true";
    let file = format!("{}{new_row}\n", SAMPLE_CSV.trim_end());
    let imported = centre_csv::parse(file.as_bytes(), monday_noon().date_naive()).unwrap();
    app.store.import_centres(&imported, false).await.unwrap();

    let new_id = CentreId::parse("new-kyiv").unwrap();
    let mut swapped = false;
    for _ in 0..100 {
        if app.directory.current().get(&new_id).is_some() {
            swapped = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.store(true, Ordering::Relaxed);
    asker.await.unwrap();
    reloader.abort();
    assert!(swapped, "the directory was not reloaded after the import");
    assert!(answered.load(Ordering::Relaxed) > 0, "the bot kept answering");
    let answer = app.location("after", Language::Uk, 50.45, 30.52).await;
    assert_eq!(listed_centres(&answer)[0], "new-kyiv");
}
