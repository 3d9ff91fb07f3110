import Foundation

/// A number from the source, with where it came from.
public struct Figure: Hashable, Sendable {
    public var id: String
    public var quantity: Quantity
    /// Digits after the point as written: display keeps them (0.02 stays 0.02).
    public var decimals: Int
    public var label: String
    public var region: String?
    public var year: Int?
    public var `where`: String?
    public var note: String?
    /// Relations to other values (`check:`).
    public var relations: [Relation] = []
    /// Slug of the report or case that defines it.
    public var document: String
    public var location: SourceLocation

    public init(id: String, quantity: Quantity, decimals: Int, label: String, region: String? = nil, year: Int? = nil,
                where: String? = nil, note: String? = nil, document: String, location: SourceLocation) {
        self.id = id
        self.quantity = quantity
        self.decimals = decimals
        self.label = label
        self.region = region
        self.year = year
        self.where = `where`
        self.note = note
        self.document = document
        self.location = location
    }
}

/// A relation the text implies between a figure or indicator and another one (`check: <= x`):
/// a part never exceeds its whole, one quantity stated in two places agrees.
public struct Relation: Hashable, Sendable {
    public var comparator: Comparator
    /// The other figure or indicator.
    public var target: String
    public var expectDiscrepancy: Bool
    public var note: String?
    public var location: SourceLocation

    public init(comparator: Comparator, target: String, expectDiscrepancy: Bool = false, note: String? = nil, location: SourceLocation) {
        self.comparator = comparator
        self.target = target
        self.expectDiscrepancy = expectDiscrepancy
        self.note = note
        self.location = location
    }
}

/// A number the text states, to be checked against a computed one.
public struct Stated: Hashable, Sendable {
    public var written: WrittenQuantity
    public var location: SourceLocation
    public init(written: WrittenQuantity, location: SourceLocation) {
        self.written = written
        self.location = location
    }
}

/// A computed quantity: a formula over figures and other indicators.
public struct Indicator: Hashable, Sendable {
    public var id: String
    public var label: String
    public var formula: String
    public var formulaLocation: SourceLocation
    public var unit: Unit?
    public var stated: Stated?
    /// An amount in the stated unit; a percentage on a non-ratio stated value is relative.
    public var tolerance: Quantity?
    public var decimals: Int?
    public var expectDiscrepancy: Bool
    public var note: String?
    public var `where`: String?
    /// Relations to other values (`check:`).
    public var relations: [Relation] = []
    public var document: String
    public var location: SourceLocation

    public init(id: String, label: String, formula: String, formulaLocation: SourceLocation, unit: Unit? = nil,
                stated: Stated? = nil, tolerance: Quantity? = nil, decimals: Int? = nil, expectDiscrepancy: Bool = false,
                note: String? = nil, where: String? = nil, document: String, location: SourceLocation) {
        self.id = id
        self.label = label
        self.formula = formula
        self.formulaLocation = formulaLocation
        self.unit = unit
        self.stated = stated
        self.tolerance = tolerance
        self.decimals = decimals
        self.expectDiscrepancy = expectDiscrepancy
        self.note = note
        self.where = `where`
        self.document = document
        self.location = location
    }
}

public enum DocumentKind: String, Hashable, Sendable {
    case report = "reports"
    case `case` = "cases"

    public var chineseName: String { self == .report ? "研究报告" : "案例" }
    public static let allKinds: [DocumentKind] = [.report, .case]
}

