import Crypto
import Dispatch
import Foundation
import Synchronization

/// The SHA-256 of a file, computed on another core while the file is parsed.
///
/// Hashing a large export costs about as much as parsing it; run one after
/// the other they would double the time of `kamp tier` on a 1M-row file.
public final class FileDigest: Sendable {
    private let result = Mutex<String?>(nil)
    private let done = DispatchGroup()

    /// Starts hashing `path` in the background.
    public init(path: String) {
        done.enter()
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            let digest = Self.sha256(path: path)
            result.withLock { $0 = digest }
            done.leave()
        }
    }

    /// Waits for the digest; `nil` when the file could not be read.
    public func wait() -> String? {
        done.wait()
        return result.withLock { $0 }
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
