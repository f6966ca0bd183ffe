//! The claim graph for Graphviz (DOT) and for Markdown pages (Mermaid): claims as nodes
//! labelled with actor and a short text, relations as edges styled by kind, disputes as clusters.

use std::collections::HashMap;
use std::io::Write;

use anyhow::Result;

use crate::disputes::Dispute;
use crate::model::{Edge, RelationKind};

/// A claim as a node: its id and label parts.
pub struct Node {
    pub id: i64,
    pub actor: String,
    pub text: String,
}

const LABEL_CHARS: usize = 60;

fn short(text: &str) -> String {
    super::shorten(text, LABEL_CHARS)
}

/// The nodes drawn in each dispute's cluster (a claim in the first dispute that holds it), and
/// the nodes outside every cluster: one pass over the nodes, however many disputes there are.
fn clusters<'n>(nodes: &'n [Node], disputes: &[Dispute]) -> (Vec<Vec<&'n Node>>, Vec<&'n Node>) {
    let mut placed = HashMap::new();
    for (index, dispute) in disputes.iter().enumerate() {
        for &id in &dispute.claims {
            placed.entry(id).or_insert(index);
        }
    }
    let mut inside = vec![Vec::new(); disputes.len()];
    let mut outside = Vec::new();
    for node in nodes {
        match placed.get(&node.id) {
            Some(&index) => inside[index].push(node),
            None => outside.push(node),
        }
    }
    (inside, outside)
}

fn dot_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"").replace(['\n', '\r'], " ")
}

fn dot_style(kind: RelationKind) -> &'static str {
    match kind {
        RelationKind::Contradicts => {
            "color=\"#c0392b\", fontcolor=\"#c0392b\", penwidth=2, dir=both, arrowhead=tee, arrowtail=tee"
        }
        RelationKind::Supports => "color=\"#27ae60\", fontcolor=\"#27ae60\"",
        RelationKind::Qualifies => "color=\"#d68910\", fontcolor=\"#d68910\", style=dashed",
        RelationKind::RespondsTo => "color=\"#2e86c1\", fontcolor=\"#2e86c1\", style=dotted",
        RelationKind::SameAs => "color=\"#7f8c8d\", fontcolor=\"#7f8c8d\", dir=none, style=bold",
        RelationKind::Supersedes => "color=\"#8e44ad\", fontcolor=\"#8e44ad\", arrowhead=empty",
    }
}

pub fn dot(out: &mut dyn Write, nodes: &[Node], edges: &[Edge], disputes: &[Dispute]) -> Result<()> {
    writeln!(out, "digraph claims {{")?;
    writeln!(out, "  rankdir=LR;")?;
    writeln!(
        out,
        "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#fdfefe\", fontname=\"Helvetica\", fontsize=10];"
    )?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=9];")?;
    let (inside, outside) = clusters(nodes, disputes);
    let label = |n: &Node| format!("#{} {}\\n{}", n.id, dot_escape(&n.actor), dot_escape(&short(&n.text)));
    for (index, members) in inside.iter().enumerate() {
        writeln!(out, "  subgraph cluster_dispute_{} {{", index + 1)?;
        writeln!(out, "    label=\"Dispute {}\"; style=dashed; color=\"#c0392b\";", index + 1)?;
        for node in members {
            writeln!(out, "    c{} [label=\"{}\"];", node.id, label(node))?;
        }
        writeln!(out, "  }}")?;
    }
    for node in outside {
        writeln!(out, "  c{} [label=\"{}\"];", node.id, label(node))?;
    }
    for edge in edges {
        writeln!(out, "  c{} -> c{} [label=\"{}\", {}];", edge.from, edge.to, edge.kind, dot_style(edge.kind))?;
    }
    writeln!(out, "}}")?;
    Ok(())
}

fn mermaid_escape(text: &str) -> String {
    text.replace('&', "#amp;")
        .replace('"', "#quot;")
        .replace('<', "#lt;")
        .replace('>', "#gt;")
        .replace(['\n', '\r'], " ")
}

