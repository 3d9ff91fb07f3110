import ArgumentParser
import BriefingCore
import Commands
import Foundation

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "新建一篇报告或案例：briefing new report 文件名 --title 标题")
    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case report, `case`
    }
    @Argument(help: "report（报告）或 case（案例）")
    var kind: Kind
    @Argument(help: "文件名（小写英文字母、数字和 -），也是网址中的名字")
    var slug: String
    @Option(help: "标题")
    var title: String
    @Option(help: "内容目录（content directory）")
    var content: String = "content"

    func run() throws {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd"
        f.locale = Locale(identifier: "en_US_POSIX")
        do {
            let path = try Scaffold.create(kind: kind == .report ? .report : .case, slug: slug, title: title,
                                           content: URL(fileURLWithPath: content), date: f.string(from: Date()))
            print("已创建 \(path)。用编辑器打开它，按注释填写；运行 briefing check 检查数字。")
        } catch {
            printErr(TerminalText.line(error.description))
            throw ExitCode(ExitCodes.badInput)
        }
    }
}
