import BriefingCore
import CCmark

/// A heading of a body, for the page's table of contents and `report:…#anchor` links.
public struct Heading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
}

/// One link of a body with a Briefing scheme, in document order.
struct LinkSite {
    enum Target {
        case figure(String)
        case report(slug: String, anchor: String?)
        case region(String)
        case chart(String)
    }
    var node: OpaquePointer
    var target: Target
    /// The link's own text (empty for `[](fig:ID)`).
    var text: String
    /// File line of the link.
    var line: Int
}

/// The one traversal both passes over a body share — the facts pass of the analysis and the
/// HTML pass of the page — so they see the same links, in the same order, with the same anchors.
struct BodyWalk {
    let document: CMarkDocument
    let links: [LinkSite]
    let headings: [(node: OpaquePointer, heading: Heading)]

    /// `firstLine` is the file line of the Markdown's first line.
    init(markdown: String, firstLine: Int) {
        document = CMarkDocument(markdown: markdown)
        var links: [LinkSite] = []
        for node in document.nodes(of: [CMARK_NODE_LINK.rawValue]) {
            let url = CMarkDocument.url(of: node)
            guard let colon = url.firstIndex(of: ":") else { continue }
            let rest = String(url[url.index(after: colon)...])
            let target: LinkSite.Target
            switch url[..<colon] {
            case "fig": target = .figure(rest)
            case "report":
                let parts = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
                target = .report(slug: String(parts[0]), anchor: parts.count > 1 ? String(parts[1]) : nil)
            case "region": target = .region(rest)
            case "chart": target = .chart(rest)
            default: continue
            }
            links.append(LinkSite(node: node, target: target, text: CMarkDocument.text(of: node).trimmed(),
                                  line: CMarkDocument.line(of: node) + firstLine - 1))
        }
        self.links = links
        var maker = AnchorMaker()
        headings = document.nodes(of: [CMARK_NODE_HEADING.rawValue]).map { node in
            let text = CMarkDocument.text(of: node)
            return (node, Heading(level: Int(cmark_node_get_heading_level(node)), text: text, anchor: maker.make(text)))
        }
    }

    /// The first paragraph as plain text (for summaries when the front matter has none).
    var firstParagraph: String {
        document.nodes(of: [CMARK_NODE_PARAGRAPH.rawValue]).first.map(CMarkDocument.text(of:)) ?? ""
    }

    /// The text of every paragraph, joined (for a one-paragraph front-matter text).
    var plainText: String {
        document.nodes(of: [CMARK_NODE_PARAGRAPH.rawValue, CMARK_NODE_HEADING.rawValue]).map(CMarkDocument.text(of:)).joined(separator: " ")
    }

    /// The prose outside links and code, in runs of adjacent text with the file line of each
    /// (the block's line plus the line breaks before it), for the report of numbers left unbound.
    func textRuns(firstLine: Int) -> [(text: String, line: Int)] {
        var out: [(String, Int)] = []
        guard let iter = cmark_iter_new(document.root) else { return out }
        defer { cmark_iter_free(iter) }
        var linkDepth = 0, blockLine = firstLine, breaks = 0
        var run = "", runLine = 0
        func flush() {
            if !run.isEmpty { out.append((run, runLine)) }
            run = ""
        }
        while true {
            let ev = cmark_iter_next(iter)
            if ev == CMARK_EVENT_DONE { break }
            guard let n = cmark_iter_get_node(iter) else { continue }
            let type = cmark_node_get_type(n)
            if type == CMARK_NODE_LINK {
                flush()
                linkDepth += ev == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard ev == CMARK_EVENT_ENTER else { continue }
            if Int32(cmark_node_get_type(n).rawValue) & CMARK_NODE_TYPE_MASK == CMARK_NODE_TYPE_BLOCK {
                flush()
                let l = Int(cmark_node_get_start_line(n))
                if l > 0 { blockLine = l + firstLine - 1 }
                breaks = 0
                continue
            }
            switch type {
            case CMARK_NODE_TEXT where linkDepth == 0:
                if run.isEmpty { runLine = blockLine + breaks }
                if let l = cmark_node_get_literal(n) { run += String(cString: l) }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                flush()
                breaks += 1
            default:
                flush()
            }
        }
        flush()
        return out
    }

    /// Whether a `chart:` link is alone in its paragraph (a chart is a block).
    static func standsAlone(_ node: OpaquePointer) -> Bool {
        guard let para = cmark_node_parent(node), cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH else { return false }
        return CMarkDocument.text(of: para).trimmedSpaces() == CMarkDocument.text(of: node)
    }
}
