import Foundation
import Testing

// Hostile and broken input (issue 4): every case runs the built CLI, `check` and then
// `build`, on a small content folder beside a previously built site, and asserts
//   - the exit code (2 bad input, 1 failed check, 0 accepted),
//   - that the message names the file and the exact line (and the front-matter key),
//     with line numbers computed here from the fixture text, never copied from the tool,
//   - that the output folder is byte-identical afterwards (or, for input that must work,
//     what the build wrote),
//   - that both runs together finish within 5 seconds and neither crashed.

/// The small project every case starts from.
enum HostileFixture {
    static let site = """
        title: 测试简报
        base_url: https://example.org/
        language: zh-CN
        publisher: 测试党校

        """

    static let regions = """
        - slug: imar
          name: 内蒙古自治区
          kind: 自治区
        - slug: ordos
          name: 鄂尔多斯市
          kind: 盟市
          parent: imar

        """

    static let energy = """
        ---
        title: 新能源报告
        date: 2022-06-01
        group: 第一小组
        summary: 摘要。
        topics: [新能源]
        regions: [ordos]
        figures:
          ordos.capacity.pv:
            value: 287.3
            unit: 万千瓦
            label: 光伏
            region: ordos
          ordos.capacity.wind: 44.5 万千瓦
          ordos.capacity.hydro: 76 万千瓦
          ordos.capacity.biomass: 6 万千瓦
        indicators:
          ordos.capacity.total:
            label: 新能源总装机
            formula: ordos.capacity.pv + ordos.capacity.wind + ordos.capacity.hydro + ordos.capacity.biomass
            unit: 万千瓦
            stated: 413.8 万千瓦
        ---

        ## 一、发展现状

        截至2021年底，全市新能源总装机[413.8万千瓦](fig:ordos.capacity.total)，见[电网案例](report:grid)。

        [鄂尔多斯市](region:ordos)的光伏装机为[](fig:ordos.capacity.pv)。

        """

    static let grid = """
        ---
        title: 电网案例
        date: 2022-07-01
        regions: [ordos]
        figures:
          ordos.grid.lines: 12 条
        ---

        ## 概况

        见[新能源报告](report:energy#一发展现状)。

        """

    static let energyPath = "reports/energy.md"
    static let gridPath = "cases/grid.md"
    static let statedLine = "    stated: 413.8 万千瓦\n"

