//! Grouping claims into disputes and splitting each dispute into sides. Pure code: no I/O.
//!
//! A dispute is a group of claims joined by `contradicts` edges (its core), together with the
//! claims that back them through `supports`/`same-as` edges, however indirectly. Sides are a
//! 2-colouring: `supports`/`same-as` keep two claims on one side, `contradicts` puts them on
//! opposite sides. A dispute that admits no such colouring (three parties, an odd cycle, a claim
//! backing both sides) has no sides and is shown as its contradicting pairs.
//!
//! A supporter is not part of the core, so one claim can back claims in two disputes and appear
//! in both; two cores are never merged through a supporter.
//!
//! The work is linear in the edges (and in the size of the output): claims get dense indices,
//! cores and the groups of supporters between them come from union-finds with path compression
//! and union by rank, and each edge is put once into the bucket of the core or supporter group it
//! belongs to, so a dispute reads only its own edges.

use std::collections::HashMap;

use crate::model::{Edge, RelationKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispute {
    /// Every claim in the dispute, ascending.
    pub claims: Vec<i64>,
    /// The two sides, the one holding the lowest-numbered core claim first, each with its core
    /// claims first; None when the dispute cannot be split in two.
    pub sides: Option<[Vec<i64>; 2]>,
    /// The contradicting pairs, each (lower id, higher id), ascending.
    pub pairs: Vec<(i64, i64)>,
}

/// Group the edges into disputes, ordered by their lowest core claim.
pub fn group(edges: &[Edge]) -> Vec<Dispute> {
    // Dense indices for every claim a grouping edge touches.
    let mut index: HashMap<i64, usize> = HashMap::new();
    let mut ids: Vec<i64> = Vec::new();
    let mut dense = |id: i64| -> usize {
        *index.entry(id).or_insert_with(|| {
            ids.push(id);
            ids.len() - 1
        })
    };
    let grouping: Vec<(usize, usize, bool)> = edges
        .iter()
        .filter_map(|edge| {
            let opposite = match edge.kind {
                RelationKind::Contradicts => true,
                RelationKind::Supports | RelationKind::SameAs => false,
                _ => return None,
            };
            Some((dense(edge.from), dense(edge.to), opposite))
        })
        .collect();
    let n = ids.len();

    // Cores: claims joined by contradicts. Supporter groups: claims outside every core joined
    // by supports/same-as among themselves.
    let mut in_core = vec![false; n];
    let mut cores = UnionFind::new(n);
    for &(a, b, opposite) in &grouping {
        if opposite {
            in_core[a] = true;
            in_core[b] = true;
            cores.union(a, b);
        }
    }
    let mut supporters = UnionFind::new(n);
    for &(a, b, opposite) in &grouping {
        if !opposite && !in_core[a] && !in_core[b] {
            supporters.union(a, b);
        }
    }

    // One slot per core, numbered in order of the core's lowest claim.
    let mut core_roots: Vec<usize> = (0..n).filter(|&i| in_core[i] && cores.find(i) == i).collect();
    let mut lowest = vec![i64::MAX; n];
    for i in (0..n).filter(|&i| in_core[i]) {
        let root = cores.find(i);
        lowest[root] = lowest[root].min(ids[i]);
    }
    core_roots.sort_unstable_by_key(|&root| lowest[root]);
    let mut slot_of_root = vec![usize::MAX; n];
    for (slot, &root) in core_roots.iter().enumerate() {
        slot_of_root[root] = slot;
    }
    let core_slot = |cores: &mut UnionFind, i: usize| slot_of_root[cores.find(i)];

    // Each edge goes to one bucket: its core's, or its supporter group's. A backing edge between
    // two different cores belongs to neither dispute (supporters never merge cores).
    let mut core_members: Vec<Vec<usize>> = vec![Vec::new(); core_roots.len()];
    let mut core_edges: Vec<Vec<(usize, usize, bool)>> = vec![Vec::new(); core_roots.len()];
    let mut group_edges: HashMap<usize, Vec<(usize, usize, bool)>> = HashMap::new();
    let mut group_cores: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in (0..n).filter(|&i| in_core[i]) {
        let slot = core_slot(&mut cores, i);
        core_members[slot].push(i);
    }
    for &(a, b, opposite) in &grouping {
        match (in_core[a], in_core[b]) {
            (true, true) => {
                let (slot_a, slot_b) = (core_slot(&mut cores, a), core_slot(&mut cores, b));
                if slot_a == slot_b {
                    core_edges[slot_a].push((a, b, opposite));
                }
            }
            (true, false) | (false, true) => {
                let (core, supporter) = if in_core[a] { (a, b) } else { (b, a) };
                let slot = core_slot(&mut cores, core);
                core_edges[slot].push((a, b, opposite));
                group_cores.entry(supporters.find(supporter)).or_default().push(slot);
            }
            (false, false) => group_edges.entry(supporters.find(a)).or_default().push((a, b, opposite)),
        }
    }
    // The supporter groups each core reaches, and their members.
    let mut core_groups: Vec<Vec<usize>> = vec![Vec::new(); core_roots.len()];
    for (group, mut slots) in group_cores {
        slots.sort_unstable();
        slots.dedup();
        for slot in slots {
            core_groups[slot].push(group);
        }
    }
    let mut group_members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in (0..n).filter(|&i| !in_core[i]) {
        group_members.entry(supporters.find(i)).or_default().push(i);
    }

    let mut sides = ParityUnionFind::new(n);
    let (no_members, no_edges) = (Vec::new(), Vec::new());
    (0..core_roots.len())
        .map(|slot| {
            let groups = &core_groups[slot];
            let members = core_members[slot]
                .iter()
                .chain(groups.iter().flat_map(|g| group_members.get(g).unwrap_or(&no_members)))
                .copied();
            let edges =
                core_edges[slot].iter().chain(groups.iter().flat_map(|g| group_edges.get(g).unwrap_or(&no_edges)));
            build_dispute(&ids, &in_core, members.collect(), edges.copied(), &mut sides)
        })
        .collect()
}

/// One dispute from its members (dense indices, each once) and its edges.
fn build_dispute(
    ids: &[i64],
    in_core: &[bool],
    members: Vec<usize>,
    edges: impl Iterator<Item = (usize, usize, bool)>,
    parity: &mut ParityUnionFind,
) -> Dispute {
    let mut splittable = true;
    let mut pairs = Vec::new();
    for (a, b, opposite) in edges {
        if opposite {
            pairs.push((ids[a].min(ids[b]), ids[a].max(ids[b])));
        }
        splittable &= parity.relate(a, b, opposite);
    }
    pairs.sort_unstable();
    pairs.dedup();

    let lowest = *members.iter().filter(|&&i| in_core[i]).min_by_key(|&&i| ids[i]).expect("a core is never empty");
    let sides = splittable.then(|| {
        let lowest_side = parity.find(lowest);
        let mut sides: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for &member in &members {
            sides[usize::from(parity.find(member) != lowest_side)].push(member);
        }
        // The contradicting claims lead each side; their supporters follow.
        sides.map(|mut side| {
            side.sort_unstable_by_key(|&i| (!in_core[i], ids[i]));
            side.into_iter().map(|i| ids[i]).collect()
        })
    });
    for &member in &members {
        parity.reset(member);
    }
    let mut claims: Vec<i64> = members.into_iter().map(|i| ids[i]).collect();
    claims.sort_unstable();
    Dispute { claims, sides, pairs }
}

/// Union-find over dense indices, with path compression and union by rank.
struct UnionFind {
    parent: Vec<usize>,
    rank: Vec<u8>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n).collect(), rank: vec![0; n] }
    }

    fn find(&mut self, node: usize) -> usize {
        let mut root = node;
        while self.parent[root] != root {
            root = self.parent[root];
        }
        let mut node = node;
        while self.parent[node] != root {
            node = std::mem::replace(&mut self.parent[node], root);
        }
        root
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (low, high) = if self.rank[ra] < self.rank[rb] { (ra, rb) } else { (rb, ra) };
        self.parent[low] = high;
        if self.rank[low] == self.rank[high] {
            self.rank[high] += 1;
        }
    }
}

