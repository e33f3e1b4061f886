//! The `{:#}` tree printer shared by every model.

use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// Writes `value` as an indented tree of `field: value` lines, the way
/// tekore prints a model. Long lists of plain values (markets) are shortened.
pub(crate) fn tree<T: Serialize + ?Sized>(
    title: &str,
    value: &T,
    f: &mut fmt::Formatter<'_>,
) -> fmt::Result {
    writeln!(f, "{title}")?;
    match serde_json::to_value(value) {
        Ok(v) => write_value(&v, 1, f),
        Err(_) => Ok(()),
    }
}

fn write_value(v: &Value, depth: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let pad = "  ".repeat(depth);
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        writeln!(f, "{pad}{k}:")?;
                        write_value(v, depth + 1, f)?;
                    }
                    Value::Array(items) if items.iter().any(is_compound) => {
                        writeln!(f, "{pad}{k}: [{}]", items.len())?;
                        for (i, item) in items.iter().enumerate() {
                            writeln!(f, "{pad}  [{i}]")?;
                            write_value(item, depth + 2, f)?;
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

fn is_compound(v: &Value) -> bool {
    matches!(v, Value::Object(_) | Value::Array(_))
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::String(s) => format!("{s:?}"),
        Value::Array(items) if items.len() > 8 => {
            let head: Vec<String> = items.iter().take(5).map(scalar).collect();
            format!("[{}, ... {} in all]", head.join(", "), items.len())
        }
        Value::Array(items) => {
            let all: Vec<String> = items.iter().map(scalar).collect();
            format!("[{}]", all.join(", "))
        }
        Value::Object(m) if m.is_empty() => "{}".into(),
        other => other.to_string(),
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
