import Foundation

/// An exact decimal amount of some unit. The amount is kept in the dimension's base
/// unit (`magnitude`) so that arithmetic never converts twice; `unit` is how to show it.
///
/// Limits (checked by every operation, which throws a Chinese `LocalError` instead of
/// rounding, trapping or producing NaN): a nonzero magnitude lies between 10⁻⁶⁰ and 10⁶⁰
/// base units; + and − of exact amounts are exact (at most 38 significant digits); × and ÷
/// round to 38 significant digits when they must, and the result is then approximate
/// (`errorExponent`), shown to 30 significant digits.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public var magnitude: Decimal
    public var unit: Unit
    /// nil when `magnitude` is exact; otherwise it is within 10^errorExponent base units of
    /// the true amount (a quotient such as 1/3 was rounded on the way).
    public var errorExponent: Int?

    public init(magnitude: Decimal, unit: Unit, errorExponent: Int? = nil) {
        self.magnitude = magnitude
        self.unit = unit
        self.errorExponent = errorExponent
    }

    /// `value` is in `unit`, e.g. Quantity(287.3, 万千瓦). For a written number (at most 30
    /// digits) in a registered unit (10⁻³⁰ to 10³⁰ base units) this cannot fail.
    public init(_ value: Decimal, _ unit: Unit) {
        guard let a = try? unit.toBase(Amount(value)) else {
            preconditionFailure("Quantity(\(value), \(unit.symbol)): outside Decimal's range")
        }
        self.init(magnitude: a.value, unit: unit, errorExponent: a.errorExponent)
    }

    public var amount: Amount { Amount(magnitude, errorExponent: errorExponent) }
    public var isExact: Bool { errorExponent == nil }
    public var dimension: Dimension { unit.dimension }

    /// The amount in its own display unit, as shown: exact, or rounded to its reliable digits.
    public var value: Decimal { value(in: unit) }

    public func value(in other: Unit) -> Decimal {
        // Within the limits above, a conversion to a registered unit is always representable.
        guard let a = try? other.fromBase(amount) else {
            preconditionFailure("\(magnitude) base units in \(other.symbol): outside Decimal's range")
        }
        return a.shown
    }

    /// The amount in `other`, unrounded, with its error bound (for checks).
    public func amount(in other: Unit) throws(LocalError) -> Amount {
        do {
            return try other.fromBase(amount)
        } catch {
            throw Quantity.fault(error, "换算", "\(NumberFormat.plain(magnitude))（基本单位）", other.symbol)
        }
    }

    public func converted(to other: Unit) throws(LocalError) -> Quantity {
        guard other.agrees(with: unit) else { throw Quantity.mismatch("换算", self, other) }
        return Quantity(magnitude: magnitude, unit: other, errorExponent: errorExponent)
    }

    public var description: String { NumberFormat.plain(value) + unit.symbol }

    static func name(_ u: Unit) -> String { u.symbol.isEmpty ? "无单位数" : u.symbol }

    static func mismatch(_ op: String, _ a: Quantity, _ b: Unit) -> LocalError {
        if a.dimension == b.dimension {
            return LocalError("不能\(op)所计对象不同的量：\(name(a.unit))（\(a.unit.kindText)）与 \(name(b))（\(b.kindText)）",
                              hint: "“\(name(a.unit))”与“\(name(b))”计的不是同一种对象（人、名计人，户计户，个、家、项等计事物，% 等是比率）；检查公式中各项是否数的是同一种东西")
        }
        return LocalError("不能\(op)不同量纲的量：\(name(a.unit))（\(a.unit.kindText)）与 \(name(b))（\(b.kindText)）",
                          hint: "检查公式中各项的单位是否一致")
    }

    /// Magnitudes stay below 10^60 base units, and nonzero ones above 10^-60.
    public static let limitPower = 60

    public static func fault(_ f: DecimalMath.Fault, _ op: String, _ a: String, _ b: String) -> LocalError {
        let operands = "（\(Diagnostic.excerpt(a, limit: 40)) 与 \(Diagnostic.excerpt(b, limit: 40))）"
        switch f {
        case .overflow:
            return LocalError("\(op)结果过大\(operands)：绝对值超出 10^\(limitPower)（以元、千瓦、人等基本单位计）的上限",
                              hint: "检查公式中的单位和乘法是否正确，例如是否把万元当成了元")
        case .underflow:
            return LocalError("\(op)结果过小\(operands)：不为零的结果须不小于 10^-\(limitPower)（以基本单位计），否则无法精确表示",
                              hint: "检查公式是否把很小的数反复相乘或相除")
        case .inexact:
            return LocalError("\(op)的精确结果需要超过 \(DecimalMath.maxDigits) 位有效数字\(operands)，无法精确表示，计算会丢失精度",
                              hint: "两个数的数量级相差太大（例如 10^30 与 0.01），较小的一项会被舍去；检查数据的单位")
        case .divisionByZero:
            return LocalError("除数为零", hint: "检查除号后面的数据是否为 0")
        case .imprecise:
            return LocalError("\(op)时除数是经过多次舍入的近似值\(operands)，已没有可靠的有效数字",
                              hint: "检查公式是否让两个几乎相等的近似值相减后再作除数")
        }
    }

    /// A result within the limits, else the error saying which limit.
    static func checked(_ r: Amount, unit: Unit, op: String, _ a: Quantity, _ b: Quantity) throws(LocalError) -> Quantity {
        if let lead = DecimalMath.leadingDigit(r.value) {
            if lead >= limitPower { throw fault(.overflow, op, a.description, b.description) }
            if lead < -limitPower { throw fault(.underflow, op, a.description, b.description) }
        }
        return Quantity(magnitude: r.value, unit: unit, errorExponent: r.errorExponent)
    }

    enum Operation: String {
        case add = "相加", subtract = "相减", multiply = "相乘", divide = "相除"
    }

    func compute(_ op: Operation, _ b: Quantity) throws(LocalError) -> Amount {
        do throws(DecimalMath.Fault) {
            switch op {
            case .add: return try amount.adding(b.amount)
            case .subtract: return try amount.subtracting(b.amount)
            case .multiply: return try amount.multiplied(by: b.amount)
            case .divide: return try amount.divided(by: b.amount)
            }
        } catch {
            throw Quantity.fault(error, op.rawValue, description, b.description)
        }
    }

    public func adding(_ b: Quantity) throws(LocalError) -> Quantity {
        guard unit.agrees(with: b.unit) else { throw Quantity.mismatch("相加", self, b.unit) }
        return try Quantity.checked(compute(.add, b), unit: unit.isScalar && unit.symbol.isEmpty ? b.unit : unit, op: "相加", self, b)
    }

    public func subtracting(_ b: Quantity) throws(LocalError) -> Quantity {
        guard unit.agrees(with: b.unit) else { throw Quantity.mismatch("相减", self, b.unit) }
        return try Quantity.checked(compute(.subtract, b), unit: unit.isScalar && unit.symbol.isEmpty ? b.unit : unit, op: "相减", self, b)
    }

    /// Count words count as 1: 35 万元 × 40 个 is 1400 万元, 3 个 × 2 is 6 个.
    public func multiplied(by b: Quantity, units: UnitRegistry) throws(LocalError) -> Quantity {
        let display = try Unit.product(unit, b.unit, units: units)
        return try Quantity.checked(compute(.multiply, b), unit: display, op: "相乘", self, b)
    }

    /// 35 万元 / 40 个 is 0.875 万元/个 (which agrees with 万元); 10 人 / 2 户 is 5 人/户.
    public func divided(by b: Quantity, units: UnitRegistry) throws(LocalError) -> Quantity {
        guard !b.magnitude.isZero else { throw Quantity.fault(.divisionByZero, "相除", "", "") }
        let display = try Unit.quotient(unit, b.unit, units: units)
        return try Quantity.checked(compute(.divide, b), unit: display, op: "相除", self, b)
    }

    public func negated() -> Quantity { Quantity(magnitude: amount.negated.value, unit: unit, errorExponent: errorExponent) }
}
