import Foundation
import Testing

// Hostile front matter, formulas, checks and links (fixture and helpers: HostileFixture.swift).

@Suite(.serialized) struct HostileInputTests {
    typealias F = HostileFixture

    // MARK: front matter and YAML

    @Test func noClosingFence() throws {
        let c = try HostileCase("no-closing-fence")
        try c.edit(F.energyPath, F.statedLine + "---\n", F.statedLine)
        let line = try c.line(of: "---")
        try expectRejected(c.run(), line: line, mentions: ["---"])
    }

    @Test func yamlSyntaxError() throws {
        let c = try HostileCase("yaml-syntax")
        try c.edit(F.energyPath, "group: 第一小组", "group: [第一小组")
        try expectRejected(c.run(), line: c.line(of: "group: ["), mentions: ["YAML"])
    }

    @Test func tabIndentation() throws {
        let c = try HostileCase("tab")
        try c.edit(F.energyPath, "    label: 光伏", "\tlabel: 光伏")
        try expectRejected(c.run(), line: c.line(of: "\tlabel"), mentions: ["Tab"])
    }

    @Test func duplicateYAMLKey() throws {
        let c = try HostileCase("duplicate-key")
        try c.insert("group: 第二小组\n", after: "summary: 摘要。\n")
        try expectRejected(c.run(), line: c.line(of: "group:", occurrence: 2), key: "group", mentions: ["重复"])
    }

    @Test func duplicateFigureIDAcrossFilesNamesBothPlaces() throws {
        let c = try HostileCase("duplicate-figure")
        try c.insert("  ordos.capacity.wind: 44.5 万千瓦\n", after: "  ordos.grid.lines: 12 条\n", in: F.gridPath)
        let inGrid = try c.line(of: "ordos.capacity.wind", in: F.gridPath)
        let inEnergy = try c.line(of: "ordos.capacity.wind")
        let o = try c.run()
        expectStatus(o, 2)
        for r in [o.check, o.build] {
            let message = r.stderr.split(separator: "\n").first { $0.contains("ordos.capacity.wind") }.map(String.init) ?? ""
            #expect(message.contains("content/\(F.gridPath):\(inGrid)"), "\(r.stderr)")
            #expect(message.contains("content/\(F.energyPath):\(inEnergy)"), "\(r.stderr)")
            #expect(message.contains("[figures.ordos.capacity.wind]"), "\(r.stderr)")
        }
        expectSiteUnchanged(o)
    }

    @Test func unknownFrontMatterKeySuggestsTheRightOne() throws {
        let c = try HostileCase("unknown-key")
        try c.edit(F.energyPath, "group: 第一小组", "gruop: 第一小组")
        try expectRejected(c.run(), line: c.line(of: "gruop:"), key: "gruop", mentions: ["`group`"])
    }

    @Test func unknownUnit() throws {
        let c = try HostileCase("unknown-unit")
        try c.edit(F.energyPath, "44.5 万千瓦", "44.5 万千哇")
        try expectRejected(c.run(), line: c.line(of: "万千哇"), key: "figures.ordos.capacity.wind",
                           mentions: ["万千哇", "`万千瓦`"])
    }

    @Test func nonNumericValue() throws {
        let c = try HostileCase("non-numeric")
        try c.edit(F.energyPath, "value: 287.3", "value: 二八七点三")
        try expectRejected(c.run(), line: c.line(of: "value: 二八七点三"), key: "figures.ordos.capacity.pv.value",
                           mentions: ["二八七点三"])
    }

    @Test func fullWidthDigitsAreAccepted() throws {
        let c = try HostileCase("full-width")
        try c.edit(F.energyPath, "stated: 413.8 万千瓦", "stated: ４１３．８ 万千瓦")
        try c.edit(F.energyPath, "value: 287.3", "value: ２８７．３")
        let o = try c.run()
        expectAccepted(o)
        #expect(o.check.stdout.contains("结论：全部"), "\(o.check.stdout)")
        // Same meaning as the half-width text, so the same site, byte for byte.
        expectSiteUnchanged(o)
    }

