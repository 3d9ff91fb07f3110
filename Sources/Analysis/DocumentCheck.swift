import BriefingCore
import Calc
import Markup

/// What checking one document found: its indicators' stated values, the numbers its prose
/// binds, and the links and charts that do not resolve.
public struct DocumentResult: Sendable {
    public var indicatorChecks: [CheckResult] = []
    /// The check of each `fig:` link of the body, numbered as `BodyFacts.figureLinks`; nil for
    /// insertions `[](fig:ID)`.
    public var linkChecks: [CheckResult?] = []
    /// The checks of numbers in the title and summary, numbered as `BodyFacts.inlineLinks`.
    public var inlineChecks: [CheckResult?] = []
    /// Checks of the relations (`check:`) of its figures and indicators.
    public var relationChecks: [CheckResult] = []
    /// The ids its relations compare with (an edit to one of them checks this document again).
    public var relationTargets: [String] = []
    public var problems: [Diagnostic] = []

    public init() {}

    /// Every check of the document, sorted by line and id.
    public var checks: [CheckResult] {
        (indicatorChecks + relationChecks + inlineChecks.compactMap { $0 } + linkChecks.compactMap { $0 })
            .sorted { ($0.location, $0.id) < ($1.location, $1.id) }
    }

    /// Its checks that fail CI, unsorted: most documents have none, so nothing is copied or sorted.
    var failing: [CheckResult] {
        var out: [CheckResult] = []
        for c in indicatorChecks where c.status.failsCI { out.append(c) }
        for c in relationChecks where c.status.failsCI { out.append(c) }
        for case let c? in inlineChecks where c.status.failsCI { out.append(c) }
        for case let c? in linkChecks where c.status.failsCI { out.append(c) }
        return out
    }
}

/// What checking a document may look up in the rest of the site. Closures, so that a full
/// analysis reads the project directly and an edit reads its changes first.
struct CheckContext: Sendable {
    var figure: @Sendable (String) -> Figure?
    var indicator: @Sendable (String) -> Indicator?
    /// A figure's quantity or an indicator's computed value.
    var value: @Sendable (String) -> Quantity?
    var facts: @Sendable (String) -> BodyFacts?
    var isDocument: @Sendable (String) -> Bool
    var isRegion: @Sendable (String) -> Bool
    var chartDeclared: @Sendable (String) -> Bool
    var ids: IDIndex
    /// Decimals a value is written or stated with (for the tolerance of `=` relations).
    var decimals: @Sendable (String) -> Int?
    /// The document that defines a figure or indicator.
    var document: @Sendable (String) -> String
    /// For "did you mean" hints.
    var documentSlugs: [String]
    var regionSlugs: [String]
}

enum DocumentCheck {
    /// Checks one document; the same function serves a full analysis and an edit.
    static func run(_ doc: Document, facts: BodyFacts, context c: CheckContext) -> DocumentResult {
        var r = DocumentResult()
        let (checks, problems) = Checker.checkIndicators(doc.indicatorIDs.compactMap(c.indicator), values: c.value)
        r.indicatorChecks = checks
        r.problems = problems + facts.problems
        func at(_ line: Int) -> SourceLocation { SourceLocation(file: doc.file, line: line) }

        for id in doc.figureIDs + doc.indicatorIDs {
            for rel in c.figure(id)?.relations ?? c.indicator(id)?.relations ?? [] {
                r.relationTargets.append(rel.target)
                do throws(Diagnostic) { r.relationChecks.append(try relation(rel, of: id, c)) } catch { r.problems.append(error) }
            }
        }
        var linkProblems: [Diagnostic] = []
        r.linkChecks = facts.figureLinks.map { check($0, doc, c, &linkProblems) }
        r.inlineChecks = facts.inlineLinks.map { check($0.link, doc, c, &linkProblems, key: $0.field) }
        r.problems += linkProblems
        for ref in facts.references {
            guard c.isDocument(ref.slug), let target = c.facts(ref.slug) else {
                r.problems.append(Diagnostic(at(ref.line), "report: 链接指向不存在的报告或案例 `\(Diagnostic.excerpt(ref.slug))`",
                                             hint: Suggest.hint(ref.slug, in: c.documentSlugs) + "目标是 content/reports 或 content/cases 下的文件名（不含 .md）"))
                continue
            }
            if let anchor = ref.anchor, !target.headings.contains(where: { $0.anchor == anchor }) {
                r.problems.append(Diagnostic(at(ref.line), "`\(ref.slug)` 中没有标题锚点 `#\(Diagnostic.excerpt(anchor))`",
                                             hint: Suggest.hint(anchor, in: target.headings.map(\.anchor)) + "锚点由标题文字生成：去掉标点，空格变成 -"))
            }
        }
        for link in facts.regions where !c.isRegion(link.target) {
            r.problems.append(Diagnostic(at(link.line), "region: 链接指向未登记的地区 `\(Diagnostic.excerpt(link.target))`",
                                         hint: Suggest.hint(link.target, in: c.regionSlugs) + "地区须先在 content/regions.yaml 中登记"))
        }
        for link in facts.charts {
            if !c.chartDeclared(link.target) {
                r.problems.append(Diagnostic(at(link.line), "chart: 链接引用了未声明的图表 `\(Diagnostic.excerpt(link.target))`",
                                             hint: "图表须在某个文件的 charts 中声明"))
            } else if !link.standsAlone {
                r.problems.append(Diagnostic(at(link.line), "图表链接 [](chart:\(link.target)) 必须单独成段", hint: "在它前后各空一行"))
            }
        }
        for spec in doc.charts {
            do { _ = try ChartData.resolve(spec, ids: c.ids, value: c.value) } catch {
                r.problems.append(error)
            }
        }
        return r
    }

