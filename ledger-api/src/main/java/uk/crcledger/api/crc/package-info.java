/** CRCs over HTTP: the list, one CRC with its contract history, its timeline, and registering one. */
package uk.crcledger.api.crc;
