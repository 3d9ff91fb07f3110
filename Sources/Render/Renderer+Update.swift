import BriefingCore
import Calc
import Foundation

/// What changed since the input a renderer was built from (an incremental update in serve).
public struct RenderDelta: Sendable {
    /// Documents whose file changed, as they now are; their slug, kind, order, regions and
    /// topics did not change.
    public var documents: [Document]
    /// Documents whose bodies were rendered again; their binding checks were replaced.
    public var bodies: Set<String>
    /// Indicators whose `stated` check (if any) was replaced.
    public var indicators: Set<String>
    /// The replacing checks.
    public var addedChecks: [CheckResult]

    public init(documents: [Document], bodies: Set<String>, indicators: Set<String>, addedChecks: [CheckResult]) {
        self.documents = documents
        self.bodies = bodies
        self.indicators = indicators
        self.addedChecks = addedChecks
    }

    public func replaces(_ c: CheckResult) -> Bool {
        c.kind == .indicator ? indicators.contains(c.id) : bodies.contains(c.document)
    }
}

extension RenderInput {
    /// An input with nothing in it, to stand in while the real one is being updated.
    public static var empty: RenderInput {
        RenderInput(project: Project(config: SiteConfig(title: ""), units: UnitRegistry(), regions: [], documents: [], figures: [:],
                                     indicators: [:]),
                    evaluation: Evaluation(values: [:], inputs: [:], usedBy: [:], problems: [], index: IDIndex(ids: [])),
                    checks: [], bodies: [:], displays: [:], charts: ChartBuilder(values: [:], regionNames: [:]))
    }
}

extension Renderer {
    /// Hands over the input, leaving an empty one: the caller can then change the analysis
    /// the input shared without copying it, and give it back with `update`.
    public mutating func takeInput() -> RenderInput {
        var out = RenderInput.empty
        swap(&out, &input)
        return out
    }

    /// Takes `input`, which differs from the previous input only as `delta` says. The indexes
    /// that depend on the site's shape (order, related documents, regions, ids) are kept;
    /// those over checks, citations and documents are patched in place, so an edit costs
    /// time in proportion to what it touched rather than to the size of the site.
    /// `oldCitations`: what the bodies rendered again cited before.
    public mutating func update(input newInput: RenderInput, delta: RenderDelta, oldCitations: [String: [(id: String, line: Int)]]) {
        input = newInput
        for d in delta.documents {
            guard let i = orderIndex[d.slug] else { continue }
            docsBySlug[d.slug] = d
            ordered[i] = d
        }

        // Checks: drop the replaced ones from every list that held them, add the new ones.
        let byLocation: (CheckResult, CheckResult) -> Bool = { ($0.location, $0.id) < ($1.location, $1.id) }
        var touchedDocs = Set(delta.addedChecks.map(\.document)).union(delta.bodies)
        var touchedIDs = Set(delta.addedChecks.map(\.id)).union(delta.indicators)
        for slug in delta.bodies { for c in checksByDocument[slug] ?? [] { touchedIDs.insert(c.id) } }
        for id in delta.indicators { for c in checksByID[id] ?? [] where c.kind == .indicator { touchedDocs.insert(c.document) } }
        let addedByDoc = Dictionary(grouping: delta.addedChecks, by: \.document)
        let addedByID = Dictionary(grouping: delta.addedChecks, by: \.id)
        for slug in touchedDocs {
            let list = (checksByDocument[slug] ?? []).filter { !delta.replaces($0) } + (addedByDoc[slug] ?? [])
            checksByDocument[slug] = list.isEmpty ? nil : list.sorted(by: byLocation)
        }
        for id in touchedIDs {
            let list = (checksByID[id] ?? []).filter { !delta.replaces($0) } + (addedByID[id] ?? [])
            checksByID[id] = list.isEmpty ? nil : list.sorted(by: byLocation)
        }
        for id in delta.indicators { indicatorStatus[id] = nil }
        for c in delta.addedChecks where c.kind == .indicator { indicatorStatus[c.id] = c.status }

        // Citations of the bodies rendered again.
        var citedIDs: Set<String> = []
        for slug in delta.bodies {
            for c in oldCitations[slug] ?? [] { citedIDs.insert(c.id) }
            for c in input.bodies[slug]?.citations ?? [] { citedIDs.insert(c.id) }
        }
        let redone = Set(delta.bodies.compactMap { orderIndex[$0] })
        for id in citedIDs { citations[id]?.removeAll { redone.contains($0.doc) } }
        for i in redone.sorted() {
            for c in input.bodies[ordered[i].slug]?.citations ?? [] { citations[c.id, default: []].append((i, c.line)) }
        }
        for id in citedIDs {
            // In document order, as a full build lists them.
            citations[id]?.sort { ($0.doc, $0.line) < ($1.doc, $1.line) }
            if citations[id]?.isEmpty == true { citations[id] = nil }
        }
    }
}
