import BriefingCore
import Foundation

/// Writes a set of new files under one folder (`init`, `templates export`) with plain POSIX
/// calls, so a failure is an errno told in Chinese (Foundation's messages are English).
/// Never overwrites: callers check `conflicts` first, and each file is created with O_EXCL.
public enum NewFiles {
    /// What lies at `path`, without following a final symlink: nil when nothing does.
    enum Entry { case directory, other }

    static func entry(_ path: String) -> Entry? {
        var st = stat()
        guard lstat(path, &st) == 0 else { return nil }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .directory }
        // A symlink to a folder counts as the folder (a site may live behind a link).
        if (st.st_mode & S_IFMT) == S_IFLNK, stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR { return .directory }
        return .other
    }

    /// The names in folder `dir`, or nil when it does not exist. Throws when it cannot be read.
    static func entries(of dir: URL, shown: String) throws(IOProblem) -> [String]? {
        guard entry(dir.path) != nil else { return nil }
        guard let d = opendir(dir.path) else { throw IOProblem(path: shown, errno: errno, doing: "读取文件夹") }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The relative paths among `paths` (and the folders they need) that something already
    /// occupies under `root`: a file where a file would go, or a non-folder where a folder would.
    static func conflicts(_ paths: [String], in root: URL) -> [String] {
        var out: Set<String> = []
        for path in paths {
            let parts = path.split(separator: "/").map(String.init)
            for i in parts.indices.dropLast() {
                let folder = parts[...i].joined(separator: "/")
                if entry(root.appendingPathComponent(folder).path) == .other { out.insert(folder) }
            }
            if entry(root.appendingPathComponent(path).path) != nil { out.insert(path) }
        }
        return out.sorted()
    }

    /// Creates `root` when missing and every file under it. On an I/O failure removes what it
    /// created, so the same command can simply be run again, and throws naming the path
    /// (`shown` is how `root` appears in messages).
    static func write(_ files: [(path: String, data: Data)], into root: URL, shown: String) throws(IOProblem) {
        var madeDirs: [String] = []
        var madeFiles: [String] = []
        func undo() {
            for f in madeFiles.reversed() { unlink(f) }
            for d in madeDirs.reversed() { rmdir(d) }
        }
        func display(_ full: String) -> String {
            full == root.path ? shown : shown + full.dropFirst(root.path.count)
        }
        func makeFolder(_ full: String) throws(IOProblem) {
            guard entry(full) != .directory else { return }
            guard mkdir(full, 0o755) == 0 else { throw IOProblem(path: display(full), errno: errno, doing: "创建文件夹") }
            madeDirs.append(full)
        }
        do throws(IOProblem) {
            // Parents of the root first (`init a/b/site` makes a and a/b), shown as the root.
            var parent = ""
            for part in root.standardizedFileURL.path.split(separator: "/") {
                parent += "/" + part
                switch entry(parent) {
                case .directory: continue
                case .other: throw IOProblem(path: parent, message: "创建文件夹失败：这是一个文件，不是文件夹",
                                             hint: "换一个位置，或把这个文件改名、移走")
                case nil: break
                }
                guard mkdir(parent, 0o755) == 0 else { throw IOProblem(path: shown, errno: errno, doing: "创建文件夹") }
                madeDirs.append(parent)
            }
            for file in files {
                let parts = file.path.split(separator: "/")
                var folder = root.path
                for part in parts.dropLast() {
                    folder += "/" + part
                    try makeFolder(folder)
                }
                let full = root.path + "/" + file.path
                try writeNew(file.data, to: full, shown: display(full))
                madeFiles.append(full)
            }
        } catch {
            undo()
            throw error
        }
    }

    /// One new file: O_EXCL, so a file that appeared since `conflicts` is never overwritten.
    static func writeNew(_ data: Data, to path: String, shown: String) throws(IOProblem) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            if errno == EEXIST { throw IOProblem(path: shown, message: "文件已存在，不会覆盖", hint: "换一个文件夹，或先移走这个文件") }
            throw IOProblem(path: shown, errno: errno, doing: "写入文件")
        }
        var failure: Int32 = 0
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += n
            }
        }
        if failure != 0 { close(fd) } else if close(fd) != 0 { failure = errno }
        if failure != 0 {
            unlink(path)
            throw IOProblem(path: shown, errno: failure, doing: "写入文件")
        }
    }
}
