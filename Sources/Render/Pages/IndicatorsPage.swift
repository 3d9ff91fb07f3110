import Analysis
import BriefingCore
import Mustache

/// An indicator in the site-wide list.
public struct CompactRowVM: ViewModel {
    public var label: String
    public var href: String
    public var display: String
    public var derived: Bool
    public var status: StatusVM?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "href": return tv(href)
        case "display": return tv(display)
        case "derived": return tv(derived)
        case "status": return tv(status)
        default: return nil
        }
    }
}

public struct IndicatorGroupVM: ViewModel {
    public var document: LinkVM
    public var rows: [CompactRowVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "document": return tv(document)
        case "rows": return tv(rows)
        default: return nil
        }
    }
}

/// Every indicator of the site with its status, grouped by document, paginated.
public struct IndicatorsPage: ViewModel {
    public var page: PageVM
    public var indicatorCount: Int
    public var figureCount: Int
    public var groups: [IndicatorGroupVM]
    public var pager: PagerVM

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "indicatorCount": return tv(indicatorCount)
        case "figureCount": return tv(figureCount)
        case "groups": return tv(groups)
        case "pager": return tv(pager)
        default: return nil
        }
    }
}

extension Renderer {
    func indicatorsPage(_ n: Int) -> IndicatorsPage {
        let a = analysis
        let route = Route.indicators(page: n)
        var groups: [IndicatorGroupVM] = []
        for id in Self.slice(indicatorOrder, page: n) {
            guard let owner = a.index.owner[id] else { continue }
            let row = CompactRowVM(label: a.label(of: id) ?? id, href: valueHref(id, from: route), display: display(of: id) ?? "",
                                   derived: a.isDerived(id), status: a.index.indicatorCheck[id].map { statusVM($0, from: route) })
            if let last = groups.last, last.document.title == a.document(owner)?.title, last.document.href == docLink(owner, from: route)?.href {
                groups[groups.count - 1].rows.append(row)
            } else if let link = docLink(owner, from: route) {
                groups.append(IndicatorGroupVM(document: link, rows: [row]))
            }
        }
        return IndicatorsPage(page: pageVM(route, title: "指标" + (n > 1 ? "（第\(n)页）" : ""), nav: "indicators"),
                              indicatorCount: indicatorOrder.count, figureCount: a.project.figures.count, groups: groups,
                              pager: pager(count: indicatorOrder.count, current: n) { .indicators(page: $0) })
    }
}
