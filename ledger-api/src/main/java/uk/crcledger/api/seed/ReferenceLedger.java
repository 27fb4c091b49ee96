package uk.crcledger.api.seed;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import uk.crcledger.contract.RecordContractAward;
import uk.crcledger.contract.RecordContractEnd;
import uk.crcledger.contract.RecordContractTermChange;
import uk.crcledger.crc.RegisterCrc;
import uk.crcledger.entry.EntryType;
import uk.crcledger.entry.JsonNames;
import uk.crcledger.incident.RecordIncidentReport;
import uk.crcledger.inspection.RecordInspectionFinding;
import uk.crcledger.jobcut.RecordJobCutAnnouncement;
import uk.crcledger.provider.RegisterProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The reference history as the seed file states it: providers and CRCs to register, then the entries in the order
 * they are recorded (date order, so that every rule that reads the ledger, such as "the provider held the CRC on the
 * day it announced the cuts", finds what it needs).
 *
 * <p>The file's registrations are the {@link RegisterProvider} and {@link RegisterCrc} commands as JSON; each entry
 * is a recording command as JSON with a {@code type} (the entry type's JSON name, e.g. {@code contract-award}) that
 * says which command it is. Parsing is strict: an unknown field is an error, not silently dropped.
 */
public record ReferenceLedger(String description, List<RegisterProvider> providers, List<RegisterCrc> crcs,
                              List<SeedEntry> entries) {

    /** Where the application finds the seed on its class path. */
    public static final String RESOURCE = "seed/reference-ledger.json";

    private static final Map<EntryType, Class<?>> COMMANDS = new EnumMap<>(Map.of(
            EntryType.CONTRACT_AWARD, RecordContractAward.class,
            EntryType.CONTRACT_END, RecordContractEnd.class,
            EntryType.CONTRACT_TERM_CHANGE, RecordContractTermChange.class,
            EntryType.JOB_CUT_ANNOUNCEMENT, RecordJobCutAnnouncement.class,
            EntryType.INSPECTION_FINDING, RecordInspectionFinding.class,
            EntryType.INCIDENT_REPORT, RecordIncidentReport.class));

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    public ReferenceLedger {
        providers = List.copyOf(providers);
        crcs = List.copyOf(crcs);
        entries = List.copyOf(entries);
    }

    /** The file as stored, before its entries are turned into commands. */
    private record RawFile(String description, List<RegisterProvider> providers, List<RegisterCrc> crcs,
                           List<ObjectNode> entries) {
    }

    /** Reads the seed shipped with the application. */
    public static ReferenceLedger load() {
        try (InputStream in = ReferenceLedger.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the seed " + RESOURCE + " is not on the class path");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the seed " + RESOURCE, e);
        }
    }

    /**
     * Reads a seed file.
     *
     * @throws IllegalArgumentException naming the entry when the file does not describe valid commands
     */
    public static ReferenceLedger read(InputStream in) {
        RawFile raw;
        try {
            raw = JSON.readValue(in, RawFile.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the seed file is not valid: " + e.getOriginalMessage(), e);
        }
        List<SeedEntry> entries = new ArrayList<>();
        List<ObjectNode> rawEntries = raw.entries() == null ? List.of() : raw.entries();
        for (int i = 0; i < rawEntries.size(); i++) {
            entries.add(entry(i, rawEntries.get(i)));
        }
        return new ReferenceLedger(raw.description(), nullToEmpty(raw.providers()), nullToEmpty(raw.crcs()),
                entries);
    }

    /** Every command in the order the seeder sends them: providers, CRCs, then the entries. */
    public List<Object> commands() {
        List<Object> commands = new ArrayList<>(providers);
        commands.addAll(crcs);
        entries.forEach(e -> commands.add(e.command()));
        return commands;
    }

    private static SeedEntry entry(int index, ObjectNode node) {
        ObjectNode fields = node.deepCopy();
        JsonNode typeNode = fields.remove("type");
        String where = "entry " + index + (node.hasNonNull("entryId") ? " (" + node.get("entryId").asString() + ")"
                : "");
        if (typeNode == null || !typeNode.isString()) {
            throw new IllegalArgumentException(where + " needs a \"type\", one of " + JsonNames.all(EntryType.class));
        }
        EntryType type = JsonNames.parse(EntryType.class, typeNode.asString())
                .orElseThrow(() -> new IllegalArgumentException(where + " has unknown type \"" + typeNode.asString()
                        + "\", expected one of " + JsonNames.all(EntryType.class)));
        try {
            return SeedEntry.of(JSON.treeToValue(fields, COMMANDS.get(type)));
        } catch (JacksonException e) {
            throw new IllegalArgumentException(where + " is not a valid " + type + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> values) {
        return values == null ? List.of() : values;
    }
}
