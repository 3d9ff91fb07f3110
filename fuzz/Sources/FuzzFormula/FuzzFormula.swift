import BriefingCore
import Calc
import Foundation

// libFuzzer entry point. The input's lines (at most four) are the formulas of indicators
// fz.a … fz.d in a small project, so they may refer to each other (cycles, chains) and to
// figures with several units, count words and extreme magnitudes. Parsing and evaluation
// must end in values or located problems, never a crash; no value is NaN or outside the
// documented limits; and every value checks as equal to its own display.
let units = UnitRegistry()
let figures: [Figure] = {
    let defs: [(String, String)] = [
        ("ordos.capacity.pv", "287.3 万千瓦"), ("ordos.capacity.wind", "44.5 万千瓦"), ("ordos.capacity.hydro", "76 万千瓦"),
        ("banner.dalad.capacity.pv", "115.8 万千瓦"), ("banner.hanggin.capacity.pv", "108.3 万千瓦"),
        ("ordos.money.total", "1.6 亿元"), ("ordos.pop.total", "215.8 万人"), ("ordos.share", "7.6%"),
        ("ordos.count", "12 个"), ("ordos.zero", "0 个"), ("ordos.energy", "1.2 亿千瓦时"), ("ordos.none", "3"),
        ("ordos.big", "999999999999999999999999999999 亿元"), ("ordos.tiny", "0.00000000000000000000000000001 万元"),
        ("ordos.people", "5 人"), ("ordos.households", "4 户"), ("ordos.firms", "7 家"), ("ordos.daily", "48 元/天"),
        ("ordos.per", "35 万元/个"), ("ordos.third", "0.33333333333333333333333333333"),
    ]
    return defs.enumerated().map { i, d in
        let w = try! QuantityParser.parseWritten(d.1, units: units, allowComparator: false)
        return Figure(id: d.0, quantity: w.quantity, decimals: w.number.decimals, label: d.0, document: "t",
                      location: SourceLocation(file: "t.md", line: i + 1))
    }
}()

let one = try! QuantityParser.parseWritten("1.0", units: units)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormula(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: start, count: count), as: UTF8.self)
    let formulas = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
    var inds: [String: Indicator] = [:]
    for (i, f) in formulas.enumerated() {
        let id = "fz." + ["a", "b", "c", "d"][i]
        _ = try? FormulaParser.parse(f, units: units)
        let loc = SourceLocation(file: "t.md", line: 100 + i)
        inds[id] = Indicator(id: id, label: id, formula: f, formulaLocation: loc, document: "t", location: loc)
    }
    let project = Project(config: SiteConfig(title: "t"), units: units, regions: [], documents: [],
                          figures: Dictionary(uniqueKeysWithValues: figures.map { ($0.id, $0) }), indicators: inds)
    let e = Evaluator.evaluate(project)
    for p in e.problems { precondition((100...103).contains(p.location.line), "problem at \(p.location)") }
    for (id, v) in e.values {
        precondition(inds[id] != nil, "value for unknown \(id)")
        precondition(!v.magnitude.isNaN, "NaN for \(id)")
        if let lead = DecimalMath.leadingDigit(v.magnitude) {
            precondition(abs(lead) <= Quantity.limitPower, "\(id) = \(v.magnitude) outside the limits")
        }
        _ = NumberFormat.format(v)
        // Check every value against a stated number the way `check` does.
        var stated = one
        stated.quantity = Quantity(1, v.unit)
        for c in [Comparator.equal, .approx, .less, .greaterOrEqual] {
            stated.comparator = c
            if let r = try? Checker.check(id: id, kind: .indicator, label: id, stated: stated, computed: v,
                                          location: SourceLocation(file: "t.md", line: 1), document: "t") {
                _ = (r.computedText, r.differenceText, r.toleranceText, r.statedText)
            }
        }
        selfCheck(id, v)
    }
    return 0
}

/// A value stated as it is shown must check as equal (or be refused as too imprecise).
func selfCheck(_ id: String, _ v: Quantity) {
    let shown = NumberFormat.plain(v.value)
    let decimals = shown.firstIndex(of: ".").map { shown.distance(from: $0, to: shown.endIndex) - 1 } ?? 0
    var stated = one
    stated.number.value = v.value
    stated.number.decimals = decimals
    stated.number.text = shown
    stated.quantity = Quantity(v.value, v.unit)
    stated.text = shown
    do {
        let r = try Checker.check(id: id, kind: .indicator, label: id, stated: stated, computed: v,
                                  tolerance: shownTolerance(v), location: SourceLocation(file: "t.md", line: 1), document: "t")
        precondition(r.status == .pass, "\(id) = \(v.magnitude) fails against its own display \(shown)")
    } catch {
        precondition(!v.isExact, "exact \(id) = \(v.magnitude) cannot be checked against \(shown): \(error.message)")
    }
}

/// Half a unit in the last digit shown, when a rounded value is shown to tens or coarser
/// (30 significant digits of a larger number), which the written decimals cannot say.
func shownTolerance(_ v: Quantity) -> Quantity? {
    guard let a = try? v.amount(in: v.unit), let e = a.errorExponent, let lead = DecimalMath.leadingDigit(a.value) else { return nil }
    let at = max(lead - (Amount.shownDigits - 1), e + 1)
    return at > 0 ? Quantity(Decimal(sign: .plus, exponent: at - 1, significand: 5), v.unit) : nil
}

// SwiftPM links an executable's entry point as `main`, so libFuzzer's own main is not used;
// this one hands the arguments to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main enum FuzzFormula {
    static func main() {
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzFormula))
    }
}
