/** Announcements of job cuts by a provider in the CRCs it holds. */
package uk.crcledger.jobcut;
