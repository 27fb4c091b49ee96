package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** What a revision of an entry did: recorded it, corrected it, or retracted it. */
public enum RevisionKind {
    @JsonProperty("recorded") RECORDED,
    @JsonProperty("corrected") CORRECTED,
    @JsonProperty("retracted") RETRACTED
}
