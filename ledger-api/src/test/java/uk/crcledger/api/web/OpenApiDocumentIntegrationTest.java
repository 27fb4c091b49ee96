package uk.crcledger.api.web;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openapitools.codegen.DefaultGenerator;
import org.openapitools.codegen.config.CodegenConfigurator;
import org.openapitools.codegen.config.GlobalSettings;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import uk.crcledger.api.LedgerApplication;
import uk.crcledger.api.testing.HttpLedger;
import uk.crcledger.api.testing.HttpLedger.Answer;
import uk.crcledger.api.testing.TestDirectories;
import uk.crcledger.kinds.EntryKinds;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.crcledger.api.testing.HttpLedger.source;

/**
 * The OpenAPI document at /v3/api-docs, as a client generator reads it: every operation answers a named schema (or
 * its export's media type), entries come typed by their {@code type}, and a Java client generated from it by
 * openapi-generator reads a real timeline into typed objects.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentIntegrationTest {

    private static final String ADMIN = "admin.openapi-test-secret-0123456789";
    private static final Path dataDir = TestDirectories.temporary("ledger-openapi-test");
    private static final String MODEL_PACKAGE = "uk.crcledger.generated.model";
    private static final String SCHEMAS = "#/components/schemas/";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestDirectories.emptyLedger(registry, dataDir, ADMIN);
    }

    @LocalServerPort
    int port;

    private HttpLedger api;
    private Map<String, Object> document;

    @BeforeAll
    void aCrcWithAnAwardAndJobCuts() {
        api = new HttpLedger(port);
        String editor = api.token(ADMIN, "olga-openapi", "editor");
        assertThat(api.post("/api/crcs", editor, Map.of("crcId", "west-yorkshire", "name", "West Yorkshire"))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/providers", editor, Map.of("providerId", "purple-futures", "name",
                "Purple Futures")).status()).isEqualTo(201);
        Answer award = api.post("/api/contract-awards", editor, Map.of("crcId", "west-yorkshire",
                "providerId", "purple-futures", "signedOn", "2014-12-18", "startsOn", "2015-02-01",
                "plannedEndOn", "2022-01-31", "sources", List.of(source("PQ 221779"))));
        assertThat(award.status()).as(award.body()).isEqualTo(201);
        Map<String, Object> cuts = new LinkedHashMap<>();
        cuts.put("providerId", "purple-futures");
        cuts.put("announcedOn", "2016-01-20");
        cuts.put("crcs", List.of(Map.of("crcId", "west-yorkshire")));
        cuts.put("totalPosts", 100);
        cuts.put("description", "100 posts");
        cuts.put("sources", List.of(source("Napo/UNISON joint newsletter")));
        Answer jobCuts = api.post("/api/job-cut-announcements", editor, cuts);
        assertThat(jobCuts.status()).as(jobCuts.body()).isEqualTo(201);
        Answer docs = api.get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        document = docs.json();
    }

    @Test
    void everyOperationAnswersANamedSchemaOrItsMediaType() {
        List<String> problems = new ArrayList<>();
        List<String> operationIds = new ArrayList<>();
        paths().forEach((path, item) -> map(item).forEach((method, op) -> {
            Map<String, Object> operation = map(op);
            String name = method.toUpperCase() + " " + path;
            operationIds.add((String) operation.get("operationId"));
            Map<String, Object> responses = map(operation.get("responses"));
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                problems.add(name + " has no 2xx response");
            }
            responses.forEach((code, r) -> {
                Map<String, Object> content = map(map(r).getOrDefault("content", Map.of()));
                if (code.startsWith("2")) {
                    content.forEach((mediaType, media) -> {
                        Map<String, Object> schema = map(map(media).getOrDefault("schema", Map.of()));
                        boolean named = schema.containsKey("$ref") || "array".equals(schema.get("type"))
                                && map(schema.get("items")).containsKey("$ref");
                        if (mediaType.startsWith("application/json") && !named) {
                            problems.add(name + " " + code + " " + mediaType + " has no named schema: " + schema);
                        }
                        if (mediaType.contains("problem")) {
                            problems.add(name + " " + code + " answers problem+json");
                        }
                    });
                } else if (!content.keySet().equals(Set.of("application/problem+json"))) {
                    problems.add(name + " " + code + " is not problem+json: " + content.keySet());
                }
            });
        }));
        assertThat(problems).isEmpty();
        assertThat(operationIds).doesNotContainNull().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).doesNotContainPattern("_\\d+$"));
    }

    @Test
    void aTimelinePageHoldsTimelineItemsTypedByTheirType() {
        Map<String, Object> ok = map(map(map(map(paths().get("/api/crcs/{crcId}/timeline")).get("get"))
                .get("responses")).get("200"));
        Map<String, Object> content = map(ok.get("content"));
        assertThat(content).containsKeys("application/json", "text/csv", "application/json;format=timelinejs");
        String page = (String) map(map(content.get("application/json")).get("schema")).get("$ref");
        Map<String, Object> pageSchema = schema(page);
        assertThat(map(map(pageSchema.get("properties")).get("items")).get("items"))
                .isEqualTo(Map.of("$ref", SCHEMAS + "TimelineItem"));
        for (String base : List.of("TimelineItem", "LedgerEntry")) {
            Map<String, Object> item = schema(SCHEMAS + base);
            assertThat(map(item.get("properties"))).containsKeys("entryId", "type", "occurredOn", "summary", "sources");
            Map<String, Object> discriminator = map(item.get("discriminator"));
            assertThat(discriminator.get("propertyName")).isEqualTo("type");
            Map<String, Object> mapping = map(discriminator.get("mapping"));
            assertThat(mapping.keySet()).containsExactlyInAnyOrderElementsOf(EntryKinds.detailsTypes().keySet());
            mapping.values().forEach(ref -> assertThat(schema((String) ref).get("allOf")).asList()
                    .contains(Map.of("$ref", SCHEMAS + base)));
        }
        assertThat(map(schema(SCHEMAS + "JobCutAnnouncementFields").get("properties")))
                .containsKeys("announcedOn", "crcs", "totalPosts", "percentage");
    }

    @Test
    void aGeneratedJavaClientReadsATimelineIntoTypedObjects() throws Exception {
        Path out = Path.of("target", "openapi-client").toAbsolutePath();
        deleteRecursively(out);
        Files.createDirectories(out);
        Path spec = out.resolve("api-docs.json");
        Files.writeString(spec, api.get("/v3/api-docs", null).body(), StandardCharsets.UTF_8);

        GlobalSettings.setProperty("models", "");
        GlobalSettings.setProperty("supportingFiles", "ApiClient.java,ApiException.java,Pair.java,JSON.java,"
                + "AbstractOpenApiSchema.java,ServerConfiguration.java,ServerVariable.java,Configuration.java,"
                + "RFC3339DateFormat.java,RFC3339InstantDeserializer.java,RFC3339JavaTimeModule.java,ApiResponse.java");
        GlobalSettings.setProperty("modelDocs", "false");
        GlobalSettings.setProperty("modelTests", "false");
        try {
            new DefaultGenerator().opts(new CodegenConfigurator()
                    .setGeneratorName("java").setLibrary("native")
                    .setInputSpec(spec.toString()).setOutputDir(out.toString())
                    .setModelPackage(MODEL_PACKAGE).setInvokerPackage("uk.crcledger.generated")
                    .setApiPackage("uk.crcledger.generated.api")
                    .addAdditionalProperty("serializationLibrary", "jackson")
                    .addAdditionalProperty("openApiNullable", false)
                    .addAdditionalProperty("useJakartaEe", true)
                    .addAdditionalProperty("annotationLibrary", "none")
                    .addAdditionalProperty("hideGenerationTimestamp", true)
                    .toClientOptInput()).generate();
        } finally {
            GlobalSettings.reset();
        }

        Path classes = out.resolve("classes");
        Files.createDirectories(classes);
        List<File> sources;
        try (Stream<Path> files = Files.walk(out.resolve("src/main/java"))) {
            sources = files.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
        }
        assertThat(sources).isNotEmpty();
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(null, files, diagnostics,
                    List.of("-d", classes.toString(), "-classpath", testClassPath(), "-proc:none", "-nowarn"),
                    null, files.getJavaFileObjectsFromFiles(sources)).call();
            assertThat(compiled).as(diagnostics.getDiagnostics().toString()).isTrue();
        }

        String timeline = api.get("/api/crcs/west-yorkshire/timeline", null).body();
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()},
                getClass().getClassLoader())) {
            Class<?> pageClass = loader.loadClass(MODEL_PACKAGE + ".PageTimelineItem");
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper().findAndRegisterModules()
                    .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
            Object page = mapper.readValue(timeline, pageClass);
            List<?> items = (List<?>) call(page, "getItems");
            assertThat(items).hasSize(2);
            Object award = items.get(0);
            assertThat(award.getClass().getSimpleName()).isEqualTo("ContractAwardTimelineItem");
            assertThat((String) call(award, "getEntryId")).startsWith("award-2014-12-18-");
            assertThat(call(award, "getType").toString()).isEqualTo("contract-award");
            assertThat(call(award, "getOccurredOn")).isEqualTo(LocalDate.of(2014, 12, 18));
            assertThat(call(award, "getStartsOn")).isEqualTo(LocalDate.of(2015, 2, 1));
            Object cuts = items.get(1);
            assertThat(cuts.getClass().getSimpleName()).isEqualTo("JobCutAnnouncementTimelineItem");
            assertThat(call(cuts, "getType").toString()).isEqualTo("job-cut-announcement");
            assertThat(call(cuts, "getOccurredOn")).isEqualTo(LocalDate.of(2016, 1, 20));
            assertThat((BigDecimal) call(cuts, "getTotalPosts")).isEqualByComparingTo("100");
        }
    }

    private static Object call(Object target, String getter) throws Exception {
        Method method = target.getClass().getMethod(getter);
        return method.invoke(target);
    }

    /** Surefire hands the test class path in a property (the JVM's own may be a manifest-only jar). */
    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path == null || path.isBlank() ? System.getProperty("java.class.path") : path;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private Map<String, Object> paths() {
        return map(document.get("paths"));
    }

    private Map<String, Object> schema(String ref) {
        assertThat(ref).startsWith(SCHEMAS);
        Map<String, Object> schema = map(map(map(document.get("components")).get("schemas"))
                .get(ref.substring(SCHEMAS.length())));
        assertThat(schema).as(ref).isNotEmpty();
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }
}
