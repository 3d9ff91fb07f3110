import BriefingCore
import Calc
import Markup

extension Analysis {
    /// Takes in edited reports and cases through the same steps as a full analysis, run on
    /// fewer documents: only the indicators downstream of the edit are evaluated again, and
    /// only the documents whose checks can change are checked again.
    ///
    /// Returns false, changing nothing, when an edit changes a document's shape or the
    /// dimension of a computed value (then a full analysis is needed). Throws, changing
    /// nothing, the problems a full analysis would report.
    public mutating func apply(_ edited: [LoadedDocument]) throws(Diagnostics) -> Bool {
        guard !edited.isEmpty else { return true }
        for e in edited where shapes[e.document.slug] != DocumentShape(e) { return false }
        guard let plan = try plan(edited) else { return false }
        commit(plan, edited)
        return true
    }

    struct EditPlan {
        var patch: EvaluationPatch
        var results: [String: DocumentResult]
    }

    /// Everything the edit changes, worked out while only reading the analysis.
    func plan(_ edited: [LoadedDocument]) throws(Diagnostics) -> EditPlan? {
        var figures: [String: Figure] = [:], indicators: [String: Indicator] = [:]
        var newFacts: [String: BodyFacts] = [:], newDocs: [String: Document] = [:]
        var changed: [String] = []
        for e in edited {
            for f in e.decoded.figures { figures[f.id] = f }
            for i in e.decoded.indicators { indicators[i.id] = i }
            newFacts[e.document.slug] = e.facts
            newDocs[e.document.slug] = e.document
            changed += e.document.figureIDs + e.document.indicatorIDs
        }
        let affected = Evaluator.affected(by: changed, in: project, evaluation)
        let patch = Evaluator.reevaluate(project, edited: figures, indicators, previous: evaluation, affected: affected)
        if !patch.problems.isEmpty { throw Diagnostics(patch.problems) }
        for id in affected where patch.values[id]?.dimension != evaluation.values[id]?.dimension { return nil }

        // Documents whose checks can change: the edited ones, those defining a re-evaluated
        // indicator, those showing a changed value, and those linking to an edited document.
        var recheck = Set(newDocs.keys)
        for id in affected { if let o = index.owner[id] { recheck.insert(o) } }
        for id in Set(changed).union(affected) {
            for c in index.citations[id] ?? [] { recheck.insert(index.order[c.document]) }
            recheck.formUnion(index.comparedBy[id] ?? [])
        }
        for slug in newDocs.keys { recheck.formUnion(index.referencedBy[slug] ?? []) }

        let edits = newFacts
        let context = CheckContext(edit: self, figures: figures, indicators: indicators, patch: patch, facts: edits)
        let docs = recheck.sorted { index.position[$0]! < index.position[$1]! }.map { newDocs[$0] ?? document($0)! }
        let facts = self.facts
        let checked = ParallelMap.map(docs) { d in DocumentCheck.run(d, facts: edits[d.slug] ?? facts[d.slug] ?? BodyFacts(), context: context) }
        let problems = checked.flatMap(\.problems)
        if !problems.isEmpty { throw Diagnostics(problems) }
        return EditPlan(patch: patch, results: Dictionary(uniqueKeysWithValues: zip(docs.map(\.slug), checked)))
    }

    /// Applies a plan in place: cheap when this analysis is the only holder of its tables.
    mutating func commit(_ plan: EditPlan, _ edited: [LoadedDocument]) {
        var oldFacts: [String: BodyFacts] = [:]
        for e in edited {
            let slug = e.document.slug
            oldFacts[slug] = facts[slug]
            project.documents[index.position[slug]!] = e.document
            for f in e.decoded.figures { project.figures[f.id] = f }
            for i in e.decoded.indicators { project.indicators[i.id] = i }
            facts[slug] = e.facts
        }
        evaluation.apply(plan.patch)
        let now = facts
        index.replace(plan.results, facts: { now[$0] }, oldFacts: { oldFacts[$0] ?? now[$0] })
    }
}

extension CheckContext {
    /// Looks up what an edit changed first, then the analysis before it.
    init(edit a: Analysis, figures: [String: Figure], indicators: [String: Indicator], patch: EvaluationPatch,
         facts: [String: BodyFacts]) {
        let project = a.project, evaluation = a.evaluation, oldFacts = a.facts
        let base = CheckContext(project: project, evaluation: evaluation, facts: oldFacts)
        self.init(figure: { figures[$0] ?? project.figures[$0] }, indicator: { indicators[$0] ?? project.indicators[$0] },
                  value: { id in
                      if let f = figures[id] { return f.quantity }
                      if patch.affected.contains(id) { return patch.values[id] }
                      return project.figures[id]?.quantity ?? evaluation.values[id]
                  },
                  facts: { facts[$0] ?? oldFacts[$0] }, isDocument: base.isDocument, isRegion: base.isRegion,
                  chartDeclared: base.chartDeclared, ids: evaluation.index,
                  decimals: { id in figures[id]?.decimals ?? indicators[id].flatMap { $0.decimals ?? $0.stated?.written.number.decimals } ?? base.decimals(id) },
                  document: base.document, documentSlugs: base.documentSlugs,
                  regionSlugs: base.regionSlugs)
    }
}