    /// `id` against its relation's target: the target's value plays the stated number, with
    /// the precision of the coarser of the two for `=`.
    static func relation(_ rel: Relation, of id: String, _ c: CheckContext) throws(Diagnostic) -> CheckResult {
        guard let left = c.value(id), let right = c.value(rel.target) else {
            throw Diagnostic(rel.location, "核对关系引用了不存在的编号 `\(Diagnostic.excerpt(rel.target))`",
                             hint: Suggest.hint(rel.target, in: c.ids.nearby(rel.target)))
        }
        let label = c.figure(id)?.label ?? c.indicator(id)?.label ?? id
        let other = c.figure(rel.target)?.label ?? c.indicator(rel.target)?.label ?? rel.target
        let decimals = min(c.decimals(id) ?? 2, c.decimals(rel.target) ?? 2)
        let value = right.value
        let number = WrittenNumber(value: value, decimals: decimals, text: NumberFormat.plain(value))
        let stated = WrittenQuantity(comparator: rel.comparator, number: number, quantity: right, text: "\(rel.comparator.rawValue) \(other)")
        do throws(LocalError) {
            return try Checker.check(id: id, kind: .relation, label: "\(label)（\(rel.comparator.rawValue) \(other)）", stated: stated,
                                     computed: left, expectDiscrepancy: rel.expectDiscrepancy, note: rel.note,
                                     location: rel.location, document: c.document(id))
        } catch {
            throw error.at(rel.location)
        }
    }

    /// The check of one `fig:` link with a number written in it; nil for an insertion.
    static func check(_ link: FigureLink, _ doc: Document, _ c: CheckContext, _ problems: inout [Diagnostic],
                      key: String? = nil) -> CheckResult? {
        let at = SourceLocation(file: doc.file, line: link.line, key: key)
        guard let value = c.value(link.id), let label = c.figure(link.id)?.label ?? c.indicator(link.id)?.label else {
            if c.figure(link.id) == nil && c.indicator(link.id) == nil {
                problems.append(Diagnostic(at, "fig: 链接引用了不存在的编号 `\(Diagnostic.excerpt(link.id))`",
                                           hint: Suggest.hint(link.id, in: c.ids.nearby(link.id)) + "编号须在某个文件的 figures 或 indicators 中定义"))
            }
            return nil
        }
        guard var written = link.written else { return nil }
        if written.quantity.unit.symbol.isEmpty, !value.unit.isScalar {
            // A bare number is read in the value's own unit: [287.3](fig:x)万千瓦.
            written.quantity = Quantity(written.number.value, value.unit)
        }
        do {
            return try Checker.check(id: link.id, kind: .binding, label: label, stated: written, computed: value,
                                     location: at, document: doc.slug)
        } catch {
            problems.append(error.at(at))
            return nil
        }
    }
}
