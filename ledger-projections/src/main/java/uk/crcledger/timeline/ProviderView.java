package uk.crcledger.timeline;

import java.util.List;

/** A provider as registered. */
public record ProviderView(String providerId, String name, String kind, List<String> members) {
}
