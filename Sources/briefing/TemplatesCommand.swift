import ArgumentParser
import BriefingCore
import Commands
import Foundation
import Render

/// `briefing templates …`: the templates built into the program.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "内置模板：briefing templates export [文件夹]",
        subcommands: [TemplatesExport.self])
}

/// `briefing templates export [DIR]`: writes the built-in templates out for editing (DESIGN §4).
struct TemplatesExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "把内置的模板和样式写到文件夹中以便修改（默认 templates/），不覆盖已有文件",
        discussion: "网站的 templates/ 中有的文件代替同名的内置文件，其余仍用内置的：只留下要改的文件即可。")

    @Argument(help: "写到哪个文件夹")
    var directory: String = "templates"

    func run() throws {
        let shown = displayPath(directory)
        do {
            try TemplateExport.write(BuiltInTemplates.files, to: URL(fileURLWithPath: directory), shown: shown)
        } catch {
            throw failure(for: error, what: "导出模板")
        }
        print(TerminalText.safe("""
            已把 \(BuiltInTemplates.files.count) 个内置模板和样式文件写到 \(shown)/。
            修改后运行 briefing build（或 briefing serve 预览）即可看到效果；没改的文件可以删掉，删掉的仍用内置的。
            """))
    }
}
