import Foundation

/// A number a reader sees in the text, with its unit: a candidate figure.
public struct FoundNumber: Hashable, Sendable {
    /// Number and unit as written: `413.8万千瓦`.
    public var written: String
    /// The value for the front matter: the digits as written (so `2.90` keeps its precision),
    /// without thousands separators.
    public var value: String
    /// Unit symbol, "" for a bare number.
    public var unit: String
    /// Character offsets of the number's first character and just past its unit.
    public var offset: Int
    public var end: Int
    /// What the author should know before using it (a 约 in front, 万 with no unit …).
    public var remark: String?
}

/// Finds the numbers in one block of plain text (a paragraph, heading or table cell) that may
/// be figures, leaving out years, dates, list numbering and numbers that are part of a name.
public enum NumberScanner {
    static let rangeMarks: Set<Character> = ["-", "–", "—", "~", "～", "至", "到"]
    static let approxBefore = ["大约", "接近", "将近", "超过", "突破", "不足", "约", "近", "超", "逾"]
    static let approxAfter = ["以上", "左右", "余", "多"]
    /// Words after a number that make it part of a name: 80年代, 100周年, 1号楼, 世界500强, 90后.
    static let nameWords = ["年代", "周年", "号", "强", "后"]

    public static func scan(_ raw: String, units: UnitRegistry) -> [FoundNumber] {
        guard hasDigit(raw) else { return [] }
        let c = Array(normalize(raw))
        let n = c.count
        func at(_ k: Int) -> Character? { k >= 0 && k < n ? c[k] : nil }
        func digit(_ k: Int) -> Bool { at(k).map(isDigit) ?? false }
        func space(_ k: Int) -> Bool { at(k).map(isSpace) ?? false }
        func skipSpaces(_ k: Int) -> Int { var k = k; while space(k) { k += 1 }; return k }
        func text(_ a: Int, _ b: Int) -> String { String(c[max(0, a)..<min(n, max(a, b))]) }
        func hasWord(_ k: Int, _ w: String) -> Bool { text(k, k + w.count) == w }
        func digitsEnd(_ k: Int) -> Int { var k = k; while digit(k) { k += 1 }; return k }

        /// The longest unit the registry knows starting at `k`.
        func unit(at k: Int) -> (String, Int)? {
            guard let first = at(k), !isSpace(first), !isDigit(first), first != "/" else { return nil }
            for len in stride(from: min(8, n - k), through: 1, by: -1) {
                let s = text(k, k + len)
                guard !s.contains(where: isSpace), !s.hasSuffix("/") else { continue }
                if units.find(s) != nil { return (s, k + len) }
            }
            return nil
        }
        /// A unit, possibly with 余/多 before it (60余项, 41万余元): (symbol, end, approximate).
        func unitWithQualifier(at k: Int) -> (String, Int, Bool)? {
            if let (u, e) = unit(at: k) { return (u, e, false) }
            if let q = at(k), q == "余" || q == "多", let (u, e) = unit(at: k + 1) { return (u, e, true) }
            if let m = at(k), m == "万" || m == "亿", let q = at(k + 1), q == "余" || q == "多",
               let (u, e) = unit(at: k + 2), units.find(String(m) + u) != nil {
                return (String(m) + u, e, true)
            }
            return nil
        }

        var found: [FoundNumber] = []
        var book = 0
        var i = 0
        let firstNonSpace = skipSpaces(0)
        while i < n {
            guard isDigit(c[i]) else {
                if c[i] == "《" { book += 1 } else if c[i] == "》" { book = max(0, book - 1) }
                i += 1
                continue
            }
            let start = i
            var digits = "", seenPoint = false
            var j = i
            while j < n {
                if isDigit(c[j]) {
                    digits.append(c[j])
                } else if c[j] == ",", !seenPoint, digit(j + 1), digit(j + 2), digit(j + 3), !digit(j + 4) {
                    // thousands separator: 1,445,835
                } else if c[j] == ".", !seenPoint, digit(j + 1) {
                    seenPoint = true
                    digits.append(".")
                } else {
                    break
                }
                j += 1
            }
            i = j
            // Section numbers and versions (3.1.2), and codes with a leading zero (0477).
            if at(j) == ".", digit(j + 1) {
                while digit(i) || (at(i) == "." && digit(i + 1)) { i += 1 }
                continue
            }
            if digits.count > 1, digits.first == "0", !digits.hasPrefix("0.") {               // 0477-8581234
                if at(j) == "-", digit(j + 1) { i = digitsEnd(j + 1) }
                continue
            }
            let integer = !seenPoint
            let prev = at(start - 1)
            let before = skipSpacesBack(c, start - 1)
            let next = at(j)
            let afterSpaces = skipSpaces(j)

            if book > 0 { continue }                                               // inside 《…》: a title
            if let p = prev, p.isASCII, p.isLetter || p == "_" || p == "." { continue }   // PM2.5, G20
            if before >= 0, c[before] == "第" { continue }                           // 第26期
            if prev == "+" || prev == "＋" || next == "+" || next == "＋" { continue }    // 1+N
            if let p = prev, "(（".contains(p), let q = next, ")）".contains(q), integer { continue }  // （1）
            if let q = next, q == ":" || q == "：", digit(j + 1) {                    // 8:30, 1:1
                i = digitsEnd(j + 1)
                continue
            }
            if let a = at(afterSpaces), a == "月" || a == "日" { continue }          // 6月, 17日
            let blockStart = start == firstNonSpace
            let afterStop = before >= 0 && "：:；;。！？".contains(c[before])
            if integer, blockStart || afterStop, let q = next, ".、)）".contains(q) { continue }   // 1. 1、 1）
            if integer, blockStart, digits.count <= 2, space(j) { continue }                  // 1 组织联建
            if nameWords.contains(where: { hasWord(j, $0) }) { continue }
            if hasWord(j, "千伏"), !hasWord(j, "千伏安") { continue }                  // 500千伏: a voltage class
            let yearLike = integer && digits.count == 4 && (1900...2100).contains(Int(digits) ?? 0)
            if yearLike {
                if at(afterSpaces) == "年" { continue }                               // 2021年
                if let q = next, q == "-" || q == "/", digit(j + 1) {                 // 2022-06-01
                    let e = digitsEnd(j + 1)
                    if at(e) == q, digit(e + 1) {
                        i = digitsEnd(e + 1)
                        continue
                    }
                }
                if let q = next, rangeMarks.contains(q) {                            // 2021-2025年, 1971-81年
                    let s2 = skipSpaces(j + 1), e2 = digitsEnd(s2)
                    if e2 > s2, at(skipSpaces(e2)) == "年" || (e2 - s2 == 4 && !digit(e2)) {
                        i = e2
                        continue
                    }
                }
            }

            var unitSymbol = "", end = j, approx = false
            if let (u, e, q) = unitWithQualifier(at: j) ?? (space(j) ? unitWithQualifier(at: j + 1) : nil) {
                (unitSymbol, end, approx) = (u, e, q)
            }
            var value = digits
            var remark: String?
            if unitSymbol.isEmpty {
                if let q = next, q.isASCII, q.isLetter { continue }                   // 5G, 10kV
                if !integer, digits.count <= 7, digits.split(separator: ".")[0].count == 4,
                   (1900...2100).contains(Int(digits.split(separator: ".")[0]) ?? 0),
                   let m = Int(digits.split(separator: ".")[1]), (1...12).contains(m) { continue }  // 2022.6
                let m = skipSpaces(j)
                for (word, power) in [("万亿", 12), ("亿", 8), ("万", 4)] where hasWord(m, word) {
                    value = scaled(digits, power: power)
                    end = m + word.count
                    remark = "原文写作“\(text(start, end))”，没有单位：value 已按\(word)换算为 \(value)；请补上单位（例如 unit: \(word)人），并把 value 改回 \(digits)"
                    break
                }
                if remark == nil, let q = at(j), q == "余" || q == "多" { approx = true }
            } else if at(start - 1) == "-" || at(start - 1) == "−", !(at(start - 2).map(isDigit) ?? false) {
                value = "-" + value
            }
            // The qualifier is quoted with the number: 约3座, 20%左右.
            var (from, to) = (start, end)
            if let w = approxBefore.first(where: { text(before - $0.count + 1, before + 1) == $0 }) {
                from = before - w.count + 1
                approx = true
            }
            if let w = approxAfter.first(where: { hasWord(end, $0) }) {
                to = end + w.count
                approx = true
            }
            if approx, remark == nil {
                remark = "原文是约数（“\(text(from, to))”）：数据项只写数字；“约”“余”“以上”等写进指标的 stated 或 note"
            }
            found.append(FoundNumber(written: text(start, end), value: value, unit: unitSymbol,
                                     offset: start, end: end, remark: remark))
            i = max(i, end)
        }
        // 5-10万元, 3、5、7个: a bare number before a range mark or 、 takes the next one's unit.
        if found.count > 1 {
            for k in stride(from: found.count - 2, through: 0, by: -1)
            where found[k].unit.isEmpty && found[k].remark == nil && !found[k + 1].unit.isEmpty {
                let between = text(found[k].end, found[k + 1].offset).trimmed()
                if between == "、" || (between.count == 1 && rangeMarks.contains(between.first!)) || between == "——" {
                    found[k].unit = found[k + 1].unit
                }
            }
        }
        return found
    }

