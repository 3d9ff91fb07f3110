import Foundation

/// Foundation's `Decimal` is the C struct NSDecimal: an 8-bit exponent, a 4-bit length, sign
/// and compact flags, then a 128-bit mantissa in eight 16-bit words. Foundation offers no
/// public way to read or set the mantissa as an integer; going through NSDecimalNumber costs
/// an object per number and was a fifth of a build. So this reads and writes the fields
/// directly, in one of the two flag layouts in use (swift-foundation on Linux, Apple's
/// NSDecimal bit-fields), chosen by comparing against Foundation's own API on known values at
/// first use. When neither layout matches, `layout` is nil and DecimalMath keeps the slow path.
enum DecimalLayout {
    struct Flags {
        var lengthShift: UInt8
        var negativeBit: UInt8
        var compactBit: UInt8
    }

    static let candidates = [
        Flags(lengthShift: 4, negativeBit: 3, compactBit: 2), // swift-foundation
        Flags(lengthShift: 0, negativeBit: 4, compactBit: 5), // NSDecimal bit-fields, little-endian
    ]

    static let layout: Flags? = candidates.first(where: verified)

    /// ±coefficient × 10^exponent as stored (the coefficient may have trailing zeros); nil for NaN.
    static func read(_ d: Decimal, _ f: Flags) -> (negative: Bool, coefficient: UInt128, exponent: Int)? {
        withUnsafeBytes(of: d) { b in
            let flags = b[1]
            let length = Int((flags >> f.lengthShift) & 0x0F)
            let negative = (flags >> f.negativeBit) & 1 == 1
            if length == 0 { return negative ? nil : (false, 0, 0) }
            var c: UInt128 = 0
            for w in stride(from: length - 1, through: 0, by: -1) {
                c = c << 16 | UInt128(b[4 + 2 * w]) | UInt128(b[5 + 2 * w]) << 8
            }
            return (negative, c, Int(Int8(bitPattern: b[0])))
        }
    }

    /// The Decimal ±c × 10^exponent; `exponent` within -128…127, c below 2¹²⁸.
    static func make(negative: Bool, _ c: UInt128, exponent: Int, _ f: Flags) -> Decimal {
        var d = Decimal()
        guard c != 0 else { return d }
        withUnsafeMutableBytes(of: &d) { b in
            var rest = c, length = 0
            while rest != 0 {
                b[4 + 2 * length] = UInt8(truncatingIfNeeded: rest)
                b[5 + 2 * length] = UInt8(truncatingIfNeeded: rest >> 8)
                rest >>= 16
                length += 1
            }
            b[0] = UInt8(bitPattern: Int8(exponent))
            // Compact: no trailing zero in the mantissa (Foundation's normal form).
            b[1] = UInt8(length) << f.lengthShift | (negative ? 1 << f.negativeBit : 0) | (c % 10 != 0 ? 1 << f.compactBit : 0)
        }
        return d
    }

    /// Reading and writing agree with Foundation on values of every length, both signs, the
    /// exponent's ends, zero and NaN.
    static func verified(_ f: Flags) -> Bool {
        guard MemoryLayout<Decimal>.size == 20 else { return false }
        let samples: [(String, Bool, UInt128, Int)] = [
            ("7", false, 7, 0), ("-7", true, 7, 0), ("0.01", false, 1, -2), ("65536", false, 65536, 0),
            ("-123456789012345678901234567890.125", true, 123456789012345678901234567890125, -3),
            ("99999999999999999999999999999999999999", false, 99999999999999999999999999999999999999, 0),
            ("1e127", false, 1, 127), ("-3e-128", true, 3, -128),
        ]
        for (text, negative, c, e) in samples {
            guard let d = Decimal(string: text), let r = read(d, f),
                  r.negative == negative, r.coefficient == c, r.exponent == e else { return false }
            let made = make(negative: negative, c, exponent: e, f)
            guard made == d, made.description == d.description, made.sign == d.sign,
                  made.exponent == d.exponent, made.significand == d.significand else { return false }
        }
        guard let zero = read(Decimal(), f), zero.coefficient == 0, read(Decimal.nan, f) == nil else { return false }
        return (make(negative: false, 12345, exponent: -2, f) + 1).description == "124.45"
    }
}

extension DecimalMath {
    /// `Decimal.description` (digits, no exponent, trailing zeros after the point dropped)
    /// from the coefficient, without Foundation's general-purpose formatting, which was the
    /// largest single cost of rendering numbers. Nil when the fields cannot be read.
    static func text(_ v: Decimal) -> String? {
        guard DecimalLayout.layout != nil, let p = try? parts(v) else { return nil }
        if p.coefficient == 0 { return "0" }
        var digits = String(p.coefficient)
        var out = p.negative ? "-" : ""
        if p.exponent >= 0 {
            digits += String(repeating: "0", count: p.exponent)
            out += digits
        } else {
            let point = digits.utf8.count + p.exponent
            if point <= 0 {
                out += "0." + String(repeating: "0", count: -point) + digits
            } else {
                let i = digits.index(digits.startIndex, offsetBy: point)
                out += digits[..<i] + "." + digits[i...]
            }
        }
        return out
    }
}
