/// How much of a request the preview server reads before it answers with an error and
/// closes the connection. A browser's requests are far below every limit.
struct RequestLimits: Sendable {
    /// The request line (method, URL, version).
    var requestLine = 8 * 1024
    /// All header lines together, with their line ends.
    var headers = 16 * 1024
    /// A request body: the preview answers GET and HEAD only, so bodies are never read.
    var body = 64 * 1024
    /// A request must arrive whole within this many seconds of its first byte (slow clients).
    var receiveSeconds: Int64 = 10
    /// A connection with no request in progress is closed after this many seconds.
    var idleSeconds: Int64 = 15
}

/// Follows the bytes of an HTTP/1 connection just far enough to enforce `RequestLimits`:
/// it counts the request line and the header lines and skips bodies by their Content-Length,
/// so each byte is looked at once, before NIO's parser sees it.
struct RequestScanner {
    enum Rejection: Equatable {
        case uriTooLong, headersTooLarge, bodyTooLarge, lengthRequired, badRequest, timeout
    }

    private enum Phase: Equatable {
        case requestLine
        case headers
        case body(remaining: Int)
    }

    let limits: RequestLimits
    private var phase = Phase.requestLine
    private var lineLength = 0
    private var headerBytes = 0
    /// The header line being read, without its line end; at most `limits.headers` bytes.
    private var line: [UInt8] = []
    private var contentLength: Int?
    private var hasTransferEncoding = false

    init(limits: RequestLimits) {
        self.limits = limits
    }

    /// Some bytes of a request arrived and the request is not complete yet.
    var inRequest: Bool { phase != .requestLine || lineLength > 0 }
    /// Requests that arrived whole so far.
    private(set) var completed = 0

    /// Reads the next bytes of the connection; the first limit they break, if any.
    mutating func scan(_ bytes: UnsafeRawBufferPointer) -> Rejection? {
        var i = 0
        while i < bytes.count {
            switch phase {
            case .body(let remaining):
                let n = min(remaining, bytes.count - i)
                i += n
                if n == remaining {
                    phase = .requestLine
                    completed += 1
                } else {
                    phase = .body(remaining: remaining - n)
                }
            case .requestLine:
                let b = bytes[i]
                i += 1
                if b == UInt8(ascii: "\n") {
                    // Empty lines before a request line are allowed (RFC 9112 §2.2).
                    if lineLength > 0 { startHeaders() }
                } else if b != UInt8(ascii: "\r") || lineLength > 0 {
                    lineLength += 1
                    if lineLength > limits.requestLine { return .uriTooLong }
                }
            case .headers:
                let b = bytes[i]
                i += 1
                headerBytes += 1
                if headerBytes > limits.headers { return .headersTooLarge }
                if b == UInt8(ascii: "\n") {
                    if let r = endOfHeaderLine() { return r }
                } else if b != UInt8(ascii: "\r") {
                    line.append(b)
                }
            }
        }
        return nil
    }

    private mutating func startHeaders() {
        phase = .headers
        lineLength = 0
        headerBytes = 0
        line.removeAll(keepingCapacity: true)
        contentLength = nil
        hasTransferEncoding = false
    }

    private mutating func endOfHeaderLine() -> Rejection? {
        defer { line.removeAll(keepingCapacity: true) }
        guard line.isEmpty else { return readHeader() }
        // The empty line: the head is complete. A body of unknown length cannot be skipped.
        if hasTransferEncoding { return .lengthRequired }
        let length = contentLength ?? 0
        if length > limits.body { return .bodyTooLarge }
        if length > 0 {
            phase = .body(remaining: length)
        } else {
            phase = .requestLine
            completed += 1
        }
        return nil
    }

    /// Notes Content-Length and Transfer-Encoding, the two headers that frame a body.
    private mutating func readHeader() -> Rejection? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let name = line[..<colon].map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }  // ASCII lower case
        if name.elementsEqual("transfer-encoding".utf8) {
            hasTransferEncoding = true
        } else if name.elementsEqual("content-length".utf8) {
            let value = line[(colon + 1)...].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            // 18 digits cannot overflow an Int; a longer length is too large anyway.
            guard !value.isEmpty, value.allSatisfy({ (0x30...0x39).contains($0) }) else { return .badRequest }
            let length = value.count > 18 ? Int.max : value.reduce(0) { $0 * 10 + Int($1 - 0x30) }
            if let contentLength, contentLength != length { return .badRequest }
            contentLength = length
        }
        return nil
    }
}

extension RequestScanner.Rejection {
    /// Status line and a short Chinese explanation.
    var answer: (status: String, text: String) {
        switch self {
        case .uriTooLong: ("414 URI Too Long", "请求的网址太长（超过 8 KiB），预览服务器不处理。")
        case .headersTooLarge: ("431 Request Header Fields Too Large", "请求头太大（超过 16 KiB），预览服务器不处理。")
        case .bodyTooLarge: ("413 Content Too Large", "请求体太大（超过 64 KiB）：预览服务器只接受 GET 和 HEAD 请求。")
        case .lengthRequired: ("411 Length Required", "预览服务器不接受分块传输的请求体。")
        case .badRequest: ("400 Bad Request", "请求格式有误（Content-Length 无效）。")
        case .timeout: ("408 Request Timeout", "请求在 10 秒内没有发送完整，连接已关闭。")
        }
    }
}
