import Foundation

/// Reads the Chinese numeral at a position of a text: standard integers (一千零五, 四千五百万,
/// 一万二千亿), digit-by-digit sequences (二〇二一) and decimals with 点 (三点五亿).
/// Strict: a numeral that standard usage would not write (十十, 一千五十, 一万万) is an error,
/// never a guess. Whole numbers are kept in Int (at most 16 digits), never in floating point.
struct ChineseNumberReader {
    let chars: [Character]

    struct Number {
        var value: Decimal
        /// Digits after the point of the last written digit, as Chinese statistics write numbers
        /// with 万 and 亿: 四千五百万 is `4500万`, ±0.5万, so −4; 一千三百九十九 is 0; 三点五亿 is −7.
        var decimals: Int
        /// The value when it is a whole number written without 点.
        var integer: Int?
        /// Index just after the numeral.
        var end: Int
    }

    /// One group of up to four digits and the power of ten its 万/亿 give it.
    struct Section {
        var value: Int
        /// Position (0…3) of the section's highest written digit.
        var high: Int
        var exp = 0
        var zeroBefore = false
        /// The section is a single digit without 十百千 (三万五 abbreviates 三万五千).
        var bare: Character?
    }

    static let limitDigits = 16

    func at(_ i: Int) -> Character? { i >= 0 && i < chars.count ? chars[i] : nil }

    /// The numeral starting at `start`, or nil when no numeral character is there.
    func read(from start: Int) throws(LocalError) -> Number? {
        guard let c = at(start), Numerals.isNumeral(c) else { return nil }
        if Numerals.digit(c) != nil, let n = at(start + 1), Numerals.digit(n) != nil {
            return try readSequence(from: start)
        }
        let (integer, exp, end) = try readInteger(from: start)
        var i = end
        var number = Number(value: Decimal(integer), decimals: -exp, integer: integer, end: i)
        if at(i) == "点", let d = at(i + 1), d != "两", Numerals.digit(d) != nil {
            guard exp == 0 else { throw malformed(start, "“点”前面不能有“万”“亿”，应写作 三点五亿") }
            var fraction = ""
            i += 1
            while let d = at(i), d != "两", let v = Numerals.digit(d) {
                fraction += String(v)
                i += 1
            }
            guard String(integer).count + fraction.count <= 30 else {
                throw ChineseNumeral.tooLarge(String(chars[start..<i]), "有效数字最多 30 位")
            }
            var e = 0
            if at(i) == "万" { e = 4; i += 1; if at(i) == "亿" { e = 12; i += 1 } } else if at(i) == "亿" { e = 8; i += 1 }
            let digits = Decimal(string: "\(integer).\(fraction)", locale: Locale(identifier: "en_US_POSIX"))!
            number = Number(value: digits * Decimal(sign: .plus, exponent: e, significand: 1),
                            decimals: fraction.count - e, integer: nil, end: i)
        }
        try checkEnd(start, number.end)
        return number
    }

    /// 二〇二一, 一九九八: digits one by one, no 十百千万.
    func readSequence(from start: Int) throws(LocalError) -> Number {
        var i = start
        var digits: [Int] = []
        while let c = at(i), let d = Numerals.digit(c) {
            digits.append(d)
            i += 1
        }
        let written = chars[start..<i]
        if digits.count == 2, !written.contains(where: Numerals.isZero) {
            // 三五个, 七八十, 一两年: two neighbouring digits name a range.
            if digits[1] == digits[0] + 1 || digits == [3, 5] { throw ChineseNumeral.range(run(from: start)) }
            throw malformed(start, "两个数字连写，不是规范的数")
        }
        if written.contains("两") { throw malformed(start, "逐位书写的数字应写“二”而不是“两”") }
        if Numerals.isZero(written.first!) { throw malformed(start, "逐位书写的数字不能以“〇”开头，请写全") }
        guard digits.count <= Self.limitDigits else { throw ChineseNumeral.tooLarge(String(written)) }
        let value = digits.reduce(0) { $0 * 10 + $1 }
        try checkEnd(start, i)
        return Number(value: Decimal(value), decimals: 0, integer: value, end: i)
    }

