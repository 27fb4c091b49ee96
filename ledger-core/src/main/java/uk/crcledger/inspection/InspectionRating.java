package uk.crcledger.inspection;

import com.fasterxml.jackson.annotation.JsonProperty;
import uk.crcledger.entry.JsonNames;

/** The inspectorate's rating; NONE for unrated (early and thematic) reports. */
public enum InspectionRating {
    @JsonProperty("outstanding") OUTSTANDING,
    @JsonProperty("good") GOOD,
    @JsonProperty("requires-improvement") REQUIRES_IMPROVEMENT,
    @JsonProperty("inadequate") INADEQUATE,
    @JsonProperty("none") NONE;

    @Override
    public String toString() {
        return JsonNames.of(this);
    }
}
