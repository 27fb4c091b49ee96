/** The overview of every CRC over HTTP: as typed JSON for the page's tables, and as an SVG chart drawn here. */
package uk.crcledger.api.overview;