/// Union-find that also records, for each claim, whether it sits on its root's side. It is
/// shared by every dispute in turn: `reset` puts a claim back as it was once its dispute is done.
struct ParityUnionFind {
    parent: Vec<usize>,
    /// True when the claim is on the opposite side from its parent.
    flipped: Vec<bool>,
    rank: Vec<u8>,
}

impl ParityUnionFind {
    fn new(n: usize) -> ParityUnionFind {
        ParityUnionFind { parent: (0..n).collect(), flipped: vec![false; n], rank: vec![0; n] }
    }

    /// (root, whether the claim is on the opposite side from the root)
    fn find(&mut self, node: usize) -> (usize, bool) {
        let (mut root, mut flipped) = (node, false);
        while self.parent[root] != root {
            flipped ^= self.flipped[root];
            root = self.parent[root];
        }
        // Point every claim on the way straight at the root, with its side relative to it.
        let (mut step, mut step_flipped) = (node, flipped);
        while self.parent[step] != root && step != root {
            let (up, own) = (self.parent[step], self.flipped[step]);
            self.parent[step] = root;
            self.flipped[step] = step_flipped;
            step_flipped ^= own;
            step = up;
        }
        (root, flipped)
    }

    /// Record that `a` and `b` are on opposite sides (or the same side); false on a contradiction.
    fn relate(&mut self, a: usize, b: usize, opposite: bool) -> bool {
        let ((ra, pa), (rb, pb)) = (self.find(a), self.find(b));
        if ra == rb {
            return (pa ^ pb) == opposite;
        }
        let (low, high) = if self.rank[ra] < self.rank[rb] { (ra, rb) } else { (rb, ra) };
        self.parent[low] = high;
        self.flipped[low] = pa ^ pb ^ opposite;
        if self.rank[low] == self.rank[high] {
            self.rank[high] += 1;
        }
        true
    }

