/** What every ledger entry shares: ids, sources, who recorded it, figures, "today", rule exceptions and the entry directory. */
package uk.crcledger.entry;
