import BriefingCore
import FlyingFox
import Foundation
import Site

/// `briefing serve`: the live site over HTTP on 127.0.0.1, rebuilt when files change, with a
/// small live-reload script added to HTML responses (never to files on disk).
public final class DevServer: Sendable {
    let site: LiveSite
    let port: UInt16
    let server: HTTPServer
    let log: @Sendable (String) -> Void

    public init(site: LiveSite, port: UInt16, log: @escaping @Sendable (String) -> Void) throws {
        self.site = site
        self.port = port
        self.log = log
        server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), timeout: 30, logger: .disabled)
    }

    /// Asks for the version, which the server answers as soon as it differs from the page's
    /// (or after a while); reloads the page when a rebuild happened.
    static func reloadScript(version: Int) -> String {
        """
        <script>(function(){var v=\(version);function p(){fetch("/__briefing/version?since="+v,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(+t!==v){location.reload()}else{setTimeout(p,50)}}).catch(function(){setTimeout(p,1000)})}setTimeout(p,50)})();</script>
        """
    }

    public func run() async throws {
        let site = self.site
        await server.appendRoute("GET /__briefing/version") { request in
            // Long poll: hold the answer until a rebuild, for at most 20 s.
            if let since = request.query.first(where: { $0.name == "since" }).flatMap({ Int($0.value) }) {
                var waited = 0
                while site.version == since, waited < 400 {
                    try await Task.sleep(nanoseconds: 50_000_000)
                    waited += 1
                }
            }
            return HTTPResponse(statusCode: .ok, headers: [.contentType: "text/plain", .init("Cache-Control"): "no-store"],
                         body: Data(String(site.version).utf8))
        }
        await server.appendRoute("GET *") { request in
            let stale = request.query.contains { $0.name == "stale" }
            let r = site.response(path: request.path, stale: stale)
            var body = r.body
            if r.contentType.hasPrefix("text/html") {
                var html = String(decoding: body, as: UTF8.self)
                let script = DevServer.reloadScript(version: site.version)
                if let end = html.range(of: "</body>", options: .backwards) {
                    html.insert(contentsOf: script, at: end.lowerBound)
                } else {
                    html += script
                }
                body = Data(html.utf8)
            }
            return HTTPResponse(statusCode: HTTPStatusCode(r.status, phrase: ""),
                                headers: [.contentType: r.contentType, .init("Cache-Control"): "no-store"], body: body)
        }
        // A thread of its own: waiting for file events would otherwise hold one of the few
        // threads that serve requests.
        let stopped = Flag()
        let watcher = Thread { [log] in
            while !stopped.isSet {
                site.waitForChanges(timeout: 0.25)
                if let r = site.rebuildIfChanged() {
                    if r.ok {
                        log(String(format: r.incremental ? "已更新（%.0f ms，只重新分析修改过的 %d 个文件及受其影响的内容）"
                                                         : "已全部重新生成（%.0f ms，重新读取 %d 个文件）", r.seconds * 1000, r.decodedFiles))
                        if !r.failedChecks.isEmpty {
                            log("有 \(r.failedChecks.count) 项数字核验未通过：\n" + r.failedChecks.joined(separator: "\n"))
                        }
                    } else if let p = site.currentProblems {
                        log("生成失败，浏览器将显示错误页：\n\(p.description)")
                    }
                }
            }
        }
        watcher.start()
        defer { stopped.set() }
        try await server.run()
    }

    /// A flag set once, read from another thread.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        var isSet: Bool { lock.withLock { value } }
        func set() { lock.withLock { value = true } }
    }

    public func stop() async {
        await server.stop(timeout: 1)
    }
}
