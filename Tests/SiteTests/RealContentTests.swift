import BriefingCore
import Calc
import Foundation
import Render
import Analysis
import Output
import Commands
import Testing

/// The real content, analysed once for all tests here.
let realAnalysis: Analysis = {
    do { return try Analyzer.analyze(contentDirectory: Repo.content) } catch { fatalError("content does not load:\n\(error)") }
}()

func dec(_ s: String) -> Decimal { Decimal(string: s, locale: Locale(identifier: "en_US_POSIX"))! }

func computed(_ id: String) -> Quantity? { realAnalysis.evaluation.values[id] ?? realAnalysis.project.figures[id]?.quantity }

func check(_ id: String) -> CheckResult? { realAnalysis.checks.first { $0.id == id && $0.kind == .indicator } }

@Suite struct RealContentTests {
    @Test func everyCheckPassesOrIsAcknowledged() {
        #expect(realAnalysis.failedChecks.isEmpty, "\(realAnalysis.failedChecks.map(CheckReport.line))")
        let stated = realAnalysis.checks.filter { $0.kind == .indicator }
        #expect(stated.count >= 60)
        #expect(realAnalysis.project.documents.filter { $0.kind == .report }.count == 6)
        #expect(realAnalysis.project.documents.filter { $0.kind == .case }.count == 5)
    }

    /// Worked out by hand from seed 002, report 2, section 一（三）1.
    @Test func ordosCapacityFromTheSeed() throws {
        // 287.3 + 44.5 + 76 + 6 = 413.8
        let total = try #require(computed("ordos.capacity.total"))
        #expect(total.value(in: try UnitRegistry().lookup("万千瓦")) == dec("413.8"))
        #expect(check("ordos.capacity.total")?.status == .pass)
        // 413.8 / 5446 = 0.075982…, stated 7.6%
        let share = try #require(check("ordos.capacity.share_imar"))
        #expect(share.status == .pass)
        #expect(NumberFormat.rounded(share.computed, 3) == dec("7.598"))
    }

    /// The source disagrees with itself; both numbers are kept and the check is acknowledged.
    @Test func acknowledgedDiscrepanciesFromTheSeed() throws {
        // PV by banner: 0.02 + 2 + 50 + 0.8 + 115.8 + 108.3 + 6 + 4.3 = 287.22, stated 287.3
        let pv = try #require(check("ordos.capacity.pv_by_banner"))
        #expect(pv.status == .acknowledged)
        #expect(pv.computed == dec("287.22"))
        #expect(pv.stated.number.value == dec("287.3"))
        #expect(pv.note?.isEmpty == false)
        // Wind by banner: 1 + 40 + 2 + 2 = 45, stated 44.5
        let wind = try #require(check("ordos.capacity.wind_by_banner"))
        #expect(wind.status == .acknowledged)
        #expect(wind.computed == 45)
        #expect(wind.stated.number.value == dec("44.5"))
        // 树林召镇: 2704 + 2109 = 4813, stated 4833 万元
        let shares = try #require(check("rural.shulinzhao.shares_sum"))
        #expect(shares.status == .acknowledged)
        #expect(shares.computed == 4813)
        #expect(shares.stated.number.value == 4833)
        // Communities: 256 (一（二）三) against 236 (一（一）)
        let communities = try #require(check("gov.communities.recount"))
        #expect(communities.status == .acknowledged)
        #expect(communities.computed == 256)
        #expect(communities.stated.number.value == 236)
    }

    /// 137676 + 1308159 = 1445835 (seed 002, report 5, population mobility).
    @Test func talentPopulationFromTheSeed() throws {
        let c = try #require(check("talent.pop.separated_sum"))
        #expect(c.status == .pass)
        #expect(c.computed == 1_445_835)
    }

    /// Values computed independently with Python's decimal module from the seed text
    /// (Fixtures/expected/*.tsv, one file per document, with the arithmetic in column 4).
    @Test func independentlyComputedValues() throws {
        let dir = Repo.fixtures.appendingPathComponent("expected")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".tsv") }.sorted()
        var perFamily: [String: Int] = [:]
        var compared = 0
        for file in files {
            let text = try String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)
            for line in text.split(separator: "\n").dropFirst() where !line.hasPrefix("#") {
                let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard cols.count >= 3 else { continue }
                let (id, expected, unitText) = (cols[0], cols[1], cols[2])
                guard let value = computed(id) else {
                    Issue.record("\(file): \(id) has no computed value")
                    continue
                }
                let unit = try realAnalysis.project.units.lookup(unitText)
                let w = try #require(QuantityParser.number(prefixOf: Substring(expected)))
                let got = value.value(in: unit)
                // The expected value is exact, or rounded at its last written digit.
                var half = Decimal(5)
                for _ in 0...w.0.decimals { half /= 10 }
                #expect(abs(got - w.0.value) <= half, "\(file): \(id) computed \(got)\(unitText), expected \(expected)")
                compared += 1
                perFamily[family(file), default: 0] += 1
            }
        }
        #expect(compared >= 25)
        #expect(perFamily["energy", default: 0] >= 8)
        #expect(perFamily["talent", default: 0] >= 8)
        #expect(perFamily["funding", default: 0] >= 8)
    }

    func family(_ file: String) -> String {
        if file.hasPrefix("new-energy") { return "energy" }
        if file.hasPrefix("talent") { return "talent" }
        if file.hasPrefix("overview") || file.hasPrefix("project-liaison") { return "other" }
        return "funding"
    }

    @Test func everyRegionIsKnownAndNested() {
        let slugs = Set(realAnalysis.project.regions.map(\.slug))
        for r in realAnalysis.project.regions where r.parent != nil {
            #expect(slugs.contains(r.parent!))
        }
        #expect(slugs.isSuperset(of: ["imar", "ordos", "dalad", "jungar", "kangbashi", "xilingol", "suzhou-snd"]))
    }
}
