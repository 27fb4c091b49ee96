/** The providers (owner groups and consortia) that held CRC contracts: their registration. */
package uk.crcledger.provider;
