import Foundation
import Testing

/// `briefing import` end to end: a .docx made with pandoc from Markdown, imported into a
/// scratch site, its candidate figures uncommented, and `briefing check` run on the result.
@Suite(.serialized, .enabled(if: pandocInstalled, "pandoc 未安装（make test 会安装它）：跳过导入测试"))
struct ImportCommandTests {
    static let report = """
    ---
    title: 鄂尔多斯市新能源产业发展研究
    ---

    执笔人：张三

    指导老师：李四 王五

    课题组：行动学习第一小组

    2022年6月

    # 一、发展现状

    截至2021年底，全市新能源装机413.8万千瓦，占全市电力总装机的7.6%。

    | 旗区 | 装机（万千瓦） |
    |------|----------------|
    | 达拉特旗 | 120.5 |
    | 准格尔旗 | 93.3 |

    # 二、对策建议

    鄂尔多斯市第26期中青年干部培训班学员建议，依托500千伏电网，新建3座储能电站。
    """

    /// A site with `energy-2022.docx` beside its content folder.
    func siteWithReport() throws -> (site: URL, docx: URL) {
        let site = try makeSite()
        let docx = site.appendingPathComponent("energy-2022.docx")
        try makeDocx(Self.report, at: docx)
        return (site, docx)
    }

    /// The commented candidates as (id, value, unit) rows.
    func candidates(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        for line in text.split(separator: "\n").map(String.init) {
            if line.hasPrefix("  # "), !line.hasPrefix("  #  "), let colon = line.firstIndex(of: ":") {
                rows.append([String(line[line.index(line.startIndex, offsetBy: 4)..<colon]), "", ""])
            } else if line.hasPrefix("  #   value: ") {
                rows[rows.count - 1][1] = String(line.dropFirst("  #   value: ".count))
            } else if line.hasPrefix("  #   unit: ") {
                rows[rows.count - 1][2] = String(line.dropFirst("  #   unit: ".count))
            }
        }
        return rows
    }

