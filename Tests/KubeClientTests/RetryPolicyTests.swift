import KubeClient
import KubeCore
import Testing

@Suite("Retry policy")
struct RetryPolicyTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var outcome: RetryPolicy.Outcome
        var method: KubeRequest.Method
        var attempt: Int
        var expected: RetryPolicy.Decision
        var testDescription: String { "\(method.rawValue) \(outcome) attempt \(attempt) → \(expected)" }
    }

    // baseDelay 200 ms, maxDelay 10 s, random 0.5: backoff is 0.5 × min(10 s, 200 ms × 2^(attempt-1)).
    static let rows: [Row] = [
        // Reads retry on 429, 500, 502, 503, 504 and connection loss.
        Row(
            outcome: .response(statusCode: 503, retryAfter: nil),
            method: .get,
            attempt: 1,
            expected: .retry(after: .milliseconds(100))
        ),
        Row(
            outcome: .response(statusCode: 500, retryAfter: nil),
            method: .get,
            attempt: 2,
            expected: .retry(after: .milliseconds(200))
        ),
        Row(
            outcome: .response(statusCode: 502, retryAfter: nil),
            method: .get,
            attempt: 3,
            expected: .retry(after: .milliseconds(400))
        ),
        Row(
            outcome: .response(statusCode: 504, retryAfter: nil),
            method: .get,
            attempt: 4,
            expected: .retry(after: .milliseconds(800))
        ),
        Row(
            outcome: .response(statusCode: 429, retryAfter: nil),
            method: .get,
            attempt: 1,
            expected: .retry(after: .milliseconds(100))
        ),
        Row(outcome: .connectionFailure, method: .get, attempt: 1, expected: .retry(after: .milliseconds(100))),
        // Retry-After is a floor on the delay.
        Row(
            outcome: .response(statusCode: 429, retryAfter: .seconds(3)),
            method: .get,
            attempt: 1,
            expected: .retry(after: .seconds(3))
        ),
        Row(
            outcome: .response(statusCode: 503, retryAfter: .seconds(1)),
            method: .get,
            attempt: 1,
            expected: .retry(after: .seconds(1))
        ),
        // ... but a delay longer than maxRetryAfter is handed back to the caller.
        Row(outcome: .response(statusCode: 429, retryAfter: .seconds(61)), method: .get, attempt: 1, expected: .giveUp),
        // The attempt cap (5) ends retries.
        Row(outcome: .response(statusCode: 503, retryAfter: nil), method: .get, attempt: 5, expected: .giveUp),
        Row(outcome: .connectionFailure, method: .get, attempt: 5, expected: .giveUp),
        // Other statuses are final.
        Row(outcome: .response(statusCode: 404, retryAfter: nil), method: .get, attempt: 1, expected: .giveUp),
        Row(outcome: .response(statusCode: 409, retryAfter: nil), method: .get, attempt: 1, expected: .giveUp),
        Row(outcome: .response(statusCode: 401, retryAfter: nil), method: .get, attempt: 1, expected: .giveUp),
        Row(outcome: .response(statusCode: 501, retryAfter: nil), method: .get, attempt: 1, expected: .giveUp),
        // Writes are never retried blindly ...
        Row(outcome: .response(statusCode: 500, retryAfter: nil), method: .post, attempt: 1, expected: .giveUp),
        Row(outcome: .response(statusCode: 503, retryAfter: .seconds(1)), method: .put, attempt: 1, expected: .giveUp),
        Row(
            outcome: .response(statusCode: 504, retryAfter: .seconds(1)),
            method: .patch,
            attempt: 1,
            expected: .giveUp
        ),
        Row(outcome: .connectionFailure, method: .post, attempt: 1, expected: .giveUp),
        Row(outcome: .connectionFailure, method: .delete, attempt: 1, expected: .giveUp),
        Row(outcome: .response(statusCode: 429, retryAfter: nil), method: .post, attempt: 1, expected: .giveUp),
        // ... except 429 with a retry delay: the server did not process the request.
        Row(
            outcome: .response(statusCode: 429, retryAfter: .seconds(1)),
            method: .post,
            attempt: 1,
            expected: .retry(after: .seconds(1))
        ),
        Row(
            outcome: .response(statusCode: 429, retryAfter: .seconds(2)),
            method: .delete,
            attempt: 2,
            expected: .retry(after: .seconds(2))
        ),
        Row(
            outcome: .response(statusCode: 429, retryAfter: .seconds(1)),
            method: .patch,
            attempt: 5,
            expected: .giveUp
        ),
    ]

    @Test("Decisions follow the verb, the outcome and the attempt", arguments: rows)
    func decisions(row: Row) {
        let policy = RetryPolicy()
        #expect(
            policy.decide(after: row.outcome, method: row.method, attempt: row.attempt, random: 0.5) == row.expected
        )
    }

    @Test(
        "Backoff doubles up to the cap and jitter scales it",
        arguments: [
            (1, 1.0, Duration.milliseconds(200)),
            (3, 1.0, .milliseconds(800)),
            (7, 1.0, .seconds(10)),
            (40, 1.0, .seconds(10)),
            (3, 0.0, .zero),
            (3, 0.25, .milliseconds(200)),
        ] as [(Int, Double, Duration)]
    )
    func backoff(attempt: Int, random: Double, expected: Duration) {
        let policy = RetryPolicy(maxAttempts: 100)
        #expect(
            policy.decide(after: .connectionFailure, method: .get, attempt: attempt, random: random)
                == .retry(after: expected)
        )
    }

    @Test("The never policy does not retry")
    func never() {
        #expect(RetryPolicy.never.decide(after: .connectionFailure, method: .get, attempt: 1, random: 0.5) == .giveUp)
    }
}
