import Foundation
import Testing

/// A site from nothing: `briefing init`, the built-in templates, `briefing templates export`
/// and overriding one template — the built binary end to end.
@Suite(.serialized) struct InitTests {
    static let newSiteFiles = ["content/cases/example-case.md", "content/regions.yaml", "content/reports/example-report.md",
                               "content/site.yaml", "使用说明.md"]

    @Test func initWritesASiteThatChecksAndBuildsWithBuiltInTemplates() throws {
        let dir = tempDir("init")
        let r = try runBriefing(["init", "学校网站", "--title", "某某市委党校\"行动学习\"成果简报", "--publisher", "某某市委党校"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("cd 学校网站"))
        #expect(r.stdout.contains("briefing check"))
        let site = dir.appendingPathComponent("学校网站")
        #expect(snapshot(site).keys.sorted() == Self.newSiteFiles, "no templates/ folder, nothing else")

        // Each example has one indicator (12.5 + 7.5 = 20 万元, stated 20 万元) cited once in
        // its body: two checks a document, four in all.
        let check = try runBriefing(["check"], cwd: site)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.hasSuffix("4 passed, 0 failed\n"), "\(check.stdout)")

        let build = try runBriefing(["build", "--no-search"], cwd: site)
        #expect(build.status == 0, "\(build.stderr)")
        let out = snapshot(site.appendingPathComponent("site"))
        for path in ["index.html", "reports/example-report/index.html", "reports/example-report/data/index.html",
                     "cases/example-case/index.html", "regions/district-a/index.html", "topics/example-topic/index.html"] {
            #expect(out[path] != nil, "missing \(path)")
        }
        let home = page(out, "index.html")
        #expect(home.contains("某某市委党校&quot;行动学习&quot;成果简报"))
        #expect(home.contains("示例合计"), "the headline indicator of the example report")
        #expect(page(out, "reports/example-report/data/index.html").contains("id=\"example_report.example.total\""))
        // Assets come from the program, byte for byte the repository's templates/assets.
        #expect(out["assets/style.css"] == FileManager.default.contents(atPath: Repo.templates.appendingPathComponent("assets/style.css").path))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("templates").path))

        // `new` inside the new site uses its own region (not the school's) and a labelled example:
        // the new report checks clean (two more checks) with no warning about a missing label.
        let new = try runBriefing(["new", "report", "abc", "--title", "甲"], cwd: site)
        #expect(new.status == 0, "\(new.stderr)")
        let after = try runBriefing(["check"], cwd: site)
        #expect(after.status == 0, "\(after.stdout)\(after.stderr)")
        #expect(after.stdout.hasSuffix("6 passed, 0 failed\n"), "\(after.stdout)")
        #expect(!(after.stdout + after.stderr).contains("label"), "\(after.stdout)\(after.stderr)")
    }

