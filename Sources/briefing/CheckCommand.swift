import Analysis
import ArgumentParser
import BriefingCore
import Commands
import Foundation

extension CheckReport.Format: ExpressibleByArgument {}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "只计算和核验数字，不生成网站。")
    @OptionGroup var paths: Paths
    @Option(help: "输出格式：text、json、junit、github")
    var format: CheckReport.Format = .text
    @Flag(help: "也逐项列出一致的核验（text 格式）")
    var verbose = false
    @Flag(help: "正文中没有绑定数据的数字也视为未通过（退出码 1）")
    var strict = false
    @Flag(help: "在标准错误输出各阶段耗时")
    var timings = false

    func run() throws {
        let analysis: Analysis
        do {
            analysis = try Analyzer.analyze(contentDirectory: paths.contentURL, display: displayPath(paths.content))
        } catch {
            if format == .github { for d in error.items { print(CheckReport.githubDiagnostic(d)) } }
            printErr(error.terminalText)
            printErr("输入有 \(error.items.count) 处错误，无法核验。")
            throw ExitCode(ExitCodes.badInput)
        }
        if format == .text, !analysis.warnings.isEmpty { printErr(CheckReport.warnings(analysis.warnings)) }
        print(CheckReport.render(analysis, format: format, verbose: verbose), terminator: "")
        if timings { printErr(analysis.timings.report) }
        if !analysis.failedChecks.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
        if strict, !analysis.unboundNumbers.isEmpty {
            printErr("--strict：正文中有 \(analysis.unboundNumbers.count) 个数字没有绑定数据。")
            throw ExitCode(ExitCodes.checkFailed)
        }
    }
}
