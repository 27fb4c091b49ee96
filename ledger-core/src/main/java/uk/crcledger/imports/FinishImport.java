package uk.crcledger.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close an import with what became of each of its rows: every row is counted once, as recorded now, recorded
 * already (by an earlier import of the same row), or failed (a rule of the ledger refused it).
 */
public record FinishImport(@TargetAggregateIdentifier ImportId importId, int recorded, int alreadyRecorded,
                           int failed) {
}
