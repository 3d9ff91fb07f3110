import Analysis
import BriefingCore
import Calc
import Mustache

/// Where prose shows a value: the document, the line, and the check of the number written there.
public struct CitationVM: ViewModel {
    public var title: String
    public var href: String
    public var file: String
    public var line: Int
    public var status: StatusVM?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "href": return tv(href)
        case "file": return tv(file)
        case "line": return tv(line)
        case "status": return tv(status)
        default: return nil
        }
    }
}

/// A figure as a table row (`id="ID"`, the target of `fig:ID` links).
public struct FigureRowVM: ViewModel {
    public var id: String
    public var label: String
    public var display: String
    public var region: LinkVM?
    public var year: String?
    public var `where`: String?
    public var note: String?
    public var file: String
    public var line: Int
    public var usedBy: [LinkVM]
    public var citedAt: [CitationVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return tv(id)
        case "label": return tv(label)
        case "display": return tv(display)
        case "region": return tv(region)
        case "year": return tv(year)
        case "where": return tv(`where`)
        case "note": return tv(note)
        case "file": return tv(file)
        case "line": return tv(line)
        case "usedBy": return tv(usedBy)
        case "citedAt": return tv(citedAt)
        default: return nil
        }
    }
}

/// An indicator as a section (`id="ID"`): formula, stated against computed, check, citations.
public struct IndicatorVM: ViewModel {
    public var id: String
    public var label: String
    public var display: String
    public var derived: Bool
    public var formula: [FormulaPartVM]
    public var inputs: [LinkVM]
    public var check: CheckVM?
    public var note: String?
    public var `where`: String?
    public var file: String
    public var line: Int
    public var usedBy: [LinkVM]
    public var citedAt: [CitationVM]
    /// The formula as written, with its ids (for staff: an attribute, not shown to readers).
    public var formulaText: String = ""

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "id": return tv(id)
        case "label": return tv(label)
        case "display": return tv(display)
        case "derived": return tv(derived)
        case "formulaText": return tv(formulaText)
        case "formula": return tv(formula)
        case "inputs": return tv(inputs)
        case "check": return tv(check)
        case "note": return tv(note)
        case "where": return tv(`where`)
        case "file": return tv(file)
        case "line": return tv(line)
        case "usedBy": return tv(usedBy)
        case "citedAt": return tv(citedAt)
        default: return nil
        }
    }
}

/// 数据与核验: every figure, indicator and check of one document.
public struct DataPage: ViewModel {
    public var page: PageVM
    public var document: LinkVM
    public var kindName: String
    public var counts: CountsVM
    public var figures: [FigureRowVM]
    public var indicators: [IndicatorVM]
    public var checks: [CheckVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "document": return tv(document)
        case "kindName": return tv(kindName)
        case "counts": return tv(counts)
        case "figures": return tv(figures)
        case "indicators": return tv(indicators)
        case "checks": return tv(checks)
        default: return nil
        }
    }
}

extension Renderer {
    /// `place` is where links are made from: the data page, or the document's PDF.
    func dataPage(_ slug: String, from place: Route? = nil) -> DataPage {
        let a = analysis
        let d = a.document(slug)!
        let route = place ?? Route.data(d.kind, slug: slug)
        let result = a.index.results[slug] ?? DocumentResult()
        let anchors = checkAnchors(slug)
        let docRoute = Route.document(d.kind, slug: slug)
        let crumbs = [LinkVM(title: Self.listTitle(d.kind), href: Route.list(d.kind, page: 1).href(from: route)),
                      LinkVM(title: d.title, href: docRoute.href(from: route))]
        var memo: [String: [ObjectIdentifier: String]] = [slug: anchors]
        func usedBy(_ id: String) -> [LinkVM] {
            (a.evaluation.usedBy[id] ?? []).map { LinkVM(title: a.label(of: $0) ?? $0, href: valueHref($0, from: route)) }
        }
        let figures = d.figureIDs.compactMap { id -> FigureRowVM? in
            guard let f = a.project.figures[id] else { return nil }
            return FigureRowVM(id: id, label: f.label, display: display(of: id) ?? "", region: regionLink(f.region, from: route),
                               year: f.year.map(String.init), where: f.where, note: f.note, file: f.location.file,
                               line: f.location.line, usedBy: usedBy(id), citedAt: citations(id, from: route, memo: &memo))
        }
        let indicators = d.indicatorIDs.compactMap { id -> IndicatorVM? in
            guard let ind = a.project.indicators[id] else { return nil }
            var seen: Set<String> = []
            let inputs = (a.evaluation.inputs[id] ?? []).filter { seen.insert($0).inserted }
            return IndicatorVM(id: id, label: ind.label, display: display(of: id) ?? "", derived: a.isDerived(id),
                               formula: formulaParts(ind.formula, from: route),
                               inputs: inputs.map { LinkVM(title: "\(a.label(of: $0) ?? $0) \(display(of: $0) ?? "")", href: valueHref($0, from: route)) },
                               check: a.index.indicatorCheck[id].map { checkVM($0, from: route, anchors: anchors) },
                               note: ind.note, where: ind.where, file: ind.location.file, line: ind.location.line,
                               usedBy: usedBy(id), citedAt: citations(id, from: route, memo: &memo), formulaText: ind.formula)
        }
        return DataPage(page: pageVM(route, title: "数据与核验：\(d.title)", nav: d.kind.rawValue, crumbs: crumbs),
                        document: LinkVM(title: d.title, href: docRoute.href(from: route)), kindName: d.kind.chineseName,
                        counts: Self.counts([result], unbound: a.facts[slug]?.unbound.count ?? 0), figures: figures, indicators: indicators,
                        checks: result.checks.map { checkVM($0, from: route, anchors: anchors) })
    }

    /// Where prose shows `id`; `memo` keeps each citing document's check anchors for the page.
    func citations(_ id: String, from route: Route, memo: inout [String: [ObjectIdentifier: String]]) -> [CitationVM] {
        var out: [CitationVM] = []
        for c in analysis.index.citations[id] ?? [] {
            let d = analysis.project.documents[c.document]
            var status: StatusVM?
            if let check = c.check {
                if memo[d.slug] == nil { memo[d.slug] = checkAnchors(d.slug) }
                status = statusVM(check, from: route, anchors: memo[d.slug])
            }
            out.append(CitationVM(title: d.title, href: Route.document(d.kind, slug: d.slug).href(from: route), file: d.file,
                                  line: c.line, status: status))
        }
        return out
    }
}
