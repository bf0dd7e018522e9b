import Testing

@testable import Enrollment

struct StableCodesTests {
    /// The codes already on disk in data folders: these lists may only ever grow at their end.
    @Test func codesAreThoseDataFoldersHold() {
        #expect(StableCodes.userStates == [.invited, .active, .inactive])
        #expect(StableCodes.operationKinds == [.userImport, .bulkInvite])
        #expect(StableCodes.operationStates == [.queued, .running, .completed, .rejected, .interrupted])
        #expect(StableCodes.actions == [.new, .update, .delete, .activate, .invite])
        #expect(
            StableCodes.outcomes == [
                .created, .updated, .deleted, .activated, .invited, .reinvited, .skipped, .ignored, .duplicate, .failed,
            ])
        #expect(StableCodes.mailKinds == [.invitation, .activation])
    }

    /// Every case has a code, and decoding a code gives back its value; one past the last is refused.
    @Test func everyValueDecodesFromItsCode() throws {
        for outcome in RowOutcome.allCases {
            #expect(try StableCodes.value(outcome.stableCode, in: StableCodes.outcomes) == outcome)
        }
        #expect(StableCodes.outcomes.count == RowOutcome.allCases.count)
        #expect(throws: (any Error).self) {
            try StableCodes.value(UInt8(RowOutcome.allCases.count), in: StableCodes.outcomes)
        }
    }
}
