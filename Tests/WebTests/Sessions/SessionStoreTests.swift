import Testing

@testable import Web

struct SessionStoreTests {
    private let clock = ManualClock()

    private func store(idle: Duration = .seconds(600), absolute: Duration = .seconds(3600), max: Int = 100)
        -> SessionStore
    {
        SessionStore(
            configuration: .init(idleTimeout: idle, absoluteTimeout: absolute, maxSessions: max), now: clock.now)
    }

    @Test func tokensAreLongRandomAndHex() {
        let tokens = Set((0..<200).map { _ in SessionToken.make() })
        #expect(tokens.count == 200)
        for token in tokens {
            #expect(token.utf8.count == 64)
            #expect(SessionToken.isWellFormed(token))
        }
    }

    @Test func constantTimeComparison() {
        let token = SessionToken.make()
        #expect(SessionToken.constantTimeEquals(token, token))
        #expect(!SessionToken.constantTimeEquals(token, String(token.dropLast()) + "x"))
        #expect(!SessionToken.constantTimeEquals(token, String(token.dropLast())))
        #expect(!SessionToken.constantTimeEquals(token, ""))
    }

    @Test func signInMakesANewSessionAndEndsTheOldOne() throws {
        let store = store()
        let first = store.signIn(userID: "admin@example.org")
        let second = store.signIn(userID: "admin@example.org", replacing: first.id)
        #expect(first.id != second.id)
        #expect(first.csrfToken != second.csrfToken)
        #expect(first.id != first.csrfToken)
        #expect(store.session(id: first.id) == nil)
        #expect(try #require(store.session(id: second.id)).userID == "admin@example.org")
    }

    @Test func idleSessionsExpireButUseKeepsThemAlive() throws {
        let store = store(idle: .seconds(600))
        let session = store.signIn(userID: "a")
        clock.advance(by: .seconds(500))
        #expect(store.session(id: session.id) != nil)
        clock.advance(by: .seconds(500))
        #expect(store.session(id: session.id) != nil)
        clock.advance(by: .seconds(600))
        #expect(store.session(id: session.id) == nil)
        #expect(store.count == 0)
    }

    @Test func sessionsEndAtTheAbsoluteLimitHoweverBusy() {
        let store = store(idle: .seconds(600), absolute: .seconds(1000))
        let session = store.signIn(userID: "a")
        for _ in 0..<3 {
            clock.advance(by: .seconds(300))
            #expect(store.session(id: session.id) != nil)
        }
        clock.advance(by: .seconds(100))
        #expect(store.session(id: session.id) == nil)
    }

    @Test func signOutEndsTheSession() {
        let store = store()
        let session = store.signIn(userID: "a")
        store.signOut(id: session.id)
        #expect(store.session(id: session.id) == nil)
    }

    @Test func unknownAndMalformedIdsFindNothing() {
        let store = store()
        _ = store.signIn(userID: "a")
        #expect(store.session(id: SessionToken.make()) == nil)
        #expect(store.session(id: "") == nil)
        #expect(store.session(id: "../../etc") == nil)
    }

    @Test func capacityDropsTheLeastRecentlyUsed() {
        let store = store(max: 2)
        let oldest = store.signIn(userID: "a")
        clock.advance(by: .seconds(1))
        let middle = store.signIn(userID: "b")
        clock.advance(by: .seconds(1))
        _ = store.session(id: oldest.id)
        let newest = store.signIn(userID: "c")
        #expect(store.count == 2)
        #expect(store.session(id: middle.id) == nil)
        #expect(store.session(id: oldest.id) != nil)
        #expect(store.session(id: newest.id) != nil)
    }
}
