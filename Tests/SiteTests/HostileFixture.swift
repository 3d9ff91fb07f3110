import Foundation
import Testing

// Hostile and broken input: every case runs the built CLI, `check` and then
// `build`, on a small content folder beside a previously built site, and asserts
//   - the exit code (2 bad input, 1 failed check, 0 accepted),
//   - that the message names the file and the exact line (and the front-matter key),
//     with line numbers computed here from the fixture text, never copied from the tool,
//   - that the output folder is byte-identical afterwards (or, for input that must work,
//     what the build wrote),
//   - that both runs together finish within 30 seconds (a hang or a quadratic blow-up, not a
//     speed target: a debug build on a busy 2-core machine takes 8 s for the 10 MB body) and
//     neither crashed.

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

/// Within 30 s, no crash, and both runs ended with `status`.
func expectStatus(_ o: HostileOutcome, _ status: Int32, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(o.elapsed < .seconds(30), "took \(o.elapsed)", sourceLocation: sourceLocation)
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
