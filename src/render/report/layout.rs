//! Each dispute's claims as a picture, laid out here so the page needs no script: a dispute with
//! two sides as two columns facing each other, one that does not split as one column with its
//! relations as arcs beside it. Coordinates are SVG user units; the page scales the picture to
//! its width.

use std::collections::HashSet;

use crate::disputes::Dispute;
use crate::model::{Choice, Edge, RelationKind};
use crate::render::shorten;
use crate::story::Story;

const WIDTH: f64 = 520.0;
const NODE_W: f64 = 200.0;
const NODE_H: f64 = 46.0;
const GAP: f64 = 16.0;
/// Room outside each column for the arcs between claims of one side.
const MARGIN: f64 = 34.0;
/// Characters of a label that fit in a box (the claim's text gets a few more, in a smaller font).
const LABEL_CHARS: usize = 24;
/// A box in the single column of a dispute without sides.
const STACK_W: f64 = 240.0;

#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<NodeBox>,
    pub edges: Vec<EdgeLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    pub id: i64,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// "a", "b", or "none" for a dispute without sides: the CSS class that colours it.
    pub side: &'static str,
    /// True for a claim in a contradiction (its supporters are drawn lighter).
    pub core: bool,
    pub actor: String,
    pub text: String,
    /// The whole claim, for the tooltip.
    pub tip: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EdgeLine {
    /// The SVG path.
    pub path: String,
    /// The relation kind, as its CSS class and legend name.
    pub kind: &'static str,
    /// Whether it is drawn with an arrowhead (every kind but the symmetric ones).
    pub arrow: bool,
    pub tip: String,
}

/// The picture of one dispute, drawn with every relation between its claims.
pub fn picture(story: &Story, dispute: &Dispute) -> Picture {
    let core: HashSet<i64> = dispute.pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    let members: HashSet<i64> = dispute.claims.iter().copied().collect();
    let node = |id: i64, x: f64, y: f64, width: f64, side: &'static str| {
        let (actor, text, tip) = match story.claim(id) {
            Some(claim) => {
                let actor = story.actor_shown(claim);
                (
                    shorten(actor, LABEL_CHARS),
                    shorten(&claim.fields.text, LABEL_CHARS),
                    format!("#{id} {actor}: {}", claim.fields.text),
                )
            }
            None => (String::new(), String::new(), format!("#{id}")),
        };
        NodeBox { id, x, y, width, height: NODE_H, side, core: core.contains(&id), actor, text, tip }
    };

    let (nodes, height) = match &dispute.sides {
        Some([a, b]) => {
            let column = |side: &[i64], x: f64, name: &'static str| -> Vec<NodeBox> {
                side.iter()
                    .enumerate()
                    .map(|(i, &id)| node(id, x, GAP + i as f64 * (NODE_H + GAP), NODE_W, name))
                    .collect()
            };
            let mut nodes = column(a, MARGIN, "a");
            nodes.extend(column(b, WIDTH - MARGIN - NODE_W, "b"));
            let rows = a.len().max(b.len()) as f64;
            (nodes, GAP + rows * (NODE_H + GAP))
        }
        None => stack(&dispute.claims, node),
    };

    let edges = story
        .relations
        .iter()
        .filter(|e| members.contains(&e.from) && members.contains(&e.to))
        .filter_map(|edge| {
            let from = nodes.iter().find(|n| n.id == edge.from)?;
            let to = nodes.iter().find(|n| n.id == edge.to)?;
            Some(line(edge, from, to, dispute.sides.is_some()))
        })
        .collect();
    Picture { width: WIDTH, height, nodes, edges }
}

