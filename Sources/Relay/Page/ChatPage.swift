import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The people-side chat page served at `/`: one self-contained HTML document (inline CSS and JavaScript, no CDN,
/// no build step) in simplified Chinese, sized for a phone.
///
/// It is compiled into the binary rather than shipped as a resource bundle, so a copied or installed
/// `huabei-bot` still serves it. The Content-Security-Policy allows exactly the inline style and script below
/// by their SHA-256 hashes, and network requests to this origin only.
enum ChatPage {
    /// The page title and heading.
    static let title = "花呗解冻助手"

    static let html = """
        <!doctype html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
        <meta name="referrer" content="no-referrer">
        <title>\(title)</title>
        <link rel="icon" href="data:,">
        <style>\(style)</style>
        </head>
        <body>
        <div class="app">
          <header>
            <div class="avatar" aria-hidden="true">花</div>
            <div>
              <h1>\(title)</h1>
              <div class="presence"><span id="dot" class="dot off"></span><span id="presence">连接中…</span></div>
            </div>
          </header>
          <div id="offline" class="notice" role="status">客服机器人暂时离线。您的消息已保存，机器人上线后会尽快回复。</div>
          <div id="problem" class="notice error" role="alert"></div>
          <main id="messages" aria-live="polite">
            <div id="welcome" class="welcome">您好，我是花呗解冻助手。<br>请描述您遇到的问题，例如“我的花呗被冻结了”。</div>
          </main>
          <footer>
            <textarea id="input" rows="1" maxlength="4096" placeholder="请输入您的问题，例如：花呗为什么被冻结了？" aria-label="输入消息"></textarea>
            <button id="send" type="button">发送</button>
          </footer>
        </div>
        <script>\(script)</script>
        </body>
        </html>

        """

    static let contentSecurityPolicy =
        "default-src 'none'; script-src '\(hashSource(script))'; style-src '\(hashSource(style))'; "
        + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

    /// A CSP hash source for an inline block.
    static func hashSource(_ block: String) -> String {
        "sha256-" + Data(SHA256.hash(data: Array(block.utf8))).base64EncodedString()
    }

    /// The page response.
    static func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-cache"
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
