//! The private cluster used when DATABASE_URL is unset.

use std::os::unix::fs::PermissionsExt;

use resilience_bot::store::{PrivateCluster, Store};

pub(crate) fn reachable_temp_dir() -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix("rb-pg-").tempdir_in("/tmp").unwrap();
    // As root the cluster runs as `postgres`, which must be able to enter it.
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[tokio::test]
async fn a_private_cluster_starts_keeps_its_data_across_runs_and_stops() {
    let dir = reachable_temp_dir();
    let cluster = PrivateCluster::start(dir.path()).await.unwrap();
    assert!(cluster.started_here());
    assert!(cluster.url().contains("host=/"), "Unix socket only: {}", cluster.url());
    let store = Store::connect(cluster.connect_options()).await.unwrap();
    sqlx::query("INSERT INTO chat_user (channel, external_id, language) VALUES ('console', 'kept', 'uk')")
        .execute(store.pool())
        .await
        .unwrap();
    store.pool().close().await;

    // A second process finds it running: it reuses it and must not stop it.
    let second = PrivateCluster::start(dir.path()).await.unwrap();
    assert!(!second.started_here());
    second.stop().await.unwrap();
    cluster.stop().await.unwrap();

    // Started again from the same directory, the data is still there.
    let again = PrivateCluster::start(dir.path()).await.unwrap();
    assert!(again.started_here());
    let store = Store::connect(again.connect_options()).await.unwrap();
    let kept: i64 = sqlx::query_scalar("SELECT count(*) FROM chat_user WHERE external_id = 'kept'")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(kept, 1);
    store.pool().close().await;
    again.stop().await.unwrap();
    let postmaster = dir.path().join("postgres/data/postmaster.pid");
    assert!(!postmaster.exists(), "the server stopped cleanly");
}

#[tokio::test]
async fn the_private_cluster_listens_on_no_tcp_port() {
    let dir = reachable_temp_dir();
    let cluster = PrivateCluster::start(dir.path()).await.unwrap();
    let store = Store::connect(cluster.connect_options()).await.unwrap();
    let listen: String = sqlx::query_scalar("SHOW listen_addresses").fetch_one(store.pool()).await.unwrap();
    store.pool().close().await;
    cluster.stop().await.unwrap();
    assert_eq!(listen, "");
}
