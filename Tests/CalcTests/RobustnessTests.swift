import BriefingCore
import Calc
import Foundation
import Testing

/// Formulas and indicator graphs shaped to exhaust the stack: they must give a located
/// error or a value, never a crash (found by the hostile-input suite).
@Suite struct FormulaRobustnessTests {
    @Test func longSumsEvaluateWithoutDeepRecursion() throws {
        // 400 terms: a left-deep tree 399 levels high, walked in a loop by the evaluator.
        let formula = Array(repeating: "a", count: 400).joined(separator: " + ")
        let e = try evaluate(["a": "1 个"], ["t": formula])
        #expect(e.problems.isEmpty)
        #expect(e.values["t"]?.magnitude == 400)
    }

    @Test func overlongFormulaIsRefused() throws {
        let formula = Array(repeating: "a", count: 20_000).joined(separator: "+")
        #expect(throws: LocalError.self) { try FormulaParser.parse(formula, units: units) }
        let e = try evaluate(["a": "1 个"], ["t": formula])
        #expect(e.problems.count == 1)
        #expect(e.problems.first?.message.contains("公式过长") == true)
    }

    @Test func nestingIsLimited() throws {
        let limit = FormulaParser.maxNesting
        let ok = String(repeating: "(", count: limit) + "1" + String(repeating: ")", count: limit)
        #expect(try FormulaParser.parse(ok, units: units) == .number(Quantity(1, .one), offset: limit))
        for deep in [String(repeating: "(", count: limit + 1) + "1" + String(repeating: ")", count: limit + 1),
                     String(repeating: "-", count: 100_000) + "1",
                     String(repeating: "(", count: 100_000),
                     String(repeating: "sum(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)] {
            do {
                _ = try FormulaParser.parse(deep, units: units)
                Issue.record("expected an error")
            } catch {
                #expect(error.message.contains("嵌套过深"), "\(error.message)")
            }
        }
    }

    @Test func longChainsOfIndicatorsEvaluate() throws {
        // 5,000 indicators each using the previous one: evaluated inputs-first, not recursively.
        var inds: [String: String] = ["c.i0": "a"]
        for i in 1..<5_000 { inds["c.i\(i)"] = "c.i\(i - 1) + 1 个" }
        let e = try evaluate(["a": "1 个"], inds)
        #expect(e.problems.isEmpty)
        #expect(e.values["c.i4999"]?.magnitude == 5_000)
        #expect(e.usedBy["c.i0"] == ["c.i1"])
    }

    @Test func longCycleIsReportedOnceAndShortened() throws {
        var inds: [String: String] = [:]
        for i in 0..<3_000 { inds["c.i\(i)"] = "c.i\((i + 1) % 3_000) + 1" }
        let e = try evaluate([:], inds)
        #expect(e.problems.count == 1)
        let m = try #require(e.problems.first?.message)
        #expect(m.hasPrefix("公式循环引用：c.i0 → "))
        #expect(m.contains("共 3000 个指标"))
        #expect(m.count < 300)
    }

    @Test func cycleBehindABrokenInputIsStillReported() throws {
        let e = try evaluate([:], ["a": "missing.id + b", "b": "c", "c": "b"])
        #expect(e.problems.count == 2)
        #expect(e.problems.contains { $0.message.contains("b → c → b") })
        #expect(e.problems.contains { $0.message.contains("missing.id") })
    }

    @Test func cycleThroughAWildcardIsReported() throws {
        let e = try evaluate(["x.a.v": "1 个"], ["x.b.v": "sum(x.*.v)", "x.t": "x.b.v + 1 个", "x.c.v": "x.t"])
        #expect(e.problems.count == 1)
        #expect(e.problems.first?.message.contains("循环引用") == true)
    }
}
