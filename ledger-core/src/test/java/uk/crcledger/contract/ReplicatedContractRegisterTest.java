package uk.crcledger.contract;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;
import uk.crcledger.crc.CrcRegistered;
import uk.crcledger.entry.EntryId;
import uk.crcledger.provider.ProviderRegistered;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.TestLedger.*;

/**
 * The register's copies of the CRC and provider aggregates: answers from their events, kept up to date from the
 * store whoever wrote to it (here: events appended straight to the storage engine, as another app instance would),
 * and read incrementally rather than rebuilt for every question.
 */
class ReplicatedContractRegisterTest {

    /** The storage engine, counting the aggregate reads and the sequence numbers they start from. */
    static final class CountingEngine extends InMemoryEventStorageEngine {
        final List<String> reads = new ArrayList<>();

        @Override
        public synchronized DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
            reads.add(aggregateIdentifier + "@" + firstSequenceNumber);
            return super.readEvents(aggregateIdentifier, firstSequenceNumber);
        }

        void append(String aggregateType, String aggregateId, long seq, Object payload) {
            appendEvents(new GenericDomainEventMessage<>(aggregateType, aggregateId, seq, payload));
        }
    }

    private final CountingEngine store = new CountingEngine();
    private final ReplicatedContractRegister register = new ReplicatedContractRegister(() -> store);

    private void givenWestYorkshireAwardedToPurpleFutures() {
        store.append("Provider", PURPLE_FUTURES.value(), 0,
                new ProviderRegistered(PURPLE_FUTURES, "Purple Futures", "private", List.of("Interserve"), ALICE));
        store.append("Provider", SODEXO_NACRO.value(), 0,
                new ProviderRegistered(SODEXO_NACRO, "Sodexo Justice Services", "private", List.of(), ALICE));
        store.append("Crc", WEST_YORKSHIRE.value(), 0, new CrcRegistered(WEST_YORKSHIRE, "West Yorkshire", null, ALICE));
        store.append("Crc", WEST_YORKSHIRE.value(), 1, ContractAwarded.of(EntryId.of("award-wy"),
                new RecordContractAward(EntryId.of("award-wy"), WEST_YORKSHIRE, PURPLE_FUTURES, SIGNED_ON, SHARE_SALE,
                        SEVEN_YEARS_LATER, null, null, SOURCES).details(), ALICE));
    }

    private void transferWestYorkshireToSodexo(long seq) {
        RecordContractEnd end = new RecordContractEnd(EntryId.of("transfer-wy"), WEST_YORKSHIRE,
                WORKING_LINKS_COLLAPSE, ContractEndReason.TRANSFERRED, SODEXO_NACRO, SOURCES);
        store.append("Crc", WEST_YORKSHIRE.value(), seq,
                ContractEnded.of(end.entryId(), PURPLE_FUTURES, end.details(), ALICE));
    }

    @Test
    void answers_who_held_a_crc_from_its_events() {
        givenWestYorkshireAwardedToPurpleFutures();

        assertThat(register.crcExists(WEST_YORKSHIRE)).isTrue();
        assertThat(register.providerExists(PURPLE_FUTURES)).isTrue();
        assertThat(register.holderOn(WEST_YORKSHIRE, SHARE_SALE)).contains(PURPLE_FUTURES);
        assertThat(register.holderOn(WEST_YORKSHIRE, SIGNED_ON)).isEmpty();
    }

    @Test
    void sees_a_transfer_stored_after_its_copy_was_made() {
        givenWestYorkshireAwardedToPurpleFutures();
        assertThat(register.holderOn(WEST_YORKSHIRE, REUNIFICATION)).contains(PURPLE_FUTURES);

        // Stored by another instance: this register's copy is older than the store now.
        transferWestYorkshireToSodexo(2);

        assertThat(register.holderOn(WEST_YORKSHIRE, REUNIFICATION)).contains(SODEXO_NACRO);
        assertThat(register.holderOn(WEST_YORKSHIRE, SHARE_SALE)).contains(PURPLE_FUTURES);
    }

    @Test
    void reads_only_the_events_after_those_it_applied() {
        givenWestYorkshireAwardedToPurpleFutures();
        register.holderOn(WEST_YORKSHIRE, SHARE_SALE);
        register.holderOn(WEST_YORKSHIRE, SHARE_SALE);
        transferWestYorkshireToSodexo(2);
        register.holderOn(WEST_YORKSHIRE, REUNIFICATION);
        register.holderOn(WEST_YORKSHIRE, REUNIFICATION);

        assertThat(store.reads).containsExactly("west-yorkshire@0", "west-yorkshire@2", "west-yorkshire@2",
                "west-yorkshire@3");
    }

    @Test
    void answers_a_registration_from_memory_once_seen_as_nothing_unregisters() {
        givenWestYorkshireAwardedToPurpleFutures();
        assertThat(register.providerExists(PURPLE_FUTURES)).isTrue();
        int reads = store.reads.size();

        for (int i = 0; i < 3; i++) {
            assertThat(register.providerExists(PURPLE_FUTURES)).isTrue();
        }

        assertThat(store.reads).hasSize(reads);
    }

    @Test
    void keeps_nothing_for_an_unknown_id_and_finds_it_once_registered() {
        assertThat(register.crcExists(UNKNOWN_CRC)).isFalse();
        assertThat(register.holderOn(UNKNOWN_CRC, SHARE_SALE)).isEmpty();
        assertThat(register.providerExists(UNKNOWN_PROVIDER)).isFalse();

        store.append("Crc", UNKNOWN_CRC.value(), 0, new CrcRegistered(UNKNOWN_CRC, "Atlantis", null, ALICE));

        assertThat(register.crcExists(UNKNOWN_CRC)).isTrue();
        assertThat(store.reads).containsExactly("atlantis@0", "atlantis@0", "nobody-ltd@0", "atlantis@0");
    }

    @Test
    void gives_concurrent_askers_the_same_answers_while_the_stream_grows() throws Exception {
        givenWestYorkshireAwardedToPurpleFutures();
        ExecutorService askers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> asked = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                asked.add(askers.submit(() -> {
                    for (int round = 0; round < 200; round++) {
                        // Before the transfer's date the holder never changes, whatever has been applied.
                        assertThat(register.holderOn(WEST_YORKSHIRE, SHARE_SALE)).contains(PURPLE_FUTURES);
                    }
                }));
            }
            transferWestYorkshireToSodexo(2);
            for (Future<?> future : asked) {
                future.get();
            }
        } finally {
            askers.shutdownNow();
        }
        assertThat(register.holderOn(WEST_YORKSHIRE, REUNIFICATION)).contains(SODEXO_NACRO);
    }
}
