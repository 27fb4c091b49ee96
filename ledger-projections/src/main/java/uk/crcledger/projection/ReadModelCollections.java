package uk.crcledger.projection;

/**
 * The collections of one version of the ledger's read model. A rebuild writes a new version while
 * queries keep reading the active one, and switches when the new one has caught up.
 */
public record ReadModelCollections(int version) {

    public static final String ENTRIES = "entries";
    public static final String CRC_TIMELINES = "crc_timelines";
    public static final String PROVIDER_TIMELINES = "provider_timelines";
    public static final String REGISTERS = "registers";
    /**
     * Per CRC, the placements of the entries that say who held it (awards, ends, term changes): all
     * its contract history is derived from, without reading the rest of its timeline.
     */
    public static final String CRC_CONTRACTS = "crc_contracts";

    public static final java.util.List<String> ALL = java.util.List.of(ENTRIES, CRC_TIMELINES, PROVIDER_TIMELINES,
            REGISTERS, CRC_CONTRACTS);

    public String of(String base) {
        return base + "_v" + version;
    }
}
