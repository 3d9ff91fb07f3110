import ArgumentParser
import BriefingCore
import Commands
import Foundation

/// `briefing init DIR --title T`: a new site in an empty or new folder (DESIGN §4).
struct InitSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "新建一个网站：briefing init 文件夹 --title 网站标题 [--publisher 发布单位]",
        discussion: "写入 content/site.yaml、content/regions.yaml、一篇示例报告、一篇示例案例和 使用说明.md；文件夹须是空的或还不存在。模板使用程序内置的。")

    @Argument(help: "新网站的文件夹（不存在时新建；已存在时须是空的）")
    var directory: String
    @Option(help: "网站标题")
    var title: String
    @Option(help: "发布单位，显示在每页底部")
    var publisher: String?

    func run() throws {
        let shown = displayPath(directory)
        do {
            _ = try SiteInit.create(at: URL(fileURLWithPath: directory), shown: shown, title: title,
                                    publisher: publisher, date: ImportDocx.today())
        } catch {
            throw failure(for: error, what: "新建网站")
        }
        var lines = [
            "已新建网站 \(shown)/：content/site.yaml、content/regions.yaml、一篇示例报告、一篇示例案例和 使用说明.md。",
            "下一步：",
            "  cd \(Self.shellQuoted(shown))",
            "  briefing check    # 核验示例中的数字",
            "  briefing serve    # 在浏览器中预览 http://127.0.0.1:8000/",
            "然后改写 content/ 中的示例，或用 briefing new report 文件名 --title 标题 新建报告；说明见 使用说明.md。",
        ]
        if publisher == nil { lines.append("（还没有填写发布单位：在 content/site.yaml 的 publisher 中填写。）") }
        print(TerminalText.safe(lines.joined(separator: "\n")))
    }

    /// The folder as it can be pasted into a shell.
    static func shellQuoted(_ s: String) -> String {
        let plain = s.unicodeScalars.allSatisfy { $0.value > 0x7f || CharacterSet.alphanumerics.contains($0) || "-_./".unicodeScalars.contains($0) }
        return plain && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
