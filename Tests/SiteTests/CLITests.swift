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
        #expect(r.stdout.contains("pass ordos.capacity.total — stated 413.8万千瓦, computed 413.8万千瓦"))
    }

    @Test func wrongStatedValueFailsAndLeavesSiteUntouched() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/new-energy.md")
        let line = try lineNumber(of: "stated: 413.8 万千瓦", in: file)
        try replaceInFile(file, "stated: 413.8 万千瓦", "stated: 413.9 万千瓦")
        let check = try runBriefing(["check", "--content", content.path])
        #expect(check.status == 1)
        #expect(check.stdout.contains("reports/new-energy.md:\(line): fail ordos.capacity.total"))

        let site = content.deletingLastPathComponent().appendingPathComponent("site")
        let good = try runBriefing(["build", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(good.status == 0, "\(good.stderr)")
        let before = snapshot(site)
        let bad = try runBriefing(["build", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("new-energy.md:\(line)"))
        #expect(snapshot(site) == before)
    }

    @Test func yamlErrorIsExitTwoAndLeavesSiteUntouched() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/talent.md")
        try replaceInFile(file, "\ntitle: ", "\ntitle: [未闭合的括号\n  x: ")
        let site = content.deletingLastPathComponent().appendingPathComponent("site")
        _ = try runBriefing(["build", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path])
        let before = snapshot(site)
        let r = try runBriefing(["build", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
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
        let r = try runBriefing(["build", "--content", content.path, "--templates", Repo.templates.path, "--output", site.path])
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
