/** Providers over HTTP: the list, one provider's summary, its timeline, and registering one. */
package uk.crcledger.api.provider;
