import Foundation
import Testing

/// The `briefing` executable end to end: exit codes, messages with file:line, and the
/// output folder left untouched when a build fails.
@Suite(.serialized) struct CLITests {
    @Test func checkPassesOnRealContent() throws {
        let r = try runBriefing(["check", "--content", Repo.content.path])
        #expect(r.status == 0, "\(r.stderr)")
        let last = r.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.range(of: #"^\d+ passed, 0 failed$"#, options: .regularExpression) != nil, "\(last)")
        #expect(r.stdout.contains("结论：全部"))
        #expect(!r.stdout.contains("413.8万千瓦 ✓"), "passes are counted, not listed")
        let line = try lineNumber(of: "stated: 413.8 万千瓦", in: Repo.content.appendingPathComponent("reports/new-energy.md"))
        let verbose = try runBriefing(["check", "--verbose", "--content", Repo.content.path])
        #expect(verbose.stdout.contains("content/reports/new-energy.md:\(line)  新能源总装机：413.8万千瓦 ✓"))
    }

    @Test func wrongStatedValueFailsAndLeavesSiteUntouched() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/new-energy.md")
        let line = try lineNumber(of: "stated: 413.8 万千瓦", in: file)
        try replaceInFile(file, "stated: 413.8 万千瓦", "stated: 413.9 万千瓦")
        let check = try runBriefing(["check", "--content", content.path])
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix("未通过 "))
        #expect(check.stdout.contains("reports/new-energy.md:\(line)  指标“新能源总装机”stated：原文 413.9万千瓦，计算得 413.8万千瓦"))

