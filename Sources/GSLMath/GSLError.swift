internal import CGSL

/// A failed GSL call, with the status code GSL returned, the function that
/// returned it and GSL's own description of the code.
public struct GSLError: Error, Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    public let function: String
    public let message: String

    public var description: String { "\(function) failed: \(message) (GSL status \(code))" }
}

enum GSL {
    /// GSL's default handler aborts the process on any error, which would take
    /// a whole planning run down for one degenerate input. It is switched off
    /// once, before the first GSL call, and every status is checked instead.
    static let errorHandlerOff: Void = {
        _ = unsafe gsl_set_error_handler_off()
    }()

    /// Turns a GSL status code into a thrown `GSLError`.
    static func check(_ status: Int32, _ function: String) throws(GSLError) {
        guard status != GSL_SUCCESS else { return }
        let text = unsafe gsl_strerror(status).map { unsafe String(cString: $0) } ?? "unknown error"
        throw GSLError(code: Int(status), function: function, message: text)
    }
}
