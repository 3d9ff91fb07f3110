import Foundation

/// A unit: the symbol shown to readers, its dimension, its exact scale relative to the
/// dimension's base unit (万千瓦 = 10⁴ 千瓦), and the count words it counts.
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    public var symbol: String
    public var dimension: Dimension
    /// One of this unit is `scale / divisor` base units. The divisor is 1 except for compound
    /// units whose ratio does not terminate (元/天 is 1/24 元 per 小时), so that conversions
    /// stay exact: 48 元/天 is exactly 2 元 per 小时.
    public var scale: Decimal
    public var divisor: Decimal
    /// Count words as UCUM's annotations (`{community}` = 1), with exponents: 个 → 个,
    /// 万人 and 名 → 人, 人/户 → 人·户⁻¹, 万元/个 → 个⁻¹; empty for other units. They count as 1
    /// in × and ÷, and must agree in +, −, comparisons and checks (see `agrees(with:)`).
    public var annotation: Dimension

    public init(_ symbol: String, _ dimension: Dimension, scale: Decimal = 1, divisor: Decimal = 1, annotation: Dimension = .none) {
        self.symbol = symbol
        self.dimension = dimension
        self.scale = scale
        self.divisor = divisor
        self.annotation = annotation
    }

    public static let one = Unit("", .none)
    public static let percent = Unit("%", .none, scale: Decimal(string: "0.01")!)

    public var description: String { symbol }
    /// A plain number or a ratio unit (%, ‰, 倍, 个百分点): no dimension and no count word.
    public var isScalar: Bool { dimension.isDimensionless && annotation.isEmpty }
}

/// The units a project knows: the built-in table of DESIGN §3.3, 万/亿 prefixes on any
/// known unit, compound units with `/`, and extra units from `content/site.yaml`.
public struct UnitRegistry: Sendable {
    public private(set) var units: [String: Unit] {
        didSet { initials = UnitRegistry.initials(of: units.keys) }
    }
    /// The first character of every symbol (and of 万/亿), so scanning prose for units can skip
    /// positions where none can start.
    public private(set) var initials: Set<Unicode.Scalar> = []

    static func initials(of symbols: some Sequence<String>) -> Set<Unicode.Scalar> {
        Set(symbols.compactMap(\.unicodeScalars.first) + ["万", "亿"])
    }

    public init() {
        var u: [String: Unit] = [:]
        func add(_ dim: String, _ pairs: [(String, String)]) {
            for (sym, scale) in pairs { u[sym] = Unit(sym, .base(dim), scale: Decimal(string: scale)!) }
        }
        add("power", [("千瓦", "1"), ("kW", "1"), ("万千瓦", "1e4"), ("亿千瓦", "1e8"), ("MW", "1e3"), ("GW", "1e6")])
        // Energy is power × time (千瓦时 = 千瓦 × 小时), so 亿千瓦时 / 万千瓦 gives 小时.
        for (sym, scale) in [("千瓦时", "1"), ("度", "1"), ("kWh", "1"), ("万千瓦时", "1e4"), ("亿千瓦时", "1e8"),
                             ("万亿千瓦时", "1e12"), ("MWh", "1e3"), ("GWh", "1e6")] {
            u[sym] = Unit(sym, Dimension(["power": 1, "time": 1]), scale: Decimal(string: scale)!)
        }
        add("voltage_power", [("千伏安", "1"), ("万千伏安", "1e4"), ("千瓦安", "1"), ("万千瓦安", "1e4")])
        add("speed", [("米/秒", "1")])
        add("money", [("元", "1"), ("万元", "1e4"), ("亿元", "1e8")])
        add("area", [("平方米", "1"), ("万平方米", "1e4"), ("平方公里", "1e6"), ("公顷", "1e4")])
        // 1 亩 = 2000/3 平方米 has no exact decimal form, so 亩 is kept apart from 平方米.
        add("area_mu", [("亩", "1"), ("万亩", "1e4")])
        add("mass", [("吨", "1"), ("万吨", "1e4"), ("公斤", "0.001"), ("千克", "0.001"), ("斤", "0.0005")])
        add("volume", [("立方米", "1"), ("万立方米", "1e4")])
        add("length", [("米", "1"), ("公里", "1000"), ("千米", "1000")])
        add("time", [("小时", "1"), ("天", "24")])
        add("year", [("年", "1")])
        add("month", [("个月", "1")])
        // 1 分钟 = 1/60 小时 has no exact decimal form, so minutes are their own dimension.
        add("minute", [("分钟", "1")])
        add("age", [("岁", "1")])
        // Temperatures are labels of a reading, not amounts: no conversion to other scales.
        add("temperature", [("℃", "1"), ("°C", "1")])
        // Count words are dimensionless; what they count is kept as an annotation.
        for word in UnitRegistry.countWords { u[word] = Unit(word, .none, annotation: UnitRegistry.things) }
        for (sym, word, scale) in [("人", "人", "1"), ("名", "人", "1"), ("万人", "人", "1e4"), ("户", "户", "1"), ("万户", "户", "1e4")] {
            u[sym] = Unit(sym, .none, scale: Decimal(string: scale)!, annotation: .base(word))
        }
        for (sym, scale) in [("%", "0.01"), ("‰", "0.001"), ("倍", "1"), ("个百分点", "0.01")] {
            u[sym] = Unit(sym, .none, scale: Decimal(string: scale)!)
        }
        units = u
        initials = UnitRegistry.initials(of: u.keys)
    }

