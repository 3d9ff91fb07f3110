import Analysis
import BriefingCore
import Calc
import Mustache

/// A document on the checks page: its counts and the checks that are not plain agreement.
public struct DocumentChecksVM: ViewModel {
    public var document: LinkVM
    public var dataHref: String
    public var counts: CountsVM
    public var problems: [CheckVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "document": return tv(document)
        case "dataHref": return tv(dataHref)
        case "counts": return tv(counts)
        case "problems": return tv(problems)
        default: return nil
        }
    }
}

/// 数据核验: counts for the whole site, every failure first, then each document's counts
/// with its discrepancies and their notes (paginated by document).
public struct ChecksPage: ViewModel {
    public var page: PageVM
    public var counts: CountsVM
    public var isFirst: Bool
    public var failed: [CheckVM]
    public var documents: [DocumentChecksVM]
    public var pager: PagerVM

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "counts": return tv(counts)
        case "isFirst": return tv(isFirst)
        case "failed": return tv(failed)
        case "documents": return tv(documents)
        case "pager": return tv(pager)
        default: return nil
        }
    }
}

extension Renderer {
    func checksPage(_ n: Int) -> ChecksPage {
        let a = analysis
        let route = Route.checks(page: n)
        let docs = a.project.documents
        var failed: [CheckVM] = []
        if n == 1 {
            for d in docs {
                let bad = (a.index.results[d.slug]?.checks ?? []).filter { $0.status.failsCI }
                guard !bad.isEmpty else { continue }
                let anchors = checkAnchors(d.slug)
                failed += bad.map { checkVM($0, from: route, anchors: anchors) }
            }
        }
        let entries = Self.slice(docs, page: n).map { d -> DocumentChecksVM in
            let result = a.index.results[d.slug] ?? DocumentResult()
            let anchors = checkAnchors(d.slug)
            return DocumentChecksVM(document: docLink(d.slug, from: route)!, dataHref: Route.data(d.kind, slug: d.slug).href(from: route),
                                    counts: Self.counts([result], unbound: a.facts[d.slug]?.unbound.count ?? 0),
                                    problems: result.checks.filter { $0.status != .pass }.map { checkVM($0, from: route, anchors: anchors) })
        }
        return ChecksPage(page: pageVM(route, title: "数据核验" + (n > 1 ? "（第\(n)页）" : ""), nav: "checks"),
                          counts: siteCounts, isFirst: n == 1, failed: failed, documents: entries,
                          pager: pager(count: docs.count, current: n) { .checks(page: $0) })
    }
}
