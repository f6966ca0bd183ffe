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

use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};

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
    let mut cores = UnionFind::default();
    let mut backing: HashMap<i64, Vec<i64>> = HashMap::new();
    for edge in edges {
        match edge.kind {
            RelationKind::Contradicts => cores.union(edge.from, edge.to),
            RelationKind::Supports | RelationKind::SameAs => {
                backing.entry(edge.from).or_default().push(edge.to);
                backing.entry(edge.to).or_default().push(edge.from);
            }
            _ => {}
        }
    }

    let mut core_members: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for node in cores.nodes() {
        core_members.entry(cores.find(node)).or_default().insert(node);
    }
    // Key each core by its lowest claim, so the output order does not depend on hashing.
    let mut by_lowest: BTreeMap<i64, BTreeSet<i64>> = BTreeMap::new();
    for members in core_members.into_values() {
        by_lowest.insert(*members.first().expect("a core is never empty"), members);
    }

    by_lowest.into_values().map(|core| build_dispute(&core, &cores, &backing, edges)).collect()
}

fn build_dispute(core: &BTreeSet<i64>, cores: &UnionFind, backing: &HashMap<i64, Vec<i64>>, edges: &[Edge]) -> Dispute {
    // Reach out from the core through supports/same-as, never into another dispute's core.
    let mut members: BTreeSet<i64> = core.clone();
    let mut queue: VecDeque<i64> = core.iter().copied().collect();
    while let Some(node) = queue.pop_front() {
        for &next in backing.get(&node).into_iter().flatten() {
            if !members.contains(&next) && !cores.contains(next) {
                members.insert(next);
                queue.push_back(next);
            }
        }
    }

    let mut parity = ParityUnionFind::default();
    let mut splittable = true;
    let mut pairs = BTreeSet::new();
    for edge in edges {
        if !(members.contains(&edge.from) && members.contains(&edge.to)) {
            continue;
        }
        let opposite = match edge.kind {
            RelationKind::Contradicts => {
                pairs.insert((edge.from.min(edge.to), edge.from.max(edge.to)));
                true
            }
            RelationKind::Supports | RelationKind::SameAs => false,
            _ => continue,
        };
        splittable &= parity.relate(edge.from, edge.to, opposite);
    }

    let lowest = *core.first().expect("a core is never empty");
    let sides = splittable.then(|| {
        let mut sides: [Vec<i64>; 2] = [Vec::new(), Vec::new()];
        for &claim in &members {
            let same_as_lowest = parity.side(claim) == parity.side(lowest);
            sides[usize::from(!same_as_lowest)].push(claim);
        }
        // The contradicting claims lead each side; their supporters follow.
        for side in &mut sides {
            side.sort_by_key(|id| (!core.contains(id), *id));
        }
        sides
    });

    Dispute { claims: members.into_iter().collect(), sides, pairs: pairs.into_iter().collect() }
}

/// Plain union-find over claim ids.
#[derive(Default)]
struct UnionFind {
    parent: HashMap<i64, i64>,
}

impl UnionFind {
    fn find(&self, mut node: i64) -> i64 {
        while let Some(&up) = self.parent.get(&node) {
            if up == node {
                break;
            }
            node = up;
        }
        node
    }

    fn union(&mut self, a: i64, b: i64) {
        self.parent.entry(a).or_insert(a);
        self.parent.entry(b).or_insert(b);
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent.insert(ra.max(rb), ra.min(rb));
        }
    }

    fn contains(&self, node: i64) -> bool {
        self.parent.contains_key(&node)
    }

    fn nodes(&self) -> impl Iterator<Item = i64> + '_ {
        self.parent.keys().copied()
    }
}

/// Union-find that also records, for each claim, whether it sits on its root's side.
#[derive(Default)]
struct ParityUnionFind {
    parent: HashMap<i64, (i64, bool)>,
}

impl ParityUnionFind {
    /// (root, parity relative to root)
    fn side(&self, mut node: i64) -> (i64, bool) {
        let mut flipped = false;
        while let Some(&(up, parity)) = self.parent.get(&node) {
            if up == node {
                break;
            }
            flipped ^= parity;
            node = up;
        }
        (node, flipped)
    }

    /// Record that `a` and `b` are on opposite sides (or the same side); false on a contradiction.
    fn relate(&mut self, a: i64, b: i64, opposite: bool) -> bool {
        self.parent.entry(a).or_insert((a, false));
        self.parent.entry(b).or_insert((b, false));
        let ((ra, pa), (rb, pb)) = (self.side(a), self.side(b));
        if ra == rb {
            return (pa ^ pb) == opposite;
        }
        self.parent.insert(rb, (ra, pa ^ pb ^ opposite));
        true
    }
}

#[cfg(test)]
mod tests {
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
}
