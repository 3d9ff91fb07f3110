import Foundation

/// A plain TCP client for the preview server's tests: it sends exactly the bytes given, so a
/// test controls request lines, headers and bodies that no HTTP library would send.
struct RawHTTPClient {
    struct Response {
        var status: Int
        /// Header names in lower case.
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let fd: Int32

    /// Connects to 127.0.0.1:port; nil when nobody listens.
    init?(port: Int) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = UInt16(port).bigEndian
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            _ = Glibc.close(fd)
            return nil
        }
    }

    func close() { _ = Glibc.close(fd) }

    /// Sends all bytes; false at the first error (the server may close early on purpose).
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until the server closes the connection, or until `timeout` seconds passed.
    func readAll(timeout: Double) -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let left = Int32(max(1, end.timeIntervalSinceNow * 1000))
            guard poll(&p, 1, left) > 0 else { break }
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            out += chunk[..<n]
        }
        return out
    }

    /// The response in `bytes`, nil when they hold no complete head.
    static func parse(_ bytes: [UInt8]) -> Response? {
        guard let end = (0..<max(0, bytes.count - 3)).first(where: {
            bytes[$0] == 13 && bytes[$0 + 1] == 10 && bytes[$0 + 2] == 13 && bytes[$0 + 3] == 10
        }) else { return nil }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(bytes[(end + 4)...]))
    }

    /// Sends one request and reads the answer; the request should ask to close the connection.
    static func exchange(port: Int, _ request: [UInt8], timeout: Double = 5) -> Response? {
        guard let c = RawHTTPClient(port: port) else { return nil }
        defer { c.close() }
        c.send(request)
        return parse(c.readAll(timeout: timeout))
    }

    static func exchange(port: Int, _ request: String, timeout: Double = 5) -> Response? {
        exchange(port: port, Array(request.utf8), timeout: timeout)
    }

    /// Sends a head announcing `bodySize` bytes, then body bytes for as long as the server
    /// reads them and has not answered. Returns the answer and how many body bytes went out.
    static func upload(port: Int, head: String, bodySize: Int, timeout: Double = 5) -> (Response?, sent: Int) {
        guard let c = RawHTTPClient(port: port) else { return (nil, 0) }
        defer { c.close() }
        c.send(head)
        _ = fcntl(c.fd, F_SETFL, fcntl(c.fd, F_GETFL) | O_NONBLOCK)
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 65536)
        var sent = 0
        var sending = true
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        let end = Date().addingTimeInterval(timeout)
        while Date() < end {
            let wantsOut = sending && sent < bodySize
            var p = pollfd(fd: c.fd, events: Int16(POLLIN) | (wantsOut ? Int16(POLLOUT) : 0), revents: 0)
            guard poll(&p, 1, 100) >= 0 else { break }
            if p.revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                let n = buffer.withUnsafeMutableBytes { recv(c.fd, $0.baseAddress, $0.count, 0) }
                if n <= 0 { break }
                received += buffer[..<n]
                sending = false  // answered: a real client stops sending too
            } else if p.revents & Int16(POLLOUT) != 0 {
                let n = chunk.withUnsafeBytes { Glibc.send(c.fd, $0.baseAddress, min($0.count, bodySize - sent), Int32(MSG_NOSIGNAL)) }
                if n > 0 { sent += n } else if errno != EAGAIN { sending = false }
            }
        }
        return (parse(received), sent)
    }
}