    /// The `briefing` built alongside this test bundle, so `swift test --scratch-path X`
    /// exercises X's build; else the default `.build/debug/briefing`.
    static let binary: URL = {
        var candidates: [URL] = []
        #if os(Linux)
        candidates.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("briefing"))
        #endif
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("briefing"))
        candidates.append(Repo.binary)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? Repo.binary
    }()

    struct SetupError: Error, CustomStringConvertible { var description: String }

    /// `content/` and a `site/` built from it, made once; each case copies both.
    static let base: Result<URL, SetupError> = {
        let dir = tempDir("hostile-base")
        let content = dir.appendingPathComponent("content")
        do {
            for (path, text) in ["site.yaml": site, "regions.yaml": regions, energyPath: energy, gridPath: grid] {
                let url = content.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            // A private copy of the templates, so edits to templates/ during the run cannot
            // make a case's site differ from the base site.
            try FileManager.default.copyItem(at: Repo.templates, to: dir.appendingPathComponent("templates"))
            let r = try runCLI(["build", "--no-search", "--content", "content", "--templates", "templates", "--output", "site"], cwd: dir)
            guard r.status == 0 else { return .failure(SetupError(description: "base build failed: \(r.stderr)")) }
        } catch {
            return .failure(SetupError(description: "\(error)"))
        }
        return .success(dir)
    }()

    /// Runs the CLI with output to files (no pipe can fill up) and a hard deadline, so a hang
    /// fails the test instead of stalling the suite.
    static func runCLI(_ args: [String], cwd: URL, deadline: Duration = .seconds(60)) throws -> RunResult {
        let outURL = cwd.appendingPathComponent(".out-\(UUID().uuidString)")
        let errURL = cwd.appendingPathComponent(".err-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while p.isRunning && clock.now < end { usleep(5_000) }
        var timedOut = false
        if p.isRunning {
            timedOut = true
            p.terminate()
            p.waitUntilExit()
        }
        p.waitUntilExit()
        try out.close()
        try err.close()
        let o = String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        var e = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        if timedOut { e += "\n[test] killed after \(deadline)" }
        return RunResult(status: timedOut ? -1 : p.terminationStatus, stdout: o, stderr: e)
    }
}

/// One case: a private copy of the base content and site, to break on purpose.
struct HostileCase {
    let dir: URL
    var content: URL { dir.appendingPathComponent("content") }
    var site: URL { dir.appendingPathComponent("site") }

    init(_ name: String) throws {
        dir = tempDir("hostile-\(name)")
        let base = try HostileFixture.base.get()
        for sub in ["content", "site"] {
            try FileManager.default.copyItem(at: base.appendingPathComponent(sub), to: dir.appendingPathComponent(sub))
        }
    }

    func url(_ path: String) -> URL { content.appendingPathComponent(path) }
    func bytes(_ path: String) throws -> Data { try Data(contentsOf: url(path)) }

    func write(_ path: String, _ data: Data) throws {
        try FileManager.default.createDirectory(at: url(path).deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url(path))
    }

    func write(_ path: String, _ text: String) throws { try write(path, Data(text.utf8)) }

    /// Replaces the first `old` with `new` in a content file (bytes, so any encoding survives).
    func edit(_ path: String, _ old: String, _ new: String) throws {
        let data = try bytes(path)
        guard let r = data.range(of: Data(old.utf8)) else {
            throw HostileFixture.SetupError(description: "`\(old)` not in \(path)")
        }
        var d = data
        d.replaceSubrange(r, with: Data(new.utf8))
        try d.write(to: url(path))
    }

    /// Inserts text after the first occurrence of `anchor`.
    func insert(_ text: String, after anchor: String, in path: String = HostileFixture.energyPath) throws {
        try edit(path, anchor, anchor + text)
    }

    /// 1-based line of the `occurrence`-th `needle` in the file as it is now, counted in the
    /// raw bytes (so it works for CRLF, a BOM or invalid UTF-8 too).
    func line(of needle: String, in path: String = HostileFixture.energyPath, occurrence: Int = 1) throws -> Int {
        let data = try bytes(path)
        var from = data.startIndex, found: Range<Data.Index>?
        for _ in 0..<occurrence {
            guard let r = data.range(of: Data(needle.utf8), in: from..<data.endIndex) else {
                throw HostileFixture.SetupError(description: "`\(needle)` (#\(occurrence)) not in \(path)")
            }
            found = r
            from = r.upperBound
        }
        return 1 + data[data.startIndex..<found!.lowerBound].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// `check`, then `build` into the previously built site, timed together.
    func run() throws -> HostileOutcome {
        let before = snapshot(site)
        let clock = ContinuousClock()
        let start = clock.now
        let check = try HostileFixture.runCLI(["check", "--content", "content"], cwd: dir)
        let templates = try HostileFixture.base.get().appendingPathComponent("templates").path
        let build = try HostileFixture.runCLI(["build", "--no-search", "--content", "content", "--templates", templates,
                                               "--output", "site"], cwd: dir)
        let elapsed = start.duration(to: clock.now)
        return HostileOutcome(check: check, build: build, elapsed: elapsed, siteBefore: before, siteAfter: snapshot(site))
    }
}

struct HostileOutcome {
    var check: RunResult
    var build: RunResult
    var elapsed: Duration
    var siteBefore: [String: Data]
    var siteAfter: [String: Data]

    var changedFiles: [String] {
        Set(siteBefore.keys).union(siteAfter.keys).filter { siteBefore[$0] != siteAfter[$0] }.sorted()
    }
}

/// Within 5 s, no crash, and both runs ended with `status`.
func expectStatus(_ o: HostileOutcome, _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(o.elapsed < .seconds(5), "took \(o.elapsed)", sourceLocation: sourceLocation)
    for (name, r) in [("check", o.check), ("build", o.build)] {
        #expect(r.status == status, "\(name) exited \(r.status): \(r.stdout.prefix(2000)) \(r.stderr.prefix(2000))",
                sourceLocation: sourceLocation)
        for crash in ["Fatal error", "crashed", "Segmentation", "[test] killed"] {
            #expect(!r.stderr.contains(crash), "\(name): \(r.stderr.prefix(2000))", sourceLocation: sourceLocation)
        }
    }
}

func expectSiteUnchanged(_ o: HostileOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!o.siteBefore.isEmpty, sourceLocation: sourceLocation)
    #expect(o.changedFiles.isEmpty, "site files changed: \(o.changedFiles.prefix(10))", sourceLocation: sourceLocation)
}

