/** Self-contained proofs of inclusion for offline checking (c2sp.org/tlog-proof). */
package uk.crcledger.tlog.proof;
