@testable import Analysis
import BriefingCore
import Calc
import Foundation
import Markup
import Testing

/// A small site in a temporary folder: one report, written for the case at hand.
struct MiniSite {
    let dir: URL
    var content: URL { dir.appendingPathComponent("content") }

    init(report: String, extra: [String: String] = [:]) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-analysis-\(UUID().uuidString)")
        let fm = FileManager.default
        try fm.createDirectory(at: dir.appendingPathComponent("content/reports"), withIntermediateDirectories: true)
        try fm.createDirectory(at: dir.appendingPathComponent("content/cases"), withIntermediateDirectories: true)
        try "title: 测试\n".write(to: content.appendingPathComponent("site.yaml"), atomically: true, encoding: .utf8)
        try "- slug: ordos\n  name: 鄂尔多斯市\n  kind: 盟市\n".write(to: content.appendingPathComponent("regions.yaml"), atomically: true, encoding: .utf8)
        try report.write(to: content.appendingPathComponent("reports/r.md"), atomically: true, encoding: .utf8)
        for (name, text) in extra { try text.write(to: content.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    }

    func analyze() throws -> Analysis { try Analyzer.analyze(contentDirectory: content) }

    /// The 1-based line of the first line containing `needle` in the report.
    func line(_ needle: String) throws -> Int {
        let text = try String(contentsOf: content.appendingPathComponent("reports/r.md"), encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(needle) }! + 1
    }
}

@Suite struct RelationTests {
    static let report = """
    ---
    title: 关系
    date: 2022-01-01
    figures:
      grids: 2093 个
      households:
        value: 1399
        unit: 个
        check:
          - rule: ">= grids"
            expect: discrepancy
            note: 每个网格一户，党员中心户应不少于网格数，原文如此。
      listed: 50 家
      enterprises:
        value: 57
        unit: 家
      same_a: 287.3 万千瓦
      same_b: 287.30 万千瓦
    indicators:
      listed_total:
        formula: listed
        check: <= enterprises
      twice:
        formula: same_a
        check: [= same_b, 不超过 same_b]
    ---

    正文。

    """

    @Test func relationsPassFailAndAreAcknowledged() throws {
        let site = try MiniSite(report: Self.report)
        let a = try site.analyze()
        let relations = a.checks.filter { $0.kind == .relation }
        #expect(relations.count == 4)
        let byLine = Dictionary(grouping: relations, by: \.location.line)
        // 1399 ≥ 2093 fails, as the note says: acknowledged, at the rule's line.
        let ack = try #require(byLine[try site.line("rule: \">= grids\"")]?.first)
        #expect(ack.status == .acknowledged && ack.id == "households")
        #expect(ack.computed == 1399 && ack.stated.number.value == 2093)
        // 50 listed after 其中 ≤ 57 in all: passes.
        #expect(byLine[try site.line("check: <= enterprises")]?.first?.status == .pass)
        // 287.3 and 287.30 are one quantity written twice: = and ≤ both pass.
        #expect(byLine[try site.line("check: [= same_b")]?.map(\.status) == [.pass, .pass])
        #expect(a.failedChecks.isEmpty)
    }

    @Test func aBrokenRelationFailsAndAnUnknownTargetIsAnError() throws {
        let broken = Self.report.replacingOccurrences(of: "same_b: 287.30 万千瓦", with: "same_b: 287.4 万千瓦")
        let a = try MiniSite(report: broken).analyze()
        #expect(a.failedChecks.map(\.id) == ["twice"])
        // The failing checks, gathered without sorting every check, in the order of all checks.
        let twoWrong = broken.replacingOccurrences(of: "listed: 50 家", with: "listed: 60 家")
        let b = try MiniSite(report: twoWrong).analyze()
        #expect(b.failedChecks.count >= 2)
        #expect(b.failedChecks.map(ObjectIdentifier.init) == b.checks.filter { $0.status.failsCI }.map(ObjectIdentifier.init))
        let unknown = Self.report.replacingOccurrences(of: "check: <= enterprises", with: "check: <= enterprisez")
        let site = try MiniSite(report: unknown)
        #expect {
            try site.analyze()
        } throws: { error in
            let d = (error as? Diagnostics)?.items.first
            return d?.location.line == (try? site.line("check: <= enterprisez")) && d?.hint.contains("enterprises") == true
        }
    }
}

