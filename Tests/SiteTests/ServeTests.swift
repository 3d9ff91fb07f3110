import Foundation
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

    /// Status and text of a GET of `url` (http://127.0.0.1:PORT/...), over a raw socket.
    func fetch(_ url: String) -> (Int, String)? {
        guard let u = URLComponents(string: url), let port = u.port else { return nil }
        let target = u.percentEncodedPath + (u.percentEncodedQuery.map { "?" + $0 } ?? "")
        return RawHTTPClient.exchange(port: port, get(target, port: port), timeout: 2).map { ($0.status, $0.text) }
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
        let page = "http://127.0.0.1:\(port)/reports/new-energy/data/index.html"
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

    /// `briefing serve` on the real content (which it only reads), once it answers.
    func startServer() throws -> (Process, Int) {
        let port = freePort()
        let p = Process()
        p.executableURL = Repo.binary
        p.arguments = ["serve", "--port", String(port), "--content", Repo.content.path, "--templates", Repo.templates.path]
        p.standardError = FileHandle.nullDevice
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        _ = waitFor(30) { RawHTTPClient.exchange(port: port, get("/", port: port), timeout: 1)?.status == 200 }
        return (p, port)
    }

    func get(_ path: String, port: Int, method: String = "GET", host: String? = nil) -> String {
        "\(method) \(path) HTTP/1.1\r\nHost: \(host ?? "127.0.0.1:\(port)")\r\nConnection: close\r\n\r\n"
    }

    /// Ctrl-C ends the server with status 0 within 5 s.
    func expectCtrlCStops(_ p: Process) {
        kill(p.processIdentifier, SIGINT)
        let took = waitFor(5) { !p.isRunning }
        #expect(took != nil, "serve still running 5 s after Ctrl-C")
        if took != nil { #expect(p.terminationStatus == 0) }
    }

    /// Runs `body` on its own thread; `wait()` returns its result.
    final class Background<T>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var result: T?
        init(_ body: @escaping @Sendable () -> T) {
            Thread { [self] in
                result = body()
                done.signal()
            }.start()
        }
        func wait() -> T {
            done.wait()
            return result!
        }
    }

    func seconds<T>(_ body: () -> T) -> (T, Double) {
        let start = Date()
        let r = body()
        return (r, Date().timeIntervalSince(start))
    }

    @Test func headAnswersLikeGetWithoutBody() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        for path in ["/", "/no-such-page/"] {
            let full = RawHTTPClient.exchange(port: port, get(path, port: port))
            let head = RawHTTPClient.exchange(port: port, get(path, port: port, method: "HEAD"))
            #expect(full?.status == (path == "/" ? 200 : 404))
            #expect(head?.status == full?.status)
            #expect((full?.body.count ?? 0) > 500)
            #expect(full?.headers["content-length"] == full.map { String($0.body.count) })
            #expect(head?.headers["content-length"] == full.map { String($0.body.count) })
            #expect(head?.headers["content-type"] == "text/html; charset=utf-8")
            #expect(head?.headers["cache-control"] == "no-store")
            #expect(head?.body == [])
        }
        expectCtrlCStops(p)
    }

    @Test func otherMethodsAre405WithAllow() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        for method in ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"] {
            let r = RawHTTPClient.exchange(port: port, "\(method) / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
                                                  + "Content-Length: 5\r\nConnection: close\r\n\r\nhello")
            #expect(r?.status == 405, "\(method)")
            #expect(r?.headers["allow"] == "GET, HEAD", "\(method)")
        }
        expectCtrlCStops(p)
    }

    @Test func onlyThisComputersNamesAreAnswered() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        for host in ["127.0.0.1", "127.0.0.1:\(port)", "localhost", "LOCALHOST:\(port)", "[::1]", "[::1]:\(port)"] {
            #expect(RawHTTPClient.exchange(port: port, get("/", port: port, host: host))?.status == 200, "\(host)")
        }
        // A rebinding attack's own name, another port, a second Host header, no Host at all.
        let foreign = [get("/", port: port, host: "evil.example"), get("/", port: port, host: "evil.example:\(port)"),
                       get("/", port: port, host: "127.0.0.1:\(port + 1)"), get("/", port: port, host: "localhost.evil.example"),
                       "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
                       "GET / HTTP/1.0\r\nConnection: close\r\n\r\n"]
        for request in foreign {
            let r = RawHTTPClient.exchange(port: port, request)
            #expect(r?.status == 403, "\(request)")
            #expect(r?.text.contains("此预览只在本机地址上应答") == true)
            #expect(r?.text.contains("127.0.0.1") == true)
        }
        expectCtrlCStops(p)
    }

    @Test func longURLIs414AtOnceAndOthersAreServed() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        let long = "GET /" + String(repeating: "a", count: 200_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        // Two at once used to stall every other request.
        let attacks = (0..<2).map { _ in Background { [self] in seconds { RawHTTPClient.exchange(port: port, long) } } }
        let (normal, normalSeconds) = seconds { RawHTTPClient.exchange(port: port, get("/", port: port)) }
        #expect(normal?.status == 200)
        #expect(normalSeconds < 1, "normal GET took \(normalSeconds) s")
        for attack in attacks {
            let (r, took) = attack.wait()
            #expect(r?.status == 414)
            #expect(r?.headers["connection"] == "close")
            #expect(took < 0.5, "414 took \(took) s")
        }
        // Just under the limit is still a request (a 404 page).
        let almost = "GET /" + String(repeating: "a", count: 8000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        #expect(RawHTTPClient.exchange(port: port, almost)?.status == 404)
        expectCtrlCStops(p)
    }

    @Test func hugeHeadersAre431() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        let oneHuge = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "b", count: 1 << 20) + "\r\n\r\n"
        let (r, took) = seconds { RawHTTPClient.exchange(port: port, oneHuge) }
        #expect(r?.status == 431)
        #expect(took < 0.5, "431 took \(took) s")
        let many = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (0..<300).map { "X-H\($0): \(String(repeating: "c", count: 60))\r\n" }.joined() + "\r\n"
        #expect(RawHTTPClient.exchange(port: port, many)?.status == 431)
        expectCtrlCStops(p)
    }

    @Test func hugeBodyIs413WithoutReadingIt() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        let size = 50 << 20
        let head = "POST / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nContent-Length: \(size)\r\n\r\n"
        let ((r, sent), took) = seconds { RawHTTPClient.upload(port: port, head: head, bodySize: size) }
        #expect(r?.status == 413)
        #expect(took < 1, "413 took \(took) s")
        // What went out before the answer is what the kernel buffers took, far below 50 MB.
        #expect(sent < size / 4, "\(sent) bytes sent")
        // Chunked bodies have no length to check before reading: refused outright.
        let chunked = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        #expect(RawHTTPClient.exchange(port: port, chunked)?.status == 411)
        expectCtrlCStops(p)
    }

    @Test func slowClientIsCutOffAndOthersAreServed() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        // Meanwhile, on another connection, four pipelined requests spread over 12 s, each
        // complete within 4 s of its first byte: the limit is per request, so none is cut off.
        let pipelined = Background { () -> [UInt8] in
            guard let c = RawHTTPClient(port: port) else { return [] }
            defer { c.close() }
            let partial = "GET /assets/style.css HTTP/1.1\r\n"
            c.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n" + partial)
            for _ in 0..<2 {
                usleep(4_000_000)
                c.send("Host: 127.0.0.1\r\n\r\n" + partial)
            }
            usleep(4_000_000)
            c.send("Host: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return c.readAll(timeout: 3)
        }
        let slow = try #require(RawHTTPClient(port: port))
        defer { slow.close() }
        let start = Date()
        var answer: [UInt8] = []
        // One byte every 200 ms: the request would take a minute to arrive.
        for byte in Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "s"), count: 300) {
            if !slow.send([byte]) { break }
            answer += slow.readAll(timeout: 0.2)
            if !answer.isEmpty { break }
            if Int(Date().timeIntervalSince(start) * 5) % 10 == 0 {
                #expect(RawHTTPClient.exchange(port: port, get("/", port: port), timeout: 1)?.status == 200)
            }
        }
        answer += slow.readAll(timeout: 1)
        let took = Date().timeIntervalSince(start)
        #expect(RawHTTPClient.parse(answer)?.status == 408)
        #expect(took > 9 && took < 12, "cut off after \(took) s")
        let answers = String(decoding: pipelined.wait(), as: UTF8.self)
        #expect(answers.components(separatedBy: "HTTP/1.1 200 ").count - 1 == 4, "\(answers.prefix(300))")
        #expect(!answers.contains("HTTP/1.1 408"))
        expectCtrlCStops(p)
    }

    @Test func ctrlCStopsAfterHostileRequests() throws {
        let (p, port) = try startServer()
        defer { if p.isRunning { p.terminate() } }
        // Connections that stay open: silent, half a request, a long poll.
        let silent = try #require(RawHTTPClient(port: port))
        let half = try #require(RawHTTPClient(port: port))
        half.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        let poll = try #require(RawHTTPClient(port: port))
        poll.send(get("/__briefing/version?since=-1", port: port).replacingOccurrences(of: "-1", with: "\(Int.max)"))
        defer { [silent, half, poll].forEach { $0.close() } }
        let url = "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
        let attacks = (0..<2).map { _ in Background { RawHTTPClient.exchange(port: port, url) } }
        let big = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(50 << 20)\r\n\r\n"
        #expect(RawHTTPClient.upload(port: port, head: big, bodySize: 50 << 20).0?.status == 413)
        #expect(attacks.map { $0.wait()?.status } == [414, 414])
        let (normal, took) = seconds { RawHTTPClient.exchange(port: port, get("/", port: port)) }
        #expect(normal?.status == 200)
        #expect(took < 1)
        expectCtrlCStops(p)
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
        #expect(check.stdout.contains("content/reports/demo.md  "))
        let caseFile = try runBriefing(["new", "case", "demo-case", "--title", "案例\"引号\"", "--content", content.path])
        #expect(caseFile.status == 0)
        #expect(try runBriefing(["check", "--content", content.path]).status == 0)
    }
}