fn mermaid_link(kind: RelationKind) -> (&'static str, &'static str) {
    match kind {
        RelationKind::Contradicts => ("x--x", "stroke:#c0392b,stroke-width:2px"),
        RelationKind::Supports => ("-->", "stroke:#27ae60"),
        RelationKind::Qualifies => ("-.->", "stroke:#d68910"),
        RelationKind::RespondsTo => ("-.->", "stroke:#2e86c1"),
        RelationKind::SameAs => ("<-->", "stroke:#7f8c8d"),
        RelationKind::Supersedes => ("==>", "stroke:#8e44ad"),
    }
}

/// A fenced Mermaid block, ready for a Markdown page that renders Mermaid (GitHub, GitLab, ...).
pub fn mermaid(out: &mut dyn Write, nodes: &[Node], edges: &[Edge], disputes: &[Dispute]) -> Result<()> {
    writeln!(out, "```mermaid")?;
    writeln!(out, "flowchart LR")?;
    let (inside, outside) = clusters(nodes, disputes);
    let node = |n: &Node| {
        format!("c{}[\"#{} {}: {}\"]", n.id, n.id, mermaid_escape(&n.actor), mermaid_escape(&short(&n.text)))
    };
    for (index, members) in inside.iter().enumerate() {
        writeln!(out, "  subgraph dispute_{}[\"Dispute {}\"]", index + 1, index + 1)?;
        for n in members {
            writeln!(out, "    {}", node(n))?;
        }
        writeln!(out, "  end")?;
    }
    for n in outside {
        writeln!(out, "  {}", node(n))?;
    }
    for edge in edges {
        let (link, _) = mermaid_link(edge.kind);
        writeln!(out, "  c{} {link}|{}| c{}", edge.from, edge.kind, edge.to)?;
    }
    for (index, edge) in edges.iter().enumerate() {
        writeln!(out, "  linkStyle {index} {}", mermaid_link(edge.kind).1)?;
    }
    writeln!(out, "```")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::disputes::group;

    fn sample() -> (Vec<Node>, Vec<Edge>) {
        let node = |id: i64, actor: &str, text: &str| Node { id, actor: actor.into(), text: text.into() };
        let nodes = vec![
            node(1, "U.S. officials", "The \"timing\" is unrelated"),
            node(2, "Islamic Resistance in Iraq", "Attacks forced it"),
            node(3, "U.S. officials", "Plans were under way <before>"),
            node(4, "Analyst", "Unrelated aside"),
        ];
        let edges = vec![
            Edge { from: 1, kind: RelationKind::Contradicts, to: 2 },
            Edge { from: 3, kind: RelationKind::Supports, to: 1 },
        ];
        (nodes, edges)
    }

    #[test]
    fn dot_clusters_disputes_and_styles_edges() {
        let (nodes, edges) = sample();
        let mut out = Vec::new();
        dot(&mut out, &nodes, &edges, &group(&edges)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("digraph claims {"));
        assert!(text.contains("subgraph cluster_dispute_1 {"));
        assert!(text.contains("c1 [label=\"#1 U.S. officials\\nThe \\\"timing\\\" is unrelated\"];"), "{text}");
        assert!(text.contains("c1 -> c2 [label=\"contradicts\", color=\"#c0392b\""), "{text}");
        assert!(text.contains("c3 -> c1 [label=\"supports\", color=\"#27ae60\""), "{text}");
        let cluster_end = text.find("  }").unwrap();
        assert!(text.find("c4 [label").unwrap() > cluster_end, "claim 4 is outside the dispute");
    }

    #[test]
    fn mermaid_is_fenced_escaped_and_styled() {
        let (nodes, edges) = sample();
        let mut out = Vec::new();
        mermaid(&mut out, &nodes, &edges, &group(&edges)).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("```mermaid\nflowchart LR\n"));
        assert!(text.trim_end().ends_with("```"));
        assert!(text.contains("subgraph dispute_1[\"Dispute 1\"]"));
        assert!(text.contains("c1[\"#1 U.S. officials: The #quot;timing#quot; is unrelated\"]"), "{text}");
        assert!(text.contains("#lt;before#gt;"), "{text}");
        assert!(text.contains("c1 x--x|contradicts| c2"), "{text}");
        assert!(text.contains("c3 -->|supports| c1"), "{text}");
        assert!(text.contains("linkStyle 0 stroke:#c0392b"), "{text}");
    }
}
