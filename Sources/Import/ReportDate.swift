import BriefingCore
import Foundation

/// A date as a report writes it (2022年6月17日, 2022 年 6 月, 二〇二二年六月, 2022-06-01),
/// turned into the front matter's YYYY-MM-DD.
public struct ReportDate: Hashable, Sendable {
    public var iso: String
    /// False when the text gives only year and month: the day is then the 1st.
    public var hasDay: Bool
    public var written: String

    static let arabic = try! NSRegularExpression(
        pattern: #"^([0-9]{4})\s*(?:年\s*([0-9]{1,2})\s*月(?:\s*([0-9]{1,2})\s*[日号])?|[-./]\s*([0-9]{1,2})(?:\s*[-./]\s*([0-9]{1,2}))?)$"#)
    static let chinese = try! NSRegularExpression(
        pattern: #"^([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})[日号])?$"#)

    /// Parses a whole line that is only a date; nil otherwise.
    public static func parse(_ raw: String) -> ReportDate? {
        let s = NumberScanner.normalize(raw).trimmed()
        let range = NSRange(s.startIndex..., in: s)
        func group(_ m: NSTextCheckingResult, _ i: Int) -> String? {
            Range(m.range(at: i), in: s).map { String(s[$0]) }
        }
        if let m = arabic.firstMatch(in: s, range: range) {
            let y = Int(group(m, 1)!)!
            let month = group(m, 2) ?? group(m, 4)
            let day = group(m, 3) ?? group(m, 5)
            return make(y, Int(month!)!, day.flatMap { Int($0) }, written: s)
        }
        if let m = chinese.firstMatch(in: s, range: range) {
            let digits = group(m, 1)!.map { chineseDigit($0) ?? 0 }
            let y = digits.reduce(0) { $0 * 10 + $1 }
            guard let month = chineseNumber(group(m, 2)!) else { return nil }
            let day = group(m, 3).flatMap(chineseNumber)
            if group(m, 3) != nil && day == nil { return nil }
            return make(y, month, day, written: s)
        }
        return nil
    }

    static func make(_ y: Int, _ m: Int, _ d: Int?, written: String) -> ReportDate? {
        guard (1900...2100).contains(y), (1...12).contains(m) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        if let d, !(1...days).contains(d) { return nil }
        func two(_ x: Int) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return ReportDate(iso: "\(y)-\(two(m))-\(two(d ?? 1))", hasDay: d != nil, written: written)
    }

    static func chineseDigit(_ c: Character) -> Int? {
        ["〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9][c]
    }

    /// 一 … 三十一.
    static func chineseNumber(_ s: String) -> Int? {
        let parts = s.split(separator: "十", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return s.count == 1 ? chineseDigit(s.first!) : nil
        case 2:
            let tens = parts[0].isEmpty ? 1 : (parts[0].count == 1 ? chineseDigit(parts[0].first!) : nil)
            let ones = parts[1].isEmpty ? 0 : (parts[1].count == 1 ? chineseDigit(parts[1].first!) : nil)
            guard let tens, let ones, tens > 0 else { return nil }
            return tens * 10 + ones
        default: return nil
        }
    }
}
