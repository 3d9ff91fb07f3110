import BriefingCore

/// The fields of a document that the site's cross-document indexes are built from: site
/// order, topics, regions, the ids it defines and where its figures are. The indexes read a
/// document only through this, so an edit that keeps it equal cannot change them, and an
/// edit that changes it needs a full analysis.
public struct DocumentShape: Hashable, Sendable {
    public var kind: DocumentKind
    public var slug: String
    public var order: Int?
    public var date: String
    public var topics: [String]
    public var regions: [String]
    /// Figure ids with each figure's region and dimension (charts and region pages group by them).
    public var figures: [FigureShape]
    public var indicatorIDs: [String]
    public var chartIDs: [String]

    public struct FigureShape: Hashable, Sendable {
        public var id: String
        public var region: String?
        public var dimension: Dimension
    }

    init(kind: DocumentKind, slug: String, order: Int?, date: String, topics: [String], regions: [String],
         figures: [FigureShape], indicatorIDs: [String], chartIDs: [String]) {
        (self.kind, self.slug, self.order, self.date) = (kind, slug, order, date)
        (self.topics, self.regions, self.figures, self.indicatorIDs, self.chartIDs) = (topics, regions, figures, indicatorIDs, chartIDs)
    }

    public init(_ d: LoadedDocument) {
        let doc = d.document
        kind = doc.kind
        slug = doc.slug
        order = doc.order
        date = doc.date
        topics = doc.topics
        regions = doc.regions
        figures = d.decoded.figures.map { FigureShape(id: $0.id, region: $0.region, dimension: $0.quantity.dimension) }
        indicatorIDs = doc.indicatorIDs
        chartIDs = doc.charts.map(\.id)
    }

    /// Site order: reports before cases, then `order`, date and slug.
    public static func precedes(_ a: DocumentShape, _ b: DocumentShape) -> Bool {
        if a.kind != b.kind { return a.kind == .report }
        return (a.order ?? Int.max, a.date, a.slug) < (b.order ?? Int.max, b.date, b.slug)
    }
}
