/// A physical or bookkeeping dimension as a product of base dimensions with integer
/// exponents, so that 万元 / 万千瓦 is money·power⁻¹ and 千瓦 × 小时 is energy.
/// The same algebra holds a unit's count words (`Unit.annotation`): 人/户 is 人·户⁻¹.
public struct Dimension: Hashable, Sendable, CustomStringConvertible {
    /// Base dimension name → exponent; zero exponents are never stored.
    public private(set) var exponents: [String: Int]

    public init(_ exponents: [String: Int] = [:]) {
        self.exponents = exponents.filter { $0.value != 0 }
    }

    public static func base(_ name: String) -> Dimension { Dimension([name: 1]) }
    public static let none = Dimension()

    public var isDimensionless: Bool { exponents.isEmpty }
    public var isEmpty: Bool { exponents.isEmpty }

    public static func * (a: Dimension, b: Dimension) -> Dimension {
        var e = a.exponents
        for (k, v) in b.exponents { e[k, default: 0] += v }
        return Dimension(e)
    }

    public static func / (a: Dimension, b: Dimension) -> Dimension {
        var e = a.exponents
        for (k, v) in b.exponents { e[k, default: 0] -= v }
        return Dimension(e)
    }

    /// Chinese names of the base dimensions, for messages.
    static let names: [String: String] = [
        "power": "功率", "voltage_power": "视在功率", "speed": "速度", "minute": "分钟数", "age": "年龄", "temperature": "温度", "money": "金额",
        "area": "面积", "area_mu": "面积（亩）", "mass": "质量",
        "volume": "体积", "length": "长度", "time": "时长", "year": "年数", "month": "月数",
        // Count-word classes (`Unit.annotation`).
        "个": "数量", "人": "人数", "户": "户数",
    ]

    public var description: String {
        if exponents.isEmpty { return "无量纲" }
        func part(_ sign: Int) -> String {
            exponents.filter { $0.value * sign > 0 }.sorted { $0.key < $1.key }.map { k, v in
                let n = Dimension.names[k] ?? k
                return abs(v) == 1 ? n : "\(n)^\(abs(v))"
            }.joined(separator: "·")
        }
        let num = part(1), den = part(-1)
        if den.isEmpty { return num }
        return (num.isEmpty ? "1" : num) + "/" + den
    }
}
