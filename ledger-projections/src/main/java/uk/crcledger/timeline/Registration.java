package uk.crcledger.timeline;

import java.time.Instant;
import java.util.List;

/**
 * A CRC or a provider as registered, kept in the ledger's registers.
 *
 * @param abbreviation a CRC's, if it has one
 * @param kind         a provider's kind, if known
 * @param members      a provider's members (for a joint venture)
 */
public record Registration(String id, String name, String abbreviation, String kind, List<String> members,
                           Instant recordedAt, String recordedBy, long ledgerPosition) {
}
