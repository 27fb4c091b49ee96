package uk.crcledger.api.export;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official OCDS 1.1 release schema (vendored under test resources ocds/), draft-04. */
final class OcdsReleasesSchema {

    private static final Schema SCHEMA = load();

    private OcdsReleasesSchema() {
    }

    private static Schema load() {
        try (InputStream in = OcdsReleasesSchema.class.getResourceAsStream("/ocds/release-schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Error> validate(String releaseJson) {
        return SCHEMA.validate(releaseJson, InputFormat.JSON);
    }
}
