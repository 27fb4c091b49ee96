package uk.crcledger.contract;

import com.fasterxml.jackson.annotation.JsonProperty;
import uk.crcledger.entry.JsonNames;

/** Why a contract ended. A transfer names the successor, which holds the CRC from the end date. */
public enum ContractEndReason {
    @JsonProperty("expired") EXPIRED,
    @JsonProperty("terminated-early") TERMINATED_EARLY,
    @JsonProperty("transferred") TRANSFERRED;

    @Override
    public String toString() {
        return JsonNames.of(this);
    }
}
