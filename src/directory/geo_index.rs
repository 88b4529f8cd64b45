//! Exact great-circle nearest-neighbour search.
//!
//! Points are indexed as 3-D unit vectors. The straight-line (chord) distance
//! between two points on the unit sphere is `2·sin(θ/2)` of the angle θ between
//! them, which grows with θ, so the R-tree's nearest neighbours by chord are the
//! nearest by great-circle distance too — no re-ranking, no approximation.
//! Plain Euclidean distance on (lat, lon) degrees is wrong at Ukraine's latitudes,
//! where a degree of longitude is a third shorter than a degree of latitude.

use geo::{Distance, Haversine, Point};
use rstar::{AABB, ParentNode, PointDistance, RTree, RTreeNode, RTreeObject};

use crate::domain::Coordinates;

/// An R-tree over the positions of items numbered `0..n`.
#[derive(Debug, Clone)]
pub struct GeoIndex {
    tree: RTree<Entry>,
}

/// One indexed point and the position of its item in the caller's list.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Entry {
    xyz: [f64; 3],
    item: usize,
}

impl RTreeObject for Entry {
    type Envelope = AABB<[f64; 3]>;

    fn envelope(&self) -> Self::Envelope {
        AABB::from_point(self.xyz)
    }
}

impl PointDistance for Entry {
    fn distance_2(&self, point: &[f64; 3]) -> f64 {
        let [x, y, z] = self.xyz;
        let (dx, dy, dz) = (x - point[0], y - point[1], z - point[2]);
        dx * dx + dy * dy + dz * dz
    }
}

/// A result of a nearest search: the item's position and its distance in metres.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Neighbour {
    pub item: usize,
    pub metres: f64,
}

impl GeoIndex {
    /// Indexes the given points; item `i` is `points[i]`.
    pub fn new(points: &[Coordinates]) -> Self {
        let entries = points.iter().enumerate().map(|(item, &p)| Entry { xyz: unit_vector(p), item }).collect();
        Self { tree: RTree::bulk_load(entries) }
    }

    pub fn len(&self) -> usize {
        self.tree.size()
    }

    pub fn is_empty(&self) -> bool {
        self.tree.size() == 0
    }

    /// The `k` items nearest to `origin` by great-circle distance, nearest first.
    /// Ties are broken by item number so that answers are stable.
    pub fn nearest(&self, origin: Coordinates, k: usize) -> Vec<Neighbour> {
        let query = unit_vector(origin);
        let mut best = Best { k, found: Vec::with_capacity(k + 1) };
        if k > 0 {
            best.visit(self.tree.root(), &query);
        }
        best.found.into_iter().map(|(chord2, item)| Neighbour { item, metres: chord_to_metres(chord2) }).collect()
    }
}

/// Children of a node sorted on the stack (rstar's nodes have at most 6).
const ON_STACK: usize = 16;

/// The `k` nearest found so far, as (squared chord, item), nearest first.
///
/// Depth first, children nearest first, leaving a subtree as soon as its box
/// is farther than the `k`-th found: the answer is exact, as with rstar's
/// own nearest-neighbour iterator, which this replaces because the iterator
/// keeps a heap of every node it meets (1.3 µs for three of 100,000 where
/// this walk takes less; `benches/nearest.rs`).
struct Best {
    k: usize,
    found: Vec<(f64, usize)>,
}

impl Best {
    fn visit(&mut self, node: &ParentNode<Entry>, query: &[f64; 3]) {
        let children = node.children();
        let mut on_stack = [(0.0, 0); ON_STACK];
        let mut on_heap = Vec::new();
        let order: &mut [(f64, usize)] = if children.len() <= ON_STACK {
            &mut on_stack[..children.len()]
        } else {
            on_heap.resize(children.len(), (0.0, 0));
            &mut on_heap
        };
        for (slot, (i, child)) in order.iter_mut().zip(children.iter().enumerate()) {
            *slot = (child.envelope().distance_2(query), i);
        }
        order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
        for &(chord2, i) in order.iter() {
            if self.found.len() == self.k && chord2 > self.found[self.k - 1].0 {
                break;
            }
            match &children[i] {
                RTreeNode::Leaf(entry) => self.offer(chord2, entry.item),
                RTreeNode::Parent(parent) => self.visit(parent, query),
            }
        }
    }

    /// Keeps (chord², item) if it is among the `k` smallest, ties by item.
    fn offer(&mut self, chord2: f64, item: usize) {
        let candidate = (chord2, item);
        let before = |kept: &(f64, usize)| kept.0.total_cmp(&chord2).then(kept.1.cmp(&item)).is_lt();
        let at = self.found.partition_point(before);
        if at < self.k {
            self.found.insert(at, candidate);
            self.found.truncate(self.k);
        }
    }
}

/// Mean Earth radius in metres (IUGG), the radius `geo::Haversine` uses too.
pub const EARTH_RADIUS_METRES: f64 = 6_371_008.8;

