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

    public static final java.util.List<String> ALL = java.util.List.of(ENTRIES, CRC_TIMELINES, PROVIDER_TIMELINES,
            REGISTERS);

    public String of(String base) {
        return base + "_v" + version;
    }
}
