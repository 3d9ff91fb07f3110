import BriefingCore
import Calc
import Foundation

// libFuzzer entry point. The input's lines (at most four) are the formulas of indicators
// fz.a … fz.d in a small project, so they may refer to each other (cycles, chains) and to
// figures with several units. Parsing and evaluation must end in values or located
// problems, never a crash; a division by zero must never produce a value.
let units = UnitRegistry()
let figures: [Figure] = {
    let defs: [(String, String)] = [
        ("ordos.capacity.pv", "287.3 万千瓦"), ("ordos.capacity.wind", "44.5 万千瓦"), ("ordos.capacity.hydro", "76 万千瓦"),
        ("banner.dalad.capacity.pv", "115.8 万千瓦"), ("banner.hanggin.capacity.pv", "108.3 万千瓦"),
        ("ordos.money.total", "1.6 亿元"), ("ordos.pop.total", "215.8 万人"), ("ordos.share", "7.6%"),
        ("ordos.count", "12 个"), ("ordos.zero", "0 个"), ("ordos.energy", "1.2 亿千瓦时"), ("ordos.none", "3"),
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
        _ = NumberFormat.format(v)
        // Check every value against a stated number the way `check` does.
        var stated = one
        stated.quantity = Quantity(1, v.unit)
        if let r = try? Checker.check(id: id, kind: .indicator, label: id, stated: stated, computed: v,
                                      location: SourceLocation(file: "t.md", line: 1), document: "t") {
            _ = (r.computedText, r.differenceText, r.toleranceText, r.statedText)
        }
    }
    return 0
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
