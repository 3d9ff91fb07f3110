import BriefingCore
import Calc
import Markup

/// Where prose shows a figure or indicator: the document (by site position), the line, and
/// the check of the number written there (nil for an insertion `[](fig:ID)`).
public struct Citation: Sendable {
    public var document: Int
    public var line: Int
    public var check: CheckResult?
}

/// The cross-document indexes of the site, in one place. The structural part is built from
/// the documents' shapes only; the per-document part (checks, citations, links) is replaced
/// document by document: a full analysis replaces all, an edit the affected ones.
public struct SiteIndex: Sendable {
    // MARK: structure (from shapes)

    /// Document slugs in site order.
    public private(set) var order: [String] = []
    public private(set) var position: [String: Int] = [:]
    /// Topic names, sorted, and the documents (positions) of each.
    public private(set) var topics: [String] = []
    public private(set) var documentsByTopic: [String: [Int]] = [:]
    /// Documents that name a region or have a figure in it.
    public private(set) var documentsByRegion: [String: [Int]] = [:]
    /// Figure ids of each region, sorted.
    public private(set) var figuresByRegion: [String: [String]] = [:]
    /// Up to five related documents per document.
    public private(set) var related: [[Int]] = []
    /// The document (slug) that defines each figure, indicator and chart.
    public private(set) var owner: [String: String] = [:]
    public private(set) var chartOwner: [String: String] = [:]

    // MARK: per document

    public private(set) var results: [String: DocumentResult] = [:]
    /// Each indicator's `stated` check.
    public private(set) var indicatorCheck: [String: CheckResult] = [:]
    /// Figure or indicator id → where prose shows it, in site order and line order.
    public private(set) var citations: [String: [Citation]] = [:]
    /// Document slug → documents whose prose links to it.
    public private(set) var referencedBy: [String: Set<String>] = [:]
    /// Figure or indicator id → documents with a relation (`check:`) that compares with it.
    public private(set) var comparedBy: [String: Set<String>] = [:]

    public init() {}

    /// The structural indexes, from the shapes of every document.
    public init(shapes: [DocumentShape]) {
        let sorted = shapes.sorted(by: DocumentShape.precedes)
        order = sorted.map(\.slug)
        for (i, s) in sorted.enumerated() {
            position[s.slug] = i
            for t in s.topics where documentsByTopic[t]?.last != i { documentsByTopic[t, default: []].append(i) }
            for r in s.regions + s.figures.compactMap(\.region) where documentsByRegion[r]?.last != i {
                documentsByRegion[r, default: []].append(i)
            }
            for f in s.figures {
                if let r = f.region { figuresByRegion[r, default: []].append(f.id) }
                owner[f.id] = s.slug
            }
            for id in s.indicatorIDs { owner[id] = s.slug }
            for c in s.chartIDs where chartOwner[c] == nil { chartOwner[c] = s.slug }
        }
        for k in figuresByRegion.keys { figuresByRegion[k]!.sort() }
        topics = documentsByTopic.keys.sorted()
        related = RelatedDocuments.find(sorted)
    }

    /// Replaces what these documents contribute: their checks, citations and links. `facts`
    /// gives a document's body facts as they now are, `oldFacts` as they were.
    public mutating func replace(_ new: [String: DocumentResult], facts: (String) -> BodyFacts?, oldFacts: (String) -> BodyFacts?) {
        var touchedIDs: Set<String> = []
        var added: [String: [Citation]] = [:]
        for slug in new.keys.sorted(by: { (position[$0] ?? 0) < (position[$1] ?? 0) }) {
            guard let pos = position[slug], let result = new[slug] else { continue }
            if let old = results[slug] {
                for c in old.indicatorChecks where indicatorCheck[c.id] === c { indicatorCheck[c.id] = nil }
                for t in old.relationTargets { comparedBy[t]?.remove(slug) }
            }
            for t in result.relationTargets { comparedBy[t, default: []].insert(slug) }
            for c in result.indicatorChecks { indicatorCheck[c.id] = c }
            if let before = oldFacts(slug) {
                for link in before.figureLinks { touchedIDs.insert(link.id) }
                for link in before.inlineLinks { touchedIDs.insert(link.link.id) }
                for r in Set(before.references.map(\.slug)) { referencedBy[r]?.remove(slug) }
            }
            if let now = facts(slug) {
                for r in now.references { referencedBy[r.slug, default: []].insert(slug) }
                let shown = now.inlineLinks.map(\.link) + now.figureLinks
                let checks = result.inlineChecks + result.linkChecks
                for (i, link) in shown.enumerated() {
                    touchedIDs.insert(link.id)
                    added[link.id, default: []].append(Citation(document: pos, line: link.line, check: i < checks.count ? checks[i] : nil))
                }
            }
            results[slug] = result
        }
        let replaced = Set(new.keys.compactMap { position[$0] })
        for id in touchedIDs {
            var list = (citations[id] ?? []).filter { !replaced.contains($0.document) }
            list += added[id] ?? []
            list.sort { ($0.document, $0.line) < ($1.document, $1.line) }
            citations[id] = list.isEmpty ? nil : list
        }
    }

    /// Every check of the site, sorted by file, line and id.
    public var allChecks: [CheckResult] {
        var out: [CheckResult] = []
        for slug in order { out += results[slug]?.checks ?? [] }
        out.sort { ($0.location, $0.id) < ($1.location, $1.id) }
        return out
    }

    /// The checks that fail CI, in the order of `allChecks`, without sorting every check
    /// (`serve` asks after each edit; at 10,000 reports sorting them all took 150 ms).
    public var failedChecks: [CheckResult] {
        var out: [CheckResult] = []
        for slug in order { out += results[slug]?.failing ?? [] }
        out.sort { ($0.location, $0.id) < ($1.location, $1.id) }
        return out
    }

    /// The status of an indicator's `stated` check, if it has one.
    public func status(of id: String) -> CheckStatus? { indicatorCheck[id]?.status }
}