/// Claims in one column, for a dispute that does not split in two: arcs on the right join them.
fn stack(claims: &[i64], node: impl Fn(i64, f64, f64, f64, &'static str) -> NodeBox) -> (Vec<NodeBox>, f64) {
    let nodes = claims
        .iter()
        .enumerate()
        .map(|(i, &id)| node(id, MARGIN, GAP + i as f64 * (NODE_H + GAP), STACK_W, "none"))
        .collect();
    (nodes, GAP + claims.len() as f64 * (NODE_H + GAP))
}

/// The path of one relation: across between the columns, an arc outside a column between claims
/// of one side, a straight line in a ring; clipped to the boxes so arrowheads show.
fn line(edge: &Edge, from: &NodeBox, to: &NodeBox, columns: bool) -> EdgeLine {
    let mid_y = |n: &NodeBox| n.y + n.height / 2.0;
    let path = if columns && from.side != to.side {
        let (left, right) = if from.x < to.x { (from.x + from.width, to.x) } else { (from.x, to.x + to.width) };
        let bend = (right - left) / 2.0;
        format!(
            "M{left:.1} {:.1} C{:.1} {:.1} {:.1} {:.1} {right:.1} {:.1}",
            mid_y(from),
            left + bend,
            mid_y(from),
            right - bend,
            mid_y(to),
            mid_y(to)
        )
    } else {
        // An arc from box to box, bowing out past the column's outer edge, further the further
        // apart the boxes are, so arcs between different pairs can be told apart.
        let room = if columns { MARGIN - 4.0 } else { WIDTH - MARGIN - STACK_W - 4.0 };
        let (x, direction) = if from.side == "a" { (from.x, -1.0) } else { (from.x + from.width, 1.0) };
        let reach = (mid_y(to) - mid_y(from)).abs();
        let out = direction * (room * 0.35 + reach * 0.6).min(room) * 4.0 / 3.0;
        format!(
            "M{x:.1} {:.1} C{:.1} {:.1} {:.1} {:.1} {x:.1} {:.1}",
            mid_y(from),
            x + out,
            mid_y(from),
            x + out,
            mid_y(to),
            mid_y(to)
        )
    };
    EdgeLine {
        path,
        kind: edge.kind.as_str(),
        arrow: !edge.kind.is_symmetric(),
        tip: format!("#{} {} #{}", edge.from, edge.kind.as_str(), edge.to),
    }
}

/// The kinds drawn in a picture, in the order of the legend.
pub fn kinds(picture: &Picture) -> Vec<&'static str> {
    RelationKind::ALL.iter().map(|k| k.as_str()).filter(|k| picture.edges.iter().any(|e| e.kind == *k)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disputes::group;
    use crate::model::{ClaimFields, ClaimRecord};

    fn story(ids: &[i64], relations: Vec<Edge>) -> Story {
        let claims = ids
            .iter()
            .map(|&id| ClaimRecord {
                id,
                actor: format!("Actor {id}"),
                fields: ClaimFields { text: format!("Claim {id}"), ..Default::default() },
                ..Default::default()
            })
            .collect();
        let disputes = group(&relations);
        Story::new(claims, relations, disputes, vec![], vec![])
    }

    fn e(from: i64, kind: RelationKind, to: i64) -> Edge {
        Edge { from, kind, to }
    }

    fn inside(p: &Picture) -> bool {
        p.nodes.iter().all(|n| n.x >= 0.0 && n.y >= 0.0 && n.x + n.width <= p.width && n.y + n.height <= p.height)
    }

    #[test]
    fn two_sides_face_each_other_in_columns() {
        let s = story(
            &[1, 2, 3, 4],
            vec![e(1, RelationKind::Contradicts, 2), e(3, RelationKind::Supports, 1), e(4, RelationKind::Qualifies, 2)],
        );
        let p = picture(&s, &s.disputes[0]);
        let at = |id: i64| p.nodes.iter().find(|n| n.id == id).unwrap();
        assert_eq!(p.nodes.len(), 3, "qualifies does not join a dispute");
        assert_eq!((at(1).side, at(3).side, at(2).side), ("a", "a", "b"));
        assert_eq!(at(1).x, at(3).x);
        assert!(at(1).x + at(1).width < at(2).x, "side B to the right of side A");
        assert!(at(1).y < at(3).y, "the contradicting claim above its supporter");
        assert!(at(1).core && at(2).core && !at(3).core);
        assert_eq!(
            p.edges.iter().map(|e| (e.kind, e.arrow)).collect::<Vec<_>>(),
            [("contradicts", false), ("supports", true)]
        );
        assert!(inside(&p));
        assert_eq!(kinds(&p), ["contradicts", "supports"]);
    }

    #[test]
    fn a_dispute_without_sides_is_one_column_with_arcs_inside_the_picture() {
        let many: Vec<i64> = (1..=12).collect();
        let cycle: Vec<Edge> = many
            .iter()
            .map(|&i| e(i, RelationKind::Contradicts, i % 12 + 1))
            .chain([e(1, RelationKind::Contradicts, 3)])
            .collect();
        let s = story(&many, cycle);
        assert!(s.disputes[0].sides.is_none());
        let p = picture(&s, &s.disputes[0]);
        assert!(p.nodes.iter().all(|n| n.side == "none" && n.x == MARGIN));
        assert_eq!(p.edges.len(), 13);
        assert!(inside(&p));
        // Every arc stays within the picture: an arc reaches furthest halfway along.
        for edge in &p.edges {
            let n: Vec<f64> = edge.path.split([' ', 'M', 'C']).filter_map(|n| n.parse().ok()).collect();
            let furthest = 0.125 * n[0] + 0.375 * n[2] + 0.375 * n[4] + 0.125 * n[6];
            assert!(furthest > n[0] && furthest <= p.width, "{}", edge.path);
        }
    }

    #[test]
    fn labels_are_shortened_and_tips_keep_the_whole_claim() {
        let mut s = story(&[1, 2], vec![e(1, RelationKind::Contradicts, 2)]);
        s.claims[0].fields.text = "word ".repeat(40);
        let s = Story::new(s.claims.clone(), s.relations.clone(), s.disputes.clone(), vec![], vec![]);
        let p = picture(&s, &s.disputes[0]);
        assert!(p.nodes[0].text.chars().count() <= LABEL_CHARS);
        assert!(p.nodes[0].tip.len() > 200);
    }
}
