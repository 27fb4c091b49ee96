/**
 * CRC contracts: awards, ends (expired, terminated early, transferred to a successor) and changes of planned end;
 * the {@link uk.crcledger.contract.Crc} aggregate, whose stream holds a CRC's registration and its awards and ends;
 * the one {@link uk.crcledger.contract.ContractHistory} that says who held a CRC on a date, for the command rules
 * and the read side alike; and {@link uk.crcledger.contract.ReplicatedContractRegister}, which answers the
 * {@link uk.crcledger.entry.ContractRegister} port from read-only copies of the aggregates, kept up to date from
 * their streams.
 *
 * <p>The aggregate lives here rather than in {@code crc} because its rules are contract rules: with it here,
 * {@code contract} depends on {@code crc} and never the reverse. Axon stores the aggregate type as the simple class
 * name ({@code Crc}), so moving the class changes no stored event.
 */
package uk.crcledger.contract;
