//! A serde `Serializer` that keeps a model's fields in declaration order,
//! for the `{:#}` tree (a `serde_json::Value` would sort them).

use serde::ser::{self, Serialize};
use std::fmt;

/// A model as a tree of plain values, fields in declaration order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// Serializes `value` into a [`Node`].
pub(crate) fn to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node, TreeError> {
    value.serialize(NodeSerializer)
}

/// A value that can't be shown (a map key that is not a string, ...).
#[derive(Debug)]
pub(crate) struct TreeError(String);

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TreeError {}

impl ser::Error for TreeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TreeError(msg.to_string())
    }
}

struct NodeSerializer;

/// Collects the elements of a sequence, or the entries of a map or struct
/// (wrapped in `{variant: ...}` for enum variants).
struct Collect {
    variant: Option<&'static str>,
    seq: Vec<Node>,
    map: Vec<(String, Node)>,
    key: Option<String>,
}

impl Collect {
    fn new(variant: Option<&'static str>) -> Collect {
        Collect {
            variant,
            seq: Vec::new(),
            map: Vec::new(),
            key: None,
        }
    }

    fn wrap(&self, node: Node) -> Node {
        match self.variant {
            Some(v) => Node::Map(vec![(v.to_owned(), node)]),
            None => node,
        }
    }
}

type R = Result<Node, TreeError>;

impl ser::Serializer for NodeSerializer {
    type Ok = Node;
    type Error = TreeError;
    type SerializeSeq = Collect;
    type SerializeTuple = Collect;
    type SerializeTupleStruct = Collect;
    type SerializeTupleVariant = Collect;
    type SerializeMap = Collect;
    type SerializeStruct = Collect;
    type SerializeStructVariant = Collect;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_i16(self, v: i16) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_i32(self, v: i32) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_i64(self, v: i64) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_u8(self, v: u8) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_u16(self, v: u16) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_u32(self, v: u32) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(Node::Number(v.to_string()))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Node::Str(v.to_owned()))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Node::Str(format!("<{} bytes>", v.len())))
    }
    fn serialize_none(self) -> R {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(Node::Str(variant.to_owned()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        v: &T,
    ) -> R {
        Ok(Node::Map(vec![(variant.to_owned(), v.serialize(self)?)]))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Collect, TreeError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple(self, _: usize) -> Result<Collect, TreeError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Collect, TreeError> {
        Ok(Collect::new(None))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Collect, TreeError> {
        Ok(Collect::new(Some(variant)))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Collect, TreeError> {
        Ok(Collect::new(None))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Collect, TreeError> {
        Ok(Collect::new(None))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Collect, TreeError> {
        Ok(Collect::new(Some(variant)))
    }
}

impl Collect {
    fn element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        self.seq.push(v.serialize(NodeSerializer)?);
        Ok(())
    }

    fn end_seq(self) -> R {
        let node = Node::Seq(self.seq.clone());
        Ok(self.wrap(node))
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, v: &T) -> Result<(), TreeError> {
        self.map
            .push((key.to_owned(), v.serialize(NodeSerializer)?));
        Ok(())
    }

    fn end_map(self) -> R {
        let node = Node::Map(self.map.clone());
        Ok(self.wrap(node))
    }
}

impl ser::SerializeSeq for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        self.element(v)
    }
    fn end(self) -> R {
        self.end_seq()
    }
}

impl ser::SerializeTuple for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        self.element(v)
    }
    fn end(self) -> R {
        self.end_seq()
    }
}

impl ser::SerializeTupleStruct for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        self.element(v)
    }
    fn end(self) -> R {
        self.end_seq()
    }
}

impl ser::SerializeTupleVariant for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        self.element(v)
    }
    fn end(self) -> R {
        self.end_seq()
    }
}

impl ser::SerializeMap for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), TreeError> {
        self.key = Some(match key.serialize(NodeSerializer)? {
            Node::Str(s) | Node::Number(s) => s,
            Node::Bool(b) => b.to_string(),
            _ => return Err(TreeError("map keys must be plain values".into())),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), TreeError> {
        let key = self.key.take().unwrap_or_default();
        self.field(&key, v)
    }
    fn end(self) -> R {
        self.end_map()
    }
}

impl ser::SerializeStruct for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), TreeError> {
        self.field(key, v)
    }
    fn end(self) -> R {
        self.end_map()
    }
}

impl ser::SerializeStructVariant for Collect {
    type Ok = Node;
    type Error = TreeError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), TreeError> {
        self.field(key, v)
    }
    fn end(self) -> R {
        self.end_map()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;

    #[derive(Serialize)]
    struct Sample {
        zeta: u32,
        alpha: Option<&'static str>,
        list: Vec<u8>,
        nested: Inner,
    }

    #[derive(Serialize)]
    enum Inner {
        Variant { b: bool },
    }

    #[test]
    fn keeps_declaration_order_and_shapes() {
        let node = to_node(&Sample {
            zeta: 1,
            alpha: None,
            list: vec![1, 2],
            nested: Inner::Variant { b: true },
        })
        .unwrap();
        let Node::Map(fields) = node else { panic!() };
        let names: Vec<&str> = fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["zeta", "alpha", "list", "nested"]);
        assert_eq!(fields[1].1, Node::Null);
        assert_eq!(
            fields[2].1,
            Node::Seq(vec![Node::Number("1".into()), Node::Number("2".into())])
        );
        assert_eq!(
            fields[3].1,
            Node::Map(vec![(
                "Variant".into(),
                Node::Map(vec![("b".into(), Node::Bool(true))])
            )])
        );
    }
}
