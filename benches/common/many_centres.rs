//! Synthetic centres in the import format, for the benchmarks that need
//! 100,000 of them (`benches/load.rs`, `benches/opendata.rs`): uniform
//! random points in Ukraine's bounding box from a fixed seed, every field a
//! real centre has, all marked as sample.

const SAMPLE_HEADER: &str = "id,name_uk,name_en,lat,lon,oblast,hromada,address_uk,address_en,phone,email,website,\
                             opening_hours,services,notes,verified_on,serves_hromada,sample";

/// `count` synthetic centres in the import format.
pub fn many_centres(count: usize) -> String {
    let mut csv = String::from(SAMPLE_HEADER);
    csv.push('\n');
    let mut seed: u64 = 7;
    let mut unit = || {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for i in 0..count {
        let (lat, lon) = (44.4 + unit() * 7.9, 22.2 + unit() * 18.0);
        csv.push_str(&format!(
            "bench-{i},Центр життєстійкості {i},Resilience Centre {i},{lat:.5},{lon:.5},Київська область,,\
             \"вул. Тестова, {i}\",\"{i} Test St\",,,,Mo-Fr 09:00-18:00,psychological-support,,,,true\n"
        ));
    }
    csv
}
