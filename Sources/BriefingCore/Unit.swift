import Foundation

/// A unit: the symbol shown to readers, its dimension, and its exact scale relative to the
/// dimension's base unit (万千瓦 = 10⁴ 千瓦).
public struct Unit: Hashable, Sendable, CustomStringConvertible {
    public var symbol: String
    public var dimension: Dimension
    public var scale: Decimal

    public init(_ symbol: String, _ dimension: Dimension, scale: Decimal = 1) {
        self.symbol = symbol
        self.dimension = dimension
        self.scale = scale
    }

    public static let one = Unit("", .none)
    public static let percent = Unit("%", .none, scale: Decimal(string: "0.01")!)

    public var description: String { symbol }
    public var isPercentLike: Bool { dimension.isDimensionless && !symbol.isEmpty }
}

/// The units a project knows: the built-in table of DESIGN §3.3, 万/亿 prefixes on any
/// known unit, compound units with one `/`, and extra units from `content/site.yaml`.
public struct UnitRegistry: Sendable {
    public private(set) var units: [String: Unit]

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
        add("people", [("人", "1"), ("名", "1"), ("万人", "1e4")])
        add("households", [("户", "1"), ("万户", "1e4")])
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
        for word in UnitRegistry.countWords { u[word] = Unit(word, .base("count")) }
        for (sym, scale) in [("%", "0.01"), ("‰", "0.001"), ("倍", "1"), ("个百分点", "0.01")] {
            u[sym] = Unit(sym, .none, scale: Decimal(string: scale)!)
        }
        units = u
    }

    /// Count words: one dimension, the word kept for display.
    public static let countWords = ["个", "项", "家", "座", "所", "处", "支", "件", "套", "台", "次", "人次",
                                    "份", "条", "篇", "场", "批", "期", "组", "栋", "间", "张", "辆", "头",
                                    "只", "口", "棵", "株", "种", "类", "本", "块", "根", "把", "届", "轮",
                                    "节", "门", "课", "位", "部", "颗", "匹", "羊单位", "人天", "例", "起",
                                    "宗", "单", "笔", "对", "字", "页", "章", "句", "点", "件次", "户次", "场次", "批次"]

    /// Adds a project unit. `definition` is `count` (a count word), `base` (a new dimension
    /// of its own), or a quantity of a known unit such as `1000 吨`.
    public mutating func define(_ symbol: String, as definition: String) throws(LocalError) {
        let sym = symbol.trimmedSpaces()
        guard !sym.isEmpty, !sym.contains(where: { ($0.isASCII && $0.isNumber) || $0 == "/" || $0 == " " }) else {
            throw LocalError("单位名 `\(symbol)` 不合法", hint: "单位名不能为空，不能含数字、空格或 /")
        }
        switch definition.trimmedSpaces() {
        case "count": units[sym] = Unit(sym, .base("count"))
        case "base": units[sym] = Unit(sym, .base(sym))
        default:
            let q = try QuantityParser.parse(definition, units: self)
            units[sym] = Unit(sym, q.unit.dimension, scale: q.value * q.unit.scale)
        }
    }

    public var knownSymbols: [String] { units.keys.sorted() }

    /// Looks a unit up; the empty string is the dimensionless unit.
    public func lookup(_ raw: String) throws(LocalError) -> Unit {
        let symbol = raw.trimmedSpaces()
        if symbol.isEmpty { return .one }
        if let u = units[symbol] { return u }
        if let slash = symbol.firstIndex(of: "/") {
            let num = try lookup(String(symbol[..<slash]))
            let den = try lookup(String(symbol[symbol.index(after: slash)...]))
            return Unit(symbol, num.dimension / den.dimension, scale: num.scale / den.scale)
        }
        for (prefix, scale) in [("万亿", Decimal(string: "1e12")!), ("万", Decimal(10_000)), ("亿", Decimal(100_000_000))]
        where symbol.hasPrefix(prefix) && symbol.count > prefix.count {
            if let base = units[String(symbol.dropFirst(prefix.count))] {
                return Unit(symbol, base.dimension, scale: base.scale * scale)
            }
        }
        throw LocalError("未知单位 `\(Diagnostic.excerpt(symbol))`", hint: unknownHint(symbol))
    }

    func unknownHint(_ symbol: String) -> String {
        var hint = Suggest.hint(symbol, in: units.keys)
        if !hint.isEmpty { hint += "；" }
        let common = ["千瓦", "万千瓦", "亿千瓦", "MW", "GW", "千瓦时", "万千瓦时", "亿千瓦时", "万亿千瓦时", "GWh",
                      "元", "万元", "亿元", "人", "万人", "名", "户", "万户", "亩", "万亩", "平方米", "万平方米",
                      "平方公里", "吨", "万吨", "小时", "%", "倍", "个", "项", "家"]
        return hint + "已知单位有：" + common.joined(separator: " ") + " 等；可在 content/site.yaml 的 units 中增加新单位"
    }

    /// The unit to show a computed dimension in: a unit of that dimension with this exact
    /// scale if one is registered, else the dimension's base unit, else a composed symbol.
    public func preferred(for dimension: Dimension, scale: Decimal, composed: String) -> Unit {
        if dimension.isDimensionless { return .one }
        let same = units.values.filter { $0.dimension == dimension && !$0.symbol.contains("/") }
            .sorted { ($0.symbol.count, $0.symbol) < ($1.symbol.count, $1.symbol) }
        if let u = same.first(where: { $0.scale == scale }) { return u }
        if let u = same.first(where: { $0.scale == 1 }) { return u }
        return Unit(composed, dimension, scale: scale)
    }
}
