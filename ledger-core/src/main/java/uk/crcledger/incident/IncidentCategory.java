package uk.crcledger.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import uk.crcledger.entry.JsonNames;

/** What kind of failure an incident shows, as the campaign's sources group them. */
public enum IncidentCategory {
    @JsonProperty("risk-management") RISK_MANAGEMENT("Risk management incident"),
    @JsonProperty("unpaid-work") UNPAID_WORK("Unpaid work incident"),
    @JsonProperty("enforcement") ENFORCEMENT("Enforcement incident"),
    @JsonProperty("staffing") STAFFING("Staffing and workload incident"),
    @JsonProperty("it") IT("IT incident"),
    @JsonProperty("other") OTHER("Incident");

    /** Written out, because the JSON names do not read as words ("it", "staffing"). */
    private final String described;

    IncidentCategory(String described) {
        this.described = described;
    }

    /** How a summary begins: "Unpaid work incident", "IT incident". */
    public String described() {
        return described;
    }

    @Override
    public String toString() {
        return JsonNames.of(this);
    }
}
