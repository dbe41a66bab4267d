import FAQKit
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// ``ErrorDiagnosis`` in its documented JSON form, as a response.
struct ErrorDiagnosisBody: ResponseEncodable {
    var diagnosis: ErrorDiagnosis

    func encode(to encoder: any Encoder) throws {
        try diagnosis.encode(to: encoder)
    }
}
