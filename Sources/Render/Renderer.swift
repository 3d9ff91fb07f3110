import Analysis
import BriefingCore
import Calc
import Foundation
import Mustache

/// One output file: a path inside the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var data: Data
    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }
}

/// Renders the pages of an analysed site: every route is an independent job, so pages are
/// made on any core, written and released one by one (and `serve` makes them on request).
public struct Renderer: Sendable {
    public let analysis: Analysis
    let templates: Templates
    let site: SiteVM
    let regionsBySlug: [String: Region]
    /// Every indicator id in site order (the indicator list pages through it).
    var indicatorOrder: [String] { derived.indicatorOrder }
    /// Check counts of the whole site (home and checks pages).
    var siteCounts: CountsVM { derived.siteCounts }
    /// How a value shows, formatted once per build.
    func display(of id: String) -> String? { derived.display(of: id) }
    let derived: SiteWide

    public init(analysis: Analysis, templates: Templates) {
        self.analysis = analysis
        self.templates = templates
        let c = analysis.project.config
        site = SiteVM(title: c.title, subtitle: c.subtitle, publisher: c.publisher, language: c.language, baseURL: c.baseURL)
        regionsBySlug = Dictionary(analysis.project.regions.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        derived = SiteWide(analysis)
    }

    /// Every file of the site, in a stable order.
    public func routes() -> [Route] {
        let pages = pageRoutes()
        let htmlCount = pages.count - 1 // without 404.html
        var out = pages + [.feed, .sitemap, .indicatorsJSON, .figuresCSV]
        if htmlCount > Self.sitemapLimit {
            out += (1...((htmlCount + Self.sitemapLimit - 1) / Self.sitemapLimit)).map { .sitemapPart($0) }
        }
        return out + templates.assets.map { .asset($0.path) }
    }

    /// Every HTML page, in a stable order.
    func pageRoutes() -> [Route] {
        let a = analysis, index = a.index
        var out: [Route] = [.home]
        for kind in DocumentKind.allKinds {
            let count = a.project.documents.filter { $0.kind == kind }.count
            out += (1...Route.pageCount(count)).map { .list(kind, page: $0) }
        }
        for d in a.project.documents { out += [.document(d.kind, slug: d.slug), .data(d.kind, slug: d.slug)] }
        out += (1...Route.pageCount(indicatorOrder.count)).map { .indicators(page: $0) }
        out.append(.regions)
        for r in a.project.regions.sorted(by: { $0.slug < $1.slug }) {
            out += (1...Route.pageCount(index.documentsByRegion[r.slug]?.count ?? 0)).map { .region(r.slug, page: $0) }
        }
        out.append(.topics)
        for t in index.topics {
            out += (1...Route.pageCount(index.documentsByTopic[t]?.count ?? 0)).map { .topic(a.project.topicSlug(t), page: $0) }
        }
        out += (1...Route.pageCount(a.project.documents.count)).map { .checks(page: $0) }
        out += [.search, .notFound]
        return out
    }

    /// The file of one route. Throws when a document's file changed or vanished since it
    /// was analysed (its page cannot be made from what was checked).
    public func render(_ route: Route) throws(Diagnostic) -> OutputFile {
        func page(_ template: String, _ model: Any) -> OutputFile {
            OutputFile(path: route.path, data: templates.renderData(template, model))
        }
        switch route {
        case .home: return page("home", homePage())
        case .list(let kind, let n): return page("list", listPage(kind, page: n))
        case .document(_, let slug): return page("document", try documentPage(slug))
        case .data(_, let slug): return page("data", dataPage(slug))
        // The PDF's source: the print HTML that `briefing pdf` converts into the file at this path.
        case .pdf(_, let slug): return page("print", try printPage(slug))
        case .indicators(let n): return page("indicators", indicatorsPage(n))
        case .regions: return page("regions", regionsPage())
        case .region(let slug, let n): return page("region", regionPage(slug, page: n))
        case .topics: return page("topics", topicsPage())
        case .topic(let slug, let n): return page("list", topicPage(slug, page: n))
        case .checks(let n): return page("checks", checksPage(n))
        case .search: return page("search", SimplePage(page: pageVM(route, title: "搜索", nav: "search")))
        case .notFound: return page("notfound", notFoundPage())
        case .feed: return page("feed", feed())
        case .sitemap: return page("sitemap", sitemap())
        case .sitemapPart(let n): return page("sitemap", sitemapPart(n))
        case .indicatorsJSON: return OutputFile(path: route.path, data: Data(Exports.indicatorsJSON(self).utf8))
        case .figuresCSV: return OutputFile(path: route.path, data: Data(Exports.figuresCSV(analysis).utf8))
        case .asset(let path):
            return OutputFile(path: route.path, data: templates.assets.first { $0.path == path }?.data ?? Data())
        }
    }

    // MARK: shared pieces

    func pageVM(_ route: Route, title: String, nav: String, description: String = "", crumbs: [LinkVM] = []) -> PageVM {
        let crumbs = route == .home ? [] : [LinkVM(title: "首页", href: Route.home.href(from: route))] + crumbs
        return PageVM(site: site, root: route.root, title: title, description: description, nav: nav, breadcrumbs: crumbs)
    }

    func documentRoute(_ slug: String) -> Route? {
        analysis.document(slug).map { .document($0.kind, slug: $0.slug) }
    }

    func docLink(_ slug: String, from: Route) -> LinkVM? {
        guard let d = analysis.document(slug) else { return nil }
        return LinkVM(title: d.title, href: Route.document(d.kind, slug: d.slug).href(from: from))
    }

    /// The anchor of a figure or indicator on its document's data page.
    func valueHref(_ id: String, from: Route) -> String {
        guard let owner = analysis.index.owner[id], let d = analysis.document(owner) else { return "" }
        return Route.data(d.kind, slug: d.slug).href(from: from, anchor: id)
    }

    func regionLink(_ slug: String?, from: Route) -> LinkVM? {
        guard let slug, let r = regionsBySlug[slug] else { return nil }
        return LinkVM(title: r.name, href: Route.region(slug, page: 1).href(from: from))
    }

    func summary(_ d: BriefingCore.Document, from: Route) -> DocSummaryVM {
        DocSummaryVM(title: d.title, href: Route.document(d.kind, slug: d.slug).href(from: from), date: d.date,
                     summary: d.summary ?? CJKText.truncate(analysis.facts[d.slug]?.firstParagraph ?? "", 120),
                     kindName: d.kind.chineseName, group: d.group, writer: d.writer)
    }

    static func listTitle(_ kind: DocumentKind) -> String { kind == .report ? "研究报告" : "相关案例" }

    /// Links to the pages of a list of `count` items, from page `n` of `route(page)`.
    func pager(count: Int, current n: Int, _ route: (Int) -> Route) -> PagerVM {
        let pages = Route.pageCount(count)
        let here = route(n)
        return PagerVM(pages: pages > 1 ? (1...pages).map { PagerVM.Item(number: $0, href: route($0).href(from: here), current: $0 == n) } : [],
                       previous: n > 1 ? route(n - 1).href(from: here) : nil,
                       next: n < pages ? route(n + 1).href(from: here) : nil)
    }

    /// The slice of a list shown on page `n`.
    static func slice<T>(_ items: [T], page n: Int) -> ArraySlice<T> {
        let start = min(items.count, (n - 1) * Route.pageSize)
        return items[start..<min(items.count, start + Route.pageSize)]
    }
}

/// A page with nothing but the common fields.
struct SimplePage: ViewModel {
    var page: PageVM
    func value(_ key: String) -> TemplateValue? { key == "page" ? tv(page) : nil }
}

/// Facts of the whole site that several pages show, worked out once, when first asked for
/// (serve makes a renderer per request and most requests need none of them).
final class SiteWide: @unchecked Sendable {
    private let analysis: Analysis
    private let lock = NSLock()
    private var order: [String]?
    private var counts: CountsVM?
    private var byKind: [DocumentKind: [Int]]?
    private var shown: [String: String] = [:]

    init(_ analysis: Analysis) { self.analysis = analysis }

    var indicatorOrder: [String] {
        lock.withLock {
            if let order { return order }
            let o = analysis.project.documents.flatMap(\.indicatorIDs)
            order = o
            return o
        }
    }

    /// Positions in `project.documents` of the documents of a kind (list pages slice these
    /// rather than copying every document for every page).
    func positions(of kind: DocumentKind) -> [Int] {
        lock.withLock {
            if let byKind { return byKind[kind] ?? [] }
            let all = Dictionary(grouping: analysis.project.documents.indices) { analysis.project.documents[$0].kind }
            byKind = all
            return all[kind] ?? []
        }
    }

    /// `Analysis.display(of:)`, formatted once per id: a value shows on its document, its data
    /// page, the indicator list, region pages and the exports.
    func display(of id: String) -> String? {
        if let s = lock.withLock({ shown[id] }) { return s }
        guard let s = analysis.display(of: id) else { return nil }
        lock.withLock { shown[id] = s }
        return s
    }

    var siteCounts: CountsVM {
        lock.withLock {
            if let counts { return counts }
            let c = Renderer.counts(Array(analysis.index.results.values), unbound: analysis.unboundNumbers.count)
            counts = c
            return c
        }
    }
}
