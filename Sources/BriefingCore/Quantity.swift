import Foundation

/// An exact decimal amount of some unit. The amount is kept in the dimension's base
/// unit (`magnitude`) so that arithmetic never converts twice; `unit` is how to show it.
public struct Quantity: Hashable, Sendable, CustomStringConvertible {
    public var magnitude: Decimal
    public var unit: Unit

    public init(magnitude: Decimal, unit: Unit) {
        self.magnitude = magnitude
        self.unit = unit
    }

    /// `value` is in `unit`, e.g. Quantity(287.3, 万千瓦).
    public init(_ value: Decimal, _ unit: Unit) {
        self.magnitude = value * unit.scale
        self.unit = unit
    }

    public var dimension: Dimension { unit.dimension }
    /// The amount in its own display unit.
    // Decimal division is slow; most scales are 1 or powers of ten.
    public var value: Decimal { Quantity.divide(magnitude, by: unit.scale) }

    public func value(in other: Unit) -> Decimal { Quantity.divide(magnitude, by: other.scale) }

    static func divide(_ v: Decimal, by scale: Decimal) -> Decimal {
        if scale == 1 { return v }
        if scale.significand == 1, scale.sign == .plus {
            // A power of ten: move the exponent instead of dividing.
            return Decimal(sign: v.sign, exponent: v.exponent - scale.exponent, significand: v.magnitude.significand)
        }
        return v / scale
    }

    public func converted(to other: Unit) throws(LocalError) -> Quantity {
        guard other.dimension == dimension else { throw Quantity.mismatch("换算", self, other) }
        return Quantity(magnitude: magnitude, unit: other)
    }

    public var description: String { NumberFormat.plain(value) + unit.symbol }

    static func mismatch(_ op: String, _ a: Quantity, _ b: Unit) -> LocalError {
        let aName = a.unit.symbol.isEmpty ? "无单位数" : a.unit.symbol
        let bName = b.symbol.isEmpty ? "无单位数" : b.symbol
        return LocalError("不能\(op)不同量纲的量：\(aName)（\(a.dimension)）与 \(bName)（\(b.dimension)）",
                          hint: "检查公式中各项的单位是否一致")
    }

    public func adding(_ b: Quantity) throws(LocalError) -> Quantity {
        guard dimension == b.dimension else { throw Quantity.mismatch("相加", self, b.unit) }
        return Quantity(magnitude: magnitude + b.magnitude, unit: unit.symbol.isEmpty ? b.unit : unit)
    }

    public func subtracting(_ b: Quantity) throws(LocalError) -> Quantity {
        guard dimension == b.dimension else { throw Quantity.mismatch("相减", self, b.unit) }
        return Quantity(magnitude: magnitude - b.magnitude, unit: unit.symbol.isEmpty ? b.unit : unit)
    }

    public func multiplied(by b: Quantity, units: UnitRegistry) -> Quantity {
        let dim = dimension * b.dimension
        let display: Unit
        if dim == dimension, b.dimension.isDimensionless { display = unit }
        else if dim == b.dimension, dimension.isDimensionless { display = b.unit }
        else {
            display = units.preferred(for: dim, scale: unit.scale * b.unit.scale,
                                      composed: "\(unit.symbol)·\(b.unit.symbol)")
        }
        return Quantity(magnitude: magnitude * b.magnitude, unit: display)
    }

    public func divided(by b: Quantity, units: UnitRegistry) throws(LocalError) -> Quantity {
        guard !b.magnitude.isZero else { throw LocalError("除数为零") }
        let dim = dimension / b.dimension
        let display: Unit
        if dim.isDimensionless { display = .one }
        else if b.dimension.isDimensionless { display = unit }
        else {
            display = units.preferred(for: dim, scale: unit.scale / b.unit.scale,
                                      composed: "\(unit.symbol)/\(b.unit.symbol)")
        }
        return Quantity(magnitude: magnitude / b.magnitude, unit: display)
    }

    public func negated() -> Quantity { Quantity(magnitude: -magnitude, unit: unit) }
}