    fn reset(&mut self, node: usize) {
        self.parent[node] = node;
        self.flipped[node] = false;
        self.rank[node] = 0;
    }
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use super::*;
    use RelationKind::*;

    fn e(from: i64, kind: RelationKind, to: i64) -> Edge {
        Edge { from, kind, to }
    }

    fn sides(d: &Dispute) -> [Vec<i64>; 2] {
        d.sides.clone().expect("dispute should split in two")
    }

    #[test]
    fn a_plain_pair() {
        let disputes = group(&[e(3, Contradicts, 7)]);
        assert_eq!(disputes.len(), 1);
        assert_eq!(sides(&disputes[0]), [vec![3], vec![7]]);
        assert_eq!(disputes[0].pairs, [(3, 7)]);
    }

    #[test]
    fn supporters_join_the_side_they_back() {
        // 1 and 2 back 3 (one directly, one through same-as); 5 backs 7.
        let disputes =
            group(&[e(3, Contradicts, 7), e(1, Supports, 3), e(2, SameAs, 1), e(5, Supports, 7), e(9, Qualifies, 3)]);
        assert_eq!(disputes.len(), 1);
        assert_eq!(sides(&disputes[0]), [vec![3, 1, 2], vec![7, 5]]);
        assert_eq!(disputes[0].claims, [1, 2, 3, 5, 7], "qualifies does not join a side");
    }

    #[test]
    fn two_disputes_that_share_nothing() {
        let disputes = group(&[e(10, Contradicts, 11), e(1, Contradicts, 2), e(4, Supports, 11)]);
        assert_eq!(disputes.len(), 2);
        assert_eq!(sides(&disputes[0]), [vec![1], vec![2]]);
        assert_eq!(sides(&disputes[1]), [vec![10], vec![11, 4]]);
    }

    #[test]
    fn a_chain_puts_the_ends_on_one_side() {
        let disputes = group(&[e(1, Contradicts, 2), e(2, Contradicts, 3)]);
        assert_eq!(disputes.len(), 1);
        assert_eq!(sides(&disputes[0]), [vec![1, 3], vec![2]]);
        assert_eq!(disputes[0].pairs, [(1, 2), (2, 3)]);
    }

    #[test]
    fn an_odd_cycle_has_no_sides_and_shows_its_pairs() {
        let disputes = group(&[e(1, Contradicts, 2), e(2, Contradicts, 3), e(1, Contradicts, 3)]);
        assert_eq!(disputes.len(), 1);
        assert_eq!(disputes[0].sides, None);
        assert_eq!(disputes[0].pairs, [(1, 2), (1, 3), (2, 3)]);
        assert_eq!(disputes[0].claims, [1, 2, 3]);
    }

    #[test]
    fn a_claim_backing_both_sides_makes_the_dispute_unsplittable() {
        let disputes = group(&[e(1, Contradicts, 2), e(5, Supports, 1), e(5, Supports, 2)]);
        assert_eq!(disputes[0].sides, None);
        assert_eq!(disputes[0].pairs, [(1, 2)]);
    }

    #[test]
    fn a_claim_in_two_disputes() {
        // 5 backs 1 in the first dispute and 3 in the second; the disputes stay apart.
        let disputes = group(&[e(1, Contradicts, 2), e(3, Contradicts, 4), e(5, Supports, 1), e(5, Supports, 3)]);
        assert_eq!(disputes.len(), 2);
        assert_eq!(sides(&disputes[0]), [vec![1, 5], vec![2]]);
        assert_eq!(sides(&disputes[1]), [vec![3, 5], vec![4]]);
        assert_eq!(disputes[0].claims, [1, 2, 5]);
    }

    #[test]
    fn no_contradiction_no_dispute() {
        assert!(group(&[e(1, Supports, 2), e(2, SameAs, 3)]).is_empty());
        assert!(group(&[]).is_empty());
    }

    /// A small seeded generator (xorshift64*), so every run checks the same graphs.
    struct Random(u64);

