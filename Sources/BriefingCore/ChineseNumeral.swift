import Foundation

/// A quantity written in Chinese numerals, as prose has it: 五个, 十余种, 两年多, 三分之一, 三成,
/// 百分之三十, 翻番, 不足千家, 一千三百九十九名 (DESIGN §3.5).
public struct ChineseQuantity: Hashable, Sendable {
    public enum Form: Hashable, Sendable {
        /// A count or amount: 一千三百九十九, 四千五百万, 二〇二一.
        case number
        /// A part of a whole: 三分之一, 三成, 百分之三十, 千分之五, 一半.
        case share
        /// A factor: 翻番 (2), 翻两番 (4).
        case multiple
    }

    public var comparator: Comparator
    /// number: the count (1399); share: the ratio as a fraction of one (三分之一 -> 0.333…, rounded
    /// to 30 significant digits; 三成 -> 0.3; 百分之三十 -> 0.3); multiple: the factor (翻番 -> 2).
    public var value: Decimal
    /// Written precision as digits after the point of `value` in `unitText` (for a share, in % or ‰),
    /// for the default tolerance of half a unit in the last digit: 一千三百九十九 0; 四千五百万 −4
    /// (written like `4500万`); 三成 −1 (30 % ± 5 %); 百分之七点六 1. Nil for fractions such as
    /// 三分之一, which have no digit precision: compare them with ≈.
    public var decimals: Int?
    public var form: Form
    /// What follows the numeral and its qualifiers, as written ("个", "种", "年", "万千瓦", ""); for a
    /// share "%" or "‰", for a multiple "倍".
    public var unitText: String
    /// The numeral alone, as written, without qualifiers or unit: 一千三百九十九, 十, 三分之一, 翻番.
    public var numeral: String
    /// The whole text, trimmed.
    public var text: String
}

public enum ChineseNumeral {
    /// Qualifiers before a numeral, longest first so 将近 wins over 近.
    static let before: [(String, Comparator)] = [
        ("不低于", .greaterOrEqual), ("不少于", .greaterOrEqual), ("不超过", .lessOrEqual),
        ("大约", .approx), ("将近", .approx), ("接近", .approx), ("超过", .greater), ("突破", .greater),
        ("不足", .less), ("不到", .less), ("至少", .greaterOrEqual), ("最多", .lessOrEqual), ("至多", .lessOrEqual),
        ("约", .approx), ("近", .approx), ("逾", .greater), ("超", .greater),
    ]

    /// Qualifiers after the numeral or the unit (十余种, 两年多, 三成以上).
    static let after: [(String, Comparator)] = [
        ("左右", .approx), ("以上", .greaterOrEqual), ("以下", .lessOrEqual), ("以内", .lessOrEqual),
        ("余", .greaterOrEqual), ("多", .greaterOrEqual),
    ]

    /// Whether `s` (trimmed) starts like a Chinese quantity: an optional qualifier, then a numeral
    /// character or one of the forms this parser reads or refuses (翻番, 一半, 几, 数十, 上百, 若干).
    public static func looksChinese(_ s: Substring) -> Bool {
        let chars = Array(String(s).trimmed())
        var i = 0
        if let (word, _) = before.first(where: { has($0.0, chars, at: 0) }) { i = skipSpaces(chars, word.count) }
        guard i < chars.count else { return false }
        let c = chars[i], next = i + 1 < chars.count ? chars[i + 1] : nil
        if Numerals.isNumeral(c) || "翻几半".contains(c) { return true }
        if (c == "数" || c == "上"), let next, "十百千万亿".contains(next) { return true }
        return has("若干", chars, at: i) || has("好几", chars, at: i) || has("过半", chars, at: i)
    }

