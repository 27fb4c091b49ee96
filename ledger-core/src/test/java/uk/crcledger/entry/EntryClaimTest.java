package uk.crcledger.entry;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import uk.crcledger.contract.ContractAwarded;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.correction.EntryRetracted;
import uk.crcledger.crc.CrcRegistered;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.TestLedger.*;

/** Which stored events claim an entry id, and for which aggregate: what the event store's key and the directory use. */
class EntryClaimTest {

    private static final EntryId AWARD = EntryId.of("award-wy");

    @Test
    void a_recording_event_claims_its_entry_for_the_aggregate_that_stored_it() {
        ContractAwarded awarded = ContractAwarded.of(AWARD, new RecordContractAward(AWARD, WEST_YORKSHIRE,
                PURPLE_FUTURES, SIGNED_ON, SHARE_SALE, SEVEN_YEARS_LATER, null, null, SOURCES).details(), ALICE);

        assertThat(EntryClaim.of(new GenericDomainEventMessage<>("Crc", "west-yorkshire", 1, awarded)))
                .contains(new EntryClaim(AWARD, EntryOwner.contractsOfCrc(EntryType.CONTRACT_AWARD, "west-yorkshire")));
    }

    @Test
    void registrations_corrections_and_retractions_claim_nothing() {
        assertThat(EntryClaim.of(new GenericDomainEventMessage<>("Crc", "west-yorkshire", 0,
                new CrcRegistered(WEST_YORKSHIRE, "West Yorkshire", null, ALICE)))).isEmpty();
        assertThat(EntryClaim.of(new GenericDomainEventMessage<>("Crc", "west-yorkshire", 2,
                new EntryRetracted(AWARD, EntryType.CONTRACT_AWARD, "wrong CRC", ALICE, TODAY)))).isEmpty();
        assertThat(EntryClaim.of(GenericEventMessage.asEventMessage("not an aggregate's"))).isEmpty();
    }
}
