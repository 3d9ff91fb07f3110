import ArgumentParser
import BriefingCore
import Commands
import Foundation
import Output
import Serve

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "生成网站并在本机预览（127.0.0.1），修改文件后自动重新生成并刷新浏览器。")
    @OptionGroup var paths: Paths
    @Option(help: "端口")
    var port: Int = 8000

    func run() async throws {
        guard (1...65535).contains(port) else { throw ValidationError("端口应在 1 到 65535 之间") }
        try paths.checkTemplatesOption()
        let site = LiveSite(content: paths.contentURL, templates: paths.templatesURL, display: displayPath(paths.content))
        let first = site.rebuild()
        if let p = site.currentProblems {
            printErr(p.terminalText)
            printErr("内容有错误：浏览器会显示错误页，修改保存后自动恢复。")
        } else {
            printErr(String(format: "已生成（%.0f ms）。", first.seconds * 1000))
        }
        let server = try DevServer(site: site, port: UInt16(port)) { printErr(TerminalText.safe($0)) }
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
        if !first.failedChecks.isEmpty {
            printErr("有 \(first.failedChecks.count) 项数字核验未通过：\n" + first.failedChecks.map(CheckReport.line).joined(separator: "\n"))
        }
        do {
            try await server.run()
        } catch is DevServer.PortInUse {
            printErr("错误: 端口 \(port) 已被占用，无法启动预览（换一个端口，例如 --port \(port + 1)）")
            throw ExitCode(1)
        } catch {
            // Stopping by Ctrl-C may end `run` with an error; the handler exits with 0.
            try await Task.sleep(nanoseconds: 1_000_000_000)
            printErr("错误: 预览服务器停止：\(TerminalText.line("\(error)"))")
            throw ExitCode(1)
        }
    }
}
