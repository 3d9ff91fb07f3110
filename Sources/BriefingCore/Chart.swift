/// A chart declared in front matter (`charts:`) and placed in prose with `[](chart:ID)`.
public struct ChartSpec: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// One horizontal bar per id.
        case bar
        /// Categories × series from a pattern with two `*` segments (e.g. `banner.*.capacity.*`).
        case stacked
        /// Parts of one whole, as a single 100 % bar with shares.
        case composition
    }

    public var id: String
    public var title: String
    public var kind: Kind
    /// Ids, or patterns with `*` segments, in display order.
    public var data: [String]
    public var unit: Unit?
    /// Labels for ids or id segments (e.g. `pv: 光伏`); otherwise figure labels or region names.
    public var labels: [String: String]
    /// For stacked charts: which series (second `*` segment) to draw, in order; all when empty.
    public var series: [String] = []
    public var description: String?
    public var document: String
    public var location: SourceLocation

    public init(id: String, title: String, kind: Kind, data: [String], unit: Unit? = nil, labels: [String: String] = [:],
                description: String? = nil, document: String, location: SourceLocation) {
        self.id = id
        self.title = title
        self.kind = kind
        self.data = data
        self.unit = unit
        self.labels = labels
        self.description = description
        self.document = document
        self.location = location
    }
}
