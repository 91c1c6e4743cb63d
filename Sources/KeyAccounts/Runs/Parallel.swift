import Dispatch
import Foundation
import Synchronization

// The loops that run on every core. Each splits its range into one
// consecutive slice per core and keeps the result in index order, so the
// outputs are those of a serial run whatever the number of threads.

/// What one worker of a parallel loop keeps from one round to the next (the
/// accounts reader's interned lists, a table writer's buffer). Each box is
/// used by one worker at a time: round after round, box `w` goes to slice
/// `w` only, and a round ends before the next begins, so no two threads
/// touch the same box at once.
final class WorkerState<State>: @unchecked Sendable {
    var value: State
    init(_ value: State) { self.value = value }
}

/// `body` applied to `pieces` consecutive pieces of `0..<count`, one
/// thread per core each taking the next piece not yet taken, with that
/// thread's own state from `states` (one per worker, as for
/// `parallelSlices`); the results are in piece order. Small counts run as
/// one piece.
///
/// Why pieces rather than one slice per core: a core the system lends to
/// another thread for a while (the reader's read-ahead hashing the next
/// chunk) held the other cores at the end of every loop; with pieces they
/// take over its share.
func parallelPieces<State, Result: Sendable>(count: Int, pieces: Int, states: [WorkerState<State>],
                                             _ body: @Sendable (Range<Int>, inout State) -> Result) -> [Result] {
    let workers = min(parallelWorkers(for: count), states.count)
    guard workers > 1, pieces > 1 else { return [body(0..<count, &states[0].value)] }
    let results = Mutex([Result?](repeating: nil, count: pieces))
    let next = Atomic<Int>(0)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        while true {
            let piece = next.add(1, ordering: .relaxed).oldValue
            guard piece < pieces else { return }
            let part = body(piece * count / pieces..<(piece + 1) * count / pieces, &states[worker].value)
            results.withLock { $0[piece] = part }
        }
    }
    return results.withLock { $0 }.map { $0! }
}

/// How many threads share `count` items: every core for large inputs, one for small.
func parallelWorkers(for count: Int) -> Int {
    count >= 4_096 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1
}

/// The slice of `0..<count` that worker `worker` of `workers` takes.
private func slice(_ worker: Int, of workers: Int, count: Int) -> Range<Int> {
    let size = (count + workers - 1) / workers
    let start = min(count, worker * size)
    return start..<min(count, start + size)
}

/// `body` applied to consecutive slices of `0..<count`, one per worker, on
/// every core for large inputs; the results are in slice order. `body` also
/// gets the worker's number, below `parallelWorkers(for: .max)`.
func parallelSlices<Result: Sendable>(count: Int, _ body: @escaping @Sendable (Range<Int>, Int) -> Result) -> [Result] {
    let workers = parallelWorkers(for: count)
    guard workers > 1 else { return [body(0..<count, 0)] }
    let slices = Mutex([Result?](repeating: nil, count: workers))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let part = body(slice(worker, of: workers, count: count), worker)
        slices.withLock { $0[worker] = part }
    }
    return slices.withLock { $0 }.map { $0! }
}

/// `body` on each of eight consecutive, nearly equal ranges of `0..<count`
/// (one per index when `count` is smaller), on every core; the results in
/// range order. Sums of the parts added in that order are the same on any
/// number of cores (GSLMath's `onFixedParts` is the same few lines: that
/// module exports only numerical types).
func onFixedParts<Result: Sendable>(of count: Int, _ body: @Sendable (Range<Int>) -> Result) -> [Result] {
    let parts = max(1, min(8, count))
    return parallelMap(eachOf: Array(0..<parts)) { part in body(part * count / parts..<(part + 1) * count / parts) }
}

/// Whether `predicate` holds for every index of `0..<count`, checked on
/// every core for large counts (every index is checked: no early exit).
func parallelAllSatisfy(count: Int, _ predicate: @escaping @Sendable (Int) -> Bool) -> Bool {
    parallelSlices(count: count) { range, _ in range.allSatisfy(predicate) }.allSatisfy { $0 }
}

/// `transform` applied to every item, on every core for large inputs; the
/// result is in the order of `items`.
func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @escaping @Sendable (Item) -> Result) -> [Result] {
    parallelSlices(count: items.count) { range, _ in items[range].map(transform) }.flatMap { $0 }
}

/// `transform` applied to each of a few large items (a feature's column of
/// a million values), the items on every core however few they are; the
/// result is in the order of `items`.
func parallelMap<Item: Sendable, Result: Sendable>(eachOf items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    let results = Mutex([Result?](repeating: nil, count: items.count))
    DispatchQueue.concurrentPerform(iterations: items.count) { index in
        let result = transform(items[index])
        results.withLock { $0[index] = result }
    }
    return results.withLock { $0 }.map { $0! }
}

/// `[element(0), ..., element(count - 1)]`, computed on every core for large
/// counts and written straight into the result: no per-slice arrays to join,
/// so the peak memory is that of the result alone.
///
/// `element` is called from several threads at once; it must only read
/// shared state.
func parallelArray<Element>(count: Int, _ element: @Sendable (Int) -> Element) -> [Element] {
    let workers = parallelWorkers(for: count)
    guard workers > 1 else { return (0..<count).map(element) }
    return unsafe [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
        let base = unsafe SharedBuffer(buffer)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in slice(worker, of: workers, count: count) {
                unsafe base.initialize(index, to: element(index))
            }
        }
        initialized = count
    }
}

/// A buffer whose disjoint parts are written by different workers.
@unsafe
struct SharedBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { unsafe self.buffer = buffer }

    /// Initialises the empty slot `slot`.
    func initialize(_ slot: Int, to value: consuming Element) { unsafe (buffer.baseAddress! + slot).initialize(to: value) }

    /// Moves the value of slot `from` to the empty slot `to`, leaving `from` empty.
    func move(from: Int, to: Int) {
        unsafe (buffer.baseAddress! + to).moveInitialize(from: buffer.baseAddress! + from, count: 1)
    }
}
