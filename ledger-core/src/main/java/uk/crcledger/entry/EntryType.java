package uk.crcledger.entry;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The kinds of entry the ledger records; the JSON names are the ones the API and seed files use. */
public enum EntryType {
    @JsonProperty("contract-award") CONTRACT_AWARD,
    @JsonProperty("contract-end") CONTRACT_END,
    @JsonProperty("contract-term-change") CONTRACT_TERM_CHANGE,
    @JsonProperty("job-cut-announcement") JOB_CUT_ANNOUNCEMENT,
    @JsonProperty("inspection-finding") INSPECTION_FINDING,
    @JsonProperty("incident-report") INCIDENT_REPORT;

    /** The name used in JSON and in messages, e.g. {@code job-cut-announcement}. */
    public String jsonName() {
        return JsonNames.of(this);
    }

    /** Contract awards and ends live in their CRC's stream; every other entry is its own aggregate. */
    public boolean ownAggregate() {
        return this != CONTRACT_AWARD && this != CONTRACT_END;
    }

    @Override
    public String toString() {
        return jsonName();
    }
}
