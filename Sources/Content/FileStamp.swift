import Foundation

/// A file's modification time (nanoseconds) and size.
public struct FileStamp: Hashable, Sendable {
    public var mtime: Int64
    public var size: Int64

    /// Nil when there is no regular file at `path` (folders have no stamp: their time
    /// changes whenever an editor saves through a temporary file).
    public init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        mtime = Int64(st.st_mtim.tv_sec) * 1_000_000_000 + Int64(st.st_mtim.tv_nsec)
        size = Int64(st.st_size)
    }
}
