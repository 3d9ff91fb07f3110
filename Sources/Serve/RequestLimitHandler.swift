import Hummingbird
import HummingbirdCore
import Logging
import NIOCore

/// The first handler of every connection: it passes bytes on to NIO's HTTP parser only while
/// the request stays within `RequestLimits` and arrives in time. Otherwise it answers with the
/// error itself (414, 431, 413, 411, 400 or 408) and closes the connection, so neither the
/// parser nor the application ever holds more than the limits.
final class RequestLimitHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// After an error answer, bytes the client still sends are read and dropped, for at most
    /// this long and this many bytes: closing with unread bytes resets the connection, and the
    /// reset can destroy the answer before the client reads it.
    static let lingerSeconds: Int64 = 1
    static let lingerBytes = 1 << 20

    private var scanner: RequestScanner
    private var deadline: Scheduled<Void>?
    private var rejected = false
    private var discarded = 0

    init(limits: RequestLimits) {
        scanner = RequestScanner(limits: limits)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        if rejected {
            discarded += buffer.readableBytes
            if discarded > Self.lingerBytes { context.close(promise: nil) }
            return
        }
        let completed = scanner.completed
        if let rejection = buffer.withUnsafeReadableBytes({ scanner.scan($0) }) {
            reject(context: context, rejection)
            return
        }
        // Each request has its own time, from its first byte.
        if scanner.completed != completed || !scanner.inRequest {
            deadline?.cancel()
            deadline = nil
        }
        if scanner.inRequest, deadline == nil {
            let seconds = scanner.limits.receiveSeconds
            deadline = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(seconds)) { [self] in
                deadline = nil
                reject(context: context, .timeout)
            }
        }
        context.fireChannelRead(data)
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if !rejected { context.fireChannelReadComplete() }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if rejected {
            // The client finished sending: nothing can reset the answer any more.
            if case ChannelEvent.inputClosed = event { context.close(promise: nil) }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
    }

    /// Writes the error answer, ends the output, then closes after a short linger.
    private func reject(context: ChannelHandlerContext, _ rejection: RequestScanner.Rejection) {
        guard !rejected else { return }
        rejected = true
        deadline?.cancel()
        deadline = nil
        let (status, text) = rejection.answer
        let body = Array(text.utf8)
        var buffer = context.channel.allocator.buffer(capacity: 256 + body.count)
        buffer.writeString("HTTP/1.1 \(status)\r\nContent-Type: text/plain; charset=utf-8\r\n")
        buffer.writeString("Content-Length: \(body.count)\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n")
        buffer.writeBytes(body)
        context.writeAndFlush(wrapOutboundOut(buffer)).assumeIsolated().whenComplete { _ in
            context.close(mode: .output, promise: nil)
        }
        _ = context.eventLoop.assumeIsolated().scheduleTask(in: .seconds(Self.lingerSeconds)) {
            context.close(promise: nil)
        }
    }
}

/// Hummingbird's HTTP/1 channel with `RequestLimitHandler` in front of its parser.
struct LimitedHTTP1Channel: ServerChildChannel {
    let http1: HTTP1Channel
    let limits: RequestLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<HTTP1Channel.Value> {
        let limits = self.limits
        let http1 = self.http1
        return channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestLimitHandler(limits: limits))
        }.flatMap {
            http1.setup(channel: channel, logger: logger)
        }
    }

    func handle(value: HTTP1Channel.Value, logger: Logger) async {
        await http1.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1 with `limits` enforced on the raw bytes, and NIO's own parser limits set just
    /// above them as a second line.
    static func limitedHTTP1(_ limits: RequestLimits) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in
            let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
                maxHeaderFieldSize: limits.headers,
                maxHeaderListSize: limits.requestLine + limits.headers,
                maxHeaderFieldCount: 1000)
            let configuration = HTTP1Channel.Configuration(idleTimeout: .seconds(limits.idleSeconds),
                                                           httpDecoderConfiguration: decoder)
            return LimitedHTTP1Channel(http1: HTTP1Channel(responder: responder, configuration: configuration),
                                       limits: limits)
        }
    }
}
