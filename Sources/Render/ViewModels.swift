/// Plain values the Mustache templates read. Strings are escaped by the templates
/// (`{{x}}`); only `html` fields produced by cmark are inserted raw (`{{{html}}}`).

public struct SiteVM: Sendable {
    public var title: String
    public var subtitle: String
    public var publisher: String
    public var language: String
    public var baseURL: String
}

public struct LinkVM: Sendable {
    public var title: String
    public var href: String
}

public struct DocSummaryVM: Sendable {
    public var title: String
    public var href: String
    public var date: String
    public var summary: String
    public var kindName: String
    public var group: String?
    public var writer: String?
}

public struct StatusVM: Sendable {
    public var status: String
    public var name: String
}

public struct ValueRowVM: Sendable {
    public var id: String
    public var label: String
    public var display: String
    public var href: String
    public var isFigure: Bool
    public var formula: String?
    public var stated: String?
    public var status: StatusVM?
    public var region: LinkVM?
    public var year: String?
    public var `where`: String?
    public var document: LinkVM?
}

public struct CheckVM: Sendable {
    public var id: String
    public var label: String
    public var href: String
    public var kindName: String
    public var status: StatusVM
    public var file: String
    public var line: Int
    public var stated: String
    public var computed: String
    public var difference: String
    public var tolerance: String
    public var note: String?
    public var document: LinkVM?
}

public struct CountsVM: Sendable {
    public var total: Int
    public var passed: Int
    public var acknowledged: Int
    public var failed: Int
    /// Mustache treats 0 as true, so the templates test these (stored: Mirror sees only stored properties).
    public var hasAcknowledged: Bool
    public var hasFailed: Bool
}

public struct HeadingVM: Sendable {
    public var text: String
    public var anchor: String
    public var sub: Bool
}

public struct CardVM: Sendable {
    public var label: String
    public var display: String
    public var href: String
    public var status: StatusVM?
    public var document: LinkVM?
}

public struct HeadlineGroupVM: Sendable {
    public var title: String
    public var cards: [CardVM]
}

/// Fields every page has: the layout reads these.
public struct PageVM: Sendable {
    public var site: SiteVM
    public var root: String
    public var title: String
    public var description: String
    public var section: String
    public var breadcrumbs: [LinkVM]
}

public struct HomePage: Sendable {
    public var page: PageVM
    public var headlines: [HeadlineGroupVM]
    public var reports: [DocSummaryVM]
    public var cases: [DocSummaryVM]
    public var counts: CountsVM
    public var topics: [LinkVM]
}

public struct DocumentPage: Sendable {
    public var page: PageVM
    public var kindName: String
    public var date: String
    public var group: String?
    public var writer: String?
    public var advisors: String?
    public var source: String?
    public var summary: String?
    public var topics: [LinkVM]
    public var regions: [LinkVM]
    public var toc: [HeadingVM]
    public var html: String
    public var figures: [ValueRowVM]
    public var indicators: [ValueRowVM]
    public var checks: [CheckVM]
    public var allChecks: [CheckVM]
    public var counts: CountsVM
    public var previous: LinkVM?
    public var next: LinkVM?
    public var related: [DocSummaryVM]
}

public struct ListPage: Sendable {
    public var page: PageVM
    public var intro: String
    public var documents: [DocSummaryVM]
}

public struct CompactRowVM: Sendable {
    public var label: String
    public var href: String
    public var display: String
    public var status: StatusVM?
}

public struct IndicatorGroupVM: Sendable {
    public var document: LinkVM
    public var rows: [CompactRowVM]
}

public struct IndicatorsPage: Sendable {
    public var page: PageVM
    public var groups: [IndicatorGroupVM]
    public var indicatorCount: Int
    public var figureCount: Int
}

public struct DocumentChecksVM: Sendable {
    public var document: LinkVM
    public var counts: CountsVM
}

public struct CitationVM: Sendable {
    public var title: String
    public var href: String
    public var file: String
    public var line: Int
}

public struct IndicatorPage: Sendable {
    public var page: PageVM
    public var id: String
    public var label: String
    public var isFigure: Bool
    public var display: String
    public var formula: String?
    public var inputs: [ValueRowVM]
    public var stated: String?
    public var computed: String?
    public var difference: String?
    public var tolerance: String?
    public var status: StatusVM?
    public var note: String?
    public var `where`: String?
    public var region: LinkVM?
    public var year: String?
    public var file: String
    public var line: Int
    public var document: LinkVM?
    public var citations: [CitationVM]
    public var usedBy: [ValueRowVM]
    public var checks: [CheckVM]
    /// Rendered chart HTML.
    public var charts: [String]
}

public struct RegionPage: Sendable {
    public var page: PageVM
    public var name: String
    public var kind: String
    /// Rendered chart HTML.
    public var charts: [String]
    public var parent: LinkVM?
    public var children: [LinkVM]
    public var figures: [ValueRowVM]
    public var indicators: [ValueRowVM]
    public var documents: [DocSummaryVM]
}

public struct RegionTreeItemVM: Sendable {
    public var name: String
    public var kind: String
    public var href: String
    public var depth: Int
    public var count: Int
}

public struct RegionsPage: Sendable {
    public var page: PageVM
    public var regions: [RegionTreeItemVM]
}

public struct TopicPage: Sendable {
    public var page: PageVM
    public var name: String
    public var documents: [DocSummaryVM]
}

public struct TopicsPage: Sendable {
    public var page: PageVM
    public var topics: [RegionTreeItemVM]
}

public struct ChecksPage: Sendable {
    public var page: PageVM
    public var counts: CountsVM
    public var acknowledged: [CheckVM]
    public var failed: [CheckVM]
    public var documents: [DocumentChecksVM]
}

public struct FeedEntryVM: Sendable {
    public var title: String
    public var url: String
    public var updated: String
    public var summary: String
}

public struct FeedVM: Sendable {
    public var site: SiteVM
    public var updated: String
    public var entries: [FeedEntryVM]
}

public struct SitemapVM: Sendable {
    public var urls: [String]
}

/// A page with nothing but the common fields.
public struct SimplePage: Sendable {
    public var page: PageVM
}