    /// The annotation of the count words below and of `count` units from site.yaml. They
    /// form one class, named after the general classifier 个: the same things are counted
    /// with different words (医疗机构 in 个 or 家, 场所 in 处 or 个, livestock in 头 and 只),
    /// so the word does not say what is counted. 人 (= 名) and 户 name what they count and
    /// are classes of their own: 3 个 + 5 人 is an error, 3 个 + 5 家 is not.
    public static let things = Dimension.base("个")

    /// Count words: dimensionless, annotated as `things` (人, 名 and 户 are separate).
    public static let countWords = ["个", "项", "家", "座", "所", "处", "支", "件", "套", "台", "次", "人次",
                                    "份", "条", "篇", "场", "批", "期", "组", "栋", "间", "张", "辆", "头",
                                    "只", "口", "棵", "株", "种", "类", "本", "块", "根", "把", "届", "轮",
                                    "节", "门", "课", "位", "部", "颗", "匹", "羊单位", "人天", "例", "起", "级",
                                    "宗", "单", "笔", "对", "字", "页", "章", "句", "点", "件次", "户次", "场次", "批次"]

    /// Adds a project unit. `definition` is `count` (a count word), `base` (a new dimension
    /// of its own), or a quantity of a known unit such as `1000 吨` or `12 个`.
    public mutating func define(_ symbol: String, as definition: String) throws(LocalError) {
        let sym = symbol.trimmedSpaces()
        guard !sym.isEmpty, !sym.contains(where: { ($0.isASCII && $0.isNumber) || $0 == "/" || $0 == " " }) else {
            throw LocalError("单位名 `\(symbol)` 不合法", hint: "单位名不能为空，不能含数字、空格或 /")
        }
        switch definition.trimmedSpaces() {
        case "count": units[sym] = Unit(sym, .none, annotation: UnitRegistry.things)
        case "base": units[sym] = Unit(sym, .base(sym))
        default:
            let w = try QuantityParser.parseWritten(definition, units: self, allowComparator: false)
            let scale = try UnitScale.product(w.number.value, w.quantity.unit.scale, naming: sym)
            units[sym] = try UnitScale.checked(Unit(sym, w.quantity.unit.dimension, scale: scale, divisor: w.quantity.unit.divisor,
                                                    annotation: w.quantity.unit.annotation))
        }
    }

