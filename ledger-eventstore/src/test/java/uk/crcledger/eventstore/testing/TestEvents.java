package uk.crcledger.eventstore.testing;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.util.ArrayList;
import java.util.List;

/** Events for store tests: a payload that says which commit it belongs to and where in it. */
public final class TestEvents {

    public static final String AGGREGATE_TYPE = "Probe";

    /** The payload: commit marker, index within the commit, size of the commit, and some text. */
    public record Probed(String commit, int index, int of, String text) {
    }

    private TestEvents() {
    }

    /** The events of one commit on {@code aggregateId}, from sequence number {@code firstSeq}. */
    public static List<DomainEventMessage<?>> commit(String aggregateId, long firstSeq, int size, String marker) {
        List<DomainEventMessage<?>> events = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            events.add(new GenericDomainEventMessage<>(AGGREGATE_TYPE, aggregateId, firstSeq + i,
                    new Probed(marker, i, size, "x".repeat(400)), MetaData.with("recordedBy", "store-test")));
        }
        return events;
    }
}
