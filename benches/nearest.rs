//! Nearest-3 lookups over the sample directory and over 100,000 synthetic
//! centres, with a brute-force haversine scan for comparison, and typed place
//! search. Results are quoted in the README.

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use resilience_bot::directory::{Gazetteer, GeoIndex, centre_csv, haversine_metres};
use resilience_bot::domain::Coordinates;

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

fn sample_points() -> Vec<Coordinates> {
    let csv = include_str!("../data/centres.sample.csv");
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    centre_csv::parse(csv.as_bytes(), today).expect("sample parses").into_iter().map(|c| c.centre.location).collect()
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

fn nearest(c: &mut Criterion) {
    let mut rng = Lcg(42);
    let queries: Vec<Coordinates> = (0..1_000).map(|_| rng.point_in_ukraine()).collect();
    let synthetic: Vec<Coordinates> = (0..100_000).map(|_| rng.point_in_ukraine()).collect();
    let sets = [("sample", sample_points()), ("100k", synthetic)];
    let mut group = c.benchmark_group("nearest3");
    for (name, points) in &sets {
        let index = GeoIndex::new(points);
        let mut i = 0;
        group.bench_function(BenchmarkId::new("rtree", name), |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(index.nearest(queries[i], 3))
            })
        });
        group.bench_function(BenchmarkId::new("brute_force_haversine", name), |b| {
            b.iter(|| {
                i = (i + 1) % queries.len();
                black_box(brute_force(points, queries[i]))
            })
        });
    }
    group.finish();
}

fn gazetteer(c: &mut Criterion) {
    let gazetteer = Gazetteer::built_in().expect("gazetteer loads");
    let mut group = c.benchmark_group("gazetteer");
    for (name, query) in [("exact", "Бровари"), ("transliterated", "brovary"), ("misspelled", "Бровори")]
    {
        group.bench_function(name, |b| b.iter(|| black_box(gazetteer.search(black_box(query)))));
    }
    group.finish();
}

criterion_group!(benches, nearest, gazetteer);
criterion_main!(benches);