    /// A standard integer: sections of 千百十 digits joined by 万 and 亿, with 零 where digits are
    /// skipped. Returns the value, the power of ten of the last section, and the end index.
    func readInteger(from start: Int) throws(LocalError) -> (Int, Int, Int) {
        if Numerals.isZero(chars[start]) { return (0, 0, start + 1) }
        var sections: [Section] = []
        var i = start
        var zero = false, canStart = true, wanUsed = false, yiUsed = false
        while let c = at(i) {
            // Only a 万 or 亿 may precede a new section (三万零二百); a 零 inside one is readSection's.
            guard canStart else { break }
            if Numerals.isZero(c) {
                guard !zero else { throw malformed(start, "“零”不能连写") }
                zero = true
                i += 1
                continue
            }
            var s: Section
            let bareBig = sections.isEmpty && Numerals.big(c) != nil
            if bareBig {
                s = Section(value: 1, high: 0)  // 近万人, 近亿元: one 万, one 亿
            } else if let (section, end) = try readSection(from: i, numberStart: sections.isEmpty, start: start) {
                s = section
                i = end
            } else {
                break
            }
            s.zeroBefore = zero
            zero = false
            canStart = false
            if at(i) == "万" {
                guard !wanUsed else { throw malformed(start, "“万”重复") }
                s.exp = 4
                wanUsed = true
                canStart = true
                i += 1
            }
            sections.append(s)
            if at(i) == "亿" {
                guard !yiUsed else { throw malformed(start, "“亿”重复") }
                for k in sections.indices { sections[k].exp += 8 }
                yiUsed = true
                wanUsed = false
                canStart = true
                i += 1
            }
            if bareBig { canStart = false }  // 万二千 is written 一万二千
        }
        if zero { throw malformed(start, "“零”后面缺少数字") }
        let last = sections.count - 1
        if last >= 1, let b = sections[last].bare, sections[last].exp == 0, !sections[last].zeroBefore {
            // 三万五 = 35000, 一亿三 = 1.3亿: the digit takes the place just below the 万 or 亿.
            guard b != "两" else { throw malformed(start, "末位应写“二”而不是“两”") }
            sections[last].value *= 1000
            sections[last].high = 3
            sections[last].exp = sections[last - 1].exp - 4
        }
        for k in sections.indices.dropFirst() {
            let a = sections[k - 1], b = sections[k]
            // A 零 stands for skipped digits: a whole empty section, or the top of the next one.
            let needsZero = a.exp - b.exp > 4 || b.high < 3
            if needsZero, !b.zeroBefore { throw malformed(start, "中间缺位时要写“零”，例如 三万零二百、一亿零五") }
            if !needsZero, b.zeroBefore { throw malformed(start, "多余的“零”，例如应写 三万二千 而不是 三万零二千") }
        }
        let value = sections.reduce(0) { $0 + $1.value * Numerals.pow10($1.exp) }
        return (value, sections[last].exp, i)
    }

