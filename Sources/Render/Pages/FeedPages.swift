import Analysis
import BriefingCore
import Mustache

public struct FeedEntryVM: ViewModel {
    public var title: String
    public var url: String
    public var updated: String
    public var summary: String

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "title": return tv(title)
        case "url": return tv(url)
        case "updated": return tv(updated)
        case "summary": return tv(summary)
        default: return nil
        }
    }
}

public struct FeedVM: ViewModel {
    public var site: SiteVM
    public var updated: String
    public var entries: [FeedEntryVM]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "site": return tv(site)
        case "updated": return tv(updated)
        case "entries": return tv(entries)
        default: return nil
        }
    }
}

/// A sitemap (`urls`) or a sitemap index (`parts`).
public struct SitemapVM: ViewModel {
    public var urls: [String]
    public var parts: [String]

    public func value(_ key: String) -> TemplateValue? {
        switch key {
        case "urls": return tv(urls)
        case "parts": return tv(parts)
        case "isIndex": return tv(!parts.isEmpty)
        default: return nil
        }
    }
}

extension Renderer {
    /// How many of the newest documents the feed carries.
    static let feedSize = 50
    /// The most URLs one sitemap file may list (sitemaps.org).
    static let sitemapLimit = 50_000

    func feed() -> FeedVM {
        let docs = analysis.project.documents.sorted { ($0.date, $0.slug) > ($1.date, $1.slug) }.prefix(Self.feedSize)
        let entries = docs.map { d in
            FeedEntryVM(title: d.title, url: site.baseURL + Route.document(d.kind, slug: d.slug).url, updated: "\(d.date)T00:00:00Z",
                        summary: summary(d, from: .home).summary)
        }
        return FeedVM(site: site, updated: (docs.first?.date ?? "2000-01-01") + "T00:00:00Z", entries: entries)
    }

    /// Every HTML page except the 404 page, as absolute URLs.
    var sitemapURLs: [String] {
        pageRoutes().filter { $0 != .notFound }.map { site.baseURL + $0.url }
    }

    func sitemap() -> SitemapVM {
        let urls = sitemapURLs
        guard urls.count > Self.sitemapLimit else { return SitemapVM(urls: urls, parts: []) }
        let parts = (1...((urls.count + Self.sitemapLimit - 1) / Self.sitemapLimit)).map { site.baseURL + Route.sitemapPart($0).url }
        return SitemapVM(urls: [], parts: parts)
    }

    func sitemapPart(_ n: Int) -> SitemapVM {
        let urls = sitemapURLs
        let start = (n - 1) * Self.sitemapLimit
        return SitemapVM(urls: Array(urls[min(start, urls.count)..<min(start + Self.sitemapLimit, urls.count)]), parts: [])
    }

    func notFoundPage() -> SimplePage {
        // Served from any folder: links start at the site's own root path.
        var page = pageVM(.notFound, title: "页面不存在", nav: "")
        var root = site.baseURL
        if let r = root.range(of: "://") { root = String(root[r.upperBound...].drop { $0 != "/" }) }
        page.root = root.isEmpty ? "/" : root
        page.breadcrumbs = []
        return SimplePage(page: page)
    }
}
