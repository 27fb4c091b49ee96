package uk.crcledger.timeline;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where an entry stands: as recorded, corrected at least once, or withdrawn (it stays visible). */
public enum EntryStatus {
    @JsonProperty("active") ACTIVE,
    @JsonProperty("corrected") CORRECTED,
    @JsonProperty("retracted") RETRACTED
}
