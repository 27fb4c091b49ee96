package uk.crcledger.timeline;

import java.time.Instant;

/**
 * A revision's payload is withheld (GET /tlog/payloads/{position} answers 451); the revision stays in
 * the read model, marked.
 *
 * @param ledgerPosition the position of the withholding event itself
 */
public record Withholding(String reason, String reference, Instant withheldAt, String withheldBy,
                          long ledgerPosition) {
}