/// The line of `output` that reports `file:line`, if any.
func reportedLine(_ output: String, _ prefix: String) -> String? {
    output.split(separator: "\n").map(String.init).first { $0.trimmed().hasPrefix(prefix) || $0.hasPrefix("● " + prefix) }
}

/// Bad input: exit 2 from both runs, a message at exactly `file:line` (with `[key]` when
/// given) that mentions each of `mentions`, and the site untouched.
func expectRejected(_ o: HostileOutcome, file: String = HostileFixture.energyPath, line: Int?, key: String? = nil,
                    mentions: [String] = [], sourceLocation: SourceLocation = #_sourceLocation) {
    expectStatus(o, 2, sourceLocation: sourceLocation)
    let location = "content/\(file)" + (line.map { ":\($0)" } ?? "") + ": 错误: " + (key.map { "[\($0)] " } ?? "")
    for (name, r) in [("check", o.check), ("build", o.build)] {
        let found = reportedLine(r.stderr, location)
        #expect(found != nil, "\(name): no line starting with `\(location)` in:\n\(r.stderr.prefix(3000))",
                sourceLocation: sourceLocation)
        for m in mentions {
            #expect(found?.contains(m) == true, "\(name): `\(m)` not in: \(found ?? "")", sourceLocation: sourceLocation)
        }
    }
    expectSiteUnchanged(o, sourceLocation: sourceLocation)
}

/// A check that fails CI: exit 1 from both runs, `file:line: <status> <id>` on the check's
/// stdout and in the build's stderr, and the site untouched.
func expectFailedCheck(_ o: HostileOutcome, file: String = HostileFixture.energyPath, line: Int, status: String = "fail",
                       id: String, sourceLocation: SourceLocation = #_sourceLocation) {
    expectStatus(o, 1, sourceLocation: sourceLocation)
    // The problems come first, in Chinese, each naming its file:line.
    let location = "content/\(file):\(line)  "
    let marker = status == "stale" ? "但现在一致了" : "计算得"
    for (name, text) in [("check", o.check.stdout), ("build", o.build.stderr)] {
        let found = reportedLine(text, location)
        #expect(found?.contains(marker) == true && found?.hasSuffix("[\(id)]") == true,
                "\(name): no `\(location)…\(marker)…[\(id)]` in:\n\(text)", sourceLocation: sourceLocation)
    }
    #expect(o.check.stdout.hasPrefix("未通过 "), sourceLocation: sourceLocation)
    expectSiteUnchanged(o, sourceLocation: sourceLocation)
}

