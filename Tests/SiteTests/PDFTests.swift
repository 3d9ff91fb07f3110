import Foundation
@testable import Output
import Testing

/// `briefing pdf`: its messages without WeasyPrint, and the real content through the real
/// WeasyPrint (skipped only where WeasyPrint cannot run).
@Suite(.serialized) struct PDFTests {
    /// A built copy of the real site, to write PDFs into.
    static func builtSite(_ name: String) throws -> URL {
        let site = tempDir(name).appendingPathComponent("site")
        let r = try runBriefing(["build", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path])
        #expect(r.status == 0, "\(r.stderr)")
        return site
    }

    static func pdf(_ site: URL, weasyprint: String? = nil) throws -> RunResult {
        var env = ProcessInfo.processInfo.environment
        if let weasyprint { env["BRIEFING_WEASYPRINT"] = weasyprint }
        return try runBriefing(["pdf", "--content", Repo.content.path, "--templates", Repo.templates.path, "--output", site.path],
                               environment: env)
    }

    /// Every PDF under a folder, by path.
    static func pdfs(_ dir: URL) -> [String: Data] { snapshot(dir).filter { $0.key.hasSuffix(".pdf") } }

    static let weasyprintRuns: Bool = {
        guard let tool = WeasyPrint.locate() else { return false }
        return (try? run(tool.path, ["--version"]).status) == 0
    }()

    @Test func missingWeasyPrintSaysHowToInstallIt() throws {
        let site = try Self.builtSite("pdf-missing")
        let r = try Self.pdf(site, weasyprint: "/nonexistent/weasyprint")
        #expect(r.status == 2)
        #expect(r.stderr.contains("找不到 WeasyPrint"))
        #expect(r.stderr.contains("apt-get install weasyprint fonts-noto-cjk"))
        #expect(Self.pdfs(site).isEmpty)
    }

    @Test func failedConversionQuotesItsFirstErrorAndLeavesNoFile() throws {
        let site = try Self.builtSite("pdf-fail")
        let fake = site.deletingLastPathComponent().appendingPathComponent("weasyprint")
        try Data("""
            #!/bin/sh
            echo "WARNING: Ignored \\`foo: bar\\` at 1:1, unknown property." >&2
            echo "ERROR: Failed to load font: 字体损坏" >&2
            echo "ERROR: second" >&2
            printf partial > "$2"
            exit 1

            """.utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let before = snapshot(site)
        let r = try Self.pdf(site, weasyprint: fake.path)
        #expect(r.status == 2)
        #expect(r.stderr.contains("PDF 生成失败：WeasyPrint 报告“ERROR: Failed to load font: 字体损坏”"), "\(r.stderr)")
        #expect(!r.stderr.contains("second"))
        // Neither a PDF nor a half-written temporary file is left in the site.
        #expect(snapshot(site) == before)
    }

    /// A stand-in for WeasyPrint that writes its arguments, SOURCE_DATE_EPOCH and the HTML it
    /// was given into the "PDF".
    static func recordingTool(in dir: URL) throws -> URL {
        let fake = dir.appendingPathComponent("weasyprint")
        try Data("""
            #!/bin/sh
            { echo "args: $3 $4"; echo "epoch: $SOURCE_DATE_EPOCH"; cat "$1"; } > "$2"

            """.utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        return fake
    }

    @Test func printHTMLHasTheMastheadDatesAndLinksInsideTheFile() throws {
        let site = try Self.builtSite("pdf-html")
        let r = try Self.pdf(site, weasyprint: Self.recordingTool(in: site.deletingLastPathComponent()).path)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("已生成 11 个 PDF"))
        #expect(Self.pdfs(site).count == 11)
        let html = String(decoding: Self.pdfs(site)["reports/new-energy/new-energy.pdf"] ?? Data(), as: UTF8.self)
        // Links leave the file for the published site (base_url in content/site.yaml).
        #expect(html.contains("args: --base-url https://example.org/briefing/reports/new-energy/"))
        // 2022-06-01 is day 19144 since 1970-01-01 (Python's datetime).
        #expect(html.contains("epoch: \(19144 * 86400)"))
        #expect(html.contains(#"<meta name="dcterms.created" content="2022-06-01">"#))
        #expect(html.contains(#"<meta name="dcterms.modified" content="2022-06-01">"#))
        #expect(html.contains(#"<p class="masthead-title">鄂尔多斯市委党校行动学习成果简报</p>"#))
        #expect(html.contains(#"<p class="masthead-issue">第2期</p>"#))
        #expect(html.contains("鄂尔多斯市委党校编印"))
        #expect(html.contains("2022年6月1日"))
        #expect(html.contains("@page"), "the print stylesheet is inlined")
        // Numbers link to the appendix inside the file, which holds their anchors.
        #expect(html.contains(##"href="#ordos.capacity.total""##))
        #expect(html.contains(#"<section class="indicator" id="ordos.capacity.total">"#))
        #expect(!html.contains("new-energy/data/index.html"))
        // The body's chart, as the page shows it.
        #expect(html.contains(#"<figure class="chart" id="chart-capacity_by_banner">"#))
    }

    @Test func unwritableTargetIsAFileErrorExitThree() throws {
        let site = try Self.builtSite("pdf-io")
        let blocker = site.appendingPathComponent("reports/talent/talent.pdf/x")
        try FileManager.default.createDirectory(at: blocker, withIntermediateDirectories: true)
        let r = try Self.pdf(site, weasyprint: Self.recordingTool(in: site.deletingLastPathComponent()).path)
        #expect(r.status == 3, "\(r.stderr)")
        #expect(r.stderr.contains("reports/talent/talent.pdf: 文件错误: 写入 PDF失败"), "\(r.stderr)")
        #expect(!snapshot(site).keys.contains { $0.contains(".tmp-") })
    }

    @Test func refusesAFolderThatIsNotABuiltSite() throws {
        let dir = tempDir("pdf-nosite").appendingPathComponent("site")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let r = try Self.pdf(dir, weasyprint: "/bin/true")
        #expect(r.status == 2)
        #expect(r.stderr.contains("不是“简报”生成的网站"))
        #expect(r.stderr.contains("briefing build"))
    }

    @Test func firstErrorLine() {
        #expect(WeasyPrint.firstError("WARNING: a\nERROR: b\nERROR: c\n") == "ERROR: b")
        #expect(WeasyPrint.firstError("Traceback (most recent call last):\n  File \"x\", line 1\nOSError: [Errno 28] No space left on device\n")
            == "OSError: [Errno 28] No space left on device")
        #expect(WeasyPrint.firstError("  \n") == nil)
    }

