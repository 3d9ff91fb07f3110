import BriefingCore
import CFileExchange
import Foundation

/// Where a build may write, and how the finished folder takes the old one's place.
enum OutputTarget {
    /// The folder to replace: the output itself, or the folder a symlink output points to
    /// (a `site` link stays a link and its target is updated). Refuses outputs that would
    /// delete or swallow the inputs, and folders that are not a previous site.
    static func resolve(_ output: URL, inputs: [URL]) throws -> URL {
        let fm = FileManager.default
        var out = output.standardizedFileURL
        let at = SourceLocation(file: out.path, line: 0)
        guard out.path != "/", out.pathComponents.count > 1 else {
            throw Diagnostics([Diagnostic(at, "不能把网站写到根目录")])
        }
        var st = stat()
        if lstat(out.path, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK {
            guard let real = realPath(out.path) else {
                throw Diagnostics([Diagnostic(at, "输出目录是一个指向不存在位置的符号链接", hint: "删去这个链接，或让它指向一个文件夹")])
            }
            out = URL(fileURLWithPath: real)
        }
        let outReal = canonical(out)
        for input in inputs {
            let inReal = canonical(input.standardizedFileURL)
            if outReal == inReal || inReal.hasPrefix(outReal + "/") {
                throw Diagnostics([Diagnostic(at, "输出目录包含输入目录 \(input.path)，生成时会把它删掉，已拒绝",
                                              hint: "用另一个 --output 目录，例如 site")])
            }
            if outReal.hasPrefix(inReal + "/") {
                throw Diagnostics([Diagnostic(at, "输出目录位于输入目录 \(input.path) 之内，已拒绝",
                                              hint: "输出目录不能放在 content/ 或 templates/ 里面，例如用 site")])
            }
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: out.path, isDirectory: &isDir) {
            let contents = (try? fm.contentsOfDirectory(atPath: out.path)) ?? []
            guard isDir.boolValue, contents.isEmpty || contents.contains(SiteWriter.marker) else {
                throw Diagnostics([Diagnostic(at, "输出目录已存在，且不是“简报”生成的网站，为免误删，拒绝覆盖",
                                              hint: "请换一个 --output 目录，或先手动清空它")])
            }
        }
        try makeFolders(out.deletingLastPathComponent())
        return out
    }

    /// `mkdir -p` that reports the folder that could not be made and why (a file in the
    /// way, no permission, read-only), not Foundation's English error.
    static func makeFolders(_ dir: URL) throws {
        var st = stat()
        if stat(dir.path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw IOProblem(path: dir.path, errno: ENOTDIR, doing: "创建上级文件夹") }
            return
        }
        if dir.pathComponents.count > 1 { try makeFolders(dir.deletingLastPathComponent()) }
        if mkdir(dir.path, 0o755) != 0 && errno != EEXIST {
            throw IOProblem(path: dir.path, errno: errno, doing: "创建上级文件夹")
        }
    }

    /// A path with every existing part's symlinks resolved (the rest appended as written).
    static func canonical(_ url: URL) -> String {
        var existing = url
        var rest: [String] = []
        while realPath(existing.path) == nil, existing.pathComponents.count > 1 {
            rest.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        return ([realPath(existing.path) ?? existing.path] + rest).joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Temporary folders left by builds that were killed (`.site.tmp-PID`, `.site.old-PID`
    /// whose process is gone).
    static func removeLeftovers(beside out: URL) {
        let parent = out.deletingLastPathComponent()
        let prefixes = [".\(out.lastPathComponent).tmp-", ".\(out.lastPathComponent).old-"]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            guard let p = prefixes.first(where: name.hasPrefix), let pid = Int32(name.dropFirst(p.count)),
                  pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Puts `tmp` in `out`'s place in one step: a rename when there is no old site, else an
    /// exchange of the two folders (the old one is then removed). Where the kernel cannot
    /// exchange, two renames, the old site restored if the second fails.
    static func swap(_ tmp: URL, into out: URL) throws {
        if rename(tmp.path, out.path) == 0 { return }
        guard errno == EEXIST || errno == ENOTEMPTY || errno == EISDIR else {
            throw IOProblem(path: out.path, errno: errno, doing: "替换网站文件夹")
        }
        if briefing_exchange(tmp.path, out.path) == 0 {
            try? FileManager.default.removeItem(at: tmp)
            return
        }
        let old = out.deletingLastPathComponent().appendingPathComponent(".\(out.lastPathComponent).old-\(getpid())")
        try? FileManager.default.removeItem(at: old)
        guard rename(out.path, old.path) == 0 else { throw IOProblem(path: out.path, errno: errno, doing: "替换网站文件夹") }
        guard rename(tmp.path, out.path) == 0 else {
            let code = errno
            _ = rename(old.path, out.path)
            throw IOProblem(path: out.path, errno: code, doing: "替换网站文件夹")
        }
        try? FileManager.default.removeItem(at: old)
    }
}
