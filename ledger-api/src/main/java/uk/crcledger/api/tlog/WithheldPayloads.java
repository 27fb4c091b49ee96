package uk.crcledger.api.tlog;

import org.springframework.stereotype.Component;
import uk.crcledger.api.problem.PayloadWithheld;
import uk.crcledger.eventstore.EventLeaves;
import uk.crcledger.eventstore.StoredEvent;
import uk.crcledger.eventstore.tlog.LogReader;
import uk.crcledger.withholding.PayloadWithholding;

/**
 * Which payloads are withheld, read from the ledger itself: withholding the payload at position p
 * is the event of the aggregate {@link PayloadWithholding#idFor idFor(p)}, found by its stream key (an index
 * lookup), so the answer is current on every instance the moment the withholding is stored.
 */
@Component
public class WithheldPayloads {

    private final LogReader log;

    public WithheldPayloads(LogReader log) {
        this.log = log;
    }

    /** The stream that withholds the payload at {@code position}: the domain's name for it, kept for callers. */
    public static String aggregateId(long position) {
        return PayloadWithholding.idFor(position);
    }

    /** The ledger position of the event that withheld the payload at {@code position}, if it is withheld. */
    public java.util.Optional<Long> withholdingPosition(long position) {
        return log.positionsOf(PayloadWithholding.idFor(position)).stream().findFirst();
    }

    public boolean isWithheld(long position) {
        return !log.positionsOf(PayloadWithholding.idFor(position)).isEmpty();
    }

    /** Which of the given positions' payloads are withheld (a query per 128 positions). */
    public java.util.Set<Long> withheldAmong(java.util.Collection<Long> positions) {
        java.util.Set<String> withholdings = log.existing(positions.stream().map(PayloadWithholding::idFor).toList());
        return positions.stream().filter(p -> withholdings.contains(PayloadWithholding.idFor(p)))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** Answers 451 (with the payload's hash and the reason) when the payload at {@code position} is withheld. */
    public void refuseIfWithheld(long position, StoredEvent event) {
        java.util.List<Long> withholding = log.positionsOf(PayloadWithholding.idFor(position));
        if (!withholding.isEmpty()) {
            String reason = log.events(withholding.subList(0, 1)).stream().findFirst()
                    .map(e -> reasonIn(e.payload())).orElse("withheld");
            throw new PayloadWithheld(position, EventLeaves.payloadSha256(event.payload()), reason);
        }
    }

    private static String reasonIn(String payloadJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode reason = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(payloadJson).get("reason");
            return reason == null ? "withheld" : reason.asText();
        } catch (java.io.IOException e) {
            return "withheld";
        }
    }
}