@Suite struct UnboundNumberTests {
    @Test func proseNumbersThatNoCheckCoversAreListedWithTheirLines() throws {
        let site = try MiniSite(report: """
        ---
        title: 数字
        date: 2022-01-01
        summary: 全市装机[413.8万千瓦](fig:cap)，占7.6%。
        figures:
          cap: 413.8 万千瓦
        ---

        ## 一、概况

        2021年全市有[413.8万千瓦](fig:cap)，第26期培训班的五个小组
        调研了四个部门，1.2万户受益，500千伏电网。

        （一）统一规划，一是加强领导。

        """)
        let a = try site.analyze()
        let unbound = a.unboundNumbers
        #expect(unbound.map(\.text) == ["7.6%", "五个", "四个", "1.2万户"])
        #expect(unbound[0].location.key == "summary" && unbound[0].location.line == 4)
        #expect(unbound[1].location.line == (try site.line("五个小组")))
        #expect(unbound[2].location.line == (try site.line("四个部门")))
        // The summary's bound number is checked like prose.
        #expect(a.checks.contains { $0.location.key == "summary" && $0.status == .pass })
    }
}

/// Slips of a Chinese keyboard: each checks clean (read as meant) or is an error in Chinese
/// naming its own line and the fix.
@Suite struct KeyboardSlipTests {
    static func report(figure: String = "    value: 13.5", topics: String = "[新能源, 储能]", body: String = "共[13.5万元](fig:a.b)。") -> String {
        """
        ---
        title: 键盘
        date: 2022-01-01
        topics: \(topics)
        figures:
          a.b:
        \(figure)
            unit: 万元
            label: 投入
        ---

        \(body)

        """
    }

    func problem(_ report: String) throws -> Diagnostic {
        let site = try MiniSite(report: report)
        do {
            _ = try site.analyze()
        } catch {
            return try #require((error as? Diagnostics)?.items.first)
        }
        Issue.record("expected an input error")
        throw CancellationError()
    }

    @Test func fullWidthColonAfterAKeyNamesItsLineAndTheFix() throws {
        let d = try problem(Self.report(figure: "    value：13.5"))
        #expect(d.location.line == 7)
        #expect(d.message.contains("全角冒号“：”") && d.hint.contains("value: 13.5"))
    }

    @Test func noSpaceAfterTheColonNamesItsLine() throws {
        let d = try problem(Self.report(figure: "    value:13.5"))
        #expect(d.location.line == 7)
        #expect(d.message.contains("冒号后面少了空格") && d.hint.contains("value: 13.5"))
    }

    @Test func fullWidthDigitsAndPercentAreRead() throws {
        let a = try MiniSite(report: Self.report(figure: "    value: １３．５", body: "共[１３．５万元](fig:a.b)。")).analyze()
        #expect(a.failedChecks.isEmpty && a.checks.count == 1)
        #expect(a.project.figures["a.b"]?.quantity.value == Decimal(string: "13.5"))
        let pct = try QuantityParser.parseWritten("７．６％", units: UnitRegistry())
        #expect(pct.quantity.unit.symbol == "%" && pct.number.value == Decimal(string: "7.6"))
    }

    @Test func fullWidthBracketsAroundALinkAreAnErrorOnTheirLine() throws {
        for body in ["共[13.5万元]（fig:a.b）。", "共【13.5万元】(fig:a.b)。"] {
            let d = try problem(Self.report(body: body))
            #expect(d.location.line == 12, "\(body)")
            #expect(d.message.contains("全角") && d.hint.contains("[20万元](fig:编号)"))
        }
    }

    @Test func chineseListMarksSeparateItems() throws {
        for topics in ["[新能源、储能]", "[新能源，储能]", "新能源、储能"] {
            let a = try MiniSite(report: Self.report(topics: topics)).analyze()
            #expect(a.project.documents[0].topics == ["新能源", "储能"], "\(topics)")
        }
    }
}
