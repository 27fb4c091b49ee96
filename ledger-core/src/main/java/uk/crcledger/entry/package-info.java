/**
 * What every ledger entry shares: ids, details and the events about one entry ({@link uk.crcledger.entry.EntryEvent},
 * {@link uk.crcledger.entry.EntryRecorded}), sources, who recorded it, figures, "today", rule exceptions, the entry
 * directory and the {@link uk.crcledger.entry.ContractRegister} port the rules consult. Depends only on
 * {@code register}; every kind of entry depends on it.
 */
package uk.crcledger.entry;
