/**
 * Incident reports: the "risk on the increase" facts of the campaign's sources, such as a case where a CRC failed to
 * manage risk, clients not attending unpaid work, breaches not enforced, IT or staffing failures. The provider is
 * not recorded: it is whoever held the CRC on the day, which the ledger's history says.
 */
package uk.crcledger.incident;
