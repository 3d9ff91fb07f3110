import Foundation
import Testing

// Input files that exist but cannot be used, names that collide, links that lead outside
// the inputs and files that look like content but are not read: each is said once, in
// Chinese, naming the file, and never silently replaced by defaults or followed.

/// Ways a settings file can exist and still not be readable (as root, permissions do not
/// stop the reader, so these are what a test can rely on).
enum Unreadable: String, CaseIterable {
    case folder, fifo, danglingLink

    func make(_ url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        switch self {
        case .folder: try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        case .fifo: guard mkfifo(url.path, 0o644) == 0 else { throw HostileFixture.SetupError(description: "mkfifo: \(errno)") }
        case .danglingLink: try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: "nowhere/\(url.lastPathComponent)")
        }
    }
}

/// Lines of `text` that report an error (`file[:line]: 错误: …`).
func errorLines(_ text: String) -> [String] {
    text.split(separator: "\n").map(String.init).filter { $0.contains(": 错误: ") }
}

@Suite(.serialized) struct InputFileTests {
    typealias F = HostileFixture

    // MARK: settings files that cannot be read

    @Test(arguments: Unreadable.allCases)
    func siteYAMLThatCannotBeReadIsAnErrorNotTheDefaults(_ how: Unreadable) throws {
        let c = try HostileCase("site-yaml-\(how.rawValue)")
        try how.make(c.url("site.yaml"))
        let o = try c.run()
        expectRejected(o, file: "site.yaml", line: nil, mentions: how == .danglingLink ? ["site.yaml", "链接"] : ["site.yaml"])
    }

    @Test func siteYAMLWithoutReadPermissionIsAnError() throws {
        let c = try HostileCase("site-yaml-mode-000")
        chmod(c.url("site.yaml").path, 0)
        let templates = try HostileCase.baseTemplates().path
        for args in [["check", "--content", "content"], ["build", "--content", "content", "--templates", templates, "--output", "site"]] {
            let r = try #require(try runUnprivileged(args, cwd: c.dir), "cannot drop root privileges here")
            #expect(r.status == 2, "\(args[0]): \(r.stdout) \(r.stderr)")
            #expect(reportedLine(r.stderr, "content/site.yaml: 错误: ")?.contains("无法读取") == true, "\(args[0]): \(r.stderr)")
        }
    }

    @Test(arguments: Unreadable.allCases)
    func regionsYAMLThatCannotBeReadIsOneErrorNamingIt(_ how: Unreadable) throws {
        let c = try HostileCase("regions-yaml-\(how.rawValue)")
        try how.make(c.url("regions.yaml"))
        let o = try c.run()
        expectRejected(o, file: "regions.yaml", line: nil, mentions: ["regions.yaml"])
        for (name, r) in [("check", o.check), ("build", o.build)] {
            // Not one "unknown region" per reference to a region (the fixture has three).
            #expect(errorLines(r.stderr).count == 1, "\(name): \(r.stderr)")
            #expect(!r.stderr.contains("未知地区"), "\(name): \(r.stderr)")
        }
    }

    @Test func regionsYAMLWithoutReadPermissionIsOneErrorNamingIt() throws {
        let c = try HostileCase("regions-yaml-mode-000")
        chmod(c.url("regions.yaml").path, 0)
        let r = try #require(try runUnprivileged(["check", "--content", "content"], cwd: c.dir), "cannot drop root privileges here")
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        #expect(errorLines(r.stderr).count == 1 && reportedLine(r.stderr, "content/regions.yaml: 错误: ") != nil, "\(r.stderr)")
        #expect(!r.stderr.contains("未知地区"), "\(r.stderr)")
    }

    // MARK: names that collide

    @Test(arguments: [("Energy", "energy"), ("新能源", "新能源。")])
    func topicsWhoseFoldersCollideAreAnErrorNamingBoth(_ pair: (String, String)) throws {
        let c = try HostileCase("topic-slugs")
        try c.edit(F.energyPath, "topics: [新能源]", "topics: [\(pair.1)]")
        try c.insert("topics: [\(pair.0)]\n", after: "date: 2022-07-01\n", in: F.gridPath)
        // Documents are compared in file order: cases/grid.md first, so reports/energy.md is the one told.
        try expectRejected(c.run(), line: c.line(of: "topics: ["), key: "topics[0]",
                           mentions: ["“\(pair.1)”", "“\(pair.0)”", "content/\(F.gridPath)"])
    }

    // MARK: links that lead outside the inputs

