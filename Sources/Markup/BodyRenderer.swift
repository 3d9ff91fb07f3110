import BriefingCore
import CCmark
import Foundation

/// A heading of a rendered body, for the page's table of contents.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
}

/// A `[written](fig:ID)` number in prose, to be checked against ID's value.
public struct Binding: Sendable, Hashable {
    public var id: String
    public var written: WrittenQuantity
    public var location: SourceLocation
}

/// What the link rewriter needs to know about the rest of the site.
public struct LinkContext: Sendable {
    /// A figure or indicator as `fig:` links show it.
    public struct Value: Sendable {
        public var quantity: Quantity
        public var display: String
        public var label: String
        public init(quantity: Quantity, display: String, label: String) {
            self.quantity = quantity
            self.display = display
            self.label = label
        }
    }

    public var values: Overlay<Value>
    /// Report or case slug → its kind and heading anchors.
    public var documents: [String: (kind: DocumentKind, anchors: Set<String>)]
    public var regions: [String: String]
    /// Chart id → rendered HTML (empty when only checking).
    public var charts: [String: String] = [:]
    public var units: UnitRegistry
    /// Decides the hover text and CSS status class of a binding (the Site runs the check).
    public var describeBinding: @Sendable (Binding) -> (title: String, status: String)
    /// False when only checking: links are resolved and numbers collected, no HTML is made.
    public var html = true

    public init(values: [String: Value], documents: [String: (kind: DocumentKind, anchors: Set<String>)],
                regions: [String: String], units: UnitRegistry,
                describeBinding: @escaping @Sendable (Binding) -> (title: String, status: String)) {
        self.values = Overlay(values)
        self.documents = documents
        self.regions = regions
        self.units = units
        self.describeBinding = describeBinding
    }
}

public struct RenderedBody: Sendable {
    public var html: String
    public var headings: [Heading]
    public var bindings: [Binding]
    /// Ids shown with `fig:` links (bindings and insertions), with the line of each.
    public var citations: [(id: String, line: Int)]
    /// Charts placed in this body, in order.
    public var charts: [String] = []
    /// Reports and cases this body links to.
    public var references: [String] = []
    /// First paragraph as plain text, for summaries.
    public var firstParagraph: String
    public var problems: [Diagnostic]
}

public enum BodyRenderer {
    /// Heading anchors of a body, in order (first pass, so `report:…#anchor` can be checked).
    public static func anchors(of markdown: String) -> [String] {
        let doc = CMarkDocument(markdown: markdown)
        var maker = AnchorMaker()
        return doc.nodes(of: [CMARK_NODE_HEADING.rawValue]).map { maker.make(CMarkDocument.text(of: $0)) }
    }

    /// Renders a body to HTML with `fig:`, `report:` and `region:` links resolved.
    /// `root` is the relative path from the page to the site root (e.g. `../../`).
    public static func render(_ doc: Document, context: LinkContext, root: String) -> RenderedBody {
        let md = CMarkDocument(markdown: doc.body)
        var out = RenderedBody(html: "", headings: [], bindings: [], citations: [], charts: [], references: [], firstParagraph: "", problems: [])
        func line(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) + doc.bodyStartLine - 1 }
        func problem(_ node: OpaquePointer, _ message: String, _ hint: String = "") {
            out.problems.append(Diagnostic(SourceLocation(file: doc.file, line: line(node)), message, hint: hint))
        }

