import Dispatch
import Synchronization

/// `work(0), ..., work(count - 1)` on every core (or one after the other
/// when `parallel` is false), the results in index order. Each index's work
/// must depend on the index alone: the results then do not depend on the
/// number of cores, which the callers split their work into a fixed number
/// of parts for.
func onEveryCore<Result: Sendable>(_ count: Int, parallel: Bool = true, _ work: @Sendable (Int) -> Result) -> [Result] {
    let results = Mutex([Result?](repeating: nil, count: count))
    @Sendable func run(_ index: Int) {
        let result = work(index)
        results.withLock { $0[index] = result }
    }
    if parallel && count > 1 {
        DispatchQueue.concurrentPerform(iterations: count, execute: run)
    } else {
        for index in 0..<count { run(index) }
    }
    return results.withLock { $0 }.map { $0! }
}

/// `work` on each of `parts` consecutive, nearly equal ranges of
/// `0..<count` (one per index when `count` is smaller), on every core; the
/// results in range order. Sums of the parts added in that order are the
/// same on any number of cores.
func onFixedParts<Result: Sendable>(of count: Int, parts: Int = 8, parallel: Bool = true,
                                    _ work: @Sendable (Range<Int>) -> Result) -> [Result] {
    let parts = max(1, min(parts, count))
    return onEveryCore(parts, parallel: parallel) { part in work(part * count / parts..<(part + 1) * count / parts) }
}

/// A result array that the parts of `onEveryCore` write apart (each part
/// its own elements), handed to them as one pointer.
@unsafe
struct SharedPointer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Double>
    init(_ pointer: UnsafeMutablePointer<Double>) { unsafe self.pointer = pointer }
}
