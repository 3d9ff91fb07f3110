import Foundation

/// Chinese statistical style: value and unit without a space, no exponent, a fixed
/// number of decimals when a precision is known.
public enum NumberFormat {
    /// Rounds half away from zero to `decimals` places; never traps, never gives -0.
    public static func rounded(_ v: Decimal, _ decimals: Int) -> Decimal {
        DecimalMath.rounded(v, toExponent: -decimals)
    }

    /// Plain decimal text (no exponent, no grouping), trailing zeros trimmed, never "-0".
    public static func plain(_ v: Decimal) -> String {
        if v.isZero { return "0" }
        if let text = DecimalMath.text(v) { return text }
        // Decimal.description is what NSDecimalNumber.stringValue returns, without the object.
        return v.description
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

    /// Places shown for a value without a stated precision: two, or more below 1 so that at
    /// least two significant digits show (0.004 亿元, not 0 亿元; 0.013%, not 0.01%).
    public static func defaultDecimals(_ v: Decimal) -> Int {
        guard let lead = DecimalMath.leadingDigit(v) else { return 0 }
        return max(2, 1 - lead)
    }

    /// A quantity in `unit` with `decimals` places, or without a stated precision with
    /// `defaultDecimals`, trailing zeros trimmed.
    public static func format(_ q: Quantity, in unit: Unit? = nil, decimals: Int? = nil) -> String {
        let u = unit ?? q.unit
        let v = q.value(in: u)
        let text = decimals.map { fixed(v, decimals: $0) } ?? plain(rounded(v, defaultDecimals(v)))
        return text + u.symbol
    }
}
