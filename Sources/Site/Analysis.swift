import BriefingCore
import Calc
import Content
import Foundation
import Markup
import Render

/// Everything known after load → evaluate → check: the input to rendering and to `check`.
public struct Analysis: Sendable {
    public var project: Project
    public var evaluation: Evaluation
    /// Every check, sorted by file, line and id.
    public var checks: [CheckResult]
    /// Rendered Markdown bodies by document slug (pages are rendered two folders deep).
    public var bodies: [String: RenderedBody]
    public var context: LinkContext
    /// Lays out charts for region and indicator pages.
    public var charts: ChartBuilder
    public var timings: Timings
    /// Figure or indicator id → documents whose prose shows it (for incremental updates).
    public var citedBy: [String: Set<String>] = [:]
    /// Document slug → its position in `project.documents`.
    public var documentIndex: [String: Int] = [:]

    public var failedChecks: [CheckResult] { checks.filter { $0.status.failsCI } }
}

public enum Analyzer {
    /// Loads and checks `content/`. Throws every input problem found (exit code 2).
    /// With `templates`, charts are rendered into the bodies; without, they are only checked.
    /// With a `cache` (serve mode), unchanged files are not decoded again and unchanged bodies
    /// are not rendered again.
    public static func analyze(contentDirectory: URL, display: String = "content",
                               templates: Templates? = nil, cache: AnalysisCache? = nil) throws(Diagnostics) -> Analysis {
        var timings = Timings()
        var start = Timings.now()
        let project = try ContentLoader.load(directory: contentDirectory, display: display, cache: cache?.decoded)
        timings.record("load", since: start, count: project.documents.count, unit: "files")
        start = Timings.now()
        let evaluation = Evaluator.evaluate(project)
        timings.record("evaluate", since: start, count: evaluation.values.count, unit: "indicators")
        if !evaluation.problems.isEmpty { throw Diagnostics(evaluation.problems) }
        start = Timings.now()
        var (checks, problems) = Checker.checkIndicators(project, evaluation)

        let docs = project.documents
        // Heading anchors are needed only for documents that some link targets with `#anchor`;
        // finding those by a plain text search saves parsing every body twice.
        let anchored = anchoredTargets(docs)
        let anchors = ParallelMap.map(docs) { d -> [String] in
            guard anchored.contains(d.slug) else { return [] }
            return cache?.bodies.anchors(d) ?? BodyRenderer.anchors(of: d.body)
        }
        var documents: [String: (kind: DocumentKind, anchors: Set<String>)] = [:]
        for (d, a) in zip(docs, anchors) { documents[d.slug] = (d.kind, Set(a)) }

        var statusByID: [String: CheckStatus] = [:]
        for c in checks { statusByID[c.id] = c.status }
        let values = linkValues(project, evaluation, statusByID)
        let regions = Dictionary(project.regions.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        let lookup = Overlay(values)
        var context = LinkContext(values: values, documents: documents, regions: regions, units: project.units) { binding in
            describe(binding, values: lookup)
        }
        // Checking alone needs the numbers in the bodies, not their HTML.
        context.html = templates != nil
        let builder = chartBuilder(project, evaluation, values)
        var chartOwner: [String: SourceLocation] = [:]
        for spec in docs.flatMap(\.charts) {
            if let other = chartOwner[spec.id] {
                problems.append(Diagnostic(spec.location, "图表编号 `\(spec.id)` 重复定义：\(other) 已定义过"))
                continue
            }
            chartOwner[spec.id] = spec.location
            do {
                let vm = try builder.build(spec)
                context.charts[spec.id] = templates?.render("chart", vm) ?? ""
            } catch {
                // Declared, though broken: the `[](chart:…)` link should not also complain.
                context.charts[spec.id] = ""
                problems.append(error)
            }
        }
        let ready = context
        let bodies = ParallelMap.map(docs) { d in
            if let hit = cache?.bodies.get(d, context: ready) { return hit }
            let body = BodyRenderer.render(d, context: ready, root: "../../")
            cache?.bodies.put(d, body, context: ready)
            return body
        }
        var bodyBySlug: [String: RenderedBody] = [:]
        var citedBy: [String: Set<String>] = [:]
        for (d, b) in zip(docs, bodies) {
            bodyBySlug[d.slug] = b
            for c in b.citations { citedBy[c.id, default: []].insert(d.slug) }
            problems += b.problems
            bindingChecks(b, document: d.slug, values: lookup, into: &checks, problems: &problems)
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        checks.sort { ($0.location, $0.id) < ($1.location, $1.id) }
        timings.record("check", since: start, count: checks.count, unit: "checks (incl. Markdown of every body)")
        var analysis = Analysis(project: project, evaluation: evaluation, checks: checks, bodies: bodyBySlug, context: context,
                                charts: builder, timings: timings)
        analysis.citedBy = citedBy
        for (i, d) in docs.enumerated() { analysis.documentIndex[d.slug] = i }
        return analysis
    }

    /// Chart inputs: every figure and computed indicator with its label and display precision.
    static func chartBuilder(_ project: Project, _ evaluation: Evaluation, _ values: [String: LinkContext.Value]) -> ChartBuilder {
        var cv: [String: ChartValue] = [:]
        for (id, f) in project.figures { cv[id] = ChartValue(quantity: f.quantity, label: f.label, decimals: f.decimals) }
        for (id, ind) in project.indicators {
            guard let q = evaluation.values[id] else { continue }
            cv[id] = ChartValue(quantity: q, label: ind.label, decimals: ind.decimals ?? ind.stated?.written.number.decimals)
        }
        let names = Dictionary(project.regions.map { ($0.slug, $0.name) }, uniquingKeysWith: { a, _ in a })
        return ChartBuilder(values: cv, regionNames: names)
    }

    /// Slugs that appear as `report:SLUG#…` in any body.
    static func anchoredTargets(_ docs: [Document]) -> Set<String> {
        let needle = Array("report:".utf8)
        var out: Set<String> = []
        for d in docs {
            var body = d.body
            body.withUTF8 { bytes in
                var i = 0
                while i + needle.count <= bytes.count {
                    guard bytes[i] == needle[0], Array(bytes[i..<(i + needle.count)]) == needle else { i += 1; continue }
                    var j = i + needle.count
                    let start = j
                    while j < bytes.count, bytes[j] != UInt8(ascii: "#"), bytes[j] != UInt8(ascii: ")"), bytes[j] > 32 { j += 1 }
                    if j < bytes.count, bytes[j] == UInt8(ascii: "#") {
                        out.insert(String(decoding: bytes[start..<j], as: UTF8.self))
                    }
                    i = j
                }
            }
        }
        return out
    }

    /// How `fig:` shows each figure and indicator: figures with their written decimals,
    /// indicators with the stated precision, else `decimals:`, else up to two places.
    static func linkValues(_ project: Project, _ evaluation: Evaluation,
                           _ status: [String: CheckStatus]) -> [String: LinkContext.Value] {
        var values: [String: LinkContext.Value] = [:]
        for (id, f) in project.figures {
            values[id] = .init(quantity: f.quantity, display: NumberFormat.format(f.quantity, decimals: f.decimals), label: f.label)
        }
        for (id, ind) in project.indicators {
            guard let q = evaluation.values[id] else { continue }
            values[id] = .init(quantity: q, display: display(ind, q, exact: status[id].map { $0 != .pass } ?? false), label: ind.label)
        }
        return values
    }

    /// `exact`: the value disagrees with the text, so show up to two more digits than the
    /// text wrote rather than a rounding that could look like agreement (287.22, not 287.2).
    public static func display(_ ind: Indicator, _ q: Quantity, exact: Bool = false) -> String {
        if let s = ind.stated, s.written.quantity.dimension == q.dimension {
            let unit = ind.unit ?? s.written.quantity.unit
            var d = ind.decimals ?? s.written.number.decimals
            if exact {
                let text = NumberFormat.plain(NumberFormat.rounded(q.value(in: unit), d + 2))
                d = max(d, text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0)
            }
            return NumberFormat.format(q, in: unit, decimals: d)
        }
        return NumberFormat.format(q, decimals: ind.decimals)
    }

    /// The checks of every number a body binds to an id; unit mismatches become problems.
    static func bindingChecks(_ body: RenderedBody, document: String, values: Overlay<LinkContext.Value>,
                              into checks: inout [CheckResult], problems: inout [Diagnostic]) {
        for binding in body.bindings {
            do {
                checks.append(try bindingCheck(binding, values: values, document: document))
            } catch {
                problems.append(error.at(binding.location))
            }
        }
    }

    static func bindingCheck(_ b: Binding, values: Overlay<LinkContext.Value>, document: String) throws(LocalError) -> CheckResult {
        let v = values[b.id]!
        return try Checker.check(id: b.id, kind: .binding, label: v.label, stated: b.written, computed: v.quantity,
                                 location: b.location, document: document)
    }

    /// Hover text and status class for a number in prose.
    static func describe(_ b: Binding, values: Overlay<LinkContext.Value>) -> (title: String, status: String) {
        guard let r = try? bindingCheck(b, values: values, document: "") else {
            return ("单位无法比较", "fail")
        }
        let v = values[b.id]!
        let title = "\(v.label)：计算值 \(r.computedText)，文中 \(r.statedText)，\(r.status.chineseName)"
        return (title, r.status.rawValue)
    }
}

/// What `briefing serve` keeps between rebuilds.
public final class AnalysisCache: @unchecked Sendable {
    public let decoded = DecodeCache()
    public let bodies = BodyCache()
    public init() {}
}

/// Rendered bodies, reused while the document and everything the body shows from elsewhere
/// (cited values, linked documents' anchors, charts) are unchanged.
public final class BodyCache: @unchecked Sendable {
    struct Entry {
        var document: Document
        var signature: [String]
        var body: RenderedBody
        var anchors: [String]
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]

    static func signature(_ body: RenderedBody, _ context: LinkContext) -> [String] {
        var s: [String] = []
        for c in body.citations {
            let v = context.values[c.id]
            s.append(c.id + "=" + (v.map { "\($0.quantity.magnitude)|\($0.quantity.unit.symbol)|\($0.display)|\($0.label)" } ?? "-"))
        }
        for r in body.references { s.append(r + "#" + (context.documents[r].map { $0.anchors.sorted().joined(separator: ",") } ?? "-")) }
        for c in body.charts { s.append("chart:" + c + "=" + (context.charts[c] ?? "-")) }
        return s
    }

    func entry(_ d: Document) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        guard let e = entries[d.slug], e.document == d else { return nil }
        return e
    }

    func anchors(_ d: Document) -> [String]? { entry(d)?.anchors }

    /// A body only reused when it had no problems: errors must be found again.
    func get(_ d: Document, context: LinkContext) -> RenderedBody? {
        guard let e = entry(d), e.body.problems.isEmpty, e.signature == BodyCache.signature(e.body, context) else { return nil }
        return e.body
    }

    func put(_ d: Document, _ body: RenderedBody, context: LinkContext) {
        let e = Entry(document: d, signature: BodyCache.signature(body, context), body: body, anchors: body.headings.map(\.anchor))
        lock.lock()
        entries[d.slug] = e
        lock.unlock()
    }
}
