import ArgumentParser
import BriefingCore
import Content
import Foundation
import Import

/// `briefing import FILE.docx`: a report or case from a Word file (DESIGN §4).
struct ImportDocx: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "从 Word 文件（.docx）导入一篇报告或案例：briefing import 文件.docx [--slug 文件名]",
        discussion: "需要 pandoc（sudo apt-get install pandoc）。正文转为 Markdown，标题、执笔、指导老师、小组和日期填入前置信息，正文中的数字作为候选数据（已注释）列在 figures 下。")

    @Argument(help: "Word 文件（.docx）")
    var file: String
    @Flag(name: .customLong("case"), help: "导入为案例（写入 content/cases/），默认是报告")
    var isCase = false
    @Option(help: "文件名（小写英文字母、数字和 -），也是网址中的名字；默认取 Word 文件名")
    var slug: String?
    @Option(help: "内容目录（content directory）")
    var content: String = "content"

    func run() throws {
        let contentURL = URL(fileURLWithPath: content)
        let request = DocxImporter.Request(
            file: URL(fileURLWithPath: file), fileShown: displayPath(file), content: contentURL,
            contentShown: displayPath(content), kind: isCase ? .case : .report, slug: slug,
            units: siteUnits(contentURL), today: Self.today(), pandoc: PandocRunner.locate())
        let result: DocxImporter.Result
        do {
            result = try DocxImporter.run(request)
        } catch {
            printErr(error.message)
            throw ExitCode(error.exitCode)
        }
        var lines = ["已导入 \(displayPath(file)) → \(result.path)"]
        var found = "在正文中找到 \(result.candidates.count) 个候选数字，已注释掉列在前置信息的 figures 下"
        if result.images > 0 { found += "；略去了 \(result.images) 张图片（文中留有注释）" }
        lines.append(found + "。")
        let example = result.candidates.first.map { "[\($0.number.written.filter { $0 != " " })](fig:\($0.id))" } ?? "[413.8万千瓦](fig:编号)"
        lines += [
            "下一步：",
            "  1. 打开 \(result.path)，核对标题、日期、执笔人等前置信息，写上摘要（summary）、主题和地区。",
            "  2. 在 figures 下去掉要用的候选数字行首的“# ”，把编号改得好懂，把 label 改成数据的名称。",
            "  3. 在正文中把数字写成链接 [数字单位](fig:编号)，例如 \(example)。",
            "  4. 运行 briefing check 检查数字。",
        ]
        print(lines.joined(separator: "\n"))
    }

    /// Units of the site, with those its site.yaml adds; the built-in table when site.yaml
    /// cannot be read (then `briefing check` reports the problem).
    func siteUnits(_ content: URL) -> UnitRegistry {
        let url = content.appendingPathComponent("site.yaml")
        guard let data = FileManager.default.contents(atPath: url.path),
              let text = try? SourceText.decode(data, file: "site.yaml"),
              let (_, units) = try? ProjectDecoder.siteConfig(text: text, file: "site.yaml") else { return UnitRegistry() }
        return units
    }

    static func today() -> String {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        return f.string(from: Date())
    }
}