/// Great-circle distance between two points in metres.
pub fn haversine_metres(a: Coordinates, b: Coordinates) -> f64 {
    Haversine.distance(Point::new(a.lon(), a.lat()), Point::new(b.lon(), b.lat()))
}

fn unit_vector(p: Coordinates) -> [f64; 3] {
    let (lat, lon) = (p.lat().to_radians(), p.lon().to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

/// Turns a squared chord length on the unit sphere into metres along the surface.
fn chord_to_metres(chord2: f64) -> f64 {
    let half_chord = (chord2.sqrt() / 2.0).min(1.0);
    2.0 * half_chord.asin() * EARTH_RADIUS_METRES
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn at(lat: f64, lon: f64) -> Coordinates {
        Coordinates::parse(lat, lon).expect("valid test coordinates")
    }

    fn euclidean_on_degrees_nearest(points: &[Coordinates], origin: Coordinates) -> usize {
        let d = |p: &Coordinates| (p.lat() - origin.lat()).powi(2) + (p.lon() - origin.lon()).powi(2);
        (0..points.len()).min_by(|&a, &b| d(&points[a]).total_cmp(&d(&points[b]))).expect("points")
    }

    #[test]
    fn nearest_is_right_where_euclidean_on_degrees_is_wrong_east_of_kyiv() {
        // From Kyiv, a centre 0.9° east is about 64 km away and one 0.8° north about
        // 89 km: degrees say north, the Earth says east.
        let kyiv = at(50.45, 30.52);
        let points = [at(51.25, 30.52), at(50.45, 31.42)];
        assert_eq!(euclidean_on_degrees_nearest(&points, kyiv), 0);
        let nearest = GeoIndex::new(&points).nearest(kyiv, 1);
        assert_eq!(nearest[0].item, 1);
        assert!((nearest[0].metres - 64_000.0).abs() < 1_000.0, "{}", nearest[0].metres);
    }

    #[test]
    fn nearest_is_right_where_euclidean_on_degrees_is_wrong_in_zakarpattia() {
        // Uzhhorod: 0.55° west (about 40 km) beats 0.45° south (about 50 km).
        let uzhhorod = at(48.62, 22.29);
        let points = [at(48.17, 22.29), at(48.62, 21.74)];
        assert_eq!(euclidean_on_degrees_nearest(&points, uzhhorod), 0);
        assert_eq!(GeoIndex::new(&points).nearest(uzhhorod, 1)[0].item, 1);
    }

    #[test]
    fn distances_match_haversine_for_lviv_to_kyiv() {
        let lviv = at(49.8383, 24.0232);
        let kyiv = at(50.4501, 30.5234);
        let index = GeoIndex::new(&[kyiv]);
        let found = index.nearest(lviv, 1)[0].metres;
        assert!((found - haversine_metres(lviv, kyiv)).abs() < 1.0);
        assert!((found / 1000.0 - 468.0).abs() < 5.0, "Lviv–Kyiv is about 468 km, got {found}");
    }

    #[test]
    fn centres_at_the_same_spot_are_taken_lowest_item_first() {
        // Forty at one point (more than a node holds) and one farther away.
        let mut points = vec![at(50.0, 30.0); 40];
        points.push(at(50.1, 30.0));
        let found: Vec<usize> = GeoIndex::new(&points).nearest(at(49.9, 30.0), 3).iter().map(|n| n.item).collect();
        assert_eq!(found, [0, 1, 2]);
        assert!(GeoIndex::new(&points).nearest(at(49.9, 30.0), 0).is_empty());
    }

    #[test]
    fn an_empty_index_finds_nothing_and_k_larger_than_the_index_finds_all() {
        assert!(GeoIndex::new(&[]).nearest(at(50.0, 30.0), 3).is_empty());
        assert_eq!(GeoIndex::new(&[at(50.0, 30.0), at(49.0, 31.0)]).nearest(at(48.0, 30.0), 5).len(), 2);
    }

    fn ukraine_point() -> impl Strategy<Value = Coordinates> {
        (44.0f64..52.5, 22.0f64..40.5).prop_map(|(lat, lon)| at(lat, lon))
    }

    proptest! {
        #[test]
        fn nearest_three_equal_brute_force_haversine(
            points in prop::collection::vec(ukraine_point(), 1..200),
            origin in ukraine_point(),
        ) {
            let index = GeoIndex::new(&points);
            let found = index.nearest(origin, 3);
            let mut brute: Vec<(f64, usize)> =
                points.iter().enumerate().map(|(i, &p)| (haversine_metres(origin, p), i)).collect();
            brute.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            prop_assert_eq!(found.len(), brute.len().min(3));
            for (got, (metres, _)) in found.iter().zip(&brute) {
                // Same distances (items may swap only on exact ties).
                prop_assert!((got.metres - metres).abs() < 0.01, "{} vs {}", got.metres, metres);
                prop_assert!((haversine_metres(origin, points[got.item]) - metres).abs() < 0.01);
            }
        }
    }
}