/// A report or case: front matter plus Markdown body.
public struct Document: Hashable, Sendable {
    public var kind: DocumentKind
    public var slug: String
    /// Path relative to the project, e.g. `content/reports/new-energy.md`.
    public var file: String
    public var title: String
    public var date: String
    public var order: Int?
    public var group: String?
    public var writer: String?
    public var advisors: [String]
    public var source: String?
    public var summary: String?
    public var topics: [String]
    public var regions: [String]
    public var figureIDs: [String]
    public var indicatorIDs: [String]
    public var charts: [ChartSpec] = []
    /// Ids shown first as the document's 要点 (`key:`); empty means those its summary cites.
    public var key: [String] = []
    /// Line number (1-based) of the body's first line in the file.
    public var bodyStartLine: Int
    /// Hash of the Markdown body. The body is not kept in memory: pages read it again from the
    /// file, and this tells whether the file still holds the body that was analysed.
    public var bodyHash: UInt64
    public var location: SourceLocation { SourceLocation(file: file, line: 1) }

    public init(kind: DocumentKind, slug: String, file: String, title: String, date: String, order: Int? = nil,
                group: String? = nil, writer: String? = nil, advisors: [String] = [], source: String? = nil,
                summary: String? = nil, topics: [String] = [], regions: [String] = [], figureIDs: [String] = [],
                indicatorIDs: [String] = [], bodyStartLine: Int = 1, bodyHash: UInt64 = 0) {
        self.kind = kind
        self.slug = slug
        self.file = file
        self.title = title
        self.date = date
        self.order = order
        self.group = group
        self.writer = writer
        self.advisors = advisors
        self.source = source
        self.summary = summary
        self.topics = topics
        self.regions = regions
        self.figureIDs = figureIDs
        self.indicatorIDs = indicatorIDs
        self.bodyStartLine = bodyStartLine
        self.bodyHash = bodyHash
    }
}

public struct Region: Hashable, Sendable {
    public var slug: String
    public var name: String
    public var kind: String
    public var parent: String?
    public var location: SourceLocation

    public init(slug: String, name: String, kind: String, parent: String? = nil, location: SourceLocation) {
        self.slug = slug
        self.name = name
        self.kind = kind
        self.parent = parent
        self.location = location
    }
}

/// A topic with a URL-safe slug; `site.yaml` may give ASCII slugs, else the name is used.
public struct Topic: Hashable, Sendable {
    public var name: String
    public var slug: String
    public init(name: String, slug: String) {
        self.name = name
        self.slug = slug
    }
}

/// A group of headline indicators on the home page.
public struct Headline: Hashable, Sendable {
    public var title: String
    public var indicatorIDs: [String]
    public var location: SourceLocation
    public init(title: String, indicatorIDs: [String], location: SourceLocation) {
        self.title = title
        self.indicatorIDs = indicatorIDs
        self.location = location
    }
}

public struct SiteConfig: Hashable, Sendable {
    public var title: String
    public var subtitle: String
    public var baseURL: String
    public var language: String
    public var publisher: String
    public var topics: [Topic]
    public var headlines: [Headline]
    /// The sentence that opens the list of reports and the list of cases (`reports_intro`,
    /// `cases_intro` in site.yaml).
    public var intros: [DocumentKind: String] = [:]

    public init(title: String, subtitle: String = "", baseURL: String = "/", language: String = "zh-CN",
                publisher: String = "", topics: [Topic] = [], headlines: [Headline] = []) {
        self.title = title
        self.subtitle = subtitle
        self.baseURL = baseURL
        self.language = language
        self.publisher = publisher
        self.topics = topics
        self.headlines = headlines
    }
}

/// Everything loaded from `content/`, validated for cross-references between files.
public struct Project: Sendable {
    public var config: SiteConfig
    public var units: UnitRegistry
    public var regions: [Region]
    public var documents: [Document]
    public var figures: [String: Figure]
    public var indicators: [String: Indicator]

    public init(config: SiteConfig, units: UnitRegistry, regions: [Region], documents: [Document],
                figures: [String: Figure], indicators: [String: Indicator]) {
        self.config = config
        self.units = units
        self.regions = regions
        self.documents = documents
        self.figures = figures
        self.indicators = indicators
    }

    /// The topic's slug from site.yaml, else a path-safe form of its name.
    public func topicSlug(_ name: String) -> String {
        config.topics.first { $0.name == name }?.slug ?? TextSlug.make(name)
    }
}
