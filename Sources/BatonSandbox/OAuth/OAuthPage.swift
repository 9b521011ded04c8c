/// The small HTML pages of the imitated github.com and vercel.com: no scripts, one inline style sheet.
enum OAuthPage {
    /// What the pages may load: nothing but their inline style. No `form-action`, since the consent form's answer
    /// redirects to the client, wherever it is.
    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'"

    private static let style = """
        body{font:16px/1.5 system-ui,sans-serif;color:#1f2328;background:#f6f8fa;margin:0}
        main{max-width:26rem;margin:3rem auto;padding:1.5rem;background:#fff;border:1px solid #d0d7de;border-radius:8px}
        h1{font-size:1.3rem;margin:0 0 .5rem}p{margin:.5rem 0}small{color:#59636e}
        button{display:block;width:100%;margin:.6rem 0;padding:.6rem;font:inherit;border-radius:6px;cursor:pointer;
        border:1px solid #1f883d;background:#1f883d;color:#fff;text-align:left}
        button[data-sandbox-deny]{border-color:#d0d7de;background:#f6f8fa;color:#1f2328;text-align:center}
        """

    /// A whole page titled `title` around `body` (HTML).
    static func document(title: String, body: String) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    /// A page saying why a request cannot go on.
    static func problem(title: String, message: String) -> String {
        document(title: title, body: "<h1>\(escape(title))</h1>\n<p>\(escape(message))</p>")
    }

    /// `text` safe in HTML text and in double-quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