    @Test func importsFrontMatterAndCandidatesThenChecks() throws {
        let (site, _) = try siteWithReport()
        let r = try runBriefing(["import", "energy-2022.docx"], cwd: site)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("content/reports/energy-2022.md"))
        #expect(r.stdout.contains("5 个候选数字"))
        #expect(r.stdout.contains("briefing check"))
        let file = site.appendingPathComponent("content/reports/energy-2022.md")
        let text = try String(contentsOf: file, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == "---")
        #expect(lines.contains("title: \"鄂尔多斯市新能源产业发展研究\""))
        #expect(lines.contains { $0.hasPrefix("date: 2022-06-01 ") && $0.contains("2022年6月") })
        #expect(lines.contains("writer: \"张三\""))
        #expect(lines.contains("advisors: [\"李四\", \"王五\"]"))
        #expect(lines.contains("group: \"行动学习第一小组\""))
        #expect(lines.contains("source: \"energy-2022.docx\""))
        #expect(lines.contains { $0.hasPrefix("# summary: ") })
        // Values and units read off the Markdown above by hand; 2021年, 第26期 and 500千伏 are
        // not candidates; the table's numbers take 万千瓦 from its header.
        #expect(candidates(text) == [
            ["energy_2022.p2.n1", "413.8", "\"万千瓦\""],
            ["energy_2022.p2.n2", "7.6", "\"%\""],
            ["energy_2022.t1.r1.c2", "120.5", "\"万千瓦\""],
            ["energy_2022.t1.r2.c2", "93.3", "\"万千瓦\""],
            ["energy_2022.p4.n1", "3", "\"座\""],
        ])
        #expect(lines.contains("  #   where: \"一、发展现状\""))
        #expect(lines.contains("  #   where: \"二、对策建议\""))
        // The body keeps the numbers as plain text, the author lines went to the front matter.
        let body = text.components(separatedBy: "\n---\n")[1]
        #expect(body.contains("全市新能源装机413.8万千瓦"))
        #expect(!body.contains("fig:"))
        #expect(body.contains("第26期"))
        #expect(body.contains("| 达拉特旗"))
        // Word's Heading 1 sits below the page title: ## as in the site's other reports.
        #expect(body.contains("\n## 一、发展现状\n"))
        #expect(body.contains("\n## 二、对策建议\n"))
        #expect(!body.contains("执笔人"))
        // Each candidate names its line; line of 413.8 in the file:
        let line413 = lines.firstIndex { $0.hasPrefix("截至2021年底") }! + 1
        #expect(text.contains("# energy_2022.p2.n1:    # 正文第 \(line413) 行：413.8万千瓦"))

        // Uncomment every candidate, bind three numbers in the body, and check.
        var edited = lines.map { $0.hasPrefix("  # ") ? "  " + $0.dropFirst(4) : $0 }.joined(separator: "\n")
        edited = edited.replacingOccurrences(of: "装机413.8万千瓦", with: "装机[413.8万千瓦](fig:energy_2022.p2.n1)")
            .replacingOccurrences(of: "的7.6%", with: "的[7.6%](fig:energy_2022.p2.n2)")
            .replacingOccurrences(of: "新建3座", with: "新建[3座](fig:energy_2022.p4.n1)")
        try Data(edited.utf8).write(to: file)
        let check = try runBriefing(["check", "--content", "content"], cwd: site)
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
        #expect(check.stdout.hasSuffix("3 passed, 0 failed\n"), "\(check.stdout)")
    }

    @Test func importAsCaseWithSlugAndNoNumbers() throws {
        let site = try makeSite()
        let docx = site.appendingPathComponent("报告.docx")
        try makeDocx("# 一个案例\n\n这里没有数字，只有 2021年 和 第3期。\n", at: docx)
        let bad = try runBriefing(["import", "报告.docx"], cwd: site)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("报告.docx"))
        #expect(bad.stderr.contains("--slug"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/reports").path))
        let r = try runBriefing(["import", "报告.docx", "--case", "--slug", "a-case"], cwd: site)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: site.appendingPathComponent("content/cases/a-case.md"), encoding: .utf8)
        #expect(text.contains("title: \"一个案例\""))
        #expect(text.contains("\nfigures: {}\n"))
        #expect(text.contains("请改为报告日期"))
        let check = try runBriefing(["check", "--content", "content"], cwd: site)
        #expect(check.status == 0, "\(check.stdout)\n\(check.stderr)")
    }

    @Test func damagedDocxIsExitTwo() throws {
        let (site, docx) = try siteWithReport()
        let data = try Data(contentsOf: docx)
        try data.prefix(data.count / 2).write(to: docx)
        let r = try runBriefing(["import", "energy-2022.docx"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("energy-2022.docx"))
        #expect(r.stderr.contains("损坏"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/reports").path))
    }

    @Test func oleFileIsPasswordOrOldDoc() throws {
        let site = try makeSite()
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504))
            .write(to: site.appendingPathComponent("secret.docx"))
        let r = try runBriefing(["import", "secret.docx"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("secret.docx"))
        #expect(r.stderr.contains("密码"))
        #expect(r.stderr.contains(".doc"))
    }

    @Test func renamedTextFileIsNotWord() throws {
        let site = try makeSite()
        try Data("全市装机413.8万千瓦。\n".utf8).write(to: site.appendingPathComponent("notes.docx"))
        let r = try runBriefing(["import", "notes.docx"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("notes.docx 不是 Word 文档"))
        #expect(r.stderr.contains("另存为"))
    }

    @Test func existingFileIsNotOverwritten() throws {
        let (site, _) = try siteWithReport()
        let reports = site.appendingPathComponent("content/reports")
        try FileManager.default.createDirectory(at: reports, withIntermediateDirectories: true)
        let existing = reports.appendingPathComponent("energy-2022.md")
        try Data("原有的内容\n".utf8).write(to: existing)
        let r = try runBriefing(["import", "energy-2022.docx"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("content/reports/energy-2022.md 已存在"))
        #expect(try Data(contentsOf: existing) == Data("原有的内容\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: reports.path) == ["energy-2022.md"])
    }

    @Test func outsideASiteNothingIsCreated() throws {
        let (site, _) = try siteWithReport()
        try FileManager.default.removeItem(at: site.appendingPathComponent("content/site.yaml"))
        let before = snapshot(site)
        let r = try runBriefing(["import", "energy-2022.docx"], cwd: site)
        #expect(r.status == 2)
        #expect(r.stderr.contains("content/site.yaml 不存在"))
        #expect(r.stderr.contains("--content"))
        #expect(snapshot(site) == before)
    }

    @Test func missingFileAndMissingPandoc() throws {
        let (site, _) = try siteWithReport()
        let missing = try runBriefing(["import", "nope.docx"], cwd: site)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("找不到文件 nope.docx"))
        let empty = tempDir("path")
        let noPandoc = try runBriefing(["import", "energy-2022.docx"], cwd: site, path: empty.path)
        #expect(noPandoc.status == 2)
        #expect(noPandoc.stderr.contains("pandoc"))
        #expect(noPandoc.stderr.contains("sudo apt-get install pandoc"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("content/reports").path))
    }

    @Test func unwritableOutputIsExitThree() throws {
        let (site, _) = try siteWithReport()
        // A file where the reports folder should be: creating the folder fails, even for root.
        try Data("x".utf8).write(to: site.appendingPathComponent("content/reports"))
        let r = try runBriefing(["import", "energy-2022.docx"], cwd: site)
        #expect(r.status == 3)
        #expect(r.stderr.contains("无法写入 content/reports/energy-2022.md：路径中有同名的文件挡住了目录"))
    }
}
