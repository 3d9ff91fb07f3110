import Analysis
import ArgumentParser
import BriefingCore
import Commands
import Foundation
import Output
import Render

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "计算、核验并生成网站（写入 site/）。")
    @OptionGroup var paths: Paths
    @Flag(help: "即使有数字核验失败也生成网站")
    var allowFailures = false
    @Flag(help: "在标准错误输出各阶段耗时（load、evaluate、check、render、write）")
    var timings = false
    @Flag(help: "不生成搜索索引（默认在安装了 Pagefind 时生成）")
    var noSearch = false

    func run() throws {
        let templates: Templates
        try paths.checkTemplatesOption()
        do { templates = try Templates(directory: paths.templatesURL) } catch {
            throw failure(for: error, what: "模板")
        }
        let analysis: Analysis
        do { analysis = try Analyzer.analyze(contentDirectory: paths.contentURL, display: displayPath(paths.content)) } catch {
            printErr(error.terminalText)
            printErr("输入有 \(error.items.count) 处错误，未生成网站。")
            throw ExitCode(ExitCodes.badInput)
        }
        if !analysis.warnings.isEmpty { printErr(CheckReport.warnings(analysis.warnings)) }
        let failed = analysis.failedChecks
        if !failed.isEmpty {
            printErr(CheckReport.problemsText(analysis))
            if !allowFailures {
                printErr("\(failed.count) 项数字核验未通过，网站未更新（可用 --allow-failures 强制生成）。")
                throw ExitCode(ExitCodes.checkFailed)
            }
        }
        let start = Timings.now()
        let stats: SiteWriter.Stats
        do {
            stats = try SiteWriter.build(analysis, templates: templates, output: paths.outputURL,
                                         inputs: [paths.contentURL, paths.templatesURL], search: !noSearch)
        } catch {
            throw failure(for: error, what: "输出")
        }
        if timings {
            var all = analysis.timings
            for p in stats.timings.phases { all.record(p.name, seconds: p.seconds, count: p.count, unit: p.unit) }
            let total = all.phases.map(\.seconds).reduce(0, +)
            printErr(all.report + String(format: "  total   %8.3f s  (render+write wall %.3f s)", total, Timings.seconds(since: start)))
        }
        print("已生成 \(stats.files) 个文件到 \(paths.output)/；核验 \(analysis.checks.count) 项，\(failed.count) 项未通过。")
        if stats.search == .unavailable {
            printErr("未生成搜索索引：没有安装 Pagefind（安装：pip install pagefind-bin-extended），网站的搜索页暂不可用。")
        }
        if !failed.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
    }
}