    public static func parse(_ s: String) throws(LocalError) -> ChineseQuantity {
        let text = s.trimmed()
        guard !text.isEmpty else {
            throw LocalError("数量为空", hint: "应写成数量，例如 五个、十余种、三分之一、413.8万千瓦")
        }
        let chars = Array(text)
        var comparator = Comparator.equal
        var i = 0
        if let (word, c) = before.first(where: { has($0.0, chars, at: 0) }) {
            comparator = c
            i = skipSpaces(chars, word.count)
        }
        try refuseVague(chars, at: i)
        var q: ChineseQuantity
        var end: Int
        if let (half, n) = [("一半", 2), ("半数", 2), ("过半数", 3), ("过半", 2)].first(where: { has($0.0, chars, at: i) }) {
            // 一半 is a share of one half; 过半 says more than half.
            if half.hasPrefix("过"), comparator == .equal { comparator = .greater }
            q = ChineseQuantity(comparator: .equal, value: Decimal(string: "0.5")!, decimals: nil, form: .share,
                                unitText: "%", numeral: half, text: text)
            end = i + n
        } else if chars[i] == "翻" {
            (q, end) = try multiple(chars, at: i, text: text)
        } else {
            let reader = ChineseNumberReader(chars: chars)
            guard let n = try reader.read(from: i) else {
                throw LocalError("`\(Diagnostic.excerpt(text))` 不是一个数量",
                                 hint: "应写成“数字+单位”，例如 五个、十余种、三分之一、413.8万千瓦")
            }
            if has("分之", chars, at: n.end) {
                (q, end) = try fraction(reader, denominator: n, from: i, text: text)
            } else if reader.at(n.end) == "成" {
                guard let v = n.integer, v <= 10 else { throw reader.malformed(i, "“成”前面应是一到十的整数，例如 三成") }
                q = ChineseQuantity(comparator: .equal, value: Decimal(v) / 10, decimals: -1, form: .share,
                                    unitText: "%", numeral: String(chars[i...n.end]), text: text)
                end = n.end + 1
            } else {
                return try number(n, reader: reader, from: i, comparator: comparator, text: text)
            }
        }
        // After a share or a multiple only qualifiers may follow: 三成以上, 翻一番多.
        var rest = String(chars[end...]).trimmedSpaces()
        for (word, c) in after where rest.hasPrefix(word) || rest.hasSuffix(word) {
            rest = rest.hasPrefix(word) ? String(rest.dropFirst(word.count)) : String(rest.dropLast(word.count))
            rest = rest.trimmedSpaces()
            if comparator == .equal { comparator = c }
        }
        guard rest.isEmpty else {
            throw LocalError("`\(Diagnostic.excerpt(text))` 中的“\(Diagnostic.excerpt(rest, limit: 10))”无法识别",
                             hint: "\(q.numeral) 后面只能跟 左右、以上、以下、多 等限定词")
        }
        q.comparator = comparator
        return q
    }

    /// A count with its unit: 五个, 十余种 (≥10), 三千多人, 十余万人, 两年多, 一个多月, 三十人以上.
    static func number(_ n: ChineseNumberReader.Number, reader: ChineseNumberReader, from start: Int,
                       comparator: Comparator, text: String) throws(LocalError) -> ChineseQuantity {
        var comparator = comparator
        var (value, decimals, i) = (n.value, n.decimals, n.end)
        var numeralEnd = i
        if let c = reader.at(i), c == "余" || c == "多" {
            if comparator == .equal { comparator = .greaterOrEqual }
            i += 1
            // 十余万人, 一百多万, 两千多亿元: the 万 or 亿 after 余/多 still belongs to the number.
            // Only below the 万 or 亿 it multiplies: 三万多亿 is fine, 三亿多万 is not.
            for (word, e, below) in [("万亿", 12, 4), ("万", 4, 4), ("亿", 8, 8)]
            where has(word, reader.chars, at: i) && n.integer.map({ $0 < Numerals.pow10(below) }) == true {
                value *= Decimal(sign: .plus, exponent: e, significand: 1)
                decimals -= e
                i += word.count
                numeralEnd = i
                break
            }
            try reader.checkEnd(start, i)
        }
        var unit = String(reader.chars[i...]).trimmedSpaces()
        if unit.hasPrefix("个多"), unit.count > 2 {
            // 一个多月: the 多 sits inside the unit 个月.
            unit = "个" + unit.dropFirst(2)
            if comparator == .equal { comparator = .greaterOrEqual }
        }
        for (word, c) in after where unit.hasSuffix(word) {
            unit = String(unit.dropLast(word.count)).trimmedSpaces()
            if comparator == .equal { comparator = c }
            break
        }
        return ChineseQuantity(comparator: comparator, value: value, decimals: decimals, form: .number, unitText: unit,
                               numeral: String(reader.chars[start..<numeralEnd]), text: text)
    }

    /// 三分之一, 五分之二, 百分之三十, 百分之七点六, 千分之五.
    static func fraction(_ reader: ChineseNumberReader, denominator d: ChineseNumberReader.Number, from start: Int,
                         text: String) throws(LocalError) -> (ChineseQuantity, Int) {
        guard let den = d.integer else { throw reader.malformed(start, "分母应是整数") }
        guard den > 0 else { throw reader.malformed(start, "分母不能为零") }
        guard let num = try reader.read(from: d.end + 2) else { throw reader.malformed(start, "“分之”后面缺少数字") }
        var q = ChineseQuantity(comparator: .equal, value: 0, decimals: nil, form: .share, unitText: "%",
                                numeral: String(reader.chars[start..<num.end]), text: text)
        switch den {
        case 100: (q.value, q.decimals) = (num.value / 100, num.decimals)
        case 1000: (q.value, q.decimals, q.unitText) = (num.value / 1000, num.decimals, "‰")
        default:
            guard num.integer != nil else { throw reader.malformed(start, "分子应是整数") }
            q.value = significant(num.value / Decimal(den), 30)
        }
        return (q, num.end)
    }

