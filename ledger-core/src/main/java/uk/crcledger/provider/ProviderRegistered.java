package uk.crcledger.provider;

import uk.crcledger.entry.RecordedBy;
import uk.crcledger.register.ProviderId;

import java.util.List;

/** A provider was registered. {@code kind} is null when not known. */
public record ProviderRegistered(ProviderId providerId, String name, String kind, List<String> members,
                                 RecordedBy recordedBy) {

    public ProviderRegistered {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
