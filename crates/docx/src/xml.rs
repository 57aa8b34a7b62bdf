//! Small helpers over roxmltree nodes of WordprocessingML (transitional or strict namespace).

use roxmltree::Node;

/// The WordprocessingML namespaces: transitional (what Word and LibreOffice write) and strict.
const W_NS: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];

/// Is `n` the element `w:<name>`?
pub(crate) fn is_w(n: Node, name: &str) -> bool {
    n.is_element()
        && n.tag_name().name() == name
        && n.tag_name()
            .namespace()
            .is_some_and(|ns| W_NS.contains(&ns))
}

/// The first child element `w:<name>`.
pub(crate) fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is_w(*c, name))
}

/// The child elements `w:<name>`.
pub(crate) fn children<'a, 'i: 'a>(
    n: Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    n.children().filter(move |c| is_w(*c, name))
}

/// An attribute by local name (`w:val`, `w:ilvl`, …), whatever its namespace.
pub(crate) fn attr<'a>(n: Node<'a, '_>, name: &str) -> Option<&'a str> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value())
}

/// The `w:val` attribute.
pub(crate) fn val<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    attr(n, "val")
}

/// An on/off property (`<w:tblHeader/>`, `<w:isLgl w:val="false"/>`): on unless its value
/// says off.
pub(crate) fn on_off(n: Node) -> bool {
    !matches!(val(n), Some("0" | "false" | "off"))
}
