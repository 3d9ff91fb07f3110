import BriefingCore
import Calc
import Content
import Foundation
import Markup
import Render

/// What an incremental update changed, so that the renderer can patch its indexes.
public struct AnalysisDelta: Sendable {
    /// Documents whose file changed.
    public var documents: Set<String>
    /// Documents whose body was rendered again (their bindings were checked again).
    public var bodies: Set<String>
    /// Indicators evaluated again (their `stated` check was run again).
    public var indicators: Set<String>
    /// The checks run again, sorted.
    public var addedChecks: [CheckResult]
    /// Figures and indicators whose value or display may have changed.
    public var values: Set<String>
    /// The edited documents as they now are.
    public var changedDocuments: [Document]

    var render: RenderDelta {
        RenderDelta(documents: changedDocuments, bodies: bodies, indicators: indicators, addedChecks: addedChecks)
    }
}

/// Everything an edit changes, worked out without modifying the previous analysis, so that
/// a failed edit leaves it intact; `Analyzer.commit` then applies it in place.
public struct AnalysisUpdate: Sendable {
    var documents: [(index: Int, decoded: DecodedDocument)]
    var evaluation: EvaluationPatch
    var values: [String: LinkContext.Value]
    var chartValues: [String: ChartValue]
    var charts: [String: String]
    var anchors: [String: Set<String>]
    var bodies: [String: RenderedBody]
    /// Files whose checks change: the bodies rendered again and the re-evaluated indicators'.
    var checkFiles: Set<String>
    public var delta: AnalysisDelta
    var timings: Timings
}

extension Analyzer {
    /// Works out what the edit of the `changed` documents changes, reusing everything from
    /// `previous` that the edit cannot affect: only the indicators downstream of the edited
    /// figures and indicators are evaluated and checked again, and only the bodies that show
    /// one of those values (or the edited documents) are rendered again.
    ///
    /// Returns nil when the edit changes the shape of the site (ids, slugs, order, regions,
    /// topics, charts declared): then everything must be analysed again. Throws the problems
    /// a full analysis would report for the edit.
    public static func plan(_ previous: Analysis, changed: [DecodedDocument],
                            templates: Templates?) throws(Diagnostics) -> AnalysisUpdate? {
        var timings = Timings()
        var start = Timings.now()
        // The previous project is only read: what the edited files now define is looked up
        // first in these small tables, so no large dictionary is copied.
        let project = previous.project
        let position = previous.documentIndex
        let changedSlugs = Set(changed.map(\.document.slug))
        var changedIDs: [String] = []
        var located: [(index: Int, decoded: DecodedDocument)] = []
        var editedDocs: [String: Document] = [:]
        var figures: [String: Figure] = [:]
        var indicators: [String: Indicator] = [:]
        for d in changed {
            guard let i = position[d.document.slug], sameShape(project.documents[i], d, project) else { return nil }
            located.append((i, d))
            changedIDs += d.document.figureIDs + d.document.indicatorIDs
            editedDocs[d.document.slug] = d.document
            for f in d.figures { figures[f.id] = f }
            for ind in d.indicators { indicators[ind.id] = ind }
        }
        timings.record("load", since: start, count: changed.count, unit: "files")

        start = Timings.now()
        let affected = Evaluator.affected(by: changedIDs, in: project, previous.evaluation)
        let patch = Evaluator.reevaluate(project, edited: figures, indicators, previous: previous.evaluation, affected: affected)
        timings.record("evaluate", since: start, count: affected.count, unit: "indicators")
        if !patch.problems.isEmpty { throw Diagnostics(patch.problems) }
        let indicator = { (id: String) in indicators[id] ?? project.indicators[id] }

        start = Timings.now()
        var (added, problems) = Checker.checkIndicators(affected.sorted().compactMap(indicator), values: { patch.values[$0] })
        var status: [String: CheckStatus] = [:]
        for c in added { status[c.id] = c.status }

        // Values shown elsewhere that may now read differently.
        var context = previous.context
        var charts = previous.charts
        let valueIDs = Set(changedIDs).union(affected)
        for id in valueIDs {
            if let f = figures[id] ?? project.figures[id] {
                context.values[id] = .init(quantity: f.quantity, display: NumberFormat.format(f.quantity, decimals: f.decimals), label: f.label)
                charts.values[id] = ChartValue(quantity: f.quantity, label: f.label, decimals: f.decimals)
            } else if let ind = indicator(id), let q = patch.values[id] {
                let exact = status[id].map { $0 != .pass } ?? false
                context.values[id] = .init(quantity: q, display: display(ind, q, exact: exact), label: ind.label)
                charts.values[id] = ChartValue(quantity: q, label: ind.label, decimals: ind.decimals ?? ind.stated?.written.number.decimals)
            }
        }
        let values = context.values
        context.describeBinding = { describe($0, values: values) }

        // Bodies to render again: the edited ones, those citing a changed value, those placing
        // a changed chart, and those linking to an edited document's headings.
        var rerender = changedSlugs
        for id in valueIDs { rerender.formUnion(previous.citedBy[id] ?? []) }
        var chartHTML: [String: String] = [:]
        for i in project.documents.indices where !project.documents[i].charts.isEmpty {
            let owner = project.documents[i].slug
            for spec in editedDocs[owner]?.charts ?? project.documents[i].charts
            where changedSlugs.contains(owner) || !valueIDs.isDisjoint(with: charts.inputs(of: spec)) {
                do {
                    let vm = try charts.build(spec)
                    chartHTML[spec.id] = templates?.render("chart", vm) ?? ""
                } catch {
                    chartHTML[spec.id] = ""
                    problems.append(error)
                }
            }
        }
        for (id, html) in chartHTML { context.charts[id] = html }
        var newAnchors: [String: Set<String>] = [:]
        for d in changed {
            let slug = d.document.slug
            guard let old = context.documents[slug], !old.anchors.isEmpty else { continue }
            let now = Set(BodyRenderer.anchors(of: d.document.body))
            if now != old.anchors { newAnchors[slug] = now }
        }
        // An edited body may link to headings of a document that no link targeted before.
        for target in anchoredTargets(changed.map(\.document)) where context.documents[target]?.anchors.isEmpty == true {
            guard let doc = editedDocs[target] ?? position[target].map({ project.documents[$0] }) else { continue }
            newAnchors[target] = Set(BodyRenderer.anchors(of: doc.body))
        }
        for (slug, anchors) in newAnchors { context.documents[slug]?.anchors = anchors }
        if !chartHTML.isEmpty || !newAnchors.isEmpty {
            for (slug, body) in previous.bodies
            where chartHTML.keys.contains(where: body.charts.contains) || newAnchors.keys.contains(where: body.references.contains) {
                rerender.insert(slug)
            }
        }

        let ready = context
        let docs = rerender.compactMap { position[$0] }.sorted().map { editedDocs[project.documents[$0].slug] ?? project.documents[$0] }
        let rendered = ParallelMap.map(docs) { BodyRenderer.render($0, context: ready, root: "../../") }
        var bodies: [String: RenderedBody] = [:]
        for (d, body) in zip(docs, rendered) {
            bodies[d.slug] = body
            problems += body.problems
            bindingChecks(body, document: d.slug, values: values, into: &added, problems: &problems)
        }
        if !problems.isEmpty { throw Diagnostics(problems) }
        added.sort { ($0.location, $0.id) < ($1.location, $1.id) }
        timings.record("check", since: start, count: added.count, unit: "checks")

        var checkFiles = Set(docs.map(\.file)).union(added.map(\.location.file))
        for id in affected { if let s = indicator(id)?.stated { checkFiles.insert(s.location.file) } }
        for id in affected { if let s = previous.project.indicators[id]?.stated { checkFiles.insert(s.location.file) } }
        let delta = AnalysisDelta(documents: changedSlugs, bodies: rerender, indicators: affected, addedChecks: added, values: valueIDs,
                                  changedDocuments: changed.map(\.document))
        return AnalysisUpdate(documents: located, evaluation: patch, values: context.values.top, chartValues: charts.values.top,
                              charts: chartHTML, anchors: newAnchors, bodies: bodies, checkFiles: checkFiles, delta: delta,
                              timings: timings)
    }

