package uk.crcledger.api.openapi;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.converter.ResolvedSchema;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import uk.crcledger.kinds.EntryKinds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-type schemas for entries. {@code TimelineItem} and {@code LedgerEntry} are written with their type's own fields
 * flattened beside the common ones ({@code @JsonAnyGetter}), which a reflective schema cannot see; so for each kind in
 * {@link EntryKinds} this publishes {@code <Kind>Fields} (its details record's properties that the common ones do not
 * already show, e.g. {@code totalPosts}) and, for each of the two, {@code <Kind>TimelineItem} /
 * {@code <Kind>LedgerEntry}: {@code allOf} the common schema and the fields. The common schema names them in a
 * {@code discriminator} on {@code type}, the pattern client generators turn into a class per type. A new kind of
 * entry appears here with no line of its own.
 */
@Component
class EntrySchemas implements OpenApiCustomizer, Ordered {

    /** The schemas that carry an entry's own fields beside their properties. */
    static final List<String> WITH_ENTRY_FIELDS = List.of("TimelineItem", "LedgerEntry");
    static final String REF = "#/components/schemas/";

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        ModelConverters converters = ModelConverters.getInstance(openApi.getSpecVersion() == SpecVersion.V31);
        for (String base : WITH_ENTRY_FIELDS) {
            Schema parent = schemas.get(base);
            if (parent == null || parent.getProperties() == null) {
                continue;
            }
            Discriminator discriminator = new Discriminator().propertyName("type");
            for (EntryKinds.Kind kind : EntryKinds.all()) {
                String name = kindName(kind);
                String fields = name + "Fields";
                if (!schemas.containsKey(fields)) {
                    ResolvedSchema resolved = converters.readAllAsResolvedSchema(kind.details());
                    // Its parts (Source, AffectedCrc...), not the whole details record, which no answer shows.
                    resolved.referencedSchemas.forEach((referenced, schema) -> {
                        if (!referenced.equals(kind.details().getSimpleName())) {
                            schemas.putIfAbsent(referenced, schema);
                        }
                    });
                    Schema own = resolved.schema;
                    Map<String, Schema> properties = new LinkedHashMap<>(own.getProperties());
                    // The common properties show these already (the sources, the provider as placed).
                    properties.keySet().removeAll(parent.getProperties().keySet());
                    own.setProperties(properties);
                    own.setName(fields);
                    own.setDescription("The own fields of a " + kind.type().jsonName()
                            + ", beside the common ones in its JSON");
                    if (own.getRequired() != null) {
                        List<String> required = new ArrayList<>(own.getRequired());
                        required.retainAll(properties.keySet());
                        own.setRequired(required.isEmpty() ? null : required);
                    }
                    schemas.put(fields, own);
                }
                String child = name + base;
                Schema composed = new Schema();
                composed.setDescription("A " + kind.type().jsonName() + ": the " + base + " properties and its own");
                composed.setAllOf(List.of(new Schema().$ref(REF + base), new Schema().$ref(REF + fields)));
                schemas.put(child, composed);
                discriminator.mapping(kind.type().jsonName(), REF + child);
            }
            parent.setDiscriminator(discriminator);
            List<String> required = parent.getRequired() == null ? new ArrayList<>() : new ArrayList<>(parent.getRequired());
            for (String property : List.of("entryId", "type", "occurredOn", "status")) {
                if (!required.contains(property) && parent.getProperties().containsKey(property)) {
                    required.add(property);
                }
            }
            parent.setRequired(required);
        }
    }

    /** {@code ContractAwardDetails} to {@code ContractAward}. */
    static String kindName(EntryKinds.Kind kind) {
        String simple = kind.details().getSimpleName();
        return simple.endsWith("Details") ? simple.substring(0, simple.length() - "Details".length()) : simple;
    }

    /** Before {@link ResponseConventions}. */
    @Override
    public int getOrder() {
        return -10;
    }
}
