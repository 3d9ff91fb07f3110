import Dispatch
import Foundation
import Hummingbird
import HummingbirdCore
import Output

/// Answers the preview's requests: GET and HEAD of the live site's pages, the long-poll
/// version endpoint, and errors for foreign hosts and other methods.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let site: LiveSite
    let port: Int

    func respond(to request: Request, context: Context) async throws -> Response {
        // A page of another site can reach 127.0.0.1 through a name it controls (DNS
        // rebinding); its requests then carry that name as Host. NIO hands the first Host
        // header over as the authority: a second one is refused too.
        guard Self.isLocal(host: request.head.authority, port: port), !request.headers.contains(where: { $0.name.canonicalName == "host" }) else {
            return Self.text(.forbidden, "此预览只在本机地址上应答：请在这台电脑上打开 http://127.0.0.1:\(port)/ 。")
        }
        guard request.method == .get || request.method == .head else {
            var response = Self.text(.methodNotAllowed, "预览服务器只接受 GET 和 HEAD 请求。")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        let (status, contentType, body) = await get(request.uri)
        let headers: HTTPFields = [.contentType: contentType, .cacheControl: "no-store",
                                   .contentLength: String(body.count)]
        if request.method == .head {
            return Response(status: status, headers: headers, body: ResponseBody())
        }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// What GET answers, for HEAD as well.
    private func get(_ uri: URI) async -> (HTTPResponse.Status, String, Data) {
        let site = self.site
        if uri.path == "/__briefing/version" {
            // Long poll: hold the answer until a rebuild, for at most 20 s.
            if let since = uri.queryParameters["since"].flatMap({ Int($0) }) {
                var waited = 0
                while site.version == since, waited < 400, !Task.isCancelled {
                    try? await Task.sleep(nanoseconds: 50_000_000)
                    waited += 1
                }
            }
            return (.ok, "text/plain", Data(String(site.version).utf8))
        }
        let stale = uri.queryParameters["stale"] != nil
        let path = uri.path
        // Rendering and waiting for a rebuild block: keep them off the few threads that run
        // the server's tasks.
        let r = await withCheckedContinuation { done in
            DispatchQueue.global().async { done.resume(returning: site.response(path: path, stale: stale)) }
        }
        var body = r.body
        if r.contentType.hasPrefix("text/html") {
            body = Self.withReloadScript(body, version: site.version)
        }
        return (HTTPResponse.Status(code: r.status), r.contentType, body)
    }

    /// Whether a Host header names this computer: 127.0.0.1, localhost or [::1], with the
    /// server's port or none.
    static func isLocal(host authority: String?, port: Int) -> Bool {
        guard let authority = authority?.lowercased() else { return false }
        return ["127.0.0.1", "localhost", "[::1]"].contains { authority == $0 || authority == "\($0):\(port)" }
    }

    static func text(_ status: HTTPResponse.Status, _ text: String) -> Response {
        let body = ByteBuffer(string: text)
        return Response(status: status,
                        headers: [.contentType: "text/plain; charset=utf-8", .cacheControl: "no-store"],
                        body: ResponseBody(byteBuffer: body))
    }

    /// The live-reload script before `</body>`, or at the end when there is none.
    static func withReloadScript(_ html: Data, version: Int) -> Data {
        var text = String(decoding: html, as: UTF8.self)
        let script = reloadScript(version: version)
        if let end = text.range(of: "</body>", options: .backwards) {
            text.insert(contentsOf: script, at: end.lowerBound)
        } else {
            text += script
        }
        return Data(text.utf8)
    }

    /// Asks for the version, which the server answers as soon as it differs from the page's
    /// (or after a while); reloads the page when a rebuild happened.
    static func reloadScript(version: Int) -> String {
        """
        <script>(function(){var v=\(version);function p(){fetch("/__briefing/version?since="+v,{cache:"no-store"}).then(function(r){return r.text()}).then(function(t){if(+t!==v){location.reload()}else{setTimeout(p,50)}}).catch(function(){setTimeout(p,1000)})}setTimeout(p,50)})();</script>
        """
    }
}