    /// Applies an update in place. Cheap when `analysis` is the only holder of its
    /// dictionaries (serve hands over its last good analysis); correct, by copying, when not.
    public static func commit(_ u: AnalysisUpdate, to analysis: inout Analysis) {
        // The hover-text closure holds the values and project; let go of them first.
        analysis.context.describeBinding = { _ in ("", "") }
        for (i, d) in u.documents {
            analysis.project.documents[i] = d.document
            for f in d.figures { analysis.project.figures[f.id] = f }
            for ind in d.indicators { analysis.project.indicators[ind.id] = ind }
        }
        analysis.evaluation.apply(u.evaluation)
        for (id, v) in u.values { analysis.context.values[id] = v }
        analysis.context.values.flatten()
        for (id, v) in u.chartValues { analysis.charts.values[id] = v }
        analysis.charts.values.flatten()
        for (id, html) in u.charts { analysis.context.charts[id] = html }
        for (slug, anchors) in u.anchors { analysis.context.documents[slug]?.anchors = anchors }
        for (slug, body) in u.bodies {
            for c in analysis.bodies[slug]?.citations ?? [] { analysis.citedBy[c.id]?.remove(slug) }
            for c in body.citations { analysis.citedBy[c.id, default: []].insert(slug) }
            analysis.bodies[slug] = body
        }
        replaceChecks(&analysis.checks, u.delta.render, files: u.checkFiles)
        analysis.timings = u.timings
        let values = analysis.context.values
        analysis.context.describeBinding = { describe($0, values: values) }
    }

    /// Whether an edited document keeps everything the rest of the site is built around.
    static func sameShape(_ old: Document, _ new: DecodedDocument, _ project: Project) -> Bool {
        let d = new.document
        guard old.kind == d.kind, old.order == d.order, old.date == d.date, old.regions == d.regions,
              old.topics == d.topics, old.figureIDs == d.figureIDs, old.indicatorIDs == d.indicatorIDs,
              old.charts.map(\.id) == d.charts.map(\.id) else { return false }
        // Region pages list figures by region.
        return new.figures.allSatisfy { project.figures[$0.id]?.region == $0.region }
    }

    /// Replaces checks file by file: the list is sorted by file first, so each file's checks
    /// are one range, found by binary search, and the rest of the list is not visited.
    static func replaceChecks(_ checks: inout [CheckResult], _ delta: RenderDelta, files: Set<String>) {
        let added = Dictionary(grouping: delta.addedChecks, by: \.location.file)
        for file in files.sorted(by: >) {
            let lower = firstIndex(checks) { $0.location.file >= file }
            let upper = firstIndex(checks) { $0.location.file > file }
            var kept = checks[lower..<upper].filter { !delta.replaces($0) }
            kept += added[file] ?? []
            kept.sort { ($0.location, $0.id) < ($1.location, $1.id) }
            checks.replaceSubrange(lower..<upper, with: kept)
        }
    }

    /// The first index where `past` holds (it must hold for a suffix of the list).
    static func firstIndex(_ list: [CheckResult], where past: (CheckResult) -> Bool) -> Int {
        var lo = 0, hi = list.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if past(list[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
