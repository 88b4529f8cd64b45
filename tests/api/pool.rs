//! The bot's own pool (`Store::connect`) hands out a connection without
//! first asking the database whether it still answers (sqlx's default, a
//! round trip for every statement), unless the connection sat idle for a
//! second or more: a connection that broke while idle, when the database
//! restarted or a firewall dropped it, must be found out and replaced
//! before an update fails on it.

use std::time::Duration;

use resilience_bot::domain::{ChannelKind, Language, Person};
use resilience_bot::store::Store;
use sqlx::PgPool;

use crate::helpers::TestApp;
use crate::pg_proxy::PgProxy;

#[sqlx::test]
async fn a_connection_broken_while_idle_is_replaced_before_an_update_uses_it(pool: PgPool) {
    let _app = TestApp::new(pool.clone()).await;
    let proxy = PgProxy::start(&pool).await;
    let store = Store::connect(proxy.options()).await.unwrap();
    let person = Person { channel: ChannelKind::Console, external_id: "olena".to_owned() };
    drop(store.read_user(&person, Language::Uk).await.unwrap());
    // The read's connection back in the pool, idle (sqlx's check on its
    // return finished), before the break: only the idle check can find it.
    let returned = tokio::time::timeout(Duration::from_secs(5), async {
        while store.pool().num_idle() == 0 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    });
    assert!(returned.await.is_ok(), "the read's connection went back to the pool");

    // Every open connection dropped, the database reachable again at once.
    proxy.cut();
    proxy.restore();
    tokio::time::sleep(Duration::from_millis(1200)).await;

    let read = store.read_user(&person, Language::Uk).await;
    assert!(read.is_ok(), "the first read after the break: {read:?}");
    assert!(!read.unwrap().record.is_new, "the row written before the break is read");
}
