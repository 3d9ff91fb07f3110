import BriefingCore
import Calc
import Content
import Foundation
import Markup

/// Everything known after load → evaluate → check: what `check` reports and pages show.
public struct Analysis: Sendable {
    /// The content; `documents` in site order.
    public internal(set) var project: Project
    /// Each document's body facts, by slug.
    public internal(set) var facts: [String: BodyFacts]
    public internal(set) var evaluation: Evaluation
    public internal(set) var index: SiteIndex
    /// The shape of each document, by slug: an edit that changes one needs a full analysis.
    public internal(set) var shapes: [String: DocumentShape]
    /// Things worth fixing that do not stop a build (files that are not read, …).
    public internal(set) var warnings: [Diagnostic]
    public internal(set) var timings: Timings
    /// Where the documents' files are (pages read their bodies again from there).
    public let contentDirectory: URL

    public var checks: [CheckResult] { index.allChecks }

    /// Numbers readers see that no check covers, in site order.
    public var unboundNumbers: [UnboundNumber] { project.documents.flatMap { facts[$0.slug]?.unbound ?? [] } }
    public var failedChecks: [CheckResult] { index.failedChecks }

    public func document(_ slug: String) -> Document? { index.position[slug].map { project.documents[$0] } }

    /// A figure's quantity or an indicator's computed value.
    public func value(of id: String) -> Quantity? { project.figures[id]?.quantity ?? evaluation.values[id] }

    public func label(of id: String) -> String? { project.figures[id]?.label ?? project.indicators[id]?.label }
}

public enum Analyzer {
    /// Loads, evaluates and checks `content/`. Throws every input problem found (exit code 2).
    /// With a `cache` (serve), files unchanged since the last call are not read again.
    public static func analyze(contentDirectory: URL, display: String = "content", cache: LoadCache? = nil) throws(Diagnostics) -> Analysis {
        var timings = Timings()
        var start = Timings.now()
        let loaded = Loader.load(directory: contentDirectory, display: display, cache: cache)
        var problems = loaded.problems
        var project = ContentLoader.assemble(loaded.settings, decoded: loaded.documents.map(\.decoded), problems: &problems)
        problems += SiteRules.check(project, loaded.documents.map(\.decoded))
        if !problems.isEmpty { throw Diagnostics(problems) }
        var shapes: [String: DocumentShape] = [:]
        var facts: [String: BodyFacts] = [:]
        for d in loaded.documents {
            shapes[d.document.slug] = DocumentShape(d)
            facts[d.document.slug] = d.facts
        }
        var index = SiteIndex(shapes: Array(shapes.values))
        let bySlug = Dictionary(project.documents.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        project.documents = index.order.compactMap { bySlug[$0] }
        timings.record("load", since: start, count: project.documents.count, unit: "files")

        start = Timings.now()
        let evaluation = Evaluator.evaluate(project)
        timings.record("evaluate", since: start, count: evaluation.values.count, unit: "indicators")
        if !evaluation.problems.isEmpty { throw Diagnostics(evaluation.problems) }

        start = Timings.now()
        let allFacts = facts
        let context = CheckContext(project: project, evaluation: evaluation, facts: allFacts)
        let results = ParallelMap.map(project.documents) { d in DocumentCheck.run(d, facts: allFacts[d.slug] ?? BodyFacts(), context: context) }
        problems = results.flatMap(\.problems)
        if !problems.isEmpty { throw Diagnostics(problems) }
        index.replace(Dictionary(uniqueKeysWithValues: zip(project.documents.map(\.slug), results)),
                      facts: { allFacts[$0] }, oldFacts: { _ in nil })
        timings.record("check", since: start, count: results.reduce(0) { $0 + $1.indicatorChecks.count + $1.linkChecks.count },
                       unit: "checks and links")
        return Analysis(project: project, facts: facts, evaluation: evaluation, index: index, shapes: shapes,
                        warnings: loaded.warnings + unlabelled(project), timings: timings, contentDirectory: contentDirectory)
    }

    /// Figures and indicators without a `label`: readers would see their id.
    static func unlabelled(_ project: Project) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for d in project.documents {
            for id in d.figureIDs where project.figures[id]?.label == id {
                out.append(Diagnostic(project.figures[id]!.location, "数据 `\(id)` 没有 label，读者会看到编号",
                                      hint: "写成多行形式并加 label: 中文名称"))
            }
            for id in d.indicatorIDs where project.indicators[id]?.label == id {
                out.append(Diagnostic(project.indicators[id]!.location, "指标 `\(id)` 没有 label，读者会看到编号", hint: "加 label: 中文名称"))
            }
        }
        return out
    }
}

extension CheckContext {
    /// Looks everything up in one analysed state of the site.
    init(project: Project, evaluation: Evaluation, facts: [String: BodyFacts]) {
        let regions = Set(project.regions.map(\.slug))
        let charts = Set(project.documents.flatMap { $0.charts.map(\.id) })
        let slugs = Set(project.documents.map(\.slug))
        self.init(figure: { project.figures[$0] }, indicator: { project.indicators[$0] },
                  value: { project.figures[$0]?.quantity ?? evaluation.values[$0] }, facts: { facts[$0] },
                  isDocument: { slugs.contains($0) }, isRegion: { regions.contains($0) }, chartDeclared: { charts.contains($0) },
                  ids: evaluation.index,
                  decimals: { project.figures[$0]?.decimals ?? project.indicators[$0].flatMap { $0.decimals ?? $0.stated?.written.number.decimals } },
                  document: { project.figures[$0]?.document ?? project.indicators[$0]?.document ?? "" },
                  documentSlugs: slugs.sorted(), regionSlugs: regions.sorted())
    }
}
