/// Finds quantities written in Chinese numerals in running text — 五个盟市, 十余种模式, 两年多,
/// 三分之一, 翻番, 不足千家 — for the report of numbers that are not bound to data. A numeral counts
/// only when a unit or count word follows it (or it is a share or a multiple): 统一, 一是, 第三,
/// （二） and 一、 are not quantities.
public enum ChineseQuantityScanner {
    static let numerals: Set<Unicode.Scalar> = Set("零〇一二三四五六七八九十百千万亿两".unicodeScalars)
    static let digitNumerals: Set<Unicode.Scalar> = Set("〇零一二三四五六七八九".unicodeScalars)
    static let qualifiersBefore = ["不足", "不到", "超过", "将近", "接近", "大约", "约", "近", "逾"].map { Array($0.unicodeScalars) }

    /// Phrases with a numeral that name something rather than count it.
    public static let phrases = ["四个意识", "四个自信", "两个维护", "两个确立", "三农", "两委", "一带一路", "十四五", "十三五",
                                 "十九大", "二十大", "五位一体", "四个全面", "三会一课", "两学一做", "一村一品", "一站式",
                                 "一体化", "一张图", "一张网", "三重一大", "两新", "两山", "一网通办", "一件事", "零部件", "零售",
                                 "两张皮", "抓两头", "两手抓"]
    static let phraseScalars = phrases.map { Array($0.unicodeScalars) }

    /// 零〇一二三四五六七八九十百千万亿两 or 翻, by code point (this runs on every run of prose).
    static func isNumeralOr翻(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x96F6, 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D,
             0x5341, 0x767E, 0x5343, 0x4E07, 0x4EBF, 0x4E24, 0x7FFB:
            return true
        default:
            return false
        }
    }

    /// Whether a numeral (or 翻) is followed — after more numerals and 余/多 — by something that
    /// may start a unit, 分之 or 成. One pass, no copies: most prose has no quantity in numerals.
    static func mayHold(_ raw: String, units: UnitRegistry) -> Bool {
        var afterNumeral = false
        for u in raw.unicodeScalars {
            if isNumeralOr翻(u) {
                afterNumeral = true
            } else if afterNumeral {
                if u == "余" || u == "多" || u == "点" { continue }
                if units.initials.contains(u) || u == "分" || u == "成" || u == "番" { return true }
                afterNumeral = false
            }
        }
        return false
    }

    public static func scan(_ raw: String, units: UnitRegistry, phrases extra: [String] = []) -> [FoundNumber] {
        // Most runs of prose have no numeral at all: look before copying anything.
        guard mayHold(raw, units: units) else { return [] }
        let c = Array(raw.unicodeScalars)
        let n = c.count
        func text(_ a: Int, _ b: Int) -> String {
            var s = String.UnicodeScalarView()
            s.append(contentsOf: c[max(0, a)..<min(n, max(a, b))])
            return String(s)
        }
        func has(_ k: Int, _ w: [Unicode.Scalar]) -> Bool {
            guard k >= 0, k + w.count <= n else { return false }
            for m in 0..<w.count where c[k + m] != w[m] { return false }
            return true
        }
        func has(_ k: Int, _ w: String) -> Bool { has(k, Array(w.unicodeScalars)) }
        let named = phraseScalars + extra.filter { !$0.isEmpty }.map { Array($0.unicodeScalars) }
        func inPhrase(_ i: Int) -> Bool {
            named.contains { p in (max(0, i - p.count + 1)...i).contains { has($0, p) } }
        }
        var found: [FoundNumber] = []
        var i = 0
        while i < n {
            let startsMultiple = c[i] == "翻" && (has(i, "翻番") || has(i, "翻一番") || has(i, "翻两番"))
            guard numerals.contains(c[i]) || startsMultiple else {
                i += 1
                continue
            }
            var j = i
            if startsMultiple {
                j = i + (has(i, "翻番") ? 2 : 3)
            } else {
                while j < n, numerals.contains(c[j]) || c[j] == "点" || has(j, "分之") { j += has(j, "分之") ? 2 : 1 }
            }
            defer { i = max(j, i + 1) }
            let run = text(i, j)
            // Ordinals, numbering and single place names (万, 百 …) are not quantities; nor is 一 alone.
            if i > 0, "第（(".unicodeScalars.contains(c[i - 1]) { continue }
            if j < n, "、）)是".unicodeScalars.contains(c[j]) { continue }
            // 二〇二一年 is a year, written digit by digit.
            if run.unicodeScalars.count == 4, run.unicodeScalars.allSatisfy({ Self.digitNumerals.contains($0) }), has(j, "年") { continue }
            let qualifier = qualifiersBefore.first { has(i - $0.count, $0) }
            // A bare 百/千/万 counts with a qualifier or 余/多 (不足千家, 近百家, 百余人); 一 with 倍.
            if ["万", "亿", "千", "百"].contains(run), qualifier == nil, !(j < n && (c[j] == "余" || c[j] == "多")) { continue }
            if run == "一", !has(j, "倍") { continue }
            // What follows: 余/多, then a unit or count word (the longest the registry knows).
            var k = j
            if k < n, c[k] == "余" || c[k] == "多" { k += 1 }
            var end = k
            for len in stride(from: min(6, n - k), through: 1, by: -1)
            where k < n && units.initials.contains(c[k]) && units.find(text(k, k + len)) != nil {
                end = k + len
                break
            }
            let isShare = run.contains("分之") || has(j, "成")
            if end == k, !isShare, !startsMultiple { continue }
            if end < n, c[end] == "多" || c[end] == "余" { end += 1 }
            if has(j, "成"), end == k { end = j + 1 }
            // Checked last, as it is the dearest test: 四个意识, 零部件 name things.
            if inPhrase(i) { continue }
            var start = i
            if let q = qualifier { start = i - q.count }
            let written = text(start, end)
            guard (try? ChineseNumeral.parse(written)) != nil else { continue }
            found.append(FoundNumber(written: written, value: run, unit: text(k, end), offset: start, end: end, remark: nil))
            j = end
        }
        return found
    }
}
