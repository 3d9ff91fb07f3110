import Analysis
import BriefingCore
import Mustache

/// A key number on a card (home headlines, a document's 要点): the number as the source states
/// it, and beside it what the site computes when the two differ.
public struct KeyNumberVM: ViewModel {
    public var label: String
    /// What the source states, else the site's value.
    public var display: String
    /// The site's value where it differs from what is stated.
    public var computed: String?
    public var href: String
    public var status: StatusVM?
    /// The site computed it; the source does not state it (推算).
    public var derived: Bool
    public var document: LinkVM?

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "label": return tv(label)
        case "display": return tv(display)
        case "computed": return tv(computed)
        case "href": return tv(href)
        case "status": return tv(status)
        case "derived": return tv(derived)
        case "document": return tv(document)
        default: return nil
        }
    }
}

public struct HeadlineGroupVM: ViewModel {
    public var title: String
    public var anchor: String
    public var cards: [KeyNumberVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "anchor": return tv(anchor)
        case "cards": return tv(cards)
        default: return nil
        }
    }
}

public struct HomePage: ViewModel {
    public var page: PageVM
    public var counts: CountsVM
    public var headlines: [HeadlineGroupVM]
    public var reports: [DocSummaryVM]
    public var cases: [DocSummaryVM]
    public var reportCount: Int
    public var caseCount: Int
    public var topics: [LinkVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "page": return tv(page)
        case "counts": return tv(counts)
        case "headlines": return tv(headlines)
        case "reports": return tv(reports)
        case "cases": return tv(cases)
        case "reportCount": return tv(reportCount)
        case "caseCount": return tv(caseCount)
        case "topics": return tv(topics)
        default: return nil
        }
    }
}

extension Renderer {
    /// How many of the latest reports and cases the home page lists.
    static let latest = 10

    func keyNumber(_ id: String, from: Route, withDocument: Bool) -> KeyNumberVM? {
        guard let shown = display(of: id), let label = analysis.label(of: id) else { return nil }
        let check = analysis.index.indicatorCheck[id]
        var vm = KeyNumberVM(label: label, display: shown, computed: nil, href: valueHref(id, from: from),
                             status: check.map { statusVM($0, from: from) }, derived: analysis.isDerived(id),
                             document: withDocument ? analysis.index.owner[id].flatMap { docLink($0, from: from) } : nil)
        if let check, check.status != .pass {
            vm.display = check.statedText
            vm.computed = shown
        }
        return vm
    }

    func homePage() -> HomePage {
        let route = Route.home
        let docs = analysis.project.documents
        func latest(_ kind: DocumentKind) -> [DocSummaryVM] {
            // Newest first; documents of one date keep site order.
            let ofKind = docs.enumerated().filter { $0.element.kind == kind }
            let sorted = ofKind.sorted { ($0.element.date, -$0.offset) > ($1.element.date, -$1.offset) }
            return sorted.prefix(Self.latest).map { summary($0.element, from: route) }
        }
        let groups = analysis.project.config.headlines.enumerated().map { i, h in
            HeadlineGroupVM(title: h.title, anchor: "hl-\(i + 1)",
                            cards: h.indicatorIDs.compactMap { keyNumber($0, from: route, withDocument: true) })
        }
        let topics = analysis.index.topics.map { LinkVM(title: $0, href: Route.topic(analysis.project.topicSlug($0), page: 1).href(from: route)) }
        return HomePage(page: pageVM(route, title: site.title, nav: "home", description: site.subtitle),
                        counts: siteCounts, headlines: groups,
                        reports: latest(.report), cases: latest(.case),
                        reportCount: docs.filter { $0.kind == .report }.count, caseCount: docs.filter { $0.kind == .case }.count,
                        topics: topics)
    }
}
