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

    func relation(_ id: String) -> CheckResult? { realAnalysis.checks.first { $0.id == id && $0.kind == .relation } }

    /// Three inconsistencies the text explains, shown as acknowledged checks; and a "其中" list
    /// that need not be complete, a `<=` that passes.
    @Test func explainedInconsistenciesAreAcknowledgedChecks() throws {
        // 锡林郭勒: 2093 grids with at least one 党员中心户 each, against 1399 households.
        let households = try #require(relation("xilingol.center.households"))
        #expect(households.status == .acknowledged)
        #expect(households.computed == 1399 && households.stated.number.value == 2093)
        // 7.6 %: like for like (both without hydro) (413.8 − 76) / 5446 = 6.2027…%.
        let share = try #require(check("ordos.capacity.nonhydro_share_imar"))
        #expect(share.status == .acknowledged)
        #expect(NumberFormat.rounded(share.computed, 3) == dec("6.203"))
        // 集中土地4.6亩 at 15 % of the town: 4.6 / 0.15 = 30.67亩, less than one village's 600亩.
        let land = try #require(relation("rural.shulinzhao.town_land_implied"))
        #expect(land.status == .acknowledged)
        #expect(NumberFormat.rounded(land.computed, 2) == dec("30.67") && land.stated.number.value == 600)
        // 12 + 8 + 13 + 1 + 6 + 10 = 50 listed after 其中, of 57: part <= whole passes.
        let listed = try #require(relation("imar.chain.enterprises_calc"))
        #expect(listed.status == .pass)
        #expect(listed.computed == 50 && listed.stated.number.value == 57)
    }

    /// A value the site computed (an indicator without `stated`) is marked 推算 in prose, with its
    /// formula in words in the tooltip; a number the source states is not marked.
    @Test func derivedValuesAreMarkedInProse() throws {
        let r = Renderer(analysis: realAnalysis, templates: try Templates(directory: Repo.templates))
        let html = String(decoding: try r.render(.document(.report, slug: "new-energy")).data, as: UTF8.self)
        /// The whole `<a …>…</a>` element whose href ends in `#id`.
        func link(_ id: String) throws -> Substring {
            let href = try #require(html.range(of: "data/index.html#\(id)\""), "no link to \(id)")
            let open = try #require(html[..<href.lowerBound].range(of: "<a ", options: .backwards))
            let close = try #require(html[href.upperBound...].range(of: "</a>"))
            return html[open.lowerBound..<close.upperBound]
        }
        // 12 + 8 + 13 + 1 + 6 + 10 = 50家, computed by the site; the source states no total of the list.
        let derived = try link("imar.chain.enterprises_calc")
        let turbine = try #require(realAnalysis.label(of: "imar.chain.turbine_enterprises"))
        #expect(derived.contains("derived"), "\(derived)")
        #expect(derived.contains("（推算：\(turbine) + "), "\(derived)")
        #expect(derived.hasSuffix("<span class=\"mark\">推算</span></a>"), "\(derived)")
        // 57家 is the source's own figure: no mark.
        let source = try link("imar.chain.enterprises")
        #expect(!source.contains("推算"), "\(source)")
        // The checks page explains the mark.
        let checks = String(decoding: try r.render(.checks(page: 1)).data, as: UTF8.self)
        #expect(checks.contains("<span class=\"mark\">推算</span></dt><dd>本站按公式计算、原文没有写出的数"))
    }

    /// Units the source writes, kept: 万千伏安, 米/秒, ℃ (below zero too), 岁, 字.
    @Test func unitsOfTheSourceAreKept() throws {
        for (id, unit, value) in [("ordos.ne.substation_capacity_500kv", "万千伏安", "1530"), ("ordos.ne.wind_speed_min", "米/秒", "6.4"),
                                  ("talent.env.summer_temp", "℃", "21.2"), ("talent.env.winter_temp", "℃", "-6.6"),
                                  ("gov.secretaries.avg_age", "岁", "36.5"), ("overview.report.advisory_length", "字", "2000")] {
            let q = try #require(realAnalysis.project.figures[id]?.quantity, "\(id)")
            #expect(q.value(in: try realAnalysis.project.units.lookup(unit)) == dec(value), "\(id)")
        }
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