    @Test func initIntoAnEmptyExistingFolder() throws {
        let dir = tempDir("init-empty")
        let r = try runBriefing(["init", dir.path, "--title", "成果简报"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(snapshot(dir).keys.sorted() == Self.newSiteFiles)
        let yaml = try String(contentsOf: dir.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        #expect(yaml.contains("title: \"成果简报\"\n"))
        #expect(yaml.contains("base_url: /\n"))
        #expect(yaml.contains("publisher: \"\"\n"))
        #expect(r.stdout.contains("publisher"), "says the publisher is still to be filled in")
    }

    @Test func initIntoANonEmptyFolderChangesNothing() throws {
        let dir = tempDir("init-full")
        try Data("笔记".utf8).write(to: dir.appendingPathComponent("notes.txt"))
        let before = snapshot(dir)
        let r = try runBriefing(["init", dir.path, "--title", "成果简报"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("不是空的"))
        #expect(r.stderr.contains("notes.txt"))
        #expect(snapshot(dir) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["notes.txt"])
    }

    @Test func initRefusesATitleThatIsNotOneLine() throws {
        let dir = tempDir("init-title")
        for title in ["第一行\n第二行", "  "] {
            let r = try runBriefing(["init", "site", "--title", title], cwd: dir)
            #expect(r.status == 2, "\(title)")
            #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("site").path))
        }
    }

    @Test func initUnderAFileIsAnIOErrorNamingThePath() throws {
        let dir = tempDir("init-io")
        try Data("x".utf8).write(to: dir.appendingPathComponent("plain-file"))
        let r = try runBriefing(["init", "plain-file/site", "--title", "成果简报"], cwd: dir)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("plain-file"))
        #expect(r.stderr.contains("文件错误"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["plain-file"])
    }

    @Test func exportWritesTheBuiltInsByteForByteAndNeverOverwrites() throws {
        let dir = tempDir("export")
        let r = try runBriefing(["templates", "export"], cwd: dir)
        #expect(r.status == 0, "\(r.stderr)")
        let exported = snapshot(dir.appendingPathComponent("templates"))
        let repo = snapshot(Repo.templates).filter { !$0.key.split(separator: "/").contains { $0.hasPrefix(".") } }
        #expect(exported.count == repo.count)
        #expect(exported.keys.contains("base.mustache") && exported.keys.contains("assets/style.css"))
        #expect(exported == repo)

        try Data("我的改动".utf8).write(to: dir.appendingPathComponent("templates/base.mustache"))
        let before = snapshot(dir)
        let again = try runBriefing(["templates", "export"], cwd: dir)
        #expect(again.status == 2)
        #expect(again.stderr.contains("templates/base.mustache"))
        #expect(snapshot(dir) == before)
    }

    @Test func exportWritesNothingWhenOneFileIsInTheWay() throws {
        let dir = tempDir("export-one")
        let target = dir.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("assets"), withIntermediateDirectories: true)
        try Data("body{}".utf8).write(to: target.appendingPathComponent("assets/style.css"))
        let r = try runBriefing(["templates", "export", "mine"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("mine/assets/style.css"))
        #expect(!r.stderr.contains("base.mustache"), "names only the files in the way")
        #expect(snapshot(target).keys.sorted() == ["assets/style.css"])
    }

    @Test func aSiteTemplateOverridesOnlyItsOwnFile() throws {
        let dir = tempDir("override")
        let site = dir.appendingPathComponent("s")
        #expect(try runBriefing(["init", site.path, "--title", "成果简报"]).status == 0)
        let templates = site.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("assets"), withIntermediateDirectories: true)
        let builtInBase = try String(contentsOf: Repo.templates.appendingPathComponent("base.mustache"), encoding: .utf8)
        let marker = "<!-- 本校自己的页面框架 -->"
        #expect(builtInBase.contains("<body"))
        try Data(builtInBase.replacingOccurrences(of: "<body", with: marker + "\n<body").utf8)
            .write(to: templates.appendingPathComponent("base.mustache"))
        try Data("/* 本校样式 */\n".utf8).write(to: templates.appendingPathComponent("assets/style.css"))

        let r = try runBriefing(["build", "--no-search"], cwd: site)
        #expect(r.status == 0, "\(r.stderr)")
        let out = snapshot(site.appendingPathComponent("site"))
        let report = page(out, "reports/example-report/index.html")
        #expect(report.contains(marker))
        #expect(page(out, "index.html").contains(marker))
        // The rest is built in: the document template's article, and search.css unchanged.
        #expect(report.contains("<article class=\"document\""))
        #expect(out["assets/style.css"] == Data("/* 本校样式 */\n".utf8))
        #expect(out["assets/search.css"] == FileManager.default.contents(atPath: Repo.templates.appendingPathComponent("assets/search.css").path))
    }

    @Test func aBrokenOverrideIsNamedAndAMissingTemplatesOptionIsRefused() throws {
        let dir = tempDir("override-bad")
        let site = dir.appendingPathComponent("s")
        #expect(try runBriefing(["init", site.path, "--title", "成果简报"]).status == 0)
        let templates = site.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        try Data("{{#page}}未闭合\n".utf8).write(to: templates.appendingPathComponent("home.mustache"))
        let r = try runBriefing(["build", "--no-search"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("templates/home.mustache"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("site").path))

        let typo = try runBriefing(["build", "--no-search", "--templates", "templtes"], cwd: site)
        #expect(typo.status == 2)
        #expect(typo.stderr.contains("templtes"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("site").path))
    }

    @Test func newOutsideASiteCreatesNothing() throws {
        let dir = tempDir("new-outside")
        let r = try runBriefing(["new", "report", "first", "--title", "第一篇"], cwd: dir)
        #expect(r.status == 2)
        #expect(r.stderr.contains("briefing init"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}
