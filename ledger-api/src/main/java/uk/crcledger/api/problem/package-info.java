/** How the API says no: RFC 9457 problem details for every error, never a stack trace. */
package uk.crcledger.api.problem;