    @Test func invalidDateAndID() throws {
        let c = try HostileCase("bad-date")
        try c.edit(F.energyPath, "date: 2022-06-01", "date: 2022-02-30")
        try expectRejected(c.run(), line: c.line(of: "date:"), key: "date", mentions: ["2022-02-30"])
        let d = try HostileCase("bad-id")
        try d.edit(F.energyPath, "  ordos.capacity.hydro:", "  Ordos.Capacity.Hydro:")
        try expectRejected(d.run(), line: d.line(of: "Ordos.Capacity.Hydro"), key: "figures.Ordos.Capacity.Hydro",
                           mentions: ["ordos.capacity.hydro"])
    }

    // MARK: formulas and checks

    @Test func moneyAddedToPower() throws {
        let c = try HostileCase("money-plus-power")
        try c.edit(F.energyPath, "ordos.capacity.biomass: 6 万千瓦", "ordos.capacity.biomass: 6 万元")
        try expectRejected(c.run(), line: c.line(of: "formula: ordos.capacity.pv"), key: "indicators.ordos.capacity.total.formula",
                           mentions: ["万元", "万千瓦"])
    }

    @Test func formulaCycle() throws {
        let c = try HostileCase("cycle")
        try c.insert("  x.a: x.b + 1 万千瓦\n  x.b: x.a * 2\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.a:"), key: "indicators.x.a", mentions: ["x.a → x.b → x.a"])
    }

    @Test func divisionByZero() throws {
        let c = try HostileCase("div-zero")
        try c.insert("  x.r: ordos.capacity.pv / (ordos.capacity.wind - 44.5 万千瓦)\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.r:"), key: "indicators.x.r", mentions: ["除数为零", "`x.r`"])
    }

    @Test func unknownFunction() throws {
        let c = try HostileCase("unknown-function")
        try c.insert("  x.f: summ(ordos.capacity.pv)\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.f:"), key: "indicators.x.f", mentions: ["`summ`", "`sum`"])
    }

    @Test func unknownIDInFormulaSuggestsTheRightOne() throws {
        let c = try HostileCase("unknown-id")
        try c.insert("  x.u: ordos.capacity.pvv + 1 万千瓦\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.u:"), key: "indicators.x.u",
                           mentions: ["`ordos.capacity.pvv`", "`ordos.capacity.pv`"])
    }

    @Test func wildcardMatchingNothing() throws {
        let c = try HostileCase("wildcard")
        try c.insert("  x.w: sum(banner.*.capacity.pv)\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.w:"), key: "indicators.x.w", mentions: ["banner.*.capacity.pv", "没有匹配"])
    }

    @Test func overlongAndDeeplyNestedFormulas() throws {
        // Both crashed the tool with a stack overflow before (see Tests/CalcTests/RobustnessTests).
        let c = try HostileCase("long-formula")
        try c.insert("  x.long: " + Array(repeating: "ordos.capacity.pv", count: 20_000).joined(separator: " + ") + "\n",
                     after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "  x.long:"), key: "indicators.x.long", mentions: ["公式过长"])
        let d = try HostileCase("deep-formula")
        try d.insert("  x.deep: \"" + String(repeating: "-", count: 100_000) + "1\"\n", after: F.statedLine)
        try expectRejected(d.run(), line: d.line(of: "  x.deep:"), key: "indicators.x.deep", mentions: ["嵌套过深"])
    }

    @Test func longChainOfIndicatorsIsEvaluated() throws {
        // 3,000 indicators each using the previous one overflowed the stack before. The last
        // one states a wrong value, so the build stops after checking (rendering 3,000 pages
        // in a debug build is not what this case is about).
        let c = try HostileCase("chain")
        var chain = "  x.i0: ordos.capacity.pv\n"
        for i in 1..<3_000 { chain += "  x.i\(i): x.i\(i - 1) + 1 万千瓦\n" }
        try c.insert(chain + "  x.last:\n    formula: x.i2999\n    stated: 3286.4 万千瓦\n", after: F.statedLine)
        let o = try c.run()
        try expectFailedCheck(o, line: c.line(of: "stated: 3286.4"), id: "x.last")
        #expect(o.check.stdout.contains("原文 3286.4万千瓦，计算得 3286.3万千瓦"), "\(o.check.stdout.suffix(500))")
    }

    @Test func wrongStatedValueFails() throws {
        let c = try HostileCase("wrong-stated")
        try c.edit(F.energyPath, "stated: 413.8 万千瓦", "stated: 413.9 万千瓦")
        try expectFailedCheck(c.run(), line: c.line(of: "stated: 413.9"), id: "ordos.capacity.total")
    }

    @Test func discrepancyWithoutNote() throws {
        let c = try HostileCase("no-note")
        try c.insert("    expect: discrepancy\n", after: F.statedLine)
        try expectRejected(c.run(), line: c.line(of: "expect: discrepancy"), key: "indicators.ordos.capacity.total.expect",
                           mentions: ["note"])
    }

    @Test func staleAcknowledgementFails() throws {
        let c = try HostileCase("stale")
        try c.insert("    expect: discrepancy\n    note: 原文分项之和与合计不一致。\n", after: F.statedLine)
        let o = try c.run()
        try expectFailedCheck(o, line: c.line(of: "stated: 413.8"), status: "stale", id: "ordos.capacity.total")
        #expect(o.check.stdout.contains("原文分项之和与合计不一致。"))
    }

    // MARK: links in the body

    @Test func reportLinkToMissingReport() throws {
        let c = try HostileCase("missing-report")
        try c.edit(F.energyPath, "(report:grid)", "(report:gird)")
        try expectRejected(c.run(), line: c.line(of: "(report:gird)"), mentions: ["`gird`", "`grid`"])
    }

    @Test func reportLinkToMissingAnchor() throws {
        let c = try HostileCase("missing-anchor")
        try c.edit(F.gridPath, "report:energy#一发展现状", "report:energy#二发展现状")
        try expectRejected(c.run(), file: F.gridPath, line: c.line(of: "#二发展现状", in: F.gridPath),
                           mentions: ["二发展现状", "`一发展现状`"])
    }

    @Test func unknownRegionInFrontMatter() throws {
        let c = try HostileCase("unknown-region")
        try c.edit(F.energyPath, "regions: [ordos]", "regions: [ordoss]")
        try expectRejected(c.run(), line: c.line(of: "regions: [ordoss]"), key: "regions[0]", mentions: ["`ordoss`", "`ordos`"])
    }

    @Test func unknownRegionOfAFigure() throws {
        let c = try HostileCase("unknown-figure-region")
        try c.edit(F.energyPath, "    region: ordos", "    region: ordoz")
        try expectRejected(c.run(), line: c.line(of: "region: ordoz"), key: "figures.ordos.capacity.pv.region",
                           mentions: ["`ordoz`", "`ordos`"])
    }

    @Test func unknownRegionLink() throws {
        let c = try HostileCase("unknown-region-link")
        try c.edit(F.energyPath, "(region:ordos)", "(region:ordoss)")
        try expectRejected(c.run(), line: c.line(of: "(region:ordoss)"), mentions: ["`ordoss`", "`ordos`"])
    }

    @Test func figLinkToUnknownID() throws {
        let c = try HostileCase("unknown-fig")
        try c.edit(F.energyPath, "[](fig:ordos.capacity.pv)", "[](fig:ordos.capacity.pvv)")
        try expectRejected(c.run(), line: c.line(of: "fig:ordos.capacity.pvv"), mentions: ["`ordos.capacity.pvv`", "`ordos.capacity.pv`"])
    }

    @Test func bindingWithTheWrongNumberFails() throws {
        let c = try HostileCase("binding-number")
        try c.edit(F.energyPath, "[413.8万千瓦](fig:", "[413.9万千瓦](fig:")
        try expectFailedCheck(c.run(), line: c.line(of: "[413.9万千瓦]"), id: "ordos.capacity.total")
    }

    @Test func bindingWithTheWrongUnit() throws {
        let c = try HostileCase("binding-unit")
        try c.edit(F.energyPath, "[413.8万千瓦](fig:", "[413.8万元](fig:")
        try expectRejected(c.run(), line: c.line(of: "[413.8万元]"), mentions: ["万元", "万千瓦"])
    }
}
