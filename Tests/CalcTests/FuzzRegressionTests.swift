import BriefingCore
import Calc
import Foundation
import Testing

/// Inputs kept in fuzz/regressions/formula/ (found by `make fuzz` or by the hostile-input
/// suite), replayed as the fuzz target reads them: up to four lines, the formulas of
/// indicators fz.a … fz.d beside the same figures. Each must evaluate or give located
/// problems; no value is NaN or beyond the limits, and each checks equal to its own display.
@Suite struct FormulaFuzzRegressionTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/regressions/formula")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    /// Half a unit in the last digit shown, when a rounded value is shown to tens or coarser
    /// (30 significant digits of a larger number), which the written decimals cannot say.
    static func shownTolerance(_ v: Quantity) -> Quantity? {
        guard let a = try? v.amount(in: v.unit), let e = a.errorExponent, let lead = DecimalMath.leadingDigit(a.value) else { return nil }
        let at = max(lead - (Amount.shownDigits - 1), e + 1)
        return at > 0 ? Quantity(Decimal(sign: .plus, exponent: at - 1, significand: 5), v.unit) : nil
    }

    @Test func replayKeptInputs() throws {
        let figures = ["ordos.capacity.pv": "287.3 万千瓦", "ordos.capacity.wind": "44.5 万千瓦",
                       "banner.dalad.capacity.pv": "115.8 万千瓦", "ordos.money.total": "1.6 亿元",
                       "ordos.pop.total": "215.8 万人", "ordos.share": "7.6%", "ordos.count": "12 个", "ordos.zero": "0 个",
                       "ordos.capacity.hydro": "76 万千瓦", "banner.hanggin.capacity.pv": "108.3 万千瓦",
                       "ordos.energy": "1.2 亿千瓦时", "ordos.none": "3",
                       "ordos.big": "999999999999999999999999999999 亿元", "ordos.tiny": "0.00000000000000000000000000001 万元",
                       "ordos.people": "5 人", "ordos.households": "4 户", "ordos.firms": "7 家", "ordos.daily": "48 元/天",
                       "ordos.per": "35 万元/个", "ordos.third": "0.33333333333333333333333333333"]
        for url in Self.inputs {
            let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
            let formulas = text.split(separator: "\n", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            var inds: [String: String] = [:]
            for (i, f) in formulas.enumerated() {
                _ = try? FormulaParser.parse(f, units: units)
                inds["fz." + ["a", "b", "c", "d"][i]] = f
            }
            let start = ContinuousClock.now
            let e = try evaluate(figures, inds)
            #expect(ContinuousClock.now - start < .seconds(5), "\(url.lastPathComponent)")
            #expect(e.problems.allSatisfy { $0.location.line >= 100 }, "\(url.lastPathComponent)")
            for (id, v) in e.values {
                _ = NumberFormat.format(v)
                #expect(!v.magnitude.isNaN)
                #expect(abs(DecimalMath.leadingDigit(v.magnitude) ?? 0) <= Quantity.limitPower, "\(id)")
                let shown = NumberFormat.plain(v.value)
                var w = try QuantityParser.parseWritten("1", units: units)
                w.number.value = v.value
                w.number.decimals = shown.firstIndex(of: ".").map { shown.distance(from: $0, to: shown.endIndex) - 1 } ?? 0
                w.number.text = shown
                w.quantity = Quantity(v.value, v.unit)
                do {
                    let r = try Checker.check(id: id, kind: .indicator, label: id, stated: w, computed: v,
                                              tolerance: Self.shownTolerance(v),
                                              location: BriefingCore.SourceLocation(file: "t.md", line: 1), document: "t")
                    #expect(r.status == .pass, "\(url.lastPathComponent) \(id): \(shown)")
                } catch {
                    #expect(!v.isExact, "\(url.lastPathComponent) \(id): \(error.message)")
                }
            }
        }
    }
}
