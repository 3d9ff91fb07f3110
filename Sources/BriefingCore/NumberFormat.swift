import Foundation

/// Chinese statistical style: value and unit without a space, no exponent, a fixed
/// number of decimals when a precision is known.
public enum NumberFormat {
    /// Rounds half away from zero to `decimals` places.
    public static func rounded(_ v: Decimal, _ decimals: Int) -> Decimal {
        var input = v
        var out = Decimal()
        NSDecimalRound(&out, &input, decimals, .plain)
        return out
    }

    /// Plain decimal text (no exponent, no grouping), trailing zeros trimmed.
    public static func plain(_ v: Decimal) -> String {
        // Decimal.description is what NSDecimalNumber.stringValue returns, without the object.
        var s = v.description
        if s == "-0" { s = "0" }
        return s
    }

    /// Exactly `decimals` digits after the point.
    public static func fixed(_ v: Decimal, decimals: Int) -> String {
        let r = rounded(v, decimals)
        var s = plain(r)
        if decimals > 0 {
            if let dot = s.firstIndex(of: ".") {
                let have = s.distance(from: dot, to: s.endIndex) - 1
                if have < decimals { s += String(repeating: "0", count: decimals - have) }
            } else {
                s += "." + String(repeating: "0", count: decimals)
            }
        }
        return s
    }

    /// A quantity in `unit` with `decimals` places (or up to 2, trimmed, when nil).
    public static func format(_ q: Quantity, in unit: Unit? = nil, decimals: Int? = nil) -> String {
        let u = unit ?? q.unit
        let v = q.value(in: u)
        let text = decimals.map { fixed(v, decimals: $0) } ?? plain(rounded(v, 2))
        return text + u.symbol
    }
}
