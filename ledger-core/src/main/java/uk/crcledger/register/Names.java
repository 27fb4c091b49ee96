package uk.crcledger.register;

import java.util.Map;

/**
 * Display names for provider and CRC ids, as used in entry summaries. Implementations fall back to the id itself
 * when they do not know a name, so a summary is always written, if less readably.
 */
public interface Names {

    /** The display name of provider {@code providerId} ("Purple Futures"), or the id when unknown. */
    String provider(String providerId);

    /** The display name of CRC {@code crcId} ("West Yorkshire"), or the id when unknown. */
    String crc(String crcId);

    /** Names that are the ids themselves. */
    static Names ids() {
        return of(Map.of(), Map.of());
    }

    /** Names looked up in the given maps (id to name), falling back to the id. The maps are copied. */
    static Names of(Map<String, String> providerNames, Map<String, String> crcNames) {
        Map<String, String> providers = Map.copyOf(providerNames);
        Map<String, String> crcs = Map.copyOf(crcNames);
        return new Names() {
            @Override
            public String provider(String providerId) {
                return providerId == null ? null : providers.getOrDefault(providerId, providerId);
            }

            @Override
            public String crc(String crcId) {
                return crcId == null ? null : crcs.getOrDefault(crcId, crcId);
            }
        };
    }
}
