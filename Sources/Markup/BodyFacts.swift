import BriefingCore

/// A `fig:ID` link in prose: `[](fig:ID)` shows ID's value; `[413.8万千瓦](fig:ID)` binds the
/// written number to ID (a binding, checked against ID's value).
public struct FigureLink: Sendable, Hashable {
    public var id: String
    public var line: Int
    /// The number as written; nil for an insertion `[](fig:ID)`. A bare number (`[287.3](fig:x)万千瓦`)
    /// has no unit here and is read in the value's own unit when checked.
    public var written: WrittenQuantity?
    /// The link text is not a number with a unit (reported as a problem; kept so the links of
    /// the facts and of the HTML pass stay numbered alike).
    public var unreadable = false
}

public struct ReferenceLink: Sendable, Hashable {
    public var slug: String
    public var anchor: String?
    public var line: Int
}

public struct PlacedLink: Sendable, Hashable {
    /// A region slug or a chart id.
    public var target: String
    public var line: Int
    /// For charts: alone in its paragraph, as a block must be.
    public var standsAlone: Bool
}

/// What the analysis needs to know about a Markdown body, collected without making HTML and
/// without knowing the rest of the site (so an edit re-collects only the edited file's facts).
public struct BodyFacts: Sendable, Hashable {
    public var headings: [Heading] = []
    /// Every `fig:` link in document order; the HTML pass numbers them the same way.
    public var figureLinks: [FigureLink] = []
    public var references: [ReferenceLink] = []
    public var regions: [PlacedLink] = []
    public var charts: [PlacedLink] = []
    public var firstParagraph = ""
    /// `fig:` links in the title and summary, which show as plain text but are checked too.
    public var inlineLinks: [InlineLink] = []
    /// Numbers in the prose, title and summary that are not bound to data (years, dates,
    /// numbering and numbers in names are not counted).
    public var unbound: [UnboundNumber] = []
    /// Link texts that are not a number with a unit, located.
    public var problems: [Diagnostic] = []

    public init() {}

    /// The facts of `markdown`, whose first line is line `firstLine` of `file`.
    public static func collect(_ markdown: String, file: String, firstLine: Int, units: UnitRegistry) -> BodyFacts {
        let walk = BodyWalk(markdown: markdown, firstLine: firstLine)
        var facts = BodyFacts()
        let runs = walk.textRuns(firstLine: firstLine)
        facts.unbound = UnboundNumber.find(in: runs, file: file, units: units)
        facts.problems += LinkSlip.find(in: runs, file: file)
        facts.headings = walk.headings.map(\.heading)
        facts.firstParagraph = walk.firstParagraph
        for link in walk.links {
            switch link.target {
            case .figure(let id):
                var written: WrittenQuantity?
                var unreadable = false
                if !link.text.isEmpty {
                    do { written = try QuantityParser.parseWritten(link.text, units: units) } catch {
                        facts.problems.append(Diagnostic(
                            SourceLocation(file: file, line: link.line),
                            "fig:\(Diagnostic.excerpt(id)) 链接的文字 `\(Diagnostic.excerpt(link.text))` 不是“数字+单位”的形式（\(error.message)）",
                            hint: "链接文字应为“数字+单位”，例如 [413.8万千瓦](fig:\(Diagnostic.excerpt(id)))；或留空 [](fig:\(Diagnostic.excerpt(id))) 由程序填入数值"))
                        unreadable = true
                    }
                }
                facts.figureLinks.append(FigureLink(id: id, line: link.line, written: written, unreadable: unreadable))
            case .report(let slug, let anchor):
                facts.references.append(ReferenceLink(slug: slug, anchor: anchor, line: link.line))
            case .region(let slug):
                facts.regions.append(PlacedLink(target: slug, line: link.line, standsAlone: false))
            case .chart(let id):
                facts.charts.append(PlacedLink(target: id, line: link.line, standsAlone: BodyWalk.standsAlone(link.node)))
            }
        }
        return facts
    }

    /// Ids the body shows, with the line of each (insertions and bindings).
    public var citations: [(id: String, line: Int)] { figureLinks.map { ($0.id, $0.line) } }
}

/// A `fig:` link in a front-matter text (`title` or `summary`).
public struct InlineLink: Sendable, Hashable {
    /// The front-matter key: `title` or `summary`.
    public var field: String
    public var link: FigureLink
}

