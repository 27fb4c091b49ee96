/** Wires the domain's command side (aggregates, the correction router with the entry directory, the contract register) into Axon. */
package uk.crcledger.api.command;
