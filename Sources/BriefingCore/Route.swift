/// Every page and file of the site. The one place that knows output paths and links:
/// pages and prose ask a route for its path or for a link to it from another route.
public enum Route: Hashable, Sendable {
    case home
    /// Reports or cases, 1-based page number.
    case list(DocumentKind, page: Int)
    /// A report or case: the briefing itself.
    case document(DocumentKind, slug: String)
    /// A report's or case's 数据与核验 page: every figure, indicator and check of it.
    case data(DocumentKind, slug: String)
    /// A report's or case's printed 简报 (`briefing pdf`), beside its page: the briefing and
    /// its data page in one A4 file.
    case pdf(DocumentKind, slug: String)
    case indicators(page: Int)
    case regions
    case region(String, page: Int)
    case topics
    /// A topic by its folder name (see `Project.topicSlug`).
    case topic(String, page: Int)
    case checks(page: Int)
    case search
    case notFound
    case feed
    /// The sitemap, or the index of its parts when the site has more pages than one sitemap
    /// may list (50,000).
    case sitemap
    case sitemapPart(Int)
    case indicatorsJSON
    case figuresCSV
    /// A file under `assets/`, by its path inside that folder.
    case asset(String)

    /// How many items a paginated list shows on one page.
    public static let pageSize = 50

    /// Number of pages for `count` items (at least one, so an empty list still has its page).
    public static func pageCount(_ count: Int) -> Int { max(1, (count + pageSize - 1) / pageSize) }

    /// The folder of the page, relative to the site root, ending in `/` (empty for the root).
    public var folder: String {
        func paged(_ base: String, _ page: Int) -> String { page <= 1 ? base : "\(base)page/\(page)/" }
        switch self {
        case .home, .notFound, .feed, .sitemap, .sitemapPart: return ""
        case .list(let kind, let page): return paged("\(kind.rawValue)/", page)
        case .document(let kind, let slug), .pdf(let kind, let slug): return "\(kind.rawValue)/\(slug)/"
        case .data(let kind, let slug): return "\(kind.rawValue)/\(slug)/data/"
        case .indicators(let page): return paged("indicators/", page)
        case .regions: return "regions/"
        case .region(let slug, let page): return paged("regions/\(slug)/", page)
        case .topics: return "topics/"
        case .topic(let slug, let page): return paged("topics/\(slug)/", page)
        case .checks(let page): return paged("checks/", page)
        case .search: return "search/"
        case .indicatorsJSON, .figuresCSV: return "data/"
        case .asset(let path):
            guard let slash = path.lastIndex(of: "/") else { return "assets/" }
            return "assets/" + path[...slash]
        }
    }

    /// The file's path inside the output folder.
    public var path: String {
        switch self {
        case .notFound: return "404.html"
        case .feed: return "feed.xml"
        case .sitemap: return "sitemap.xml"
        case .sitemapPart(let n): return "sitemap-\(n).xml"
        case .indicatorsJSON: return "data/indicators.json"
        case .figuresCSV: return "data/figures.csv"
        case .asset(let path): return "assets/" + path
        case .pdf(_, let slug): return folder + slug + ".pdf"
        default: return folder + "index.html"
        }
    }

    /// The prefix that leads from this page back to the site root (`../../` two folders down).
    public var root: String {
        String(repeating: "../", count: folder.utf8.reduce(0) { $1 == UInt8(ascii: "/") ? $0 + 1 : $0 })
    }

    /// A relative link to this route from the page at `from`, optionally to an anchor in it.
    /// Anchors are percent-encoded where a URL fragment needs it.
    public func href(from: Route, anchor: String? = nil) -> String {
        if self == from || from.holds(self), let anchor { return "#" + Route.fragment(anchor) }
        return from.root + path + (anchor.map { "#" + Route.fragment($0) } ?? "")
    }

    /// Pages printed inside this file: a PDF holds its document and that document's data page,
    /// so links to their anchors stay inside the PDF.
    public func holds(_ other: Route) -> Bool {
        guard case .pdf(let kind, let slug) = self else { return false }
        return other == .document(kind, slug: slug) || other == .data(kind, slug: slug)
    }

    /// The page's address below the site's base URL, in folder form (`reports/x/`), for the
    /// feed and the sitemap. Path segments are percent-encoded.
    public var url: String {
        let p = self.path.hasSuffix("index.html") ? String(self.path.dropLast("index.html".count)) : self.path
        return Route.percentEncode(p, keep: { $0 == UInt8(ascii: "/") })
    }

    /// `fig:` links and `id="…"` attributes use figure ids, which are ASCII; heading anchors
    /// keep Chinese characters, which browsers accept in fragments but feeds and sitemaps encode.
    static func fragment(_ s: String) -> String {
        percentEncode(s, keep: { $0 >= 0x80 })
    }

    /// RFC 3986 unreserved characters and those `keep` allows stay; every other byte is `%XX`.
    public static func percentEncode(_ s: String, keep: (UInt8) -> Bool = { _ in false }) -> String {
        func stays(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~") || keep(b)
        }
        // Most anchors and paths need no escape: no copy then.
        if s.utf8.allSatisfy(stays) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for b in s.utf8 {
            let unreserved = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
                || b == UInt8(ascii: "-") || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
            if unreserved || keep(b) {
                out.append(b)
            } else {
                out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
