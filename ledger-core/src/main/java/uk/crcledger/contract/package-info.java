/**
 * CRC contracts: awards, ends (expired, terminated early, transferred to a successor) and changes of planned end;
 * the contract history that says who held a CRC on a date, and the {@link uk.crcledger.contract.ContractRegister}
 * port other aggregates ask.
 */
package uk.crcledger.contract;
