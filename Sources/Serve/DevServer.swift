import BriefingCore
import Foundation
import Hummingbird
import Logging
import NIOCore
import Output

/// `briefing serve`: the live site over HTTP on 127.0.0.1, rebuilt when files change, with a
/// small live-reload script added to HTML responses (never to files on disk).
public final class DevServer: Sendable {
    /// Another program listens on the port already.
    public struct PortInUse: Error {
        public var port: UInt16
    }

    let site: LiveSite
    let port: UInt16
    let log: @Sendable (String) -> Void
    private let running = Running()

    public init(site: LiveSite, port: UInt16, log: @escaping @Sendable (String) -> Void) throws {
        self.site = site
        self.port = port
        self.log = log
    }

    /// Serves until `stop()` or cancellation.
    public func run() async throws {
        var logger = Logger(label: "briefing.serve")
        logger.logLevel = .critical
        let app = Application(
            responder: PreviewResponder(site: site, port: Int(port)),
            server: .limitedHTTP1(RequestLimits()),
            configuration: .init(address: .hostname("127.0.0.1", port: Int(port))),
            logger: logger)
        let watcher = startWatcher()
        defer { watcher.set() }
        let task = Task { try await app.run() }
        running.set(task)
        defer { running.finish() }
        do {
            try await withTaskCancellationHandler { try await task.value } onCancel: { task.cancel() }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw PortInUse(port: port)
        }
    }

    /// A thread of its own: waiting for file events would otherwise hold one of the few
    /// threads that run the server's tasks. Returns the flag that ends it.
    private func startWatcher() -> Flag {
        let stopped = Flag()
        let site = self.site
        let watcher = Thread { [log] in
            while !stopped.isSet {
                site.waitForChanges(timeout: 0.25)
                if let r = site.rebuildIfChanged() {
                    if r.ok {
                        log(String(format: r.incremental ? "已更新（%.0f ms，只重新分析修改过的 %d 个文件及受其影响的内容）"
                                                         : "已全部重新生成（%.0f ms，重新读取 %d 个文件）", r.seconds * 1000, r.files))
                        if !r.failedChecks.isEmpty {
                            log("有 \(r.failedChecks.count) 项数字核验未通过：\n" + r.failedChecks.map { "\($0.location): \($0.label) 原文 \($0.statedText)，计算得 \($0.computedText)" }.joined(separator: "\n"))
                        }
                    } else if let p = site.currentProblems {
                        log("生成失败，浏览器将显示错误页：\n\(p.terminalText)")
                    }
                }
            }
        }
        watcher.start()
        return stopped
    }

    /// Ends `run()`: open connections are closed, long polls included. Waits at most a second.
    public func stop() async {
        guard let task = running.task else { return }
        task.cancel()
        for _ in 0..<100 where !running.isFinished {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }

    /// A flag set once, read from another thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    /// The task that runs the server, for `stop()`.
    final class Running: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Task<Void, any Error>?
        private var finished = false
        var task: Task<Void, any Error>? { lock.withLock { current } }
        var isFinished: Bool { lock.withLock { finished } }
        func set(_ task: Task<Void, any Error>) { lock.withLock { current = task } }
        func finish() { lock.withLock { finished = true } }
    }
}