    /// Looks a unit up; the empty string is the dimensionless unit. `a/b/c` is `(a/b)/c`:
    /// 万元/户/年 is per household per year.
    public func lookup(_ raw: String) throws(LocalError) -> Unit {
        let symbol = raw.trimmedSpaces()
        if symbol.isEmpty { return .one }
        if let u = units[symbol] { return u }
        guard symbol.contains("/") else { return try simple(symbol) }
        let parts = symbol.split(separator: "/", omittingEmptySubsequences: false)
        var u = try simple(String(parts[0]).trimmedSpaces(), whole: symbol)
        var text = String(parts[0])
        for p in parts.dropFirst() {
            text += "/" + p
            u = try UnitScale.quotient(u, simple(String(p).trimmedSpaces(), whole: symbol), symbol: text)
        }
        return u
    }

    /// A unit without `/`: from the table, or 万/亿/万亿 in front of one.
    func simple(_ symbol: String, whole: String? = nil) throws(LocalError) -> Unit {
        if let u = units[symbol] { return u }
        for (prefix, scale) in [("万亿", Decimal(string: "1e12")!), ("万", Decimal(10_000)), ("亿", Decimal(100_000_000))]
        where symbol.hasPrefix(prefix) && symbol.count > prefix.count {
            if let base = units[String(symbol.dropFirst(prefix.count))] {
                var u = base
                u.symbol = symbol
                u.scale = try UnitScale.product(base.scale, scale, naming: symbol)
                return try UnitScale.checked(u)
            }
        }
        let shown = symbol.isEmpty ? (whole ?? symbol) : symbol
        throw LocalError("未知单位 `\(Diagnostic.excerpt(shown))`", hint: unknownHint(shown))
    }

    /// The unit, or nil: for guesses (scanning text for units), without building a
    /// "did you mean" message for every miss as `lookup` does.
    public func find(_ raw: String) -> Unit? {
        let symbol = raw.trimmedSpaces()
        if symbol.isEmpty { return .one }
        if let u = units[symbol] { return u }
        if let slash = symbol.firstIndex(of: "/") {
            guard find(String(symbol[..<slash])) != nil, find(String(symbol[symbol.index(after: slash)...])) != nil else { return nil }
            return try? lookup(symbol)
        }
        for prefix in ["万亿", "万", "亿"] where symbol.hasPrefix(prefix) && symbol.count > prefix.count {
            if units[String(symbol.dropFirst(prefix.count))] != nil { return try? lookup(symbol) }
        }
        return nil
    }

    func unknownHint(_ symbol: String) -> String {
        var hint = Suggest.hint(symbol, in: units.keys)
        if !hint.isEmpty { hint += "；" }
        let common = ["千瓦", "万千瓦", "亿千瓦", "MW", "GW", "千瓦时", "万千瓦时", "亿千瓦时", "万亿千瓦时", "GWh",
                      "元", "万元", "亿元", "人", "万人", "名", "户", "万户", "亩", "万亩", "平方米", "万平方米",
                      "平方公里", "吨", "万吨", "小时", "%", "倍", "个", "项", "家"]
        return hint + "已知单位有：" + common.joined(separator: " ") + " 等；可在 content/site.yaml 的 units 中增加新单位"
    }

    /// The unit to show a computed amount in: a registered unit (without `/`) of that
    /// dimension and annotation with this exact scale, else one with scale 1, else a
    /// composed symbol.
    public func preferred(for dimension: Dimension, annotation: Dimension = .none, scale: Decimal, divisor: Decimal = 1,
                          composed: String) -> Unit {
        if dimension.isDimensionless && annotation.isEmpty { return .one }
        let same = units.values.filter { $0.dimension == dimension && $0.annotation == annotation && !$0.symbol.contains("/") }
            .sorted { ($0.symbol.count, $0.symbol) < ($1.symbol.count, $1.symbol) }
        if let u = same.first(where: { $0.scale == scale && $0.divisor == divisor }) { return u }
        if let u = same.first(where: { $0.scale == 1 && $0.divisor == 1 }) { return u }
        return Unit(composed, dimension, scale: scale, divisor: divisor, annotation: annotation)
    }
}
