import ArgumentParser
import FAQKit
import Foundation
import Logging

/// A one-line error for the user, with an exit code; no stack trace.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: ExitCode
    init(_ message: String, code: ExitCode = .failure) {
        self.message = message
        self.code = code
    }
    var description: String { message }
}