    @Test func documentDateAsEpoch() {
        // Day numbers from Python's datetime: (date - date(1970, 1, 1)).days.
        #expect(PDFWriter.epoch(of: "1970-01-01") == 0)
        #expect(PDFWriter.epoch(of: "2000-03-01") == 11017 * 86400)
        #expect(PDFWriter.epoch(of: "2022-06-01") == 19144 * 86400)
        #expect(PDFWriter.epoch(of: "2024-02-29") == 19782 * 86400)
        #expect(PDFWriter.epoch(of: "not a date") == 0)
    }

    @Test(.enabled(if: weasyprintRuns, "WeasyPrint is not installed or cannot run (make pdf-deps installs it)"))
    func realContentOnePDFPerDocumentWithMastheadAndSameBytesTwice() throws {
        let a = try Self.builtSite("pdf-a"), b = try Self.builtSite("pdf-b")
        for site in [a, b] {
            let r = try Self.pdf(site)
            #expect(r.status == 0, "\(r.stderr)")
        }
        let first = Self.pdfs(a), second = Self.pdfs(b)
        let expected: Set<String> = ["reports/overview/overview.pdf", "reports/new-energy/new-energy.pdf",
                                     "reports/project-liaison/project-liaison.pdf", "reports/rural-dalad/rural-dalad.pdf",
                                     "reports/talent/talent.pdf", "reports/urban-governance/urban-governance.pdf",
                                     "cases/dalad-grid/dalad-grid.pdf", "cases/dongsheng-collective-economy/dongsheng-collective-economy.pdf",
                                     "cases/jungar-co-construction/jungar-co-construction.pdf",
                                     "cases/wuhai-military-civilian/wuhai-military-civilian.pdf",
                                     "cases/xilingol-shuangzhua/xilingol-shuangzhua.pdf"]
        #expect(Set(first.keys) == expected)
        #expect(Set(first.keys).count == realAnalysis.project.documents.count)
        for (path, data) in first {
            #expect(data.starts(with: Data("%PDF-".utf8)), "\(path)")
            #expect(second[path] == data, "\(path) differs between two runs")
        }
        // No temporary file is left beside the PDFs.
        #expect(!snapshot(a).keys.contains { $0.contains(".tmp-") })

        let text = try Self.pdftotext(a.appendingPathComponent("reports/new-energy/new-energy.pdf"))
        // The masthead: the site's title as the 简报's name, the issue (order: 2 in the front
        // matter), the publisher and the document's date.
        for s in ["鄂尔多斯市委党校行动学习成果简报", "第2期", "鄂尔多斯市委党校编印", "2022年6月1日",
                  "鄂尔多斯市新能源产业高质量发展路径研究", "要点", "413.8万千瓦", "附录", "数据与核验", "第 1 页 共 "] {
            #expect(text.contains(s), "\(s) missing from the new-energy PDF")
        }
        // A case is numbered among the cases (dalad-grid has order: 2 too).
        let caseText = try Self.pdftotext(a.appendingPathComponent("cases/dalad-grid/dalad-grid.pdf"))
        #expect(caseText.contains("第2期"))
    }

    static func pdftotext(_ pdf: URL) throws -> String {
        let r = try run("/usr/bin/pdftotext", ["-enc", "UTF-8", pdf.path, "-"])
        try #require(r.status == 0, "pdftotext (poppler-utils) is needed: apt-get install poppler-utils")
        return r.stdout
    }

    static func run(_ path: String, _ args: [String]) throws -> RunResult {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
