import BriefingCore
import Foundation
import Testing

private func cn(_ s: String) throws -> ChineseQuantity { try ChineseNumeral.parse(s) }

/// The error `parse` throws for `s`, or nil when it parses.
private func refusal(_ s: String) -> LocalError? {
    do { _ = try ChineseNumeral.parse(s); return nil } catch { return error }
}

@Suite struct ChineseNumeralTests {
    @Test func singleDigits() throws {
        let digits = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        for (text, v) in digits {
            let q = try cn(text)
            #expect(q.value == Decimal(v), "\(text)")
            #expect(q.decimals == 0 && q.form == .number && q.comparator == .equal && q.unitText == "", "\(text)")
        }
    }

    @Test func tens() throws {
        for (text, v) in [("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99), ("一百一十", 110), ("一百零五", 105)] {
            #expect(try cn(text).value == Decimal(v), "\(text)")
        }
    }

    @Test func hundredsThousandsWanYiWithZero() throws {
        let cases: [(String, Int)] = [
            ("一千零五", 1005), ("三万零二百", 30200), ("一亿三千万", 130_000_000), ("四千五百万", 45_000_000),
            ("一千三百九十九", 1399), ("一千零五十", 1050), ("一万零一十", 10010), ("十万五千", 105_000),
            ("一亿零五", 100_000_005), ("一亿零五万", 100_050_000), ("三十亿五千万", 3_050_000_000),
            ("一万二千亿", 1_200_000_000_000), ("三万亿", 3_000_000_000_000), ("三千万零一亿", 3_000_000_100_000_000),
            ("百", 100), ("千", 1000), ("万", 10_000), ("百万", 1_000_000), ("亿", 100_000_000), ("万亿", 1_000_000_000_000),
        ]
        for (text, v) in cases { #expect(try cn(text).value == Decimal(v), "\(text)") }
    }

    @Test func liang() throws {
        for (text, v) in [("两千", 2000), ("两万", 20_000), ("两亿", 200_000_000), ("两百", 200), ("一万两千", 12_000)] {
            #expect(try cn(text).value == Decimal(v), "\(text)")
        }
        let q = try cn("两个")
        #expect(q.value == 2 && q.unitText == "个")
    }

    @Test func digitSequences() throws {
        for (text, v) in [("二〇二一", 2021), ("一九九八", 1998), ("二〇〇〇", 2000), ("三〇五", 305)] {
            #expect(try cn(text).value == Decimal(v), "\(text)")
        }
        let year = try cn("二〇二一年")
        #expect(year.value == 2021 && year.unitText == "年" && year.numeral == "二〇二一")
    }

    @Test func abbreviatedEndings() throws {
        // The last digit takes the next lower place: 一千五 = 1500, 三万五 = 35000, 一亿三 = 1.3亿.
        for (text, v) in [("一千五", 1500), ("一百二", 120), ("三万五", 35_000), ("一亿三", 130_000_000)] {
            #expect(try cn(text).value == Decimal(v), "\(text)")
        }
    }

    @Test func decimalsFollowTheWayStatisticsWriteNumbers() throws {
        // Half a unit of the last digit as `1399`, `4500万`, `1.3亿` would be written.
        let cases: [(String, Int)] = [
            ("一千三百九十九", 0), ("三千", 0), ("二十", 0), ("四千五百万", -4), ("十万", -4), ("一亿三千万", -4),
            ("一亿", -8), ("三万亿", -12), ("一万零一亿", -8), ("三万五", 0), ("十二点五", 1), ("三点五亿", -7),
        ]
        for (text, d) in cases { #expect(try cn(text).decimals == d, "\(text)") }
        #expect(try cn("三点五亿").value == 350_000_000)
        #expect(try cn("十二点五").value == Decimal(string: "12.5")!)
        #expect(try cn("零点零五").value == Decimal(string: "0.05")!)
    }

    @Test func fractions() throws {
        let third = try cn("三分之一")
        #expect(third.form == .share && third.decimals == nil && third.unitText == "%")
        #expect(third.value == Decimal(string: "0." + String(repeating: "3", count: 30))!)
        // 2/3 to 30 significant digits: twenty-nine 6s, then a 7.
        #expect(try cn("三分之二").value == Decimal(string: "0." + String(repeating: "6", count: 29) + "7")!)
        #expect(try cn("五分之二").value == Decimal(string: "0.4")!)
        #expect(try cn("四分之一").value == Decimal(string: "0.25")!)
        #expect(try cn("三十分之一").value == Decimal(string: "0.0" + String(repeating: "3", count: 30))!)
        #expect(try cn("万分之五").value == Decimal(string: "0.0005")!)
    }

    @Test func percentPermilleAndCheng() throws {
        let p = try cn("百分之三十")
        #expect(p.value == Decimal(string: "0.3")! && p.decimals == 0 && p.unitText == "%" && p.form == .share)
        let pm = try cn("千分之五")
        #expect(pm.value == Decimal(string: "0.005")! && pm.decimals == 0 && pm.unitText == "‰")
        #expect(try cn("百分之七点六").value == Decimal(string: "0.076")!)
        #expect(try cn("百分之七点六").decimals == 1)
        #expect(try cn("百分之一百二十").value == Decimal(string: "1.2")!)
        #expect(try cn("百分之百").value == 1)
        let cheng = try cn("三成")
        #expect(cheng.value == Decimal(string: "0.3")! && cheng.decimals == -1 && cheng.unitText == "%" && cheng.form == .share)
        #expect(try cn("十成").value == 1)
        let half = try cn("一半")
        #expect(half.value == Decimal(string: "0.5")! && half.decimals == nil && half.comparator == .equal)
        #expect(try cn("过半").comparator == .greater)
    }

    @Test func doublings() throws {
        for (text, v) in [("翻番", 2), ("翻一番", 2), ("翻了一番", 2), ("翻两番", 4), ("翻了两番", 4), ("翻三番", 8), ("翻十番", 1024)] {
            let q = try cn(text)
            #expect(q.value == Decimal(v) && q.form == .multiple && q.unitText == "倍" && q.decimals == 0, "\(text)")
        }
        #expect(try cn("翻五十三番").value == Decimal(9_007_199_254_740_992))
        #expect(try cn("翻一番多").comparator == .greaterOrEqual)
    }

    @Test func qualifiersBefore() throws {
        let cases: [(String, BriefingCore.Comparator)] = [
            ("约五个", .approx), ("近百家", .approx), ("将近三千人", .approx), ("大约两年", .approx),
            ("超过十个", .greater), ("逾千家", .greater), ("不足千家", .less), ("不到三成", .less), ("约 五个", .approx),
        ]
        for (text, c) in cases { #expect(try cn(text).comparator == c, "\(text)") }
        let q = try cn("将近三千人")
        #expect(q.value == 3000 && q.unitText == "人" && q.numeral == "三千")
        #expect(try cn("不足千家").value == 1000)
        #expect(try cn("不到三成").value == Decimal(string: "0.3")!)
    }

    @Test func qualifiersAfter() throws {
        let shiyu = try cn("十余种")
        #expect(shiyu.value == 10 && shiyu.comparator == .greaterOrEqual && shiyu.unitText == "种" && shiyu.numeral == "十")
        let people = try cn("三千多人")
        #expect(people.value == 3000 && people.comparator == .greaterOrEqual && people.unitText == "人")
        let years = try cn("两年多")
        #expect(years.value == 2 && years.comparator == .greaterOrEqual && years.unitText == "年")
        let month = try cn("一个多月")
        #expect(month.value == 1 && month.comparator == .greaterOrEqual && month.unitText == "个月")
        let wan = try cn("十余万人")
        #expect(wan.value == 100_000 && wan.decimals == -4 && wan.unitText == "人" && wan.numeral == "十余万")
        #expect(try cn("一百多万").value == 1_000_000)
        let cases: [(String, BriefingCore.Comparator, String)] = [
            ("三十人左右", .approx, "人"), ("五个以上", .greaterOrEqual, "个"), ("五十岁以下", .lessOrEqual, "岁"),
            ("三天以内", .lessOrEqual, "天"), ("三成以上", .greaterOrEqual, "%"), ("三分之一左右", .approx, "%"),
            ("约十余种", .approx, "种"),  // the qualifier before wins
        ]
        for (text, c, unit) in cases {
            let q = try cn(text)
            #expect(q.comparator == c && q.unitText == unit, "\(text)")
        }
    }

    @Test func unitTextIsReturnedAsWritten() throws {
        let cases: [(String, Int, String)] = [
            ("五个", 5, "个"), ("四级", 4, "级"), ("一千三百九十九名", 1399, "名"), ("三次", 3, "次"),
            ("三百万千瓦", 3_000_000, "千瓦"), ("十万千瓦", 100_000, "千瓦"), ("三千千瓦", 3000, "千瓦"), ("五 个", 5, "个"),
        ]
        for (text, v, unit) in cases {
            let q = try cn(text)
            #expect(q.value == Decimal(v) && q.unitText == unit, "\(text)")
        }
        #expect(try cn(" 一千三百九十九名 ").text == "一千三百九十九名")
    }

    @Test func rangesAndVagueWordsAreRefused() throws {
        for text in ["十几", "十几个", "几个", "几十", "二十几", "数十", "数百家", "上百", "上千人", "好几个", "三五个", "七八十", "两三年", "成百上千"] {
            let e = try #require(refusal(text), "\(text)")
            #expect(e.message.contains("表示一个范围，无法与单个数比对"), "\(text): \(e.message)")
            #expect(e.hint.contains("不要为它加 fig: 链接") && e.hint.contains("确切的数"), "\(text)")
        }
        #expect(refusal("十几个")?.message == "`十几` 表示一个范围，无法与单个数比对")
        for text in ["一些", "若干"] {
            #expect(refusal(text)?.message == "`\(text)` 不是确定的数，无法与单个数比对")
        }
    }

    @Test func malformedNumeralsAreRefused() throws {
        let cases = ["十十", "千百", "二二十", "一万万", "一亿亿", "一千零零五", "一千五十", "三万二百", "三万零二千", "一千零五百",
                     "两十", "十两", "一千零", "一万十", "三千五万", "一百十", "十二三", "二十零五", "〇五", "一亿万", "三亿多万", "七成五", "万二千", "亿三千万"]
        for text in cases {
            let e = try #require(refusal(text), "\(text)")
            #expect(!e.message.isEmpty && !e.hint.isEmpty, "\(text)")
        }
        #expect(refusal("十十")?.message.contains("不是规范的中文数字") == true)
        #expect(refusal("一千五十")?.message.contains("要写“零”") == true)
        #expect(refusal("十一成")?.message.contains("一到十") == true)
        #expect(refusal("零分之一")?.message.contains("分母不能为零") == true)
    }

    @Test func emptyAndNonNumbersAreRefused() {
        #expect(refusal("")?.message == "数量为空")
        #expect(refusal("  ")?.message == "数量为空")
        #expect(refusal("约")?.message.contains("缺少数字") == true)
        #expect(refusal("部门")?.message.contains("不是一个数量") == true)
        #expect(refusal("翻倍")?.hint.contains("翻番") == true)
    }

    @Test func tooLargeIsRefusedWithTheLimit() throws {
        // 17 digits written one by one, and 2^54 > 10^16.
        for text in ["一" + String(repeating: "〇", count: 16), "翻五十四番", "翻一百番"] {
            let e = try #require(refusal(text), "\(text)")
            #expect(e.message.contains("10^16"), "\(text)")
        }
        #expect(try cn("九" + String(repeating: "九", count: 15)).value == Decimal(string: "9999999999999999")!)
    }

    @Test func looksChinese() {
        for s in ["五个", "十余种", " 近百家", "将近三千人", "三分之一", "翻番", "几个", "数十", "上百", "一半", "若干", "二〇二一年"] {
            #expect(ChineseNumeral.looksChinese(Substring(s)), "\(s)")
        }
        for s in ["413.8万千瓦", "约3000亿元", "部门", "", "约", "大约413.8万千瓦", "上年"] {
            #expect(!ChineseNumeral.looksChinese(Substring(s)), "\(s)")
        }
    }
}

/// An independent writer of standard Chinese numerals for the round trip: four-digit sections
/// joined by 万 and 亿, one 零 for each run of skipped digits, 十 for 10…19 at the start.
private enum Writer {
    static let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    static let places = ["", "十", "百", "千"]

    /// 1…9999. `liang` writes 两 for a 2 before 百 or 千.
    static func section(_ x: Int, leading: Bool, liang: Bool) -> String {
        if leading, (10...19).contains(x) { return "十" + (x == 10 ? "" : digits[x % 10]) }
        var out = "", zero = false, started = false
        for (p, scale) in [(3, 1000), (2, 100), (1, 10), (0, 1)] {
            let d = x / scale % 10
            if d == 0 {
                if started { zero = true }
                continue
            }
            if zero { out += "零" }
            zero = false
            started = true
            out += (liang && d == 2 && p >= 2 ? "两" : digits[d]) + places[p]
        }
        return out
    }

    /// 1…99999999.
    static func belowYi(_ x: Int, leading: Bool, liang: Bool) -> String {
        let (hi, lo) = (x / 10_000, x % 10_000)
        if hi == 0 { return section(lo, leading: leading, liang: liang) }
        var s = (liang && hi == 2 ? "两" : section(hi, leading: leading, liang: liang)) + "万"
        if lo > 0 { s += (lo < 1000 ? "零" : "") + section(lo, leading: false, liang: liang) }
        return s
    }

    static func write(_ n: Int, liang: Bool = false) -> String {
        if n == 0 { return "零" }
        let (hi, lo) = (n / 100_000_000, n % 100_000_000)
        if hi == 0 { return belowYi(lo, leading: true, liang: liang) }
        var s = (liang && hi == 2 ? "两" : belowYi(hi, leading: true, liang: liang)) + "亿"
        // 零 when the top of the low part is empty, or the whole 亿 group is (一千万亿零一千万).
        if lo > 0 { s += (lo < 10_000_000 || hi % 10_000 == 0 ? "零" : "") + belowYi(lo, leading: false, liang: liang) }
        return s
    }

    /// Half a unit of the last digit as `4500万` would be written: the lowest nonzero group of four.
    static func decimals(_ n: Int) -> Int {
        if n % 10_000 != 0 || n == 0 { return 0 }
        if n % 100_000_000 != 0 { return -4 }
        return n % 1_000_000_000_000 != 0 ? -8 : -12
    }
}

@Suite struct ChineseNumeralRoundTripTests {
    @Test func writerSpotChecks() {
        // The writer itself, against numbers written by hand.
        #expect(Writer.write(1005) == "一千零五")
        #expect(Writer.write(30200) == "三万零二百")
        #expect(Writer.write(130_000_000) == "一亿三千万")
        #expect(Writer.write(100_000_005) == "一亿零五")
        #expect(Writer.write(12) == "十二" && Writer.write(110) == "一百一十" && Writer.write(10010) == "一万零一十")
        #expect(Writer.write(3_050_000_000) == "三十亿五千万")
        #expect(Writer.write(1_000_100_000_000) == "一万零一亿")
        #expect(Writer.write(1_000_000_010_000_000) == "一千万亿零一千万")
        #expect(Writer.write(22_000, liang: true) == "两万两千" && Writer.write(2200, liang: true) == "两千两百")
    }

    private func check(_ n: Int, liang: Bool = false) {
        let text = Writer.write(n, liang: liang)
        do {
            let q = try ChineseNumeral.parse(text)
            #expect(q.value == Decimal(n) && q.decimals == Writer.decimals(n) && q.unitText == "", "\(n) \(text)")
        } catch {
            Issue.record("\(n) \(text): \(error.message)")
        }
    }

    @Test func everyIntegerUpTo100000() {
        for n in 0...100_000 {
            check(n)
            if n % 7 == 0 { check(n, liang: true) }
        }
    }

    @Test func largeNumbers() {
        for n in [100_000_000, 100_000_001, 1_000_000_000_000, 1_000_000_000_001, 9_999_999_999_999_999,
                  1_000_000_010_000_000, 2_000_000_000_000_000, 1_234_567_890_123_456] {
            check(n)
            check(n, liang: true)
        }
        // Pseudo-random numbers of 1…16 digits with many zeros, to reach every 零 rule.
        var seed: UInt64 = 20_240_601
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for _ in 0..<20_000 {
            var n = 0
            for _ in 0..<(1 + next() % 16) { n = n * 10 + (next() % 2 == 0 ? 0 : next() % 10) }
            check(n, liang: next() % 2 == 0)
        }
    }

    @Test func randomTextNeverCrashesAndStaysInRange() {
        // Any mix of numeral characters, qualifiers and units parses to a value in [0, 10^16) or
        // is refused with a message; nothing traps or hangs.
        let alphabet = Array("零〇一二两三四五六七八九十百千万亿点分之成翻了番余多几数上约近不足超过左右以上个年人千瓦%")
        let limit = Decimal(string: "1e16")!
        var seed: UInt64 = 7
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 33)
        }
        for _ in 0..<30_000 {
            let text = String((0..<(1 + next() % 10)).map { _ in alphabet[next() % alphabet.count] })
            do {
                let q = try ChineseNumeral.parse(text)
                #expect(q.value >= 0 && q.value < limit, "\(text)")
            } catch {
                #expect(!error.message.isEmpty && !error.hint.isEmpty, "\(text)")
            }
        }
    }
}

@Suite struct ChineseWrittenQuantityTests {
    private func w(_ s: String) throws -> WrittenQuantity { try QuantityParser.parseWritten(s, units: units) }

    @Test func countsKeepTheChineseNumeral() throws {
        let five = try w("五个")
        #expect(five.comparator == .equal && five.number.value == 5 && five.number.decimals == 0)
        #expect(five.quantity.unit.symbol == "个" && five.number.text == "五" && five.halfUnitOfLastDigit.value == dec("0.5"))
        let staff = try w("一千三百九十九名")
        #expect(staff.quantity.magnitude == 1399 && staff.quantity.unit.symbol == "名")
        #expect(staff.number.text == "一千三百九十九" && staff.text == "一千三百九十九名")
        let kinds = try w("十余种")
        #expect(kinds.comparator == .greaterOrEqual && kinds.quantity.value == 10 && kinds.quantity.unit.symbol == "种")
        // 近 is taken off by the Arabic aliases first and still applies.
        let firms = try w("近百家")
        #expect(firms.comparator == .approx && firms.quantity.value == 100 && firms.text == "近百家")
        #expect(try w("不足千家").comparator == .less)
        // 四千五百万元 is as precise as 4500万元: ±0.5万元.
        #expect(try w("四千五百万元").halfUnitOfLastDigit.value == 5000)
    }

    @Test func sharesAreInPercent() throws {
        let third = try w("三分之一")
        #expect(third.comparator == .approx && third.quantity.unit == .percent && third.number.text == "33.33")
        #expect(third.number.value == dec("33.3333333333333333333333333333"))
        let cheng = try w("三成")
        #expect(cheng.quantity.magnitude == dec("0.3") && cheng.comparator == .equal)
        #expect(cheng.halfUnitOfLastDigit.value == 5)  // 三成 is 30 % ± 5 %
        let pct = try w("百分之三十")
        #expect(pct.quantity.value == 30 && pct.quantity.unit.symbol == "%" && pct.halfUnitOfLastDigit.value == dec("0.5"))
        let pm = try w("千分之五")
        #expect(pm.quantity.unit.symbol == "‰" && pm.quantity.value == 5 && pm.quantity.magnitude == dec("0.005"))
        #expect(try w("超过三分之一").comparator == .greater)
    }

    @Test func doublingIsTwoTimes() throws {
        let d = try w("翻番")
        #expect(d.quantity.unit.symbol == "倍" && d.quantity.magnitude == 2 && d.number.text == "2")
        #expect(try w("翻两番").quantity.magnitude == 4)
    }

    @Test func errorsAreChinese() throws {
        for (text, words) in [("十几个", "表示一个范围"), ("五个部门", "未知单位"), ("十十个", "不是规范的中文数字"), ("一些", "不是确定的数")] {
            do {
                _ = try QuantityParser.parseWritten(text, units: units)
                Issue.record("\(text) should be refused")
            } catch {
                #expect(error.message.contains(words), "\(text): \(error.message)")
            }
        }
        // Figure values stay Arabic: QuantityParser.parse does not read Chinese numerals.
        #expect(throws: LocalError.self) { try QuantityParser.parse("五个", units: units) }
        #expect(try w("413.8万千瓦").number.value == dec("413.8"))
    }
}
