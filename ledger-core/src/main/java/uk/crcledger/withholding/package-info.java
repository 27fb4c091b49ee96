/**
 * Withholding the payload of one ledger position (for example under a court order): the command, the event and
 * the {@link uk.crcledger.withholding.PayloadWithholding} aggregate, one per position, so a position is withheld at
 * most once. Nothing is erased: the event stays in the log and its leaf keeps the payload's SHA-256; the API stops
 * serving the payload's bytes and the read views mark the revision. The aggregate's id is a string derived from the
 * position ({@link uk.crcledger.withholding.PayloadWithholding#idFor}), not a value type, because the position is
 * the identity and the web side looks streams up by that string.
 */
package uk.crcledger.withholding;