        let site = content.deletingLastPathComponent().appendingPathComponent("site")
        let good = try runBriefing(["build", "--no-search", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(good.status == 0, "\(good.stderr)")
        let before = snapshot(site)
        let bad = try runBriefing(["build", "--no-search", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("new-energy.md:\(line)"))
        #expect(snapshot(site) == before)
    }

    /// One wrong figure that 23 checks use: staff see it named once, first, in Chinese, and
    /// the whole output fits a screenful or two.
    @Test func oneWrongSharedFigureIsNamedOnceAtTheTop() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/new-energy.md")
        let line = try lineNumber(of: "  ordos.capacity.wind:", in: file)
        let text = try String(contentsOf: file, encoding: .utf8)
        var lines = text.components(separatedBy: "\n")
        #expect(lines[line] == "    value: 44.5")
        lines[line] = "    value: 54.5"
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try runBriefing(["check", "--content", content.path])
        #expect(r.status == 1)
        let out = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(out.count <= 60, "\(out.count) lines")
        #expect(out[0].hasPrefix("未通过 "))
        #expect(out[2].hasPrefix("● 这 ") && out[2].contains("数据“风电装机”（") && out[2].contains("reports/new-energy.md:\(line)，编号 ordos.capacity.wind）"), "\(out[2])")
        #expect(out.filter { $0.hasPrefix("●") }.count == 1, "one group: every failure goes through the one figure")
        #expect(out.contains { $0.hasPrefix("结论：") && $0.contains("reports/new-energy.md") })
        #expect(!out.contains { $0.hasPrefix("fail") }, "no English check lines")
    }

    @Test func yamlErrorIsExitTwoAndLeavesSiteUntouched() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/talent.md")
        try replaceInFile(file, "\ntitle: ", "\ntitle: [未闭合的括号\n  x: ")
        let site = content.deletingLastPathComponent().appendingPathComponent("site")
        _ = try runBriefing(["build", "--no-search", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path])
        let before = snapshot(site)
        let r = try runBriefing(["build", "--no-search", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("reports/talent.md:"))
        #expect(r.stderr.contains("YAML"))
        #expect(snapshot(site) == before)
    }

    @Test func titlesAndStringsAreEscapedEverywhere() throws {
        let dir = tempDir("xss")
        let content = dir.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try Data("title: <script>alert('site')</script>\npublisher: <b>p</b>\n".utf8).write(to: content.appendingPathComponent("site.yaml"))
        try Data("- slug: r\n  name: <script>alert('region')</script>\n  kind: 盟市\n".utf8).write(to: content.appendingPathComponent("regions.yaml"))
        let report = """
        ---
        title: <script>alert('title')</script>
        date: 2022-01-01
        group: <img src=x onerror=alert(1)>
        summary: "<script>alert('summary')</script>"
        topics: ["<script>alert('topic')</script>"]
        regions: [r]
        figures:
          a.b:
            value: 3
            unit: 个
            label: <script>alert('label')</script>
            region: r
            where: <script>alert('where')</script>
        indicators:
          a.c:
            label: <script>alert('ind')</script>
            formula: a.b + 1 个
            stated: 4 个
            note: x
        ---

        <script>alert('body')</script>

        [点我](javascript:alert(1)) [数据](data:text/html,<script>alert(2)</script>) [](fig:a.c)
        """
        try Data(report.utf8).write(to: content.appendingPathComponent("reports/x.md"))
        let site = dir.appendingPathComponent("site")
        let r = try runBriefing(["build", "--no-search", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(r.status == 0, "\(r.stderr)")
        let files = snapshot(site)
        #expect(files.count > 10)
        for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let s = String(decoding: data, as: UTF8.self)
            #expect(!s.contains("<script>alert"), "\(path)")
            #expect(!s.contains("<img src=x"), "\(path)")
            #expect(!s.contains("javascript:"), "\(path)")
            #expect(!s.contains("data:text/html"), "\(path)")
        }
        let page = String(decoding: files["reports/x/index.html"]!, as: UTF8.self)
        #expect(page.contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;") || page.contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;") || page.contains("&lt;script&gt;alert('title')&lt;/script&gt;"))
    }
}

@Suite(.serialized) struct SearchIndexTests {
    /// A plain build leaves a working search index when Pagefind is installed (`make test`
    /// installs it first), and says in one line that search was not built when it is not.
    @Test func plainBuildIndexesTheSite() throws {
        let out = tempDir("search").appendingPathComponent("site")
        let r = try runBriefing(["build", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let installed = FileManager.default.fileExists(atPath: out.appendingPathComponent("pagefind/pagefind.js").path)
        #expect(installed, "Pagefind is installed by make test, so the index must be there: \(r.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("pagefind/pagefind-ui.js").path))

        // With no Pagefind on PATH, one line says so and the build still succeeds.
        let bare = tempDir("nosearch").appendingPathComponent("site")
        let p = Process()
        p.executableURL = Repo.binary
        p.arguments = ["build", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", bare.path]
        p.environment = ["PATH": "/nonexistent"]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(text.contains("未生成搜索索引") && text.contains("pagefind"))
        #expect(!FileManager.default.fileExists(atPath: bare.appendingPathComponent("pagefind").path))
    }
}

/// `check` on a site made by `init`, edited as an author would.
@Suite(.serialized) struct CheckOptionsTests {
    func initSite(_ name: String) throws -> URL {
        let dir = tempDir(name)
        let r = try runBriefing(["init", "site", "--title", "测试"], cwd: dir)
        try #require(r.status == 0, "\(r.stderr)")
        return dir.appendingPathComponent("site")
    }

    /// An unbound number is listed with its line; `--strict` makes it a failure (exit 1).
    @Test func strictFailsOnUnboundNumbers() throws {
        let site = try initSite("strict")
        let report = site.appendingPathComponent("content/reports/example-report.md")
        try replaceInFile(report, "提到地区时", "全市有五个部门参与。\n\n提到地区时")
        let text = try String(contentsOf: report, encoding: .utf8)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("全市有五个部门") }! + 1
        let plain = try runBriefing(["check"], cwd: site)
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")
        #expect(plain.stdout.contains("content/reports/example-report.md：第\(line)行“五个”"), "\(plain.stdout)")
        let strict = try runBriefing(["check", "--strict"], cwd: site)
        #expect(strict.status == 1, "\(strict.stdout)\(strict.stderr)")
        #expect(strict.stderr.contains("--strict：正文中有 1 个数字没有绑定数据"), "\(strict.stderr)")
    }

    /// JSON keeps every digit of the exact result: 12.50000000000000001 + 7.5 = 20.00000000000000001
    /// (17 decimals), against a stated 20 万元 it passes with a difference of 0.00000000000000001.
    @Test func jsonKeepsFullPrecision() throws {
        let site = try initSite("json-precision")
        try replaceInFile(site.appendingPathComponent("content/reports/example-report.md"), "    value: 12.5\n", "    value: 12.50000000000000001\n")
        let r = try runBriefing(["check", "--format", "json"], cwd: site)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        let total = try #require(checks.first { $0["id"] as? String == "example_report.example.total" && $0["kind"] as? String == "indicator" })
        #expect(total["computed"] as? String == "20.00000000000000001")
        #expect(total["difference"] as? String == "0.00000000000000001")
        #expect(total["status"] as? String == "pass")
    }
}
