import Analysis
import ArgumentParser
import BriefingCore
import Commands
import Foundation
import Output
import Render

struct Pdf: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "为每篇报告和案例生成打印版简报（A4 PDF），写入已生成的网站（site/reports/文件名/文件名.pdf）。",
        discussion: "需要 WeasyPrint 和中文字体（sudo apt-get install weasyprint fonts-noto-cjk，或运行 make pdf）。先运行 briefing build。退出码：0 成功；1 有数字核验未通过；2 输入或环境有误（如没有 WeasyPrint、转换失败）；3 文件读写错误。")
    @OptionGroup var paths: Paths
    @Flag(help: "即使有数字核验失败也生成 PDF")
    var allowFailures = false

    func run() throws {
        let start = Timings.now()
        let templates: Templates
        do { templates = try Templates(directory: paths.templatesURL) } catch {
            throw failure(for: error, what: "模板")
        }
        let analysis: Analysis
        do { analysis = try Analyzer.analyze(contentDirectory: paths.contentURL, display: displayPath(paths.content)) } catch {
            printErr(error.terminalText)
            printErr("输入有 \(error.items.count) 处错误，未生成 PDF。")
            throw ExitCode(ExitCodes.badInput)
        }
        let failed = analysis.failedChecks
        if !failed.isEmpty && !allowFailures {
            printErr(CheckReport.problemsText(analysis))
            printErr("\(failed.count) 项数字核验未通过，未生成 PDF（可用 --allow-failures 强制生成）。")
            throw ExitCode(ExitCodes.checkFailed)
        }
        let written: [String]
        do {
            written = try PDFWriter.write(.init(analysis: analysis, templates: templates, templatesDirectory: paths.templatesURL,
                                                site: paths.outputURL, siteShown: displayPath(paths.output),
                                                weasyprint: WeasyPrint.locate()))
        } catch let e as PDFFailure {
            printErr(e.message)
            throw ExitCode(e.exitCode)
        } catch {
            throw failure(for: error, what: "PDF")
        }
        let seconds = String(format: "%.1f", Timings.seconds(since: start))
        print("已生成 \(written.count) 个 PDF 到 \(displayPath(paths.output))/（每篇报告和案例一个，如 \(written.first ?? "")），用时 \(seconds) 秒。")
        if !failed.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
    }
}
