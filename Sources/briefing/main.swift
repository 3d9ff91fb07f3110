import ArgumentParser
import BriefingCore
import Foundation
import Render
import Serve
import Site

/// Options every command shares (DESIGN §4).
struct Paths: ParsableArguments {
    @Option(help: "内容目录（content directory）")
    var content: String = "content"
    @Option(help: "模板目录（templates directory）")
    var templates: String = "templates"
    @Option(help: "输出目录（output directory）")
    var output: String = "site"
}

@main
struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "简报：把研究报告和数据生成经过数字核验的网站。",
        subcommands: [Build.self, Check.self, Serve.self, New.self])
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成网站并在本机预览（127.0.0.1），修改文件后自动重新生成并刷新浏览器。")
    @OptionGroup var paths: Paths
    @Option(help: "端口")
    var port: Int = 8000

    func run() async throws {
        guard (1...65535).contains(port) else { throw ValidationError("端口应在 1 到 65535 之间") }
        let site = LiveSite(content: URL(fileURLWithPath: paths.content), templates: URL(fileURLWithPath: paths.templates),
                            display: displayPath(paths.content))
        let first = site.rebuildIfChanged()
        if let p = site.currentProblems {
            printErr(p.description)
            printErr("内容有错误：浏览器会显示错误页，修改保存后自动恢复。")
        } else if let first {
            printErr(String(format: "已生成（%.0f ms）。", first.seconds * 1000))
        }
        let server = try DevServer(site: site, port: UInt16(port)) { printErr($0) }
        let signals = DispatchSource.makeSignalSource(signal: SIGINT)
        signal(SIGINT, SIG_IGN)
        signals.setEventHandler {
            printErr("\n已停止。")
            Task {
                await server.stop()
                Foundation.exit(0)
            }
        }
        signals.resume()
        printErr("预览地址：http://127.0.0.1:\(port)/   （按 Ctrl-C 停止）")
        if let first, !first.failedChecks.isEmpty {
            printErr("有 \(first.failedChecks.count) 项数字核验未通过：\n" + first.failedChecks.joined(separator: "\n"))
        }
        do {
            try await server.run()
        } catch {
            // Stopping by Ctrl-C ends `run` with an error; the handler exits with 0.
            try await Task.sleep(nanoseconds: 1_000_000_000)
            let text = "\(error)"
            if text.contains("in use") || text.contains("(98)") {
                printErr("错误: 端口 \(port) 已被占用，无法启动预览（换一个端口，例如 --port \(port + 1)）")
            } else {
                printErr("错误: 预览服务器停止：\(text)")
            }
            throw ExitCode(1)
        }
    }
}

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
            printErr(error.description)
            throw ExitCode(ExitCodes.badInput)
        }
    }
}

enum ExitCodes {
    static let checkFailed: Int32 = 1
    static let badInput: Int32 = 2
}

func printErr(_ s: String) {
    FileHandle.standardError.write(Data((s.hasSuffix("\n") ? s : s + "\n").utf8))
}

func analyze(_ paths: Paths, templates: Templates? = nil) throws(ExitCode) -> Analysis {
    do {
        return try Analyzer.analyze(contentDirectory: URL(fileURLWithPath: paths.content), display: displayPath(paths.content),
                                    templates: templates)
    } catch {
        printErr(error.description)
        printErr("输入有 \(error.items.count) 处错误，未生成网站。")
        throw ExitCode(ExitCodes.badInput)
    }
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

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "只计算和核验数字，不生成网站。")
    @OptionGroup var paths: Paths
    @Option(help: "输出格式：text、json、junit、github")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, junit, github
    }

    @Flag(help: "在标准错误输出各阶段耗时")
    var timings = false

    func run() throws {
        let analysis: Analysis
        do {
            analysis = try Analyzer.analyze(contentDirectory: URL(fileURLWithPath: paths.content), display: displayPath(paths.content))
        } catch {
            if format == .github { for d in error.items { print(CheckReport.githubDiagnostic(d)) } }
            printErr(error.description)
            printErr("输入有 \(error.items.count) 处错误，无法核验。")
            throw ExitCode(ExitCodes.badInput)
        }
        print(CheckReport.render(analysis.checks, format: CheckReport.Format(rawValue: format.rawValue)!), terminator: "")
        if timings { printErr(analysis.timings.report) }
        if !analysis.failedChecks.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "计算、核验并生成网站（写入 site/）。")
    @OptionGroup var paths: Paths
    @Flag(help: "即使有数字核验失败也生成网站")
    var allowFailures = false
    @Flag(help: "在标准错误输出各阶段耗时（load、evaluate、check、render、write）")
    var timings = false

    func run() throws {
        let templates: Templates
        do { templates = try Templates(directory: URL(fileURLWithPath: paths.templates)) } catch {
            printErr(error.description)
            throw ExitCode(ExitCodes.badInput)
        }
        let analysis = try analyze(paths, templates: templates)
        let failed = analysis.failedChecks
        if !failed.isEmpty {
            for c in failed { printErr(CheckReport.line(c)) }
            if !allowFailures {
                printErr("\(failed.count) 项数字核验未通过，网站未更新（可用 --allow-failures 强制生成）。")
                throw ExitCode(ExitCodes.checkFailed)
            }
        }
        do {
            let start = Timings.now()
            let stats = try SiteBuilder.build(analysis, templates: templates, output: URL(fileURLWithPath: paths.output))
            if timings {
                var all = analysis.timings
                for p in stats.timings.phases { all.record(p.name, seconds: p.seconds, count: p.count, unit: p.unit) }
                let total = all.phases.map(\.seconds).reduce(0, +)
                printErr(all.report + String(format: "  total   %8.3f s  (index+render+write wall %.3f s)", total, Timings.seconds(since: start)))
            }
            print("已生成 \(stats.files) 个文件到 \(paths.output)/；核验 \(analysis.checks.count) 项，\(failed.count) 项未通过。")
        } catch let e as Diagnostics {
            printErr(e.description)
            throw ExitCode(ExitCodes.badInput)
        }
        if !failed.isEmpty { throw ExitCode(ExitCodes.checkFailed) }
    }
}