public enum InlineText {
    /// A front-matter text written with the link syntax of prose: its plain text (links shown
    /// as their text, soft breaks between Chinese characters dropped), its `fig:` links, and
    /// the numbers in it that are not bound (link texts are not looked at).
    public static func collect(_ text: String, field: String, file: String, line: Int, units: UnitRegistry)
        -> (plain: String, links: [InlineLink], problems: [Diagnostic], unbound: [UnboundNumber]) {
        guard text.containsBytes("](") else { return (CJKBreaks.join(text), [], [], unbound(text, field: field, file: file, line: line, units: units)) }
        // Lines of a folded YAML text are not known; everything is located at the key's line.
        let oneLine = text.split(whereSeparator: \.isNewline).joined(separator: "\n")
        let facts = BodyFacts.collect(oneLine, file: file, firstLine: line, units: units)
        let links = facts.figureLinks.map { l -> InlineLink in
            var l = l
            l.line = line
            return InlineLink(field: field, link: l)
        }
        let at = SourceLocation(file: file, line: line, key: field)
        let problems = facts.problems.map { p -> Diagnostic in
            var p = p
            p.location = at
            return p
        }
        let unbound = facts.unbound.map { UnboundNumber(text: $0.text, location: at) }
        return (CJKBreaks.join(BodyWalk(markdown: oneLine, firstLine: line).plainText), links, problems, unbound)
    }

    /// Numbers of a front-matter text without links that are not bound.
    static func unbound(_ text: String, field: String, file: String, line: Int, units: UnitRegistry) -> [UnboundNumber] {
        let runs: [(text: String, line: Int)]
        if let plain = plainLines(text) {
            runs = plain.map { ($0, line) }
        } else {
            runs = BodyWalk(markdown: text, firstLine: line).textRuns(firstLine: line).map { ($0.text, line) }
        }
        return UnboundNumber.find(in: runs, file: file, units: units, key: field)
    }

    /// The text runs cmark would give for text with no Markdown syntax in it (most titles
    /// and summaries): its lines, trimmed. Nil when the text has anything cmark might read as
    /// syntax, so the caller parses it.
    static func plainLines(_ text: String) -> [String]? {
        let syntax: Set<UInt8> = Set("[]`<>*_\\&!#|~=".utf8)
        guard !text.utf8.contains(where: syntax.contains) else { return nil }
        var out: [String] = []
        for raw in text.split(whereSeparator: \.isNewline) {
            let line = String(raw).trimmedSpaces()
            guard let first = line.utf8.first else { continue }
            // A line opening with a digit, - or + may be a list item; with four spaces, code.
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { return nil }
            if raw.hasPrefix("    ") || raw.hasPrefix("\t") { return nil }
            out.append(line)
        }
        return out
    }
}

/// A number a reader sees that no check covers.
public struct UnboundNumber: Sendable, Hashable {
    public var text: String
    public var location: SourceLocation

    static func find(in runs: [(text: String, line: Int)], file: String, units: UnitRegistry, key: String? = nil) -> [UnboundNumber] {
        var out: [UnboundNumber] = []
        for (text, line) in runs {
            let found = NumberScanner.scan(text, units: units) + ChineseQuantityScanner.scan(text, units: units)
            for f in found.sorted(by: { $0.offset < $1.offset }) {
                out.append(UnboundNumber(text: f.written, location: SourceLocation(file: file, line: line, key: key)))
            }
        }
        return out
    }
}

/// A link written with full-width brackets (`[20万元]（fig:x）`, `【…】(fig:x)`): Markdown does not see
/// a link, so the page would show the syntax raw. An error naming the line and the fix.
enum LinkSlip {
    static let schemes = ["fig:", "report:", "region:", "chart:"]

    static func find(in runs: [(text: String, line: Int)], file: String) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for (text, line) in runs where text.containsBytes("（") || text.containsBytes("】") {
            let fullParen = schemes.contains { text.containsBytes("（" + $0) }
            let fullBracket = text.containsBytes("】(") || text.containsBytes("】（")
            guard fullParen || fullBracket else { continue }
            let what = fullParen && fullBracket ? "全角方括号“【】”和全角圆括号“（）”" : fullParen ? "全角圆括号“（）”" : "全角方括号“【】”"
            out.append(Diagnostic(SourceLocation(file: file, line: line), "第 \(line) 行的链接用了\(what)，不会被当作链接",
                                  hint: "链接只能用半角括号，例如 [20万元](fig:编号)"))
        }
        return out
    }
}