    /// Up to four digits with 千百十, e.g. 三千零五, 二十, 十二 (十 alone only at the number's start).
    func readSection(from i: Int, numberStart: Bool, start: Int) throws(LocalError) -> (Section, Int)? {
        var value = 0, j = i, zero = false
        var high: Int?, last: Int?
        var bare: Character?
        if numberStart, let p = Numerals.small(chars[i]) {
            value = Numerals.pow10(p)
            high = p
            last = p
            j += 1
            // 近百家, 不足千家, 百万: 百 or 千 alone ends the section; 十 may go on (十二).
            if p >= 2 { return (Section(value: value, high: p), j) }
        }
        while let c = at(j) {
            if Numerals.isZero(c) {
                guard last != nil else { break }  // a 零 before the section is the caller's
                guard !zero else { throw malformed(start, "“零”不能连写") }
                zero = true
                j += 1
                continue
            }
            guard let d = Numerals.digit(c) else { break }
            if let p = at(j + 1).flatMap(Numerals.small) {
                if c == "两", p == 1 { throw malformed(start, "应写“二十”而不是“两十”") }
                if let l = last {
                    guard p < l else { throw malformed(start, "“\(chars[j + 1])”不能出现在这里") }
                    if l - p > 1, !zero { throw malformed(start, "中间缺位时要写“零”，例如 一千零五十") }
                    if l - p == 1, zero { throw malformed(start, "多余的“零”，例如应写 一千五百 而不是 一千零五百") }
                }
                value += d * Numerals.pow10(p)
                high = high ?? p
                last = p
                zero = false
                j += 2
                continue
            }
            // The last digit of the section.
            var p = 0
            if let l = last {
                guard c != "两" else { throw malformed(start, "末位应写“二”而不是“两”") }
                if zero {
                    guard l >= 2 else { throw malformed(start, "多余的“零”") }
                } else {
                    p = l - 1  // 二十五; 一千五 = 1500
                    if p >= 1, let n = at(j + 1), Numerals.big(n) != nil {
                        throw malformed(start, "含义不明，请写全，例如 三千五百万")
                    }
                }
            } else {
                bare = c
            }
            value += d * Numerals.pow10(p)
            high = high ?? p
            zero = false
            j += 1
            break
        }
        if zero { throw malformed(start, "“零”后面缺少数字") }
        guard let high else { return nil }
        return (Section(value: value, high: high, bare: bare), j)
    }

    /// What follows a numeral must not be a misplaced numeral character (十十, 千百, 一万万).
    /// 千 may start a unit (三十千瓦); 万 and 亿 would have been read as part of the number.
    func checkEnd(_ start: Int, _ i: Int) throws(LocalError) {
        guard let c = at(i) else { return }
        if c == "几" { throw ChineseNumeral.range(run(from: start)) }
        let next = at(i + 1)
        let misplaced = c == "千" ? (next.map(Numerals.isNumeral) ?? true)
            : c == "点" ? (next.flatMap(Numerals.digit) != nil)
            : Numerals.isNumeral(c)
        if misplaced { throw malformed(start, "“\(c)”的位置不对") }
    }

    /// The run of numeral characters from `start`, quoted in messages.
    func run(from start: Int) -> String {
        var i = start
        while let c = at(i), Numerals.isNumeral(c) || c == "几" || c == "点" { i += 1 }
        return String(chars[start..<max(i, start + 1)])
    }

    func malformed(_ start: Int, _ reason: String) -> LocalError {
        LocalError("`\(Diagnostic.excerpt(run(from: start)))` 不是规范的中文数字：\(reason)",
                   hint: "例如 一千零五、三万零二百、四千五百万、二〇二一；也可以改用阿拉伯数字")
    }
}

/// Character classes of Chinese numerals.
enum Numerals {
    static func digit(_ c: Character) -> Int? {
        switch c {
        case "零", "〇": 0
        case "一": 1
        case "二", "两": 2
        case "三": 3
        case "四": 4
        case "五": 5
        case "六": 6
        case "七": 7
        case "八": 8
        case "九": 9
        default: nil
        }
    }

    static func small(_ c: Character) -> Int? { c == "十" ? 1 : c == "百" ? 2 : c == "千" ? 3 : nil }
    static func big(_ c: Character) -> Int? { c == "万" ? 4 : c == "亿" ? 8 : nil }
    static func isZero(_ c: Character) -> Bool { c == "零" || c == "〇" }
    static func isNumeral(_ c: Character) -> Bool { digit(c) != nil || small(c) != nil || big(c) != nil }
    static func pow10(_ n: Int) -> Int { (0..<n).reduce(1) { r, _ in r * 10 } }
}
