import FAQKit
import MCP

/// The tools the server offers: names, descriptions an assistant can act on, input schemas and
/// output schemas.
///
/// The output schemas describe exactly what the `Records/` types encode: clients (the official
/// Python SDK among them) validate `structuredContent` against them, so a field added to a record
/// must be added here too; `FAQMCPServerTests` checks every tool's result against its schema.
enum ToolCatalog {
    static let searchFAQ = "search_faq"
    static let askFAQ = "ask_faq"
    static let explainError = "explain_error"
    static let getEntry = "get_entry"
    static let listCategories = "list_categories"

    /// Most results `search_faq` returns at once: more would crowd an assistant's context;
    /// paging is not offered since the first results are the ones that matter.
    static let maxSearchLimit = 20
    static let defaultSearchLimit = 5
    /// Longest entry id accepted by `get_entry`, in bytes (ids are a slug and a number).
    static let maxIDBytes = 256

    /// Every tool does nothing but read the knowledge base.
    private static let readOnly = Tool.Annotations(
        readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false)

    static func tools(maxErrorTextBytes: Int) -> [Tool] {
        [
            Tool(
                name: searchFAQ, title: "Search the FAQ",
                description: """
                    Search the FAQ knowledge base. Returns ranked entries with id, question title, category, \
                    answer (markdown), source URL and confidence (0-1; ask_faq answers when the first result's confidence is 0.5 or more). \
                    Use it to see everything the FAQ says on a topic; use ask_faq for one answer to a user's question. \
                    Queries may be Chinese or English, keywords or a whole question.
                    """,
                inputSchema: [
                    "type": "object",
                    "properties": [
                        "query": [
                            "type": "string",
                            "description": .string(
                                "What to search for, e.g. \"发票多久能开出来\" or \"rate limit\" (at most \(KnowledgeBase.maxQueryLength) characters)."),
                        ],
                        "limit": [
                            "type": "integer", "minimum": 1, "maximum": .int(maxSearchLimit), "default": .int(defaultSearchLimit),
                            "description": "Most entries to return.",
                        ],
                        "category": [
                            "type": "string",
                            "description": "Only entries of this category slug (list_categories gives them).",
                        ],
                    ],
                    "required": ["query"],
                    "additionalProperties": false,
                ],
                annotations: readOnly,
                outputSchema: [
                    "type": "object",
                    "properties": [
                        "query": ["type": "string"],
                        "answered": ["type": "boolean", "description": "Whether the first result is confident enough to be the answer."],
                        "estimatedTotalHits": ["type": "integer"],
                        "results": ["type": "array", "items": entrySchema],
                        "fallback": fallbackSchema,
                    ],
                    "required": ["query", "answered", "estimatedTotalHits", "results"],
                ]),
            Tool(
                name: askFAQ, title: "Ask the FAQ",
                description: """
                    Answer a user's question from the FAQ with the same decision as the support bot: \
                    outcome "answer" gives the one confident entry and its source URL; "suggest" gives a few close \
                    entries to offer as "did you mean"; "handoff" means the FAQ does not cover it, and gives the \
                    contact message and link. Quote and cite the answer; when there is none, do not invent one.
                    """,
                inputSchema: [
                    "type": "object",
                    "properties": [
                        "question": [
                            "type": "string",
                            "description": .string("The user's question as they asked it (at most \(KnowledgeBase.maxQueryLength) characters)."),
                        ],
                        "explain": [
                            "type": "boolean",
                            "description":
                                "true adds `explanation`: why the FAQ answered, suggested or handed off (the decision's reason, the thresholds, each candidate's score parts).",
                        ],
                    ],
                    "required": ["question"],
                    "additionalProperties": false,
                ],
                annotations: readOnly,
                outputSchema: [
                    "type": "object",
                    "properties": [
                        "query": ["type": "string"],
                        "outcome": ["type": "string", "enum": .array(AskOutcome.allCases.map { .string($0.rawValue) })],
                        "answered": ["type": "boolean"],
                        "answer": entrySchema,
                        "suggestions": ["type": "array", "items": entrySchema],
                        "related": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": [
                                    "id": ["type": "string"], "category": ["type": "string"], "title": ["type": "string"], "url": ["type": "string"],
                                ],
                                "required": ["id", "category", "title", "url"],
                            ],
                        ],
                        "fallback": fallbackSchema,
                        "explanation": [
                            "type": "object",
                            "properties": [
                                "units": ["type": "array", "items": ["type": "string"]],
                                "terms": ["type": "array", "items": ["type": "string"]],
                                "expansions": ["type": "array", "items": ["type": "string"]],
                                "thresholds": ["type": "object"],
                                "decision": ["type": "object"],
                                "candidates": ["type": "array", "items": ["type": "object"]],
                            ],
                            "required": ["units", "terms", "expansions", "thresholds", "candidates"],
                        ],
                    ],
                    "required": ["query", "outcome", "answered", "suggestions", "related"],
                ]),
            Tool(
                name: explainError, title: "Explain an API error",
                description: """
                    Explain a pasted API failure in any form: a bare HTTP status, `curl -i` output, an openai-python or \
                    openai-node exception, a gateway log line, or a JSON error body. Returns the HTTP status, business \
                    code, message and exhausted rate limit (TPM, RPM…) read from it, what went wrong, the next step, \
                    and the FAQ entries that fix it. Paste the error text whole.
                    """,
                inputSchema: [
                    "type": "object",
                    "properties": [
                        "text": [
                            "type": "string",
                            "description": .string(
                                "The error as printed, with its status line or JSON body (at most \(maxErrorTextBytes / 1024) KiB)."),
                        ]
                    ],
                    "required": ["text"],
                    "additionalProperties": false,
                ],
                annotations: readOnly,
                outputSchema: [
                    "type": "object",
                    "properties": [
                        "found": ["type": "boolean", "description": "Whether the text held an API failure at all."],
                        "status": ["type": "integer", "description": "HTTP status read."],
                        "code": ["type": "integer", "description": "The platform's business code read."],
                        "message": ["type": "string"],
                        "limit": ["type": "string", "description": "The exhausted rate-limit dimension, e.g. TPM."],
                        "diagnosis": ["type": "string"],
                        "nextStep": ["type": "string"],
                        "entries": ["type": "array", "items": entrySchema],
                    ],
                    "required": ["found", "diagnosis", "nextStep", "entries"],
                ]),
            Tool(
                name: getEntry, title: "Get an FAQ entry",
                description: """
                    Get one FAQ entry by its id (e.g. "invoices/2", as search_faq and ask_faq return it): \
                    the question, the whole answer in markdown and the source URL to cite. An unknown id is an error result.
                    """,
                inputSchema: [
                    "type": "object",
                    "properties": [
                        "id": [
                            "type": "string",
                            "description":
                                "The entry id as search_faq and ask_faq give it: a category slug, a slash and the entry's own part (invoices/2, billing/how-do-i-get-a-refund).",
                        ]
                    ],
                    "required": ["id"],
                    "additionalProperties": false,
                ],
                annotations: readOnly,
                outputSchema: entrySchema),
            Tool(
                name: listCategories, title: "List FAQ categories",
                description: """
                    List the FAQ's categories in order: the slug (entry ids start with it, and search_faq's category \
                    argument takes it), the display name, and how many entries each holds.
                    """,
                inputSchema: ["type": "object", "properties": [:], "additionalProperties": false],
                annotations: readOnly,
                outputSchema: [
                    "type": "object",
                    "properties": [
                        "categories": [
                            "type": "array",
                            "items": [
                                "type": "object",
                                "properties": ["slug": ["type": "string"], "name": ["type": "string"], "count": ["type": "integer"]],
                                "required": ["slug", "name", "count"],
                            ],
                        ]
                    ],
                    "required": ["categories"],
                ]),
        ]
    }

    /// The schema of ``EntryRecord``.
    static let entrySchema: Value = [
        "type": "object",
        "properties": [
            "id": ["type": "string"],
            "category": ["type": "string", "description": "Category slug."],
            "categoryName": ["type": "string", "description": "Category display name."],
            "pageTitle": ["type": "string"],
            "title": ["type": "string", "description": "The question."],
            "answer": ["type": "string", "description": "The answer, markdown."],
            "url": ["type": "string", "description": "Source page to cite."],
            "confidence": ["type": "number", "minimum": 0, "maximum": 1],
            "partial": [
                "type": "boolean",
                "description": "True when answer is the passage of a longer answer that answers the query; get_entry gives all of it.",
            ],
            "section": ["type": "string", "description": "The sub-heading the passage comes from."],
        ],
        "required": ["id", "category", "categoryName", "pageTitle", "title", "answer", "url"],
    ]

    /// The schema of FAQKit's `Fallback`.
    static let fallbackSchema: Value = [
        "type": "object",
        "properties": ["message": ["type": "string"], "url": ["type": "string", "description": "Contact link, when configured."]],
        "required": ["message"],
    ]
}