    impl Random {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
        }

        fn graph(&mut self, claims: u64, edges: u64) -> Vec<Edge> {
            const KINDS: [RelationKind; 5] = [Contradicts, Supports, SameAs, Qualifies, Contradicts];
            (0..edges)
                .filter_map(|_| {
                    let (from, to) = (self.below(claims) as i64 + 1, self.below(claims) as i64 + 1);
                    let kind = KINDS[self.below(KINDS.len() as u64) as usize];
                    (from != to).then_some(Edge { from, kind, to })
                })
                .collect()
        }
    }

    /// The grouping written plainly, quadratic and obviously so: the yardstick for `group`.
    fn reference(edges: &[Edge]) -> Vec<Dispute> {
        let grouping = |e: &&Edge| matches!(e.kind, Contradicts | Supports | SameAs);
        let core_nodes: BTreeSet<i64> =
            edges.iter().filter(|e| e.kind == Contradicts).flat_map(|e| [e.from, e.to]).collect();
        // Grow a set from `start` through edges that `step` allows, ending where `may_enter` says.
        let reach = |start: &BTreeSet<i64>, step: &dyn Fn(&Edge) -> bool, may_enter: &dyn Fn(i64) -> bool| {
            let mut set = start.clone();
            loop {
                let before = set.len();
                for e in edges.iter().filter(|e| step(e)) {
                    if set.contains(&e.from) && may_enter(e.to) {
                        set.insert(e.to);
                    }
                    if set.contains(&e.to) && may_enter(e.from) {
                        set.insert(e.from);
                    }
                }
                if set.len() == before {
                    return set;
                }
            }
        };
        let mut seen = BTreeSet::new();
        let mut disputes = Vec::new();
        for &start in &core_nodes {
            if seen.contains(&start) {
                continue;
            }
            let core = reach(&BTreeSet::from([start]), &|e| e.kind == Contradicts, &|_| true);
            seen.extend(core.iter().copied());
            let members = reach(&core, &|e| matches!(e.kind, Supports | SameAs), &|id| !core_nodes.contains(&id));
            let inside: Vec<&Edge> = edges
                .iter()
                .filter(grouping)
                .filter(|e| members.contains(&e.from) && members.contains(&e.to))
                .collect();
            let pairs: BTreeSet<(i64, i64)> =
                inside.iter().filter(|e| e.kind == Contradicts).map(|e| (e.from.min(e.to), e.from.max(e.to))).collect();
            // Colour by walking out from the lowest core claim; a clash means no sides.
            let mut colour: BTreeMap<i64, bool> = BTreeMap::from([(start, false)]);
            let mut splittable = true;
            loop {
                let before = colour.len();
                for e in &inside {
                    let opposite = e.kind == Contradicts;
                    match (colour.get(&e.from).copied(), colour.get(&e.to).copied()) {
                        (Some(a), Some(b)) => splittable &= (a ^ b) == opposite,
                        (Some(a), None) => drop(colour.insert(e.to, a ^ opposite)),
                        (None, Some(b)) => drop(colour.insert(e.from, b ^ opposite)),
                        (None, None) => {}
                    }
                }
                if colour.len() == before {
                    break;
                }
            }
            let sides = splittable.then(|| {
                [false, true].map(|side| {
                    let mut claims: Vec<i64> = members.iter().copied().filter(|id| colour[id] == side).collect();
                    claims.sort_by_key(|id| (!core.contains(id), *id));
                    claims
                })
            });
            disputes.push(Dispute { claims: members.into_iter().collect(), sides, pairs: pairs.into_iter().collect() });
        }
        disputes
    }

    #[test]
    fn the_grouping_equals_the_plain_reference_on_random_graphs() {
        let mut random = Random(0x5EED_D15F_u64);
        for round in 0..3000 {
            let claims = 2 + random.below(40);
            let count = random.below(60);
            let edges = random.graph(claims, count);
            assert_eq!(group(&edges), reference(&edges), "round {round}: {edges:?}");
        }
    }

    /// The grouping at archive scale; a measurement, not a check:
    /// `cargo test --release --lib -- --ignored --nocapture grouping_at_archive_scale`
    #[test]
    #[ignore]
    fn grouping_at_archive_scale() {
        let mut random = Random(42);
        let edges = random.graph(1_000_000, 100_000);
        let start = std::time::Instant::now();
        let disputes = group(&edges);
        let claims: usize = disputes.iter().map(|d| d.claims.len()).sum();
        eprintln!(
            "{} edges over 1,000,000 claims: {} disputes holding {claims} claims, grouped in {:.3} s",
            edges.len(),
            disputes.len(),
            start.elapsed().as_secs_f64()
        );
    }
}
