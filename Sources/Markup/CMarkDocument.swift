import BriefingCore
import CCmark
import Foundation

/// Owns a cmark-gfm parser and its AST (GitHub's CommonMark with the table extension: the
/// reports carry pipe tables) and frees both; the small surface Briefing needs over the C API.
final class CMarkDocument {
    let root: OpaquePointer
    private let parser: OpaquePointer
    /// Blocks taken out of the tree whose former children still point into their text (cmark-gfm
    /// keeps some inline literals, such as raw HTML, as slices of the block's buffer): freed
    /// with the document, not before it is rendered.
    private var detached: [OpaquePointer] = []

    /// The core extensions register into a process-wide table once, before any parser uses them.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    init(markdown: String) {
        CMarkDocument.registered
        let p = cmark_parser_new(CMARK_OPT_DEFAULT)!
        if let table = cmark_find_syntax_extension("table") { cmark_parser_attach_syntax_extension(p, table) }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(p, $0.baseAddress, $0.count) }
        }
        parser = p
        root = cmark_parser_finish(p)
    }

    deinit {
        cmark_node_free(root)
        for node in detached { cmark_node_free(node) }
        cmark_parser_free(parser)
    }

    /// Safe-mode HTML: raw HTML and dangerous link schemes are dropped by cmark itself.
    func html() -> String {
        guard let c = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else { return "" }
        defer { free(c) }
        return String(cString: c)
    }

    /// Nodes in document order (entering events only), collected first so the tree can be
    /// changed while they are visited.
    func nodes(of types: Set<UInt32>) -> [OpaquePointer] {
        var out: [OpaquePointer] = []
        guard let iter = cmark_iter_new(root) else { return out }
        defer { cmark_iter_free(iter) }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) else { continue }
            if types.contains(cmark_node_get_type(node).rawValue) { out.append(node) }
        }
        return out
    }

    static func type(_ node: OpaquePointer) -> UInt32 { cmark_node_get_type(node).rawValue }

    /// Plain text of a node's inline content; a soft break between Chinese characters is nothing.
    static func text(of node: OpaquePointer) -> String {
        var out = ""
        guard let iter = cmark_iter_new(node) else { return out }
        defer { cmark_iter_free(iter) }
        var pendingBreak = false
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard ev == CMARK_EVENT_ENTER, let n = cmark_iter_get_node(iter) else { continue }
            switch cmark_node_get_type(n) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                guard let l = cmark_node_get_literal(n) else { continue }
                let s = String(cString: l)
                if pendingBreak, !(CJKBreaks.isWide(out.unicodeScalars.last) && CJKBreaks.isWide(s.unicodeScalars.first)) {
                    out += " "
                }
                pendingBreak = false
                out += s
            case CMARK_NODE_SOFTBREAK:
                pendingBreak = true
            case CMARK_NODE_LINEBREAK:
                out += " "
            default: break
            }
        }
        return out
    }

    static func url(of node: OpaquePointer) -> String {
        cmark_node_get_url(node).map { String(cString: $0) } ?? ""
    }

    /// The node's first line (1-based). cmark-gfm gives no position (line 0) to the paragraph
    /// that a table splits off above itself, nor to that paragraph's inlines
    /// (`[](fig:a)\nx\n-|`): then the nearest enclosing node's line, at worst line 1.
    static func line(of node: OpaquePointer) -> Int {
        var current: OpaquePointer? = node
        while let n = current {
            let line = Int(cmark_node_get_start_line(n))
            if line > 0 { return line }
            current = cmark_node_parent(n)
        }
        return 1
    }

    /// Replaces `node` with a custom inline that renders `open`, the given children, `close`.
    static func replaceWithCustomInline(_ node: OpaquePointer, open: String, close: String, text: String?) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        cmark_node_set_on_enter(custom, open)
        cmark_node_set_on_exit(custom, close)
        if let text {
            let t = cmark_node_new(CMARK_NODE_TEXT)
            cmark_node_set_literal(t, text)
            cmark_node_append_child(custom, t)
        } else {
            moveChildren(from: node, to: custom)
        }
        cmark_node_insert_before(node, custom)
        cmark_node_free(node)
    }

    /// Replaces a link with its own text (a link that cannot be resolved shows as plain text).
    static func unwrap(_ node: OpaquePointer) {
        while let child = cmark_node_first_child(node) {
            cmark_node_unlink(child)
            cmark_node_insert_before(node, child)
        }
        cmark_node_free(node)
    }

    static func moveChildren(from: OpaquePointer, to: OpaquePointer) {
        while let child = cmark_node_first_child(from) {
            cmark_node_unlink(child)
            cmark_node_append_child(to, child)
        }
    }

    /// Replaces a block with literal HTML made by a template (a chart).
    static func replaceWithCustomBlock(_ node: OpaquePointer, html: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { return }
        cmark_node_set_on_enter(custom, html)
        cmark_node_set_on_exit(custom, "")
        cmark_node_insert_before(node, custom)
        cmark_node_free(node)
    }

    /// Replaces a heading with a custom block so it can carry an `id` (cmark has no attributes).
    /// The heading is kept until the document goes: its inlines may point into its buffer
    /// (`# ![<s>]()` read freed memory when it was freed here).
    func replaceHeading(_ node: OpaquePointer, level: Int32, anchor: String) {
        guard let custom = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK),
              let para = cmark_node_new(CMARK_NODE_CUSTOM_INLINE) else { return }
        let id = HTMLEscape.escape(anchor)
        cmark_node_set_on_enter(custom, "<h\(level) id=\"\(id)\">")
        cmark_node_set_on_exit(custom, "</h\(level)>")
        cmark_node_set_on_enter(para, "")
        cmark_node_set_on_exit(para, "")
        CMarkDocument.moveChildren(from: node, to: para)
        cmark_node_append_child(custom, para)
        cmark_node_insert_before(node, custom)
        cmark_node_unlink(node)
        detached.append(node)
    }
}
