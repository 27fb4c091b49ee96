package uk.crcledger.api.tlog;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.stereotype.Component;
import uk.crcledger.api.problem.PayloadWithheld;
import uk.crcledger.eventstore.EventLeaves;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.withholding.PayloadWithholding;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which payloads are withheld, read from the ledger itself: withholding the payload at position p
 * is the event of the aggregate {@link PayloadWithholding#idFor idFor(p)}, found by its stream key (an index
 * lookup), so the answer is current on every instance the moment the withholding is stored.
 */
@Component
public class WithheldPayloads {

    private final LogReader log;
    private final EventStorageEngine events;

    public WithheldPayloads(LogReader log, EventStorageEngine events) {
        this.log = log;
        this.events = events;
    }

    /** The ledger position of the event that withheld the payload at {@code position}, if it is withheld. */
    public Optional<Long> withholdingPosition(long position) {
        return log.positionsOf(PayloadWithholding.idFor(position)).stream().findFirst();
    }

    /** Which of the given positions' payloads are withheld (a query per 128 positions). */
    public Set<Long> withheldAmong(Collection<Long> positions) {
        Set<String> withholdings = log.existing(positions.stream().map(PayloadWithholding::idFor).toList());
        return positions.stream().filter(p -> withholdings.contains(PayloadWithholding.idFor(p)))
                .collect(Collectors.toSet());
    }

    /** Answers 451 (with the payload's hash and the reason) when the payload at {@code position} is withheld. */
    public void refuseIfWithheld(long position, StoredEvent event) {
        events.readEvents(PayloadWithholding.idFor(position)).asStream()
                .map(message -> message.getPayload())
                .filter(uk.crcledger.withholding.PayloadWithheld.class::isInstance)
                .map(uk.crcledger.withholding.PayloadWithheld.class::cast)
                .findFirst()
                .ifPresent(withheld -> {
                    throw new PayloadWithheld(position, EventLeaves.payloadSha256(event.payload()), withheld.reason());
                });
    }
}
