//! The `{:#}` tree printer shared by every model.

use super::tree::{Node, to_node};
use serde::Serialize;
use std::fmt;

/// Writes `value` as an indented tree of `field: value` lines in
/// declaration order, the way tekore prints a model. Long lists of plain
/// values (markets) are shortened.
pub(crate) fn tree<T: Serialize + ?Sized>(
    title: &str,
    value: &T,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    writeln!(f, "{title}")?;
    match to_node(value) {
        Ok(node) => write_node(&node, 1, f),
        Err(_) => Ok(()),
    }
}

fn write_node(node: &Node, depth: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let pad = "  ".repeat(depth);
    match node {
        Node::Map(fields) => {
            for (k, v) in fields {
                match v {
                    Node::Map(m) if !m.is_empty() => {
                        writeln!(f, "{pad}{k}:")?;
                        write_node(v, depth + 1, f)?;
                    }
                    Node::Seq(items) if items.iter().any(is_compound) => {
                        writeln!(f, "{pad}{k}: [{}]", items.len())?;
                        for (i, item) in items.iter().enumerate() {
                            writeln!(f, "{pad}  [{i}]")?;
                            write_node(item, depth + 2, f)?;
                        }
                    }
                    _ => writeln!(f, "{pad}{k}: {}", scalar(v))?,
                }
            }
            Ok(())
        }
        other => writeln!(f, "{pad}{}", scalar(other)),
    }
}

fn is_compound(node: &Node) -> bool {
    matches!(node, Node::Map(_) | Node::Seq(_))
}

fn scalar(node: &Node) -> String {
    match node {
        Node::Null => "None".into(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.clone(),
        Node::Str(s) => format!("{s:?}"),
        Node::Seq(items) if items.len() > 8 => {
            let head: Vec<String> = items.iter().take(5).map(scalar).collect();
            format!("[{}, ... {} in all]", head.join(", "), items.len())
        }
        Node::Seq(items) => {
            let all: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", all.join(", "))
        }
        Node::Map(m) if m.is_empty() => "{}".into(),
        Node::Map(_) => "{...}".into(),
    }
}

/// Implements `Display` for a model: `{}` is the given one-line summary,
/// `{:#}` the tree of all fields.
macro_rules! display {
    ($ty:ty, |$s:ident, $f:ident| $line:expr) => {
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, $f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let $s = self;
                if $f.alternate() {
                    let mut title = String::new();
                    {
                        use ::std::fmt::Write as _;
                        let _ = write!(
                            title,
                            "{}",
                            $crate::model::display::OneLine(
                                |$f: &mut ::std::fmt::Formatter<'_>| $line
                            )
                        );
                    }
                    $crate::model::display::tree(&title, $s, $f)
                } else {
                    $line
                }
            }
        }
    };
}
pub(crate) use display;

/// Adapts a closure to `Display` (used by [`display!`]).
pub(crate) struct OneLine<F>(pub F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for OneLine<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}