    /// Whether the text has an ASCII digit or a full-width one (０–９: EF BC 90–99 in UTF-8).
    static func hasDigit(_ s: String) -> Bool {
        var prev2: UInt8 = 0, prev1: UInt8 = 0
        for b in s.utf8 {
            if b >= 0x30 && b <= 0x39 { return true }
            if prev2 == 0xEF, prev1 == 0xBC, b >= 0x90 && b <= 0x99 { return true }
            (prev2, prev1) = (prev1, b)
        }
        return false
    }

    public static func isDigit(_ ch: Character) -> Bool { ch.isASCII && ch.isNumber }
    public static func isSpace(_ ch: Character) -> Bool { ch == " " || ch == "\u{3000}" || ch == "\u{A0}" || ch == "\t" }

    static func skipSpacesBack(_ c: [Character], _ k: Int) -> Int {
        var k = k
        while k >= 0, isSpace(c[k]) { k -= 1 }
        return k
    }

    /// Full-width digits, point and percent as ASCII, one character for one, so offsets hold.
    /// The Chinese comma stays: it separates list items, never thousands.
    public static func normalize(_ s: String) -> String {
        var out = ""
        for ch in s {
            let u = ch.unicodeScalars.first!.value
            switch u {
            case 0xFF10...0xFF19 where ch.unicodeScalars.count == 1: out.append(Character(Unicode.Scalar(u - 0xFF10 + 0x30)!))
            case 0xFF0E where ch.unicodeScalars.count == 1: out.append(".")
            case 0xFF05 where ch.unicodeScalars.count == 1: out.append("%")
            default: out.append(ch)
            }
        }
        return out
    }

    /// `digits` × 10^power, exactly, as plain decimal text.
    static func scaled(_ digits: String, power: Int) -> String {
        guard let d = Decimal(string: digits, locale: Locale(identifier: "en_US_POSIX")) else { return digits }
        var r = Decimal()
        var x = d
        _ = NSDecimalMultiplyByPowerOf10(&r, &x, Int16(power), .plain)
        return "\(r)"
    }
}
