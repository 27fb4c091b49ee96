/** Administration over HTTP: the read model's projections and their rebuilds. */
package uk.crcledger.api.admin;
