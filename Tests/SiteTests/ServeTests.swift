import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `briefing serve` end to end: edit, break and fix a file while it runs.
@Suite(.serialized) struct ServeTests {
    /// A TCP socket bound to a free port on 127.0.0.1; the caller closes it.
    func boundSocket() -> (fd: Int32, port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = 0
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, Int(UInt16(bigEndian: addr.sin_port)))
    }

    func freePort() -> Int {
        let (fd, port) = boundSocket()
        close(fd)
        return port
    }

    func fetch(_ url: String) -> (Int, String)? {
        let sem = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String)?
        var req = URLRequest(url: URL(string: url)!)
        req.timeoutInterval = 2
        URLSession.shared.dataTask(with: req) { data, resp, _ in
            if let http = resp as? HTTPURLResponse { result = (http.statusCode, String(decoding: data ?? Data(), as: UTF8.self)) }
            sem.signal()
        }.resume()
        sem.wait()
        return result
    }

    /// Polls until `ok` holds; returns the seconds it took, or nil after `limit`.
    func waitFor(_ limit: Double, _ ok: () -> Bool) -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < limit {
            if ok() { return Date().timeIntervalSince(start) }
            usleep(50_000)
        }
        return nil
    }

    @Test func editBreakAndFixWhileServing() throws {
        let content = try copyOfContent()
        let file = content.appendingPathComponent("reports/new-energy.md")
        let port = freePort()
        let p = Process()
        p.executableURL = Repo.binary
        p.arguments = ["serve", "--port", String(port), "--content", content.path, "--templates", Repo.templates.path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }
        let page = "http://127.0.0.1:\(port)/indicators/ordos.capacity.total/index.html"
        #expect(waitFor(30) { fetch(page)?.1.contains("413.8万千瓦") == true } != nil)
        #expect(fetch(page)?.1.contains("/__briefing/version") == true)

        // A figure changes: the indicator's page shows the new total without a restart.
        try replaceInFile(file, "    value: 287.3\n", "    value: 288.3\n")
        let seen = waitFor(2) { fetch(page)?.1.contains("414.8万千瓦") == true }
        #expect(seen != nil, "new value not served within 2 s")

        // A YAML error: HTML pages become an error page naming file and line.
        let line = try lineNumber(of: "title: 鄂尔多斯市新能源产业高质量发展路径研究", in: file)
        try replaceInFile(file, "title: 鄂尔多斯市新能源产业高质量发展路径研究", "title: [未闭合")
        #expect(waitFor(3) {
            guard let (status, body) = fetch(page) else { return false }
            return status == 500 && body.contains("reports/new-energy.md:\(line)")
        } != nil)
        // Assets and the last good pages stay available.
        #expect(fetch("http://127.0.0.1:\(port)/assets/style.css")?.0 == 200)
        #expect(fetch(page + "?stale=1")?.1.contains("414.8万千瓦") == true)

        // Fixing the file recovers.
        try replaceInFile(file, "title: [未闭合", "title: 鄂尔多斯市新能源产业高质量发展路径研究")
        #expect(waitFor(3) { fetch(page).map { $0.0 == 200 && $0.1.contains("414.8万千瓦") } ?? false } != nil)

        // Ctrl-C stops it cleanly.
        kill(p.processIdentifier, SIGINT)
        #expect(waitFor(5) { !p.isRunning } != nil)
        #expect(p.terminationStatus == 0)
        // Nothing was written into the content folder.
        #expect(!FileManager.default.fileExists(atPath: content.deletingLastPathComponent().appendingPathComponent("site").path))
    }

    @Test func portInUseIsExplainedInChinese() throws {
        // Hold a port with a listening socket, then ask serve for the same one.
        let (fd, port) = boundSocket()
        defer { close(fd) }
        #expect(port > 0)
        #expect(listen(fd, 1) == 0)
        let r = try runBriefing(["serve", "--port", String(port), "--content", Repo.content.path, "--templates", Repo.templates.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains("错误: 端口 \(port) 已被占用，无法启动预览（换一个端口，例如 --port \(port + 1)）"), "\(r.stderr)")
    }

    @Test func newReportChecksAtOnce() throws {
        let content = try copyOfContent()
        let new = try runBriefing(["new", "report", "demo", "--title", "演示", "--content", content.path])
        #expect(new.status == 0, "\(new.stderr)")
        let again = try runBriefing(["new", "report", "demo", "--title", "演示", "--content", content.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("已存在"))
        let check = try runBriefing(["check", "--content", content.path])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout.contains("reports/demo.md:"))
        let caseFile = try runBriefing(["new", "case", "demo-case", "--title", "案例\"引号\"", "--content", content.path])
        #expect(caseFile.status == 0)
        #expect(try runBriefing(["check", "--content", content.path]).status == 0)
    }
}
