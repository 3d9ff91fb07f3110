import BriefingCore
import CCmark

/// How a page shows the links of its body; the page job fills it in from the analysis.
public struct LinkTargets {
    /// How one `fig:` link is shown: the n-th `fig:` link of the body (numbered as in
    /// `BodyFacts.figureLinks`), its id and whether it has text of its own.
    public struct Figure {
        public var href: String
        /// CSS classes after `num` (the check status, `derived`).
        public var classes: String
        public var title: String
        /// Text shown for an insertion `[](fig:ID)`; nil keeps the link's own text.
        public var text: String?
        /// A short word after the number, inside the link (推算 for values the site computed).
        public var mark: String?
        public init(href: String, classes: String, title: String, text: String?, mark: String? = nil) {
            self.href = href
            self.classes = classes
            self.title = title
            self.text = text
            self.mark = mark
        }
    }

    public var figure: (_ index: Int, _ id: String) -> Figure?
    public var report: (_ slug: String, _ anchor: String?) -> String?
    public var region: (_ slug: String) -> String?
    /// A chart's HTML block.
    public var chart: (_ id: String) -> String?

    public init(figure: @escaping (Int, String) -> Figure?, report: @escaping (String, String?) -> String?,
                region: @escaping (String) -> String?, chart: @escaping (String) -> String?) {
        self.figure = figure
        self.report = report
        self.region = region
        self.chart = chart
    }
}

public enum BodyHTML {
    /// The body as HTML: Briefing links resolved through `targets` (one that cannot be resolved
    /// shows its text, unlinked), headings with anchors, soft breaks between Chinese characters
    /// dropped. Raw HTML in the Markdown is not passed through.
    public static func render(_ markdown: String, targets: LinkTargets) -> String {
        let walk = BodyWalk(markdown: markdown, firstLine: 1)
        var figureIndex = 0
        for link in walk.links {
            switch link.target {
            case .figure(let id):
                defer { figureIndex += 1 }
                guard let f = targets.figure(figureIndex, id) else { CMarkDocument.unwrap(link.node); continue }
                let open = "<a class=\"num\(f.classes.isEmpty ? "" : " " + HTMLEscape.escape(f.classes))\" href=\"\(HTMLEscape.escape(f.href))\" title=\"\(HTMLEscape.escape(f.title))\">"
                let close = (f.mark.map { "<span class=\"mark\">\(HTMLEscape.escape($0))</span>" } ?? "") + "</a>"
                CMarkDocument.replaceWithCustomInline(link.node, open: open, close: close, text: link.text.isEmpty ? f.text : nil)
            case .report(let slug, let anchor):
                guard let href = targets.report(slug, anchor) else { CMarkDocument.unwrap(link.node); continue }
                cmark_node_set_url(link.node, href)
            case .region(let slug):
                guard let href = targets.region(slug) else { CMarkDocument.unwrap(link.node); continue }
                cmark_node_set_url(link.node, href)
            case .chart(let id):
                guard BodyWalk.standsAlone(link.node), let html = targets.chart(id), let para = cmark_node_parent(link.node) else {
                    CMarkDocument.unwrap(link.node)
                    continue
                }
                CMarkDocument.replaceWithCustomBlock(para, html: html)
            }
        }
        for (node, h) in walk.headings {
            walk.document.replaceHeading(node, level: Int32(h.level), anchor: h.anchor)
        }
        CJKBreaks.drop(in: walk.document)
        return walk.document.html()
    }
}
