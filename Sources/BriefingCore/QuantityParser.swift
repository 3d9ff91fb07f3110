import Foundation

/// A number as written: its exact value and how many digits follow the decimal point
/// (the written precision, which sets the default tolerance and display).
public struct WrittenNumber: Hashable, Sendable {
    public var value: Decimal
    public var decimals: Int
    public var text: String

    public init(value: Decimal, decimals: Int, text: String) {
        self.value = value
        self.decimals = decimals
        self.text = text
    }
}

/// A comparator in front of a stated number (DESIGN §3.4).
public enum Comparator: String, Sendable, CaseIterable {
    case equal = "="
    case approx = "≈"
    case greater = ">"
    case greaterOrEqual = ">="
    case less = "<"
    case lessOrEqual = "<="

    /// `>`, `>=`, `<`, `<=`: the written number is a limit, not the value to some precision.
    public var isBound: Bool { self != .equal && self != .approx }

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

    public init(comparator: Comparator, number: WrittenNumber, quantity: Quantity, text: String) {
        self.comparator = comparator
        self.number = number
        self.quantity = quantity
        self.text = text
    }

    /// Half a unit in the last written digit, in the written unit (statcheck's rule).
    public var halfUnitOfLastDigit: Quantity {
        Quantity(Decimal(sign: .plus, exponent: -(number.decimals + 1), significand: 5), quantity.unit)
    }
}

public enum QuantityParser {
    /// Full-width digits and signs (４１３．８％) are accepted and read as ASCII, since
    /// text pasted from Word often has them; the meaning is unambiguous.
    public static func normalize(_ s: String) -> String {
        // Most text has none of these (all start with UTF-8 lead byte 0xE2, 0xE3 or 0xEF).
        guard s.utf8.contains(where: { $0 == 0xE2 || $0 == 0xE3 || $0 == 0xEF }) else { return s }
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

    /// Digits a written number may have (integer and decimal parts together): computation
    /// keeps 38 significant digits, and 30 leaves room for unit scales and sums to stay exact.
    public static let maxWrittenDigits = 30

    /// Reads a decimal number at the start of `s`; returns it and the rest of the text, or
    /// nil when there is none or it is not acceptable (see `scan`).
    public static func number(prefixOf s: Substring) -> (WrittenNumber, Substring)? {
        (try? scan(prefixOf: s)) ?? nil
    }

    /// Reads a decimal number at the start of `s`: nil when `s` does not start with one, an
    /// error saying why for too many digits or scientific notation (1e400).
    public static func scan(prefixOf s: Substring) throws(LocalError) -> (WrittenNumber, Substring)? {
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
        guard intDigits > 0 else { return nil }
        let text = String(s[s.startIndex..<i])
        if isExponent(s[i...]) {
            let exp = s[i...].prefix { $0 == "e" || $0 == "E" || $0 == "+" || $0 == "-" || ($0.isASCII && $0.isNumber) }
            throw LocalError("`\(Diagnostic.excerpt(text + exp))` 是科学计数法，不支持这种写法",
                             hint: "请写成普通数字，例如 0.00012、120000000；中文统计数字不用科学计数法，数量很大时可用万、亿等单位")
        }
        guard intDigits + decimals <= maxWrittenDigits else {
            throw LocalError("数字 `\(Diagnostic.excerpt(text))` 共 \(intDigits + decimals) 位，超过 \(maxWrittenDigits) 位的上限",
                             hint: "计算最多保留 \(DecimalMath.maxDigits) 位有效数字，\(maxWrittenDigits) 位以内的数字经单位换算和运算后仍能精确表示；请核对是否多写了数字，或改用万、亿等单位")
        }
        guard let value = decimalValue(digits, decimals: decimals) else { return nil }
        return (WrittenNumber(value: value, decimals: decimals, text: text), s[i...])
    }

    /// `e5`, `E-3`, `e+12` right after a number.
    static func isExponent(_ s: Substring) -> Bool {
        guard let e = s.first, e == "e" || e == "E" else { return false }
        var rest = s.dropFirst()
        if let sign = rest.first, sign == "+" || sign == "-" { rest = rest.dropFirst() }
        return rest.first.map { $0.isASCII && $0.isNumber } ?? false
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// The value of `[-]digits[.digits]`: built from an integer and an exponent when it has at
    /// most 18 digits (parsing text into a Decimal is slow), else parsed.
    static func decimalValue(_ text: String, decimals: Int) -> Decimal? {
        var significand: UInt64 = 0, count = 0, negative = false
        for b in text.utf8 {
            switch b {
            case UInt8(ascii: "-"): negative = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                significand = significand &* 10 &+ UInt64(b - UInt8(ascii: "0"))
                count += 1
            default: continue
            }
        }
        guard count <= 18 else { return Decimal(string: text, locale: posix) }
        // A negative zero Decimal (sign bit set, no digits) would be NaN.
        guard significand != 0 else { return Decimal(0) }
        return Decimal(sign: negative ? .minus : .plus, exponent: -decimals, significand: Decimal(significand))
    }

    /// Parses `[comparator] number [unit]`.
    public static func parseWritten(_ raw: String, units: UnitRegistry, allowComparator: Bool = true) throws(LocalError) -> WrittenQuantity {
        let text = normalize(raw).trimmed()
        var rest = Substring(text)
        var comparator = Comparator.equal
        let startsWithDigit = rest.utf8.first.map { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") } ?? false
        if allowComparator, !startsWithDigit {
            for (word, c) in Comparator.aliases where rest.hasPrefix(word) {
                comparator = c
                rest = rest.dropFirst(word.count).drop(while: { $0 == " " })
                break
            }
        }
        if allowComparator, !startsWithDigit, ChineseNumeral.looksChinese(rest) {
            // 五个, 十余种, 三分之一, 翻番 (DESIGN §3.5). Figure values (allowComparator false) stay Arabic.
            return try ChineseNumeral.parse(String(rest)).written(units: units, prefix: comparator, text: text)
        }
        guard let (num, after) = try scan(prefixOf: rest) else {
            throw LocalError("`\(Diagnostic.excerpt(raw))` 不是一个数量", hint: "应写成“数字+单位”，例如 413.8 万千瓦、7.6%、1445835 人")
        }
        var unitText = String(after).trimmedSpaces()
        // A trailing qualifier such as 以上/左右 after the unit: 以上 means >=, 左右 means ≈.
        for (word, c) in [("以上", Comparator.greaterOrEqual), ("左右", Comparator.approx)]
        where allowComparator && unitText.hasSuffix(word) {
            unitText = String(unitText.dropLast(word.count)).trimmedSpaces()
            if comparator == .equal { comparator = c }
        }
        // 60余项, 3000多人: at least the number (as 十余种 in Chinese numerals; DESIGN §3.5).
        for word in ["余", "多"] where allowComparator && unitText.hasPrefix(word) && unitText.count > 1 {
            unitText = String(unitText.dropFirst())
            if comparator == .equal { comparator = .greaterOrEqual }
        }
        let unit = try units.lookup(unitText)
        return WrittenQuantity(comparator: comparator, number: num, quantity: Quantity(num.value, unit), text: text)
    }

    /// Parses `number [unit]` with no comparator.
    public static func parse(_ raw: String, units: UnitRegistry) throws(LocalError) -> Quantity {
        try parseWritten(raw, units: units, allowComparator: false).quantity
    }
}
