//! Nearest-3 lookups over 300, 10,000 and 100,000 synthetic centres: the
//! R-tree, a brute-force haversine scan and PostGIS KNN (when DATABASE_URL
//! points at a server with PostGIS) in the same run; and typed place search.
//! `scripts/bench` runs it and prints the README's table.

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use resilience_bot::directory::{Gazetteer, GeoIndex, haversine_metres};
use resilience_bot::domain::Coordinates;

#[path = "common/gazetteer_queries.rs"]
mod gazetteer_queries;

/// A small deterministic generator, so every run measures the same points.
struct Lcg(u64);

impl Lcg {
    fn next_unit(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }

    fn point_in_ukraine(&mut self) -> Coordinates {
        let lat = 44.4 + self.next_unit() * 7.9;
        let lon = 22.2 + self.next_unit() * 18.0;
        Coordinates::parse(lat, lon).expect("inside the range")
    }
}

fn brute_force(points: &[Coordinates], origin: Coordinates) -> [usize; 3] {
    let mut best = [(f64::INFINITY, 0usize); 3];
    for (i, &p) in points.iter().enumerate() {
        let d = haversine_metres(origin, p);
        if d < best[2].0 {
            best[2] = (d, i);
            best.sort_by(|a, b| a.0.total_cmp(&b.0));
        }
    }
    best.map(|(_, i)| i)
}

/// Sizes measured: about today's directory, a large country's, and far more.
const SIZES: [usize; 3] = [300, 10_000, 100_000];

fn nearest(c: &mut Criterion) {
    let mut rng = Lcg(42);
    let queries: Vec<Coordinates> = (0..1_000).map(|_| rng.point_in_ukraine()).collect();
    let postgis = postgis::Knn::connect();
    let mut group = c.benchmark_group("nearest3");
    for size in SIZES {
        let points: Vec<Coordinates> = (0..size).map(|_| rng.point_in_ukraine()).collect();
        let index = GeoIndex::new(&points);
        // The three methods must agree before they are timed.
        for query in queries.iter().take(20) {
            let expected = brute_force(&points, *query);
            let mut got: Vec<usize> = index.nearest(*query, 3).into_iter().map(|n| n.item).collect();
            got.sort_unstable();
            let mut want = expected.to_vec();
            want.sort_unstable();
            assert_eq!(got, want, "the R-tree disagrees with the scan");
        }
        let mut i = 0;
        group.bench_function(BenchmarkId::new("rtree", size), |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(index.nearest(queries[i], 3))
            })
        });
        group.bench_function(BenchmarkId::new("brute_force_haversine", size), |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(brute_force(&points, queries[i]))
            })
        });
        if let Some(postgis) = &postgis {
            postgis.load(&points);
            let mut want = brute_force(&points, queries[0]).to_vec();
            want.sort_unstable();
            let mut got = postgis.nearest3(queries[0]);
            got.sort_unstable();
            assert_eq!(got, want, "PostGIS disagrees with the scan");
            group.bench_function(BenchmarkId::new("postgis_knn", size), |b| {
                b.iter(|| {
                    i = (i + 1) % queries.len();
                    black_box(postgis.nearest3(queries[i]))
                })
            });
        }
    }
    group.finish();
}

/// What most projects would write instead: `ORDER BY geog <-> point LIMIT 3`
/// with a GiST index, on Postgres with PostGIS, queried over loopback.
mod postgis {
    use resilience_bot::domain::Coordinates;
    use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
    use sqlx::{AssertSqlSafe, ConnectOptions as _, PgPool};

    pub struct Knn {
        runtime: tokio::runtime::Runtime,
        pool: PgPool,
    }

    impl Knn {
        /// A database of its own on DATABASE_URL's server; `None` (and a note)
        /// without DATABASE_URL or PostGIS (`scripts/bench` installs it).
        pub fn connect() -> Option<Self> {
            let url = std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty())?;
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
            let pool = runtime.block_on(async {
                let options: PgConnectOptions = url.parse().ok()?;
                let admin = PgPoolOptions::new().max_connections(1).connect_with(options.clone()).await.ok()?;
                let _ = sqlx::query("DROP DATABASE IF EXISTS rb_bench_postgis WITH (FORCE)").execute(&admin).await;
                sqlx::query("CREATE DATABASE rb_bench_postgis").execute(&admin).await.ok()?;
                let options = options.database("rb_bench_postgis").disable_statement_logging();
                let pool = PgPoolOptions::new().max_connections(1).connect_with(options).await.ok()?;
                match sqlx::query("CREATE EXTENSION postgis").execute(&pool).await {
                    Ok(_) => Some(pool),
                    Err(error) => {
                        eprintln!(
                            "PostGIS is not available ({error}): its column is left out; scripts/bench installs it"
                        );
                        None
                    }
                }
            })?;
            Some(Self { runtime, pool })
        }

        /// Replaces the table with these points and indexes them.
        pub fn load(&self, points: &[Coordinates]) {
            let lats: Vec<f64> = points.iter().map(|p| p.lat()).collect();
            let lons: Vec<f64> = points.iter().map(|p| p.lon()).collect();
            self.runtime.block_on(async {
                for statement in [
                    "DROP TABLE IF EXISTS centre_point",
                    "CREATE TABLE centre_point (id integer PRIMARY KEY, geog geography(Point, 4326) NOT NULL)",
                ] {
                    sqlx::query(AssertSqlSafe(statement)).execute(&self.pool).await.expect("table");
                }
                sqlx::query(
                    "INSERT INTO centre_point (id, geog) \
                     SELECT i - 1, ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography \
                     FROM unnest($1::float8[], $2::float8[]) WITH ORDINALITY AS p(lat, lon, i)",
                )
                .bind(&lats)
                .bind(&lons)
                .execute(&self.pool)
                .await
                .expect("points");
                for statement in
                    ["CREATE INDEX centre_point_geog ON centre_point USING gist (geog)", "ANALYZE centre_point"]
                {
                    sqlx::query(AssertSqlSafe(statement)).execute(&self.pool).await.expect("index");
                }
            });
        }

        pub fn nearest3(&self, at: Coordinates) -> Vec<usize> {
            self.runtime.block_on(async {
                let ids: Vec<i32> = sqlx::query_scalar(
                    "SELECT id FROM centre_point \
                     ORDER BY geog <-> ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography LIMIT 3",
                )
                .bind(at.lon())
                .bind(at.lat())
                .fetch_all(&self.pool)
                .await
                .expect("query");
                ids.into_iter().map(|id| id as usize).collect()
            })
        }
    }
}

fn gazetteer(c: &mut Criterion) {
    let gazetteer = Gazetteer::built_in().expect("gazetteer loads");
    let mut group = c.benchmark_group("gazetteer");
    for (name, query) in gazetteer_queries::QUERIES {
        group.bench_function(name, |b| b.iter(|| black_box(gazetteer.search(black_box(query)))));
    }
    group.finish();
}

criterion_group!(benches, nearest, gazetteer);
criterion_main!(benches);
