import BriefingCore
import Calc
import Foundation
import Testing

/// Inputs kept in fuzz/regressions/formula/ (found by `make fuzz` or by the hostile-input
/// suite), replayed as the fuzz target reads them: up to four lines, the formulas of
/// indicators fz.a … fz.d beside a few figures. Each must evaluate or give located problems.
@Suite struct FormulaFuzzRegressionTests {
    static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("fuzz/regressions/formula")

    static var inputs: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: dir, includingPropertiesForKeys: nil)) ?? [])
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test func replayKeptInputs() throws {
        let figures = ["ordos.capacity.pv": "287.3 万千瓦", "ordos.capacity.wind": "44.5 万千瓦",
                       "banner.dalad.capacity.pv": "115.8 万千瓦", "ordos.money.total": "1.6 亿元",
                       "ordos.pop.total": "215.8 万人", "ordos.share": "7.6%", "ordos.count": "12 个", "ordos.zero": "0 个"]
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
            for v in e.values.values { _ = NumberFormat.format(v) }
        }
    }
}
