import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Files changed under some folders, as Linux's inotify reports them: asking costs nothing
/// when nothing changed, where a scan of a large content folder would stat every file.
/// `nil` from `init` (no inotify, too many folders) means callers fall back to scanning.
final class ChangeWatcher: @unchecked Sendable {
    /// What `changes()` found since the previous call.
    enum Changes: Equatable {
        case none
        /// These paths were written, created, removed or renamed.
        case paths(Set<String>)
        /// Folders changed or events were lost: scan everything.
        case unknown
    }

    #if os(Linux)
    private let fd: Int32
    private let roots: [String]
    private var folders: [Int32: String] = [:]
    private let mask = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                              | IN_DELETE_SELF | IN_MOVE_SELF | IN_ATTRIB)

    init?(roots: [URL]) {
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.roots = roots.map(\.path)
        for root in self.roots {
            guard watchTree(root) else {
                close(fd)
                return nil
            }
        }
    }

    deinit { close(fd) }

    /// Watches a folder and every folder below it.
    private func watchTree(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return true }
        guard isDir.boolValue else { return true }
        let wd = inotify_add_watch(fd, path, mask)
        guard wd >= 0 else { return false }
        folders[wd] = path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] {
            guard watchTree(path + "/" + name) else { return false }
        }
        return true
    }

    /// Returns when an event is ready (after a short pause, so that the events of one save,
    /// written and renamed within microseconds, arrive together) or after `timeout` seconds.
    /// A slower save is caught later: a build that fails on a file written in the last half
    /// second is not shown and is retried (`FileTracker.recentlyWritten`).
    func wait(timeout: Double) {
        var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        if poll(&p, 1, Int32(timeout * 1000)) > 0 { usleep(5_000) }
    }

    func changes() -> Changes {
        var paths: Set<String> = []
        var unknown = false
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, size)
            guard n > 0 else { break }
            var offset = 0
            while offset + 16 <= n {
                let wd = buffer.load(fromByteOffset: offset, as: Int32.self)
                let eventMask = buffer.load(fromByteOffset: offset + 4, as: UInt32.self)
                let length = Int(buffer.load(fromByteOffset: offset + 12, as: UInt32.self))
                let name = length == 0 ? "" : String(cString: buffer.advanced(by: offset + 16).assumingMemoryBound(to: CChar.self))
                offset += 16 + length
                if eventMask & UInt32(IN_Q_OVERFLOW) != 0 || eventMask & UInt32(IN_ISDIR) != 0
                    || eventMask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 {
                    unknown = true
                    continue
                }
                guard let folder = folders[wd], !name.isEmpty else { continue }
                paths.insert(folder + "/" + name)
            }
        }
        if unknown {
            // New or removed folders: watch the trees again.
            for wd in folders.keys { inotify_rm_watch(fd, wd) }
            folders.removeAll()
            for r in roots { _ = watchTree(r) }
            return .unknown
        }
        return paths.isEmpty ? .none : .paths(paths)
    }
    #else
    init?(roots: [URL]) { nil }
    func wait(timeout: Double) { usleep(UInt32(timeout * 1_000_000)) }
    func changes() -> Changes { .unknown }
    #endif
}
