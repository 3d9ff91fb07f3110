import CCmark

/// A line break inside a paragraph (a soft break) between two Chinese characters is nothing:
/// Chinese has no spaces between words, and Chromium shows the newline as a space (CSS Text's
/// rule for such breaks is not implemented). Hugo (goldmark's eastAsianLineBreaks) and pandoc
/// (east_asian_line_breaks) do the same. Between Latin words the break stays a space.
public enum CJKBreaks {
    /// East Asian wide characters and their punctuation: CJK ideographs, kana, hangul, CJK
    /// symbols and punctuation, full-width forms.
    public static func isWide(_ s: Unicode.Scalar?) -> Bool {
        guard let v = s?.value else { return false }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Joins lines of plain text (a summary or note folded by YAML): a line break or a single
    /// space between two wide characters is removed.
    public static func join(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { $0 == " " || $0 == "\n" }) else { return text }
        var out = String.UnicodeScalarView()
        for (i, s) in scalars.enumerated() {
            if s == " " || s == "\n", i > 0, i + 1 < scalars.count, isWide(scalars[i - 1]), isWide(scalars[i + 1]) { continue }
            out.append(s)
        }
        return String(out)
    }

    /// Removes the soft breaks of a parsed document that stand between two wide characters.
    static func drop(in document: CMarkDocument) {
        for node in document.nodes(of: [CMARK_NODE_SOFTBREAK.rawValue]) {
            if isWide(lastScalar(before: node)), isWide(firstScalar(after: node)) {
                cmark_node_unlink(node)
                cmark_node_free(node)
            }
        }
    }

    /// The last character of the inline content before `node` in its paragraph.
    static func lastScalar(before node: OpaquePointer) -> Unicode.Scalar? {
        var cur = cmark_node_previous(node)
        while let n = cur {
            if let s = edgeScalar(n, last: true) { return s }
            cur = cmark_node_previous(n)
        }
        return nil
    }

    static func firstScalar(after node: OpaquePointer) -> Unicode.Scalar? {
        var cur = cmark_node_next(node)
        while let n = cur {
            if let s = edgeScalar(n, last: false) { return s }
            cur = cmark_node_next(n)
        }
        return nil
    }

    /// The first or last character of a node's text, looking into emphasis and links.
    static func edgeScalar(_ node: OpaquePointer, last: Bool) -> Unicode.Scalar? {
        let t = cmark_node_get_type(node)
        if t == CMARK_NODE_TEXT || t == CMARK_NODE_CODE {
            guard let l = cmark_node_get_literal(node) else { return nil }
            let s = String(cString: l).unicodeScalars
            return last ? s.last : s.first
        }
        var child = last ? cmark_node_last_child(node) : cmark_node_first_child(node)
        while let c = child {
            if let s = edgeScalar(c, last: last) { return s }
            child = last ? cmark_node_previous(c) : cmark_node_next(c)
        }
        return nil
    }
}
