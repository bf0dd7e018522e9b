import HTTPWire
import Testing

@testable import Web

struct SessionCookieTests {
    @Test func cookieAttributes() {
        let plain = SessionCookie(isSecure: false)
        #expect(plain.setCookie("abc") == "session=abc; Path=/; HttpOnly; SameSite=Lax")
        let secure = SessionCookie(isSecure: true)
        #expect(secure.setCookie("abc") == "__Host-session=abc; Path=/; HttpOnly; SameSite=Lax; Secure")
        #expect(secure.clearCookie() == "__Host-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax; Secure")
    }

    @Test func readsTheSessionIdAmongOtherCookies() {
        let cookie = SessionCookie(isSecure: false)
        #expect(cookie.sessionID(in: ["Cookie": "theme=dark; session=abc123; x=y"]) == "abc123")
        #expect(cookie.sessionID(in: ["Cookie": "mysession=zzz"]) == nil)
        var split = HTTPHeaders()
        split.add("Cookie", "a=1")
        split.add("Cookie", "session=def")
        #expect(cookie.sessionID(in: split) == "def")
        #expect(cookie.sessionID(in: [:]) == nil)
    }

    @Test(
        arguments: [
            (["Origin": "http://console.local:8080", "Host": "console.local:8080"], true),
            (["Origin": "http://evil.example", "Host": "console.local:8080"], false),
            (["Origin": "null", "Host": "console.local"], false),
            (["Referer": "http://console.local/enrollment/import", "Host": "console.local"], true),
            (["Referer": "http://console.local.evil.example/x", "Host": "console.local"], false),
            (["Referer": "http://user@console.local/x", "Host": "console.local"], false),
            (["Host": "console.local"], true),
            (["Origin": "http://console.local"], false),
        ] as [(HTTPHeaders, Bool)])
    func originIsComparedWithHost(headers: HTTPHeaders, allowed: Bool) {
        #expect(OriginPolicy().allows(headers) == allowed)
    }

    @Test func originIsComparedWithTheConfiguredOrigin() {
        let policy = OriginPolicy(expectedOrigin: "https://Console.example.org")
        #expect(policy.allows(["Origin": "https://console.example.org", "Host": "internal:8080"]))
        #expect(!policy.allows(["Origin": "http://console.example.org", "Host": "console.example.org"]))
    }
}
