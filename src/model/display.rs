//! The `{:#}` tree printer shared by every model.

use super::tree::{Node, to_node};
use serde::Serialize;
use std::fmt;

/// How many levels `{:#}` unfolds: the model's fields, and the fields
/// of the objects right below them; deeper objects and lists get a
/// one-line summary. [`full_tree`] unfolds everything.
pub(crate) const ALTERNATE_LEVELS: usize = 2;

/// The most elements of a list `{:#}` shows one per line.
const ALTERNATE_ITEMS: usize = 10;

/// Writes `value` as an indented tree of `field: value` lines in
/// declaration order, the way tekore prints a model, `levels` deep (see
/// [`ALTERNATE_LEVELS`]). Long lists of plain values (markets) are
/// shortened.
pub(crate) fn tree<T: Serialize + ?Sized>(
    title: &str,
    value: &T,
    levels: usize,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    writeln!(f, "{title}")?;
    match to_node(value) {
        Ok(node) => write_node(&node, 1, levels, f),
        Err(_) => Ok(()),
    }
}

/// The whole tree of a model, every level unfolded: what `{:#}` shows
/// two levels deep.
///
/// ```
/// use spotify_blocking::model::{full_tree, FullAlbum, SimpleTrack};
///
/// let mut album = FullAlbum::default();
/// album.name = "Hybrid Theory".into();
/// let mut track = SimpleTrack::default();
/// track.name = "Papercut".into();
/// album.tracks.items.push(track);
///
/// // `{:#}`: the album's fields and one line per object below them.
/// assert!(format!("{album:#}").contains("    items: [1] \"Papercut\"\n"));
/// // The full tree: the track's own fields too.
/// assert!(full_tree(&album).to_string().contains("        name: \"Papercut\"\n"));
/// ```
pub fn full_tree<T: Serialize + fmt::Display + ?Sized>(model: &T) -> FullTree<'_, T> {
    FullTree(model)
}

/// A model's whole tree, from [`full_tree`]; print it with `{}`.
#[derive(Debug, Clone, Copy)]
pub struct FullTree<'a, T: ?Sized>(&'a T);

impl<T: Serialize + fmt::Display + ?Sized> fmt::Display for FullTree<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        tree(&self.0.to_string(), self.0, usize::MAX, f)
    }
}

fn write_node(node: &Node, depth: usize, levels: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let pad = "  ".repeat(depth);
    match node {
        Node::Map(fields) => {
            for (k, v) in fields {
                match v {
                    Node::Map(m) if !m.is_empty() && levels > 1 => {
                        writeln!(f, "{pad}{k}:")?;
                        write_node(v, depth + 1, levels - 1, f)?;
                    }
                    Node::Seq(items) if items.iter().any(is_compound) && levels > 1 => {
                        writeln!(f, "{pad}{k}: [{}]", items.len())?;
                        let shown = if levels > 2 {
                            items.len()
                        } else {
                            ALTERNATE_ITEMS
                        };
                        for (i, item) in items.iter().enumerate().take(shown) {
                            if levels > 2 {
                                writeln!(f, "{pad}  [{i}]")?;
                                write_node(item, depth + 2, levels - 2, f)?;
                            } else {
                                writeln!(f, "{pad}  [{i}] {}", summary(item))?;
                            }
                        }
                        if items.len() > shown {
                            writeln!(f, "{pad}  ... {} more", items.len() - shown)?;
                        }
                    }
                    Node::Map(m) if !m.is_empty() => writeln!(f, "{pad}{k}: {}", summary(v))?,
                    Node::Seq(items) if items.iter().any(is_compound) => {
                        writeln!(f, "{pad}{k}: {}", summary(v))?
                    }
                    _ => writeln!(f, "{pad}{k}: {}", scalar(v))?,
                }
            }
            Ok(())
        }
        other => writeln!(f, "{pad}{}", scalar(other)),
    }
}

/// One line for an object or a list below the levels shown: an object's
/// `name` when it has one, else its first fields; a list's length and its
/// first elements.
fn summary(node: &Node) -> String {
    match node {
        Node::Map(fields) => {
            if let Some((_, Node::Str(name))) = fields.iter().find(|(k, _)| k == "name") {
                return format!("{name:?}");
            }
            let mut parts: Vec<String> = fields
                .iter()
                .take(4)
                .map(|(k, v)| match v {
                    Node::Map(m) if m.iter().any(|(k, _)| k == "name") => {
                        format!("{k}: {}", summary(v))
                    }
                    Node::Map(m) if !m.is_empty() => format!("{k}: {{...}}"),
                    Node::Seq(items) if items.iter().any(is_compound) => {
                        format!("{k}: [{}]", items.len())
                    }
                    _ => format!("{k}: {}", scalar(v)),
                })
                .collect();
            if fields.len() > 4 {
                parts.push("...".into());
            }
            format!("{{{}}}", parts.join(", "))
        }
        Node::Seq(items) if items.iter().any(is_compound) => {
            let head: Vec<String> = items.iter().take(3).map(summary).collect();
            let more = if items.len() > 3 {
                format!(", ... {} in all", items.len())
            } else {
                String::new()
            };
            format!("[{}] {}{more}", items.len(), head.join(", "))
        }
        other => scalar(other),
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
/// `{:#}` the tree of its fields, two levels deep.
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
                    $crate::model::display::tree(
                        &title,
                        $s,
                        $crate::model::display::ALTERNATE_LEVELS,
                        $f,
                    )
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
