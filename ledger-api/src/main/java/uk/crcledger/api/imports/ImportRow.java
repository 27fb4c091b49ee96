package uk.crcledger.api.imports;

import uk.crcledger.contract.ContractHistory;
import uk.crcledger.entry.EntryDetails;
import uk.crcledger.entry.EntryId;

/**
 * A row ready to record: the command that records it, under an entry id derived from the row's content.
 *
 * @param row the row as a spreadsheet numbers it (header = 1)
 */
record ImportRow(int row, EntryId entryId, EntryDetails details, Object command) {

    /** Whether other rows' rules may read what this row records (who held a CRC when): then it is recorded alone. */
    boolean shapesContracts() {
        return ContractHistory.shapes(details);
    }
}