    /// 翻番, 翻一番 (2), 翻两番 (4), 翻了三番 (8): n doublings are 2ⁿ.
    static func multiple(_ chars: [Character], at start: Int, text: String) throws(LocalError) -> (ChineseQuantity, Int) {
        var i = start + 1
        if i < chars.count, chars[i] == "了" { i += 1 }
        var times = 1
        if i < chars.count, chars[i] == "番" {
            i += 1
        } else {
            let reader = ChineseNumberReader(chars: chars)
            guard let n = try reader.read(from: i), let v = n.integer, v >= 1, reader.at(n.end) == "番" else {
                throw LocalError("`\(Diagnostic.excerpt(text))` 不是规范的说法", hint: "应写作 翻番、翻一番、翻两番")
            }
            // 2^53 < 10^16 < 2^54.
            guard v <= 53 else { throw tooLarge(String(chars[start...n.end]), "翻\(v)番即 2 的 \(v) 次方") }
            times = v
            i = n.end + 1
        }
        let q = ChineseQuantity(comparator: .equal, value: Decimal(1 << times), decimals: 0, form: .multiple,
                                unitText: "倍", numeral: String(chars[start..<i]), text: text)
        return (q, i)
    }

    /// 一些, 若干, 几个, 十几, 数十, 上百: not one number, so nothing to compare with.
    static func refuseVague(_ chars: [Character], at i: Int) throws(LocalError) {
        guard i < chars.count else { throw LocalError("`\(String(chars))` 后面缺少数字", hint: "例如 约五个、近百家") }
        for word in ["一些", "若干"] where has(word, chars, at: i) {
            throw LocalError("`\(word)` 不是确定的数，无法与单个数比对", hint: vagueHint)
        }
        var j = i
        if chars[j] == "数" || chars[j] == "上" || has("好几", chars, at: j) { j += chars[j] == "好" ? 2 : 1 }
        let start = j
        while j < chars.count, Numerals.isNumeral(chars[j]) || chars[j] == "几" { j += 1 }
        let run = String(chars[i..<j])
        let prefixed = start > i && start < j && "十百千万亿".contains(chars[start])
        if run.contains("几") || prefixed || has("成百上千", chars, at: i) || has("成千上万", chars, at: i) {
            throw range(has("成", chars, at: i) ? String(chars[i..<min(i + 4, chars.count)]) : run)
        }
    }

    static let vagueHint = "不要为它加 fig: 链接；或改写成确切的数，例如 十二个"

    static func range(_ written: String) -> LocalError {
        LocalError("`\(Diagnostic.excerpt(written))` 表示一个范围，无法与单个数比对", hint: vagueHint)
    }

    static func tooLarge(_ written: String, _ why: String = "") -> LocalError {
        LocalError("`\(Diagnostic.excerpt(written))` 超出可处理的范围：中文数字须小于 10^16（一亿亿）" + (why.isEmpty ? "" : "（\(why)）"),
                   hint: "改用阿拉伯数字加单位，例如 1.2万亿元")
    }

    /// `v` rounded to `digits` significant digits (1/3 has no finite decimal form).
    static func significant(_ v: Decimal, _ digits: Int) -> Decimal {
        guard !v.isZero else { return v }
        // The power of ten of the leading digit; bounded because 10^-16 < |v| < 10^16.
        var lead = 0
        var t = abs(v)
        while t >= 10 { t /= 10; lead += 1 }
        while t < 1 { t *= 10; lead -= 1 }
        return NumberFormat.rounded(v, digits - 1 - lead)
    }

    static func has(_ word: String, _ chars: [Character], at i: Int) -> Bool {
        let w = Array(word)
        return i >= 0 && i + w.count <= chars.count && Array(chars[i..<i + w.count]) == w
    }

    static func skipSpaces(_ chars: [Character], _ i: Int) -> Int {
        var i = i
        while i < chars.count, chars[i] == " " || chars[i] == "\u{3000}" { i += 1 }
        return i
    }
}

extension ChineseQuantity {
    /// The quantity as `QuantityParser.parseWritten` returns it. `prefix` is a comparator the caller
    /// already took off (近 in 近百家); it wins over the text's own, as for Arabic numbers. A share is
    /// stated in % (or ‰), a multiple in 倍; a fraction, having no digit precision, is compared with ≈.
    /// `number.text` is the numeral as written for a count (一千三百九十九, so messages quote it with
    /// its unit); for a share or a multiple it is the value in % or 倍 (33.33, 2), since messages
    /// append the unit symbol to it.
    public func written(units: UnitRegistry, prefix: Comparator = .equal, text: String? = nil) throws(LocalError) -> WrittenQuantity {
        var c = prefix == .equal ? comparator : prefix
        if decimals == nil, c == .equal { c = .approx }
        let unit: Unit, shown: Decimal, numberText: String
        switch form {
        case .number:
            (unit, shown, numberText) = (try units.lookup(unitText), value, numeral)
        case .share:
            let permille = unitText == "‰"
            unit = permille ? try units.lookup("‰") : .percent
            shown = value * (permille ? 1000 : 100)
            numberText = NumberFormat.plain(decimals == nil ? NumberFormat.rounded(shown, 2) : shown)
        case .multiple:
            (unit, shown, numberText) = (try units.lookup("倍"), value, NumberFormat.plain(value))
        }
        return WrittenQuantity(comparator: c, number: WrittenNumber(value: shown, decimals: decimals ?? 0, text: numberText),
                               quantity: Quantity(shown, unit), text: text ?? self.text)
    }
}