/// Input that must work: exit 0 from both runs.
func expectAccepted(_ o: HostileOutcome, sourceLocation: SourceLocation = #_sourceLocation) {
    expectStatus(o, 0, sourceLocation: sourceLocation)
    #expect(o.check.stdout.hasSuffix("0 failed\n"), "\(o.check.stdout)", sourceLocation: sourceLocation)
}

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

    // MARK: encodings and line endings

    @Test func invalidUTF8() throws {
        let c = try HostileCase("invalid-utf8")
        let line = try c.line(of: "label: 光伏")
        var data = try c.bytes(F.energyPath)
        data.replaceSubrange(data.range(of: Data("光伏".utf8))!, with: [0xE5, 0x85, 0xFF, 0xFE])
        try c.write(F.energyPath, data)
        try expectRejected(c.run(), line: line, mentions: ["UTF-8"])
    }

    @Test func byteOrderMarkWorks() throws {
        let c = try HostileCase("bom")
        for path in [F.energyPath, F.gridPath, "site.yaml", "regions.yaml"] {
            try c.write(path, Data([0xEF, 0xBB, 0xBF]) + c.bytes(path))
        }
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
    }

    @Test func crlfLineEndingsWork() throws {
        let c = try HostileCase("crlf")
        for path in [F.energyPath, F.gridPath, "site.yaml", "regions.yaml"] {
            try c.write(path, String(decoding: c.bytes(path), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
    }

    @Test func crlfKeepsLineNumbersExact() throws {
        let c = try HostileCase("crlf-lines")
        try c.write(F.energyPath, String(decoding: c.bytes(F.energyPath), as: UTF8.self).replacingOccurrences(of: "\n", with: "\r\n"))
        try c.edit(F.energyPath, "(region:ordos)", "(region:ordoss)")
        try expectRejected(c.run(), line: c.line(of: "(region:ordoss)"), mentions: ["`ordoss`"])
    }

    @Test func controlCharacterInFrontMatter() throws {
        let c = try HostileCase("nul")
        try c.edit(F.energyPath, "group: 第一小组", "group: 第一\u{0}小组")
        try expectRejected(c.run(), line: c.line(of: "group: "), mentions: ["控制字符"])
    }

    @Test func emptyFile() throws {
        let c = try HostileCase("empty")
        try c.write("reports/empty.md", Data())
        try expectRejected(c.run(), file: "reports/empty.md", line: 1, mentions: ["空"])
    }

    // MARK: size and shape

    @Test func tenMegabyteBodyWorks() throws {
        let c = try HostileCase("10mb-body")
        defer { try? FileManager.default.removeItem(at: c.dir) }
        let paragraph = String(repeating: "这是一段很长的正文，用来测试十兆字节的文件。", count: 40) + "\n\n"
        var body = ""
        while body.utf8.count < 10 * 1024 * 1024 { body += paragraph }
        try c.write(F.energyPath, c.bytes(F.energyPath) + Data(body.utf8))
        let o = try c.run()
        expectAccepted(o)
        #expect(o.changedFiles.contains("reports/energy/index.html"))
    }

    @Test func tenMegabyteFrontMatterFailsCleanly() throws {
        let c = try HostileCase("10mb-front-matter")
        defer { try? FileManager.default.removeItem(at: c.dir) }
        var figures = ""
        var i = 0
        while figures.utf8.count < 10 * 1024 * 1024 {
            figures += "  big.f\(i): \(i).5 万千瓦\n"
            i += 1
        }
        try c.insert(figures, after: "  ordos.capacity.biomass: 6 万千瓦\n")
        try expectRejected(c.run(), line: c.line(of: "title:"), mentions: ["过大"])
    }

    @Test func deeplyNestedYAML() throws {
        let c = try HostileCase("nested")
        try c.edit(F.energyPath, "group: 第一小组", "group: " + String(repeating: "[", count: 100_000))
        try expectRejected(c.run(), line: c.line(of: "group: ["), mentions: ["嵌套过深"])
        let d = try HostileCase("nested-indent")
        var lines = "group:\n"
        for level in 1...400 { lines += String(repeating: " ", count: 2 * level) + "k\(level):\n" }
        try d.edit(F.energyPath, "group: 第一小组\n", lines)
        let deep = try d.line(of: String(repeating: " ", count: 2 * 129) + "k129:")
        try expectRejected(d.run(), line: deep, mentions: ["缩进过深"])
    }

    @Test func yamlAliasBomb() throws {
        // Billion laughs: 9^12 copies if anything expanded the aliases.
        var bomb = "{l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"
        for level in 1...11 {
            bomb += ", l\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]"
        }
        bomb += "}"
        let c = try HostileCase("alias-bomb")
        try c.insert("source: \(bomb)\n", after: "group: 第一小组\n")
        try expectRejected(c.run(), line: c.line(of: "source:"), key: "source")
        let d = try HostileCase("alias-bomb-list")
        try d.edit(F.energyPath, "topics: [新能源]", "topics: " + bomb.replacingOccurrences(of: "{", with: "[")
            .replacingOccurrences(of: "}", with: "]").replacingOccurrences(of: #"l\d+: "#, with: "", options: .regularExpression))
        try expectRejected(d.run(), line: d.line(of: "topics:"), key: "topics[0]")
        let e = try HostileCase("alias-bomb-regions")
        try e.write("regions.yaml", HostileFixture.regions + "- slug: bomb\n  name: \(bomb)\n  kind: 盟市\n")
        try expectRejected(e.run(), file: "regions.yaml", line: e.line(of: "name: {", in: "regions.yaml"), key: "[2].name")
    }

    // MARK: file names

    @Test func fileNameThatWouldEscapeTheOutputFolderIsIgnored() throws {
        // `..md` would be the slug `.`; like every hidden file it is not content at all.
        let c = try HostileCase("dotdot")
        try c.write("reports/..md", F.energy.replacingOccurrences(of: "ordos.capacity", with: "x.y"))
        try c.write("reports/...md", F.grid.replacingOccurrences(of: "ordos.grid", with: "x.z"))
        let outside = try FileManager.default.contentsOfDirectory(atPath: c.dir.path).sorted()
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
        #expect(try FileManager.default.contentsOfDirectory(atPath: c.dir.path).sorted() == outside)
    }

    @Test func fileNamesThatCannotBeURLs() throws {
        for name in ["My Report.md", "New-Energy.md", "a..md", "%2e%2e.md", "报告.md"] {
            let c = try HostileCase("bad-name")
            try c.write("reports/\(name)", F.grid.replacingOccurrences(of: "ordos.grid", with: "x.z"))
            try expectRejected(c.run(), file: "reports/\(name)", line: nil, mentions: ["`\(name)`"])
        }
    }

    @Test func sameFileNameAsReportAndCase() throws {
        let c = try HostileCase("same-slug")
        try c.write("reports/grid.md", "---\ntitle: 同名\ndate: 2022-01-01\n---\n")
        try expectRejected(c.run(), file: "reports/grid.md", line: 1, mentions: ["content/cases/grid.md"])
    }

    // MARK: markup and links in every field

    @Test func htmlAndScriptInEveryStringFieldAreEscaped() throws {
        let c = try HostileCase("script")
        func s(_ what: String) -> String { "\"<script>alert('\(what)')</script><img src=x onerror=alert('\(what)')>\"" }
        try c.write("site.yaml", """
            title: \(s("site"))
            subtitle: \(s("subtitle"))
            base_url: https://example.org/
            language: zh-CN
            publisher: \(s("publisher"))
            topics:
              - name: \(s("topic-name"))
                slug: t1
            headlines:
              - title: \(s("headline"))
                indicators: [x.c]

            """)
        try c.write("regions.yaml", """
            - slug: r
              name: \(s("region"))
              kind: \(s("kind"))

            """)
        try c.write(F.gridPath, F.grid.replacingOccurrences(of: "regions: [ordos]", with: "regions: [r]"))
        try c.write(F.energyPath, """
            ---
            title: \(s("title"))
            date: 2022-01-01
            group: \(s("group"))
            writer: \(s("writer"))
            advisors: [\(s("advisor"))]
            source: \(s("source"))
            summary: \(s("summary"))
            topics: [\(s("topic-name")), \(s("topic"))]
            regions: [r]
            figures:
              x.b:
                value: 3
                unit: 个
                label: \(s("label"))
                region: r
                where: \(s("where"))
                note: \(s("figure-note"))
            indicators:
              x.c:
                label: \(s("indicator"))
                formula: x.b + 1 个
                stated: 4 个
                note: \(s("indicator-note"))
                where: \(s("indicator-where"))
              x.d:
                label: \(s("acknowledged"))
                formula: x.b * 2
                stated: 7 个
                expect: discrepancy
                note: \(s("acknowledged-note"))
            ---

            ## 一、发展现状

            # <script>alert('heading')</script> 标题

            <script>alert('body')</script> <SCRIPT>alert('upper')</SCRIPT> <img src=x onerror=alert('img')>

            <div onclick="alert('div')">块</div>

            [<b onmouseover="alert('b')">4</b>个](fig:x.c) [](fig:x.c) [](fig:x.d) [一](report:grid#概况)

            """)
        let o = try c.run()
        expectAccepted(o)
        #expect(o.siteAfter.count > 10)
        let tag = try Regex(#"<[a-z][^<>]*>"#), quoted = try Regex(#""[^"]*"|'[^']*'"#), handler = try Regex(#"\son[a-z]+\s*="#)
        func scripts(_ data: Data?) -> Int {
            String(decoding: data ?? Data(), as: UTF8.self).lowercased().components(separatedBy: "<script").count - 1
        }
        for (path, data) in o.siteAfter {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            // A CSV is data, not markup: its cells keep what the author wrote (quoted as CSV).
            if path.hasSuffix(".csv") { continue }
            // The only <script> elements are the templates' own (the search page's), as in the base site.
            #expect(scripts(data) <= scripts(o.siteBefore[path]), "\(path)")
            #expect(!text.contains("<script>alert"), "\(path)")
            #expect(!text.contains("<img src=x"), "\(path)")
            // No event handler in a real tag (escaped text such as `&lt;img … onerror=` is harmless).
            let handlers = text.matches(of: tag).map { String(text[$0.range]).replacing(quoted, with: "\"\"") }
                .filter { $0.firstMatch(of: handler) != nil }
            #expect(handlers.isEmpty, "\(path): \(handlers.prefix(3))")
        }
        let page = String(decoding: o.siteAfter["reports/energy/index.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"), "title not shown escaped")
    }

    @Test func quoteWithCombiningMarkCannotLeaveAnAttribute() throws {
        // `"` + U+0301 is one Character; an escaper that looks Characters up in a table misses it.
        let c = try HostileCase("combining-quote")
        try c.edit(F.energyPath, "summary: 摘要。", "summary: '摘要\"\u{0301} onmouseover=alert(1) x=\"\u{0301}'")
        let o = try c.run()
        expectAccepted(o)
        let page = String(decoding: o.siteAfter["reports/energy/index.html"] ?? Data(), as: UTF8.self)
        // Built outside #expect: the macro re-lexes its source, and a quote with a mark defeats that.
        let mark = "\u{0301}"
        let escaped = "content=\"摘要&quot;" + mark + " onmouseover=alert(1) x=&quot;" + mark + "\""
        let raw = "\"" + mark + " onmouseover"
        let hasEscaped = page.contains(escaped), hasRaw = page.contains(raw)
        #expect(hasEscaped, "summary not escaped in the description")
        #expect(!hasRaw)
    }

    @Test func javascriptAndDataLinksAreDropped() throws {
        let c = try HostileCase("links")
        try c.insert("""

            [点我](javascript:alert(1)) [大写](JAVASCRIPT:alert(2)) [空格](<  javascript:alert(3)>) [实体](jav&#x61;script:alert(4))
            [数据](data:text/html;base64,PHNjcmlwdD5hbGVydCg1KTwvc2NyaXB0Pg==) [svg](data:image/svg+xml,<svg/onload=alert(6)>)
            [vb](vbscript:msgbox(7)) <javascript:alert(8)> ![图](javascript:alert(9)) ![图](data:text/html,x) [引用][坏]

            [坏]: javascript:alert(10)

            """, after: "的光伏装机为[](fig:ordos.capacity.pv)。\n")
        let o = try c.run()
        expectAccepted(o)
        let dangerous = try Regex(#"(?i)(href|src|action|formaction|xlink:href|poster|srcset)\s*=\s*["']?\s*(javascript|vbscript|data)\s*:"#)
        for (path, data) in o.siteAfter {
            let text = String(decoding: data, as: UTF8.self)
            #expect(text.firstMatch(of: dangerous) == nil, "\(path)")
            #expect(!text.lowercased().contains("data:text/html"), "\(path)")
            #expect(!text.lowercased().contains("data:image/svg"), "\(path)")
        }
        #expect(o.changedFiles.contains("reports/energy/index.html"))
    }

    @Test func javascriptBaseURLIsRefused() throws {
        let c = try HostileCase("base-url")
        try c.edit("site.yaml", "base_url: https://example.org/", "base_url: javascript:alert(1)//")
        try expectRejected(c.run(), file: "site.yaml", line: c.line(of: "base_url:", in: "site.yaml"), key: "base_url",
                           mentions: ["https://"])
    }
}