    @Test func reportSymlinkedFromOutsideContentIsRefused() throws {
        let c = try HostileCase("report-link")
        let outside = c.dir.appendingPathComponent("elsewhere.md")
        try Data(F.grid.replacingOccurrences(of: "ordos.grid", with: "x.y").utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(atPath: c.url("reports/outside.md").path, withDestinationPath: outside.path)
        try expectRejected(c.run(), file: "reports/outside.md", line: nil, mentions: ["链接"])
    }

    @Test func templateAssetSymlinkToTheEnvironmentIsRefused() throws {
        let c = try HostileCase("asset-environ")
        let templates = try c.copyTemplates()
        try FileManager.default.createSymbolicLink(atPath: templates.appendingPathComponent("assets/env.txt").path,
                                                   withDestinationPath: "/proc/self/environ")
        let before = snapshot(c.site)
        let r = try c.build(templates: "templates")
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        let line = reportedLine(r.stderr, "templates/assets/env.txt: 错误: ")
        #expect(line?.contains("模板目录之外") == true, "\(r.stderr)")
        #expect(snapshot(c.site) == before)
        let environment = ProcessInfo.processInfo.environment["PATH"] ?? "PATH="
        #expect(!snapshot(c.site).values.contains { String(decoding: $0, as: UTF8.self).contains(environment) })
    }

    @Test func templateSymlinksLeadingOutsideTheTemplatesFolderAreRefused() throws {
        let c = try HostileCase("template-links")
        let templates = try c.copyTemplates()
        let fm = FileManager.default
        // A template, an asset folder and an asset that point elsewhere, and a link to nothing.
        let outside = c.dir.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try fm.moveItem(at: templates.appendingPathComponent("notfound.mustache"), to: outside.appendingPathComponent("notfound.mustache"))
        try fm.createSymbolicLink(atPath: templates.appendingPathComponent("notfound.mustache").path,
                                  withDestinationPath: outside.appendingPathComponent("notfound.mustache").path)
        try fm.createSymbolicLink(atPath: templates.appendingPathComponent("assets/etc").path, withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: templates.appendingPathComponent("assets/gone.css").path, withDestinationPath: "missing.css")
        let before = snapshot(c.site)
        let r = try c.build(templates: "templates")
        #expect(r.status == 2, "\(r.stdout) \(r.stderr)")
        for (file, says) in [("templates/notfound.mustache", "模板目录之外"), ("templates/assets/etc", "模板目录之外"),
                             ("templates/assets/gone.css", "无法解析")] {
            #expect(reportedLine(r.stderr, file + ": 错误: ")?.contains(says) == true, "\(file): \(r.stderr)")
        }
        // One error for the linked folder, not one per file inside it.
        #expect(errorLines(r.stderr).count == 3, "\(r.stderr)")
        #expect(snapshot(c.site) == before)
    }

    @Test func templateSymlinkInsideTheTemplatesFolderIsFollowed() throws {
        let c = try HostileCase("template-inner-link")
        let templates = try c.copyTemplates()
        try FileManager.default.createSymbolicLink(atPath: templates.appendingPathComponent("assets/print.css").path,
                                                   withDestinationPath: "style.css")
        let r = try c.build(templates: "templates")
        #expect(r.status == 0, "\(r.stderr)")
        let copy = try Data(contentsOf: c.site.appendingPathComponent("assets/print.css"))
        #expect(copy == (try Data(contentsOf: templates.appendingPathComponent("assets/style.css"))))
    }

    // MARK: files that look like content but are not read

    @Test func markdownFilesWithOtherExtensionsAreNamedInAWarning() throws {
        let c = try HostileCase("extensions")
        let names = ["upper.MD", "long.markdown", "space.md "]
        for name in names { try c.write("reports/\(name)", F.grid.replacingOccurrences(of: "ordos.grid", with: "x.\(name.prefix(4))")) }
        let o = try c.run()
        expectAccepted(o)
        expectSiteUnchanged(o)
        for (name, r) in [("check", o.check), ("build", o.build)] {
            for (file, fixed) in zip(names, ["upper.md", "long.md", "space.md"]) {
                let line = reportedLine(r.stderr, "content/reports/\(file): 警告: ")
                #expect(line?.contains("没有被读取") == true && line?.contains("改名为 \(fixed)") == true, "\(name) \(file): \(r.stderr)")
            }
            #expect(!r.stdout.contains("警告"), "\(name): warnings belong on stderr")
        }
    }
}
