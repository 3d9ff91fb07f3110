import Foundation

/// A number as written: its exact value and how many digits follow the decimal point
/// (the written precision, which sets the default tolerance and display).
public struct WrittenNumber: Hashable, Sendable {
    public var value: Decimal
    public var decimals: Int
    public var text: String
}

/// A comparator in front of a stated number (DESIGN §3.4).
public enum Comparator: String, Sendable, CaseIterable {
    case equal = "="
    case approx = "≈"
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    /// Chinese qualifiers accepted as comparators, longest first so 超过 wins over 超.
    public static let aliases: [(String, Comparator)] = [
        ("不低于", .greaterOrEqual), ("超过", .greater), ("突破", .greater), ("以上", .greaterOrEqual),
        ("不足", .less), ("约", .approx), ("近", .approx), ("超", .greater),
        (">=", .greaterOrEqual), ("≥", .greaterOrEqual), ("<=", .lessOrEqual), ("≤", .lessOrEqual),
        ("≈", .approx), ("~", .approx), (">", .greater), ("<", .less), ("=", .equal),
    ]
}

/// A quantity written in text: optional comparator, number, unit (`约 3000 亿元`, `7.6%`).
public struct WrittenQuantity: Hashable, Sendable {
    public var comparator: Comparator
    public var number: WrittenNumber
    public var quantity: Quantity
    public var text: String

    /// Half a unit in the last written digit, in the written unit (statcheck's rule).
    public var halfUnitOfLastDigit: Quantity {
        Quantity(Decimal(sign: .plus, exponent: -(number.decimals + 1), significand: 5), quantity.unit)
    }
}

public enum QuantityParser {
    /// Full-width digits and signs (４１３．８％) are accepted and read as ASCII, since
    /// text pasted from Word often has them; the meaning is unambiguous.
    public static func normalize(_ s: String) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count)
        for u in s.unicodeScalars {
            switch u.value {
            case 0xFF10...0xFF19: out.unicodeScalars.append(Unicode.Scalar(u.value - 0xFF10 + 0x30)!)
            case 0xFF0E: out.append(".")
            case 0xFF05: out.append("%")
            case 0xFF0B: out.append("+")
            case 0xFF0D, 0x2212: out.append("-")
            case 0xFF0C: out.append(",")
            case 0x3000: out.append(" ")
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// Reads a decimal number at the start of `s`; returns it and the rest of the text.
    public static func number(prefixOf s: Substring) -> (WrittenNumber, Substring)? {
        var i = s.startIndex
        var digits = ""
        if i < s.endIndex, s[i] == "-" || s[i] == "+" {
            if s[i] == "-" { digits.append("-") }
            i = s.index(after: i)
        }
        var intDigits = 0, decimals = 0, seenPoint = false
        while i < s.endIndex {
            let c = s[i]
            if c.isASCII, c.isNumber {
                digits.append(c)
                if seenPoint { decimals += 1 } else { intDigits += 1 }
            } else if c == ".", !seenPoint, intDigits > 0 {
                let next = s.index(after: i)
                guard next < s.endIndex, s[next].isASCII, s[next].isNumber else { break }
                seenPoint = true
                digits.append(c)
            } else if c == ",", intDigits > 0, !seenPoint {
                // Thousands separators: 1,445,835 — exactly three digits must follow.
                let rest = s[s.index(after: i)...]
                guard rest.prefix(3).count == 3, rest.prefix(3).allSatisfy({ $0.isASCII && $0.isNumber }) else { break }
            } else {
                break
            }
            i = s.index(after: i)
        }
        guard intDigits > 0, intDigits + decimals <= 30, let value = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else {
            return nil
        }
        return (WrittenNumber(value: value, decimals: decimals, text: String(s[s.startIndex..<i])), s[i...])
    }

    /// Parses `[comparator] number [unit]`.
    public static func parseWritten(_ raw: String, units: UnitRegistry, allowComparator: Bool = true) throws(LocalError) -> WrittenQuantity {
        let text = normalize(raw).trimmed()
        var rest = Substring(text)
        var comparator = Comparator.equal
        if allowComparator {
            for (word, c) in Comparator.aliases where rest.hasPrefix(word) {
                comparator = c
                rest = rest.dropFirst(word.count).drop(while: { $0 == " " })
                break
            }
        }
        guard let (num, after) = number(prefixOf: rest) else {
            throw LocalError("`\(Diagnostic.excerpt(raw))` 不是一个数量", hint: "应写成“数字+单位”，例如 413.8 万千瓦、7.6%、1445835 人")
        }
        var unitText = String(after).trimmedSpaces()
        // A trailing qualifier such as 以上/左右 after the unit: 以上 means >=, 左右 means ≈.
        for (word, c) in [("以上", Comparator.greaterOrEqual), ("左右", Comparator.approx)]
        where allowComparator && unitText.hasSuffix(word) {
            unitText = String(unitText.dropLast(word.count)).trimmedSpaces()
            if comparator == .equal { comparator = c }
        }
        // 60余项, 3000多人: more than the number.
        for word in ["余", "多"] where allowComparator && unitText.hasPrefix(word) && unitText.count > 1 {
            unitText = String(unitText.dropFirst())
            if comparator == .equal { comparator = .greater }
        }
        let unit = try units.lookup(unitText)
        return WrittenQuantity(comparator: comparator, number: num, quantity: Quantity(num.value, unit), text: text)
    }

    /// Parses `number [unit]` with no comparator.
    public static func parse(_ raw: String, units: UnitRegistry) throws(LocalError) -> Quantity {
        try parseWritten(raw, units: units, allowComparator: false).quantity
    }
}
