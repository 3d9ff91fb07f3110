import ArgumentParser
import BriefingCore
import Foundation

/// Options every command shares (DESIGN §4).
struct Paths: ParsableArguments {
    @Option(help: "内容目录（content directory）")
    var content: String = "content"
    @Option(help: "模板目录（templates directory）；默认 templates/，没有时使用内置模板")
    var templates: String?
    @Option(help: "输出目录（output directory）")
    var output: String = "site"

    var contentURL: URL { URL(fileURLWithPath: content) }
    var templatesURL: URL { URL(fileURLWithPath: templates ?? "templates") }
    var outputURL: URL { URL(fileURLWithPath: output) }

    /// Without `--templates`, a site with no templates/ uses the built-in ones; a folder named
    /// on the command line must exist (a typo would otherwise go unnoticed).
    func checkTemplatesOption() throws {
        guard let templates, !FileManager.default.fileExists(atPath: templates) else { return }
        printErr(TerminalText.line("错误: 模板目录 \(displayPath(templates)) 不存在（检查 --templates 的路径；去掉这个选项则使用 templates/ 或内置模板）"))
        throw ExitCode(ExitCodes.badInput)
    }
}

@main
struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "简报：把研究报告和数据生成经过数字核验的网站。",
        subcommands: [Build.self, Check.self, Serve.self, InitSite.self, New.self, TemplatesCommand.self, ImportDocx.self, Pdf.self])

    /// As swift-argument-parser's own, after one setting: a write past the file-size limit
    /// (`ulimit -f`) must fail with EFBIG, reported as a file error (exit 3) with the old site
    /// kept, instead of SIGXFSZ killing the process without a word.
    static func main() async {
        signal(SIGXFSZ, SIG_IGN)
        do {
            var command = try parseAsRoot()
            if var async = command as? AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Exit codes (DESIGN §4): 1 always means a number check failed.
enum ExitCodes {
    static let checkFailed: Int32 = 1
    static let badInput: Int32 = 2
    static let fileError: Int32 = 3
}

func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
}

/// Paths in messages are shown as given (relative when the user typed a relative path).
func displayPath(_ p: String) -> String {
    var s = p
    while s.hasSuffix("/") && s.count > 1 { s.removeLast() }
    // An absolute path inside the working folder is shown relative to it.
    let cwd = FileManager.default.currentDirectoryPath
    if s.hasPrefix(cwd + "/") { s = String(s.dropFirst(cwd.count + 1)) }
    return s
}

/// Reports an error that is not a number check in Chinese and maps it to its exit code.
func failure(for error: Error, what: String) -> ExitCode {
    switch error {
    case let e as IOProblem:
        printErr(TerminalText.line(e.description))
        return ExitCode(ExitCodes.fileError)
    case let e as Diagnostics:
        printErr(e.terminalText)
        printErr("\(what)有 \(e.items.count) 处错误。")
        return ExitCode(ExitCodes.badInput)
    case let e as Diagnostic:
        printErr(TerminalText.line(e.description))
        return ExitCode(ExitCodes.badInput)
    default:
        printErr("错误: \(error)")
        return ExitCode(ExitCodes.fileError)
    }
}
