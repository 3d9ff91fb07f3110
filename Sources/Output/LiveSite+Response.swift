import Analysis
import BriefingCore
import Foundation
import Render

extension LiveSite {
    /// The response for a URL path such as `/reports/x/` or `/assets/style.css`.
    /// `?stale=1` shows the last good page while the build is broken.
    public func response(path rawPath: String, stale: Bool = false) -> Response {
        var path = rawPath.removingPercentEncoding ?? rawPath
        while path.hasPrefix("/") { path.removeFirst() }
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        if path.split(separator: "/").contains("..") { return Response(status: 400, contentType: "text/plain; charset=utf-8", body: Data("bad path".utf8)) }
        // A page whose file is being saved cannot be rendered until the rebuild that the save
        // triggers: wait for that rebuild (a few times, at most about 3 s) rather than answer 503.
        for _ in 0..<3 {
            let seen = version
            if let r = attempt(path: path, stale: stale) { return r }
            waitForVersion(after: seen, timeout: 1)
        }
        return attempt(path: path, stale: stale) ?? Self.updating
    }

    static let updating = Response(status: 503, contentType: "text/html; charset=utf-8",
                                   body: Data("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>正在更新</title></head><body><p>正在更新，请稍候……</p></body></html>".utf8))

    private func waitForVersion(after seen: Int, timeout: Double) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        changed.lock()
        while versionNumber == seen, changed.wait(until: deadline) {}
        changed.unlock()
    }

    /// The response, or nil when the page's file changed after it was analysed.
    private func attempt(path rawPath: String, stale: Bool) -> Response? {
        var path = rawPath
        changed.lock()
        while updating { changed.wait() }
        let broken = problems
        let g = good
        var route = g?.routes[path]
        if route == nil, !path.hasSuffix(".html"), let r = g?.routes[path + "/index.html"] {
            path += "/index.html"
            route = r
        }
        let cached = pages[path]
        let earlier = previousPages[path]
        changed.unlock()
        let isHTML = path.hasSuffix(".html")
        if let broken, isHTML, !stale {
            return Response(status: 500, contentType: "text/html; charset=utf-8", body: Data(LiveSite.errorPage(broken).utf8))
        }
        guard let g else {
            return Response(status: 503, contentType: "text/plain; charset=utf-8", body: Data("尚未生成".utf8))
        }
        if let cached { return Response(status: 200, contentType: LiveSite.contentType(path), body: cached) }
        let renderer = Renderer(analysis: g.analysis, templates: g.templates)
        guard let route else {
            let notFound = (try? renderer.render(.notFound).data) ?? Data("404".utf8)
            return Response(status: 404, contentType: "text/html; charset=utf-8", body: notFound)
        }
        do {
            let data = try renderer.render(route).data
            changed.withLock { if good != nil { pages[path] = data } }
            return Response(status: 200, contentType: LiveSite.contentType(path), body: data)
        } catch {
            // The file changed after it was analysed: a rebuild is on its way. Show the page as
            // it was until then.
            if let earlier { return Response(status: 200, contentType: LiveSite.contentType(path), body: earlier) }
            return nil
        }
    }

    static func contentType(_ path: String) -> String {
        switch URL(fileURLWithPath: path).pathExtension {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        default: return "application/octet-stream"
        }
    }

    /// A self-contained page listing the problems; escaped, since messages quote the input.
    static func errorPage(_ d: Diagnostics) -> String {
        let esc = HTMLEscape.escape
        let items = d.items.map { "<li><code>\(esc($0.location.description))</code> \(esc($0.description))</li>" }.joined(separator: "\n")
        return """
        <!DOCTYPE html>
        <html lang="zh-CN"><head><meta charset="utf-8"><title>生成失败 · 简报</title>
        <style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:2rem;line-height:1.7;color:#1d232b}li{margin:.5rem 0}code{background:#fde4e4;padding:0 .3em}</style>
        </head><body><h1>生成失败：请修改下列 \(d.items.count) 处后保存，页面会自动刷新</h1><ul>
        \(items)
        </ul><p><a href="?stale=1">查看上次成功生成的页面</a></p></body></html>
        """
    }
}
