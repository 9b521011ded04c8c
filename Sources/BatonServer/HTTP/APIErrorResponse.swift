import BatonCore
import Hummingbird

/// An ``APIError`` at the HTTP edge: its status code and the JSON body `{"error":{…}}`.
struct APIErrorResponse: HTTPResponseError {
    let error: APIError

    init(_ error: APIError) {
        self.error = error
    }

    var status: HTTPResponse.Status { HTTPResponse.Status(code: error.httpStatus) }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var response = try JSONResponse.make(APIErrorBody(error: error), status: status)
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        // RFC 6750 §3: a 401 names the scheme that would be accepted.
        if error.knownCode == .unauthorized { response.headers[.wwwAuthenticate] = #"Bearer realm="baton""# }
        return response
    }
}