        if let p = md.nodes(of: [CMARK_NODE_PARAGRAPH.rawValue]).first {
            out.firstParagraph = CMarkDocument.text(of: p)
        }
        for node in md.nodes(of: [CMARK_NODE_LINK.rawValue]) {
            let url = CMarkDocument.url(of: node)
            guard let colon = url.firstIndex(of: ":") else { continue }
            let scheme = url[..<colon], target = String(url[url.index(after: colon)...])
            switch scheme {
            case "fig":
                rewriteFigure(node, id: target, doc: doc, context: context, root: root, line: line(node), out: &out)
            case "report":
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                let slug = String(parts[0]), anchor = parts.count > 1 ? String(parts[1]) : nil
                guard let target = context.documents[slug] else {
                    problem(node, "report: 链接指向不存在的报告或案例 `\(slug)`",
                            Suggest.hint(slug, in: context.documents.keys) + "目标是 content/reports 或 content/cases 下的文件名（不含 .md）")
                    continue
                }
                if let anchor, !target.anchors.contains(anchor) {
                    problem(node, "`\(slug)` 中没有标题锚点 `#\(anchor)`",
                            Suggest.hint(anchor, in: target.anchors) + "锚点由标题文字生成：去掉标点，空格变成 -")
                    continue
                }
                out.references.append(slug)
                let href = "\(root)\(target.kind.rawValue)/\(slug)/index.html" + (anchor.map { "#" + percentEncode($0) } ?? "")
                cmark_node_set_url(node, href)
            case "chart":
                guard let html = context.charts[target] else {
                    problem(node, "chart: 链接引用了未声明的图表 `\(target)`",
                            Suggest.hint(target, in: context.charts.keys) + "图表须在某个文件的 charts 中声明")
                    continue
                }
                guard let para = cmark_node_parent(node), cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH,
                      CMarkDocument.text(of: para).trimmedSpaces() == CMarkDocument.text(of: node) else {
                    problem(node, "图表链接 [](chart:\(target)) 必须单独成段", "在它前后各空一行")
                    continue
                }
                out.charts.append(target)
                CMarkDocument.replaceWithCustomBlock(para, html: html)
            case "region":
                guard context.regions[target] != nil else {
                    problem(node, "region: 链接指向未登记的地区 `\(target)`",
                            Suggest.hint(target, in: context.regions.keys) + "地区须先在 content/regions.yaml 中登记")
                    continue
                }
                cmark_node_set_url(node, "\(root)regions/\(target)/index.html")
            default:
                continue
            }
        }
        var maker = AnchorMaker()
        for node in md.nodes(of: [CMARK_NODE_HEADING.rawValue]) {
            let text = CMarkDocument.text(of: node)
            let anchor = maker.make(text)
            let level = cmark_node_get_heading_level(node)
            out.headings.append(Heading(level: Int(level), text: text, anchor: anchor))
            CMarkDocument.replaceHeading(node, level: level, anchor: anchor)
        }
        if context.html { out.html = md.html() }
        return out
    }

    static func rewriteFigure(_ node: OpaquePointer, id: String, doc: Document, context: LinkContext, root: String,
                              line: Int, out: inout RenderedBody) {
        let loc = SourceLocation(file: doc.file, line: line)
        guard let value = context.values[id] else {
            out.problems.append(Diagnostic(loc, "fig: 链接引用了不存在的编号 `\(id)`",
                                           hint: Suggest.hint(id, in: context.values.keys) + "编号须在某个文件的 figures 或 indicators 中定义"))
            return
        }
        out.citations.append((id, line))
        let href = HTMLEscape.escape("\(root)indicators/\(id)/index.html")
        let written = CMarkDocument.text(of: node).trimmed()
        if written.isEmpty {
            let title = HTMLEscape.escape("\(value.label)：\(value.display)")
            CMarkDocument.replaceWithCustomInline(node, open: "<a class=\"num\" href=\"\(href)\" title=\"\(title)\">",
                                                  close: "</a>", text: value.display)
            return
        }
        var w: WrittenQuantity
        do {
            w = try QuantityParser.parseWritten(written, units: context.units)
        } catch {
            out.problems.append(Diagnostic(loc, "fig:\(id) 链接的文字 `\(written)` 不是“数字+单位”的形式（\(error.message)）",
                                           hint: "链接文字应为“数字+单位”，例如 [413.8万千瓦](fig:\(id))；或留空 [](fig:\(id)) 由程序填入数值"))
            return
        }
        if w.quantity.unit.symbol.isEmpty, !value.quantity.dimension.isDimensionless {
            // A bare number is read in the value's own unit: [287.3](fig:x)万千瓦.
            w.quantity = Quantity(w.number.value, value.quantity.unit)
        }
        let binding = Binding(id: id, written: w, location: loc)
        out.bindings.append(binding)
        guard context.html else { return }
        let (title, status) = context.describeBinding(binding)
        CMarkDocument.replaceWithCustomInline(
            node, open: "<a class=\"num \(status)\" href=\"\(href)\" title=\"\(HTMLEscape.escape(title))\">", close: "</a>", text: nil)
    }

    static func percentEncode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .urlFragmentAllowed) ?? s
    }
}
