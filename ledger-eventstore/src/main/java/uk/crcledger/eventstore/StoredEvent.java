package uk.crcledger.eventstore;

/**
 * An event as stored, for the transparency log: its ledger position, the position of the commit
 * that holds it, its transparency-log leaf as stored ({@code null} for an event stored before
 * leaves existed and not yet given one) and its payload exactly as stored.
 */
public record StoredEvent(long position, long commitPosition, String eventId, String aggregateId, Long sequence,
                          String leaf, String payload) {

    public byte[] leafBytes() {
        return leaf == null ? null : leaf.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public byte[] payloadBytes() {
        return payload.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
