import Foundation

/// Writes the imported file with plain POSIX calls, so an error is an errno that can be told
/// to the user in Chinese (Foundation's messages are English).
enum FileWriter {
    /// Writes beside the target, then links the name into place: a failed write leaves no half
    /// file, and a file that appeared meanwhile is never overwritten.
    static func create(_ text: String, at url: URL, shown: String) throws(ImportFailure) {
        let dir = url.deletingLastPathComponent().path
        if mkdir(dir, 0o755) != 0, errno != EEXIST { throw failure(errno, shown) }
        let temp = dir + "/.\(url.lastPathComponent).import-\(UUID().uuidString)"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw failure(errno, shown) }
        defer { unlink(temp) }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(fd)
                throw failure(code, shown)
            }
            bytes = bytes.dropFirst(n)
        }
        guard close(fd) == 0 else { throw failure(errno, shown) }
        guard link(temp, url.path) == 0 else {
            if errno == EEXIST { throw .input("错误: \(shown) 已存在，不会覆盖：用 --slug 换一个文件名") }
            throw failure(errno, shown)
        }
    }

    static func failure(_ code: Int32, _ shown: String) -> ImportFailure {
        .io("错误: 无法写入 \(shown)：\(reason(code))")
    }

    /// The usual causes in Chinese, with what to do; others by their system name.
    static func reason(_ code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "没有写入权限（检查这个目录的权限，或换一个有权限的目录）"
        case ENOSPC: return "磁盘已满（清理磁盘空间后再导入）"
        case EDQUOT: return "超出了磁盘配额（清理空间后再导入）"
        case EROFS: return "所在的磁盘是只读的（换一个可写的目录）"
        case ENOTDIR, EEXIST: return "路径中有同名的文件挡住了目录（把那个文件改名或移走）"
        case ENOENT: return "目录不存在（检查 --content）"
        default: return "系统错误 \(String(cString: strerror(code)))（检查目录权限和磁盘空间）"
        }
    }
}
