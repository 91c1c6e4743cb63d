import Crypto
import Foundation
import Synchronization

/// The SHA-256 of a file, computed while the file is parsed.
///
/// Hashing a large export costs about as much as parsing it; run one after
/// the other they would double the time of `kamp tier` on a 1M-row file.
/// The CSV reader feeds the digest the chunks it reads anyway, from its
/// read-ahead thread, so the file is read once.
public final class FileDigest: Sendable {
    private let path: String
    /// The hash of the bytes fed so far, until `finish`.
    private let hasher = Mutex<SHA256?>(SHA256())
    private let result = Mutex<String?>(nil)

    /// A digest of `path` computed from the bytes given to `feed`, in file
    /// order, then `finish`; if the reader stops before the end of the file,
    /// `wait` reads the file itself.
    init(fedFrom path: String) {
        self.path = path
    }

    /// The next bytes of the file.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        hasher.withLock { unsafe $0?.update(bufferPointer: bytes) }
    }

    /// The file has been fed to its end.
    func finish() {
        let digest = hasher.withLock { hasher -> SHA256.Digest? in
            defer { hasher = nil }
            return hasher?.finalize()
        }
        if let digest { result.withLock { $0 = Self.hex(digest) } }
    }

    /// The digest; `nil` when the file could not be read.
    public func wait() -> String? {
        result.withLock { $0 } ?? Self.sha256(path: path)
    }

    /// The hex SHA-256 of the file's bytes, read in chunks.
    public static func sha256(path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try? handle.read(upToCount: 1 << 22), !chunk.isEmpty {
            hasher.update(data: chunk)
        }
        return hex(hasher.finalize())
    }

    /// The hex SHA-256 of bytes in memory.
    public static func sha256(bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
