import FAQKit
import Hummingbird

/// `GET /v1/ask`: the library's ``AnswerRecord`` (the shape of `faq ask --json`), with the time
/// the request took.
struct AskResponseBody: ResponseEncodable {
    var record: AnswerRecord
    var processingTimeMs: Int

    enum CodingKeys: String, CodingKey {
        case processingTimeMs
    }

    func encode(to encoder: any Encoder) throws {
        try record.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(processingTimeMs, forKey: .processingTimeMs)
    }
}
