package uk.crcledger.api.deploy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import uk.crcledger.api.readmodel.ReadModelProperties;
import uk.crcledger.api.security.LedgerSecurityProperties;
import uk.crcledger.api.store.LedgerStoreProperties;
import uk.crcledger.api.store.MongoImports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the deployment files under {@code docker/} without a Docker engine: compose.yaml, the
 * Dockerfile, nginx, Prometheus and Grafana agree with each other and with the app, and every file
 * they refer to exists. (Whether the images start is for {@code docker compose up}; this catches the
 * typos, missing files and drifted names that would make it fail, or worse, start half-wired.)
 */
class DockerComposeFileTest {

    private static final List<String> MONGO_MEMBERS = List.of("mongo-1", "mongo-2", "mongo-3");
    private static final List<String> APPS = List.of("app-1", "app-2");
    private static final String READINESS = "/actuator/health/readiness";

    private static Path docker;
    private static Map<String, Object> compose;
    private static Map<String, Object> services;

    @BeforeAll
    static void load() throws IOException {
        docker = dockerDirectory();
        compose = yamlMap(docker.resolve("compose.yaml"));
        services = map(compose.get("services"));
        assertThat(services).as("compose.yaml services").isNotNull();
    }

    /** {@code docker/} of the repository: Maven runs the tests in the module directory (ledger-api). */
    private static Path dockerDirectory() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docker");
            if (Files.isRegularFile(candidate.resolve("compose.yaml"))) {
                return candidate.normalize();
            }
            if (Files.isRegularFile(dir.resolve("ledger-api").resolve("pom.xml"))) {
                break; // the repository root: no further up
            }
        }
        throw new AssertionError("No docker/compose.yaml above " + here);
    }

    @Test
    void hasEveryService() {
        assertThat(services).containsKeys("mongo-1", "mongo-2", "mongo-3", "mongo-init", "app-1", "app-2",
                "proxy", "prometheus", "grafana");
    }

    @Test
    void mongoMembersFormOneReplicaSetWithNamedVolumes() {
        Map<String, Object> declared = declaredVolumes();
        for (String member : MONGO_MEMBERS) {
            Map<String, Object> service = service(member);
            assertThat(String.valueOf(service.get("image"))).as(member + " image").startsWith("mongo:7");
            List<String> command = commandOf(service.get("command"));
            assertThat(command).as(member + " command").contains("--replSet");
            assertThat(command.get(command.indexOf("--replSet") + 1)).as(member + " replica set").isEqualTo("rs0");
            // MongoDB 7 always journals and refuses the removed --journal/--nojournal options.
            assertThat(command).as(member + " command").doesNotContain("--nojournal", "--journal");
            String dataVolume = volumes(service).stream()
                    .filter(volume -> target(volume).equals("/data/db"))
                    .map(DockerComposeFileTest::source)
                    .findFirst().orElseThrow(() -> new AssertionError(member + " has no volume at /data/db"));
            assertThat(declared).as("named volume of " + member).containsKey(dataVolume);
            assertThat(service.get("healthcheck")).as(member + " healthcheck").isNotNull();
        }
    }

    @Test
    void mongoInitInitiatesTheSetAndWaitsForAPrimary() throws IOException {
        Map<String, Object> init = service("mongo-init");
        assertThat(String.valueOf(init.get("image"))).startsWith("mongo:7");
        assertThat(String.valueOf(init.getOrDefault("restart", "no"))).isEqualTo("no");
        Map<String, Object> dependsOn = map(init.get("depends_on"));
        for (String member : MONGO_MEMBERS) {
            assertThat(condition(dependsOn, member)).as("mongo-init waits for " + member).isEqualTo("service_healthy");
        }
        String run = String.join(" ", commandOf(init.get("entrypoint"))) + " " + String.join(" ", commandOf(init.get("command")));
        assertThat(run).contains("mongosh");
        // The script it runs is mounted from docker/ and does what it must.
        String script = null;
        for (String volume : volumes(init)) {
            if (run.contains(target(volume))) {
                script = Files.readString(hostPath(source(volume)));
            }
        }
        assertThat(script).as("the script mongo-init runs, mounted from docker/").isNotNull();
        assertThat(script).contains("rs.initiate", "\"rs0\"", "primary", "quit(1)");
        for (String member : MONGO_MEMBERS) {
            assertThat(script).contains(member + ":27017");
        }
    }

    @Test
    void everyReferencedFileExists() {
        List<String> checked = new ArrayList<>();
        services.forEach((name, value) -> {
            Map<String, Object> service = map(value);
            Object build = service.get("build");
            if (build != null) {
                Map<String, Object> spec = build instanceof String context ? Map.of("context", context) : map(build);
                Path context = hostPath(String.valueOf(spec.get("context")));
                assertThat(context).as(name + " build context").isDirectory();
                Path dockerfile = context.resolve(String.valueOf(spec.getOrDefault("dockerfile", "Dockerfile")));
                assertThat(dockerfile).as(name + " build.dockerfile").isRegularFile();
                checked.add(name + " dockerfile");
            }
            for (String volume : volumes(service)) {
                String source = source(volume);
                if (source.startsWith("./") || source.startsWith("../")) {
                    assertThat(hostPath(source)).as(name + " bind mount " + volume).exists();
                    checked.add(name + " " + source);
                }
            }
            for (Object file : list(service.get("env_file"))) {
                String path = file instanceof Map<?, ?> entry ? String.valueOf(entry.get("path")) : String.valueOf(file);
                boolean required = !(file instanceof Map<?, ?> entry) || !Boolean.FALSE.equals(entry.get("required"));
                if (required) {
                    assertThat(hostPath(path)).as(name + " env_file").isRegularFile();
                }
            }
        });
        for (String section : List.of("configs", "secrets")) {
            Map<String, Object> entries = map(compose.get(section));
            if (entries != null) {
                entries.forEach((key, value) -> {
                    Object file = map(value).get("file");
                    if (file != null) {
                        assertThat(hostPath(String.valueOf(file))).as(section + " " + key).exists();
                    }
                });
            }
        }
        assertThat(checked).as("files checked").contains("app-1 dockerfile", "app-2 dockerfile",
                "proxy ./nginx/nginx.conf", "prometheus ./prometheus/prometheus.yml");
    }

    @Test
    void everyNamedVolumeIsDeclared() {
        Map<String, Object> declared = declaredVolumes();
        services.forEach((name, value) -> {
            for (String volume : volumes(map(value))) {
                String source = source(volume);
                if (!volume.contains(":") || source.startsWith(".") || source.startsWith("/") || source.startsWith("~")) {
                    continue; // anonymous volume or bind mount
                }
                assertThat(declared).as(name + " volume " + volume).containsKey(source);
            }
        });
        assertThat(volumes(service("grafana"))).anyMatch(volume -> target(volume).equals("/var/lib/grafana")
                && declared.containsKey(source(volume)));
    }

    @Test
    void appsAreBuiltFromTheDockerfileAndWaitForTheReplicaSet() {
        for (String app : APPS) {
            Map<String, Object> service = service(app);
            Map<String, Object> build = map(service.get("build"));
            assertThat(build).as(app + " build").isNotNull();
            assertThat(hostPath(String.valueOf(build.get("context"))).resolve(String.valueOf(build.get("dockerfile"))).normalize())
                    .as(app + " dockerfile").isEqualTo(docker.resolve("Dockerfile"));
            assertThat(condition(map(service.get("depends_on")), "mongo-init")).as(app + " depends on mongo-init")
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void appsShareTheReplicaSetWithMajorityWrites() {
        Set<String> uris = new LinkedHashSet<>();
        for (String app : APPS) {
            String uri = environment(app).get("LEDGER_MONGODB_URI");
            assertThat(uri).as(app + " LEDGER_MONGODB_URI").isNotNull()
                    .startsWith("mongodb://").contains("replicaSet=rs0").contains("w=majority").contains("journal=true");
            for (String member : MONGO_MEMBERS) {
                assertThat(uri).as(app + " URI lists " + member).contains(member + ":27017");
            }
            uris.add(uri);
        }
        assertThat(uris).as("one replica set for every app").hasSize(1);
    }

    @Test
    void instancesHaveDistinctIdsAndTheAdminTokenComesFromTheEnvironment() {
        Set<String> ids = new LinkedHashSet<>();
        for (String app : APPS) {
            Map<String, String> environment = environment(app);
            String id = environment.get("LEDGER_INSTANCE_ID");
            assertThat(id).as(app + " LEDGER_INSTANCE_ID").isNotBlank();
            ids.add(id);
            // Interpolated from docker/.env or the shell, never written into the file.
            assertThat(environment.get("LEDGER_ADMIN_TOKEN")).as(app + " LEDGER_ADMIN_TOKEN")
                    .startsWith("${LEDGER_ADMIN_TOKEN");
        }
        assertThat(ids).as("instance ids").hasSize(APPS.size());
    }

    @Test
    void requiredVariablesAreListedInTheEnvExample() throws IOException {
        String composeText = Files.readString(docker.resolve("compose.yaml"));
        String example = Files.readString(docker.resolve(".env.example"));
        Matcher required = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):?\\?").matcher(composeText);
        List<String> names = new ArrayList<>();
        while (required.find()) {
            names.add(required.group(1));
            assertThat(example).as(".env.example lists " + required.group(1))
                    .containsPattern("(?m)^#?\\s*" + required.group(1) + "=");
        }
        assertThat(names).contains("LEDGER_ADMIN_TOKEN");
    }

    /** The environment of compose.yaml and the Dockerfile, bound by Spring Boot as the app binds it. */
    @Test
    void appEnvironmentBindsToTheLedgersProperties() throws IOException {
        Map<String, String> env = dockerfileEnvironment();
        for (String app : APPS) {
            env.putAll(environment(app));
            env.replaceAll((key, value) -> interpolateForTest(value));
            Binder binder = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                    StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new LinkedHashMap<>(env))));

            LedgerStoreProperties store = binder.bind("ledger", Bindable.of(LedgerStoreProperties.class)).get();
            assertThat(store.nodeId()).as(app + " ledger.instance-id").isEqualTo(app);
            assertThat(store.mongodbUri()).as(app + " ledger.mongodb-uri").isEqualTo(env.get("LEDGER_MONGODB_URI"));
            assertThat(store.dataDir()).as(app + " ledger.data-dir").isEqualTo(Path.of("/data"));

            LedgerSecurityProperties security = binder.bind("ledger", Bindable.of(LedgerSecurityProperties.class)).get();
            assertThat(security.adminToken()).as(app + " ledger.admin-token").isEqualTo(env.get("LEDGER_ADMIN_TOKEN"));

            uk.crcledger.api.tlog.TlogProperties tlog = binder.bind("ledger.tlog",
                    Bindable.of(uk.crcledger.api.tlog.TlogProperties.class)).get();
            assertThat(tlog.signingKey()).as(app + " ledger.tlog.signing-key").isEqualTo(env.get("LEDGER_TLOG_SIGNING_KEY"));
            assertThat(tlog.origin()).as(app + " ledger.tlog.origin").isEqualTo(env.get("LEDGER_TLOG_ORIGIN"));

            ReadModelProperties readModel = binder.bind("ledger.read-model", Bindable.of(ReadModelProperties.class)).get();
            assertThat(readModel.segments()).as(app + " ledger.read-model.segments").isEqualTo(4);

            Set<String> exposed = binder.bind("management.endpoints.web.exposure.include",
                    Bindable.setOf(String.class)).orElse(Set.of());
            assertThat(exposed).as(app + " actuator endpoints exposed").contains("health", "prometheus");
        }
    }

    @Test
    void proxyPublishes8080AndBalancesBothApps() throws IOException {
        Map<String, Object> proxy = service("proxy");
        assertThat(list(proxy.get("ports"))).map(String::valueOf).contains("8080:8080");
        String mounted = volumes(proxy).stream().filter(volume -> target(volume).equals("/etc/nginx/nginx.conf"))
                .map(DockerComposeFileTest::source).findFirst()
                .orElseThrow(() -> new AssertionError("proxy mounts no /etc/nginx/nginx.conf"));
        assertThat(hostPath(mounted)).isEqualTo(docker.resolve("nginx/nginx.conf"));

        String conf = Files.readString(docker.resolve("nginx/nginx.conf"));
        assertThat(conf.chars().filter(c -> c == '{').count()).as("balanced braces")
                .isEqualTo(conf.chars().filter(c -> c == '}').count());
        Matcher upstream = Pattern.compile("upstream\\s+([\\w-]+)\\s*\\{([^}]*)}").matcher(conf);
        assertThat(upstream.find()).as("an upstream block").isTrue();
        String servers = upstream.group(2);
        for (String app : APPS) {
            assertThat(servers).containsPattern("(?m)^\\s*server\\s+" + app + ":8080\\b");
        }
        assertThat(conf).contains("proxy_pass http://" + upstream.group(1) + ";").containsPattern("listen\\s+8080;");
    }

    @Test
    void prometheusScrapesBothInstances() throws IOException {
        Map<String, Object> prometheus = service("prometheus");
        String configTarget = volumes(prometheus).stream()
                .filter(volume -> hostPath(source(volume)).equals(docker.resolve("prometheus/prometheus.yml")))
                .map(DockerComposeFileTest::target).findFirst()
                .orElseThrow(() -> new AssertionError("prometheus does not mount docker/prometheus/prometheus.yml"));
        assertThat(commandOf(prometheus.get("command"))).contains("--config.file=" + configTarget);

        Map<String, Object> config = yamlMap(docker.resolve("prometheus/prometheus.yml"));
        Set<String> targets = new LinkedHashSet<>();
        for (Object job : list(config.get("scrape_configs"))) {
            Map<String, Object> scrape = map(job);
            if (!"/actuator/prometheus".equals(scrape.get("metrics_path"))) {
                continue;
            }
            for (Object staticConfig : list(scrape.get("static_configs"))) {
                list(map(staticConfig).get("targets")).forEach(target -> targets.add(String.valueOf(target)));
            }
        }
        assertThat(targets).as("targets scraped at /actuator/prometheus").contains("app-1:8080", "app-2:8080");
    }

    @Test
    void grafanaIsProvisionedWithPrometheusAndTheDashboard() throws IOException {
        Map<String, Object> grafana = service("grafana");
        Map<String, String> mounts = new LinkedHashMap<>();
        volumes(grafana).forEach(volume -> mounts.put(target(volume), source(volume)));
        assertThat(hostPath(mounts.get("/etc/grafana/provisioning"))).isEqualTo(docker.resolve("grafana/provisioning"));

        Map<String, Object> datasources = yamlMap(docker.resolve("grafana/provisioning/datasources/prometheus.yaml"));
        Map<String, Object> prometheus = list(datasources.get("datasources")).stream().map(DockerComposeFileTest::map)
                .filter(source -> "prometheus".equals(source.get("type"))).findFirst()
                .orElseThrow(() -> new AssertionError("no prometheus data source"));
        assertThat(prometheus.get("url")).isEqualTo("http://prometheus:9090");

        Map<String, Object> providers = yamlMap(docker.resolve("grafana/provisioning/dashboards/dashboards.yaml"));
        String path = String.valueOf(map(map(list(providers.get("providers")).get(0)).get("options")).get("path"));
        assertThat(hostPath(mounts.get(path))).as("dashboards provider path " + path + " is docker/grafana/dashboards")
                .isEqualTo(docker.resolve("grafana/dashboards"));

        JsonNode dashboard = JsonMapper.builder().build().readTree(docker.resolve("grafana/dashboards/ledger.json").toFile());
        assertThat(dashboard.path("panels").isArray()).isTrue();
        assertThat(dashboard.path("panels").size()).isGreaterThan(0);
        StringBuilder expressions = new StringBuilder();
        Set<String> titles = new LinkedHashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            String title = panel.path("title").asString();
            titles.add(title);
            assertThat(panel.path("targets").isArray() && !panel.path("targets").isEmpty())
                    .as("panel '" + title + "' has targets").isTrue();
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("expr").asString()).as("panel '" + title + "' target expression").isNotBlank();
                expressions.append(target.path("expr").asString()).append('\n');
            }
            String uid = panel.path("datasource").path("uid").asString();
            assertThat(uid).as("panel '" + title + "' data source").isEqualTo(prometheus.get("uid"));
        }
        assertThat(titles).as("panel titles are distinct").hasSize(dashboard.path("panels").size());
        assertThat(expressions.toString()).contains(
                "ledger_entries_recorded_total", "by (type)",
                "ledger_commands_rejected_total", "by (rule)",
                "ledger_processor_lag_events", "ledger_processor_lag_seconds", "processor",
                "ledger_rebuild_progress_ratio",
                "ledger_asof_query_seconds",
                "ledger_idempotent_replays_total",
                "http_server_requests_seconds",
                "jvm_memory_used_bytes");
    }

    @Test
    void dockerfileRunsTheJarAsNonRootWithAReadinessHealthCheck() throws IOException {
        List<String[]> instructions = dockerfileInstructions();
        assertThat(instructions.get(0)[0]).isEqualTo("FROM");
        assertThat(instructions.get(0)[1]).startsWith("eclipse-temurin:17-jre");

        String user = instructions.stream().filter(i -> i[0].equals("USER")).reduce((first, last) -> last)
                .map(i -> i[1].trim()).orElseThrow(() -> new AssertionError("the Dockerfile sets no USER"));
        String userName = user.split(":")[0];
        assertThat(userName).as("USER").isNotIn("root", "0");

        assertThat(instructions).anySatisfy(i -> {
            assertThat(i[0]).isEqualTo("HEALTHCHECK");
            assertThat(i[1]).contains("CMD").contains(READINESS).contains("8080");
        });
        assertThat(instructions).anySatisfy(i -> {
            assertThat(i[0]).isEqualTo("EXPOSE");
            assertThat(i[1].split("\\s+")).contains("8080");
        });
        assertThat(instructions).anySatisfy(i -> {
            assertThat(i[0]).isEqualTo("VOLUME");
            assertThat(i[1]).contains("/data");
        });
    }

    /**
     * The image's JVM gets the memory flags the README's start command gives ({@link JvmMemoryFlags}, which
     * the app benchmark measures), and nothing that sizes the heap otherwise (a percentage of the container's
     * limit would make the heap follow the limit instead of the app's live set).
     */
    @Test
    void dockerfileAndReadmeGiveTheJvmTheSameMemoryFlags() throws IOException {
        List<String> options = List.of(dockerfileEnvironment().getOrDefault("JDK_JAVA_OPTIONS", "").trim().split("\\s+"));
        assertThat(options).as("the Dockerfile's JDK_JAVA_OPTIONS").containsSubsequence(JvmMemoryFlags.APP);
        assertThat(options.stream().filter(DockerComposeFileTest::sizesMemory).toList())
                .as("the Dockerfile's memory flags").isEqualTo(JvmMemoryFlags.APP);

        Matcher start = Pattern.compile("&& ((?:[A-Z_]+=\\S+ )*)java (.*?)-jar ledger-api/target/")
                .matcher(Files.readString(docker.getParent().resolve("README.md")));
        assertThat(start.find()).as("the README's start command runs the jar with java").isTrue();
        assertThat(List.of(start.group(2).trim().split("\\s+"))).as("the README's start command's JVM flags")
                .isEqualTo(JvmMemoryFlags.APP);
        Map<String, String> readmeEnvironment = new LinkedHashMap<>();
        for (String assignment : start.group(1).trim().split("\\s+")) {
            if (!assignment.isEmpty()) {
                readmeEnvironment.put(assignment.substring(0, assignment.indexOf('=')),
                        assignment.substring(assignment.indexOf('=') + 1));
            }
        }
        assertThat(readmeEnvironment).as("the README's start command's environment").isEqualTo(JvmMemoryFlags.ENVIRONMENT);
        assertThat(dockerfileEnvironment()).as("the Dockerfile's environment").containsAllEntriesOf(JvmMemoryFlags.ENVIRONMENT);
    }

    private static boolean sizesMemory(String option) {
        // The collector too (it decides how far the heap grows below its cap), and what happens when the heap runs out.
        return option.matches("-Xm[xsn].*|-Xss.*|-XX:(Max|Min|Initial)RAM.*|-XX:.*(Metaspace|CodeCache|DirectMemory).*"
                + "|-XX:\\+Use.*GC|-XX:(Min|Max)HeapFreeRatio=.*|-XX:(NewRatio|SurvivorRatio)=.*|-XX:[+-]ExitOnOutOfMemoryError"
                + "|-XX:(Initial|Max|Min|SoftMax)HeapSize=.*|-XX:(Max)?NewSize=.*|-XX:[+-]ShrinkHeapInSteps|-XX:MinHeapDeltaBytes=.*"
                + "|-Djdk\\.nio\\.maxCachedBufferSize=.*");
    }

    /** The jar the Dockerfile copies is the one Maven builds, and the context's ignore file lets it through. */
    @Test
    void dockerfileCopiesTheJarMavenBuilds() throws IOException {
        Path root = docker.getParent();
        String pom = Files.readString(root.resolve("ledger-api/pom.xml"));
        Matcher parentVersion = Pattern.compile("<parent>.*?<version>([^<]+)</version>.*?</parent>", Pattern.DOTALL)
                .matcher(pom);
        assertThat(parentVersion.find()).isTrue();
        String jar = "ledger-api/target/ledger-api-" + parentVersion.group(1) + ".jar";

        assertThat(dockerfileInstructions()).anySatisfy(i -> {
            assertThat(i[0]).isEqualTo("COPY");
            assertThat(i[1]).contains(jar);
        });
        Path ignore = docker.resolve("Dockerfile.dockerignore");
        if (Files.exists(ignore)) {
            List<String> lines = Files.readAllLines(ignore).stream().map(String::trim).toList();
            if (lines.contains("*")) {
                assertThat(lines).as("Dockerfile.dockerignore re-includes the jar").contains("!" + jar);
            }
        }
    }

    @Test
    void readmeSaysHowToStartBackUpAndRotate() throws IOException {
        String readme = Files.readString(docker.resolve("README.md"));
        assertThat(readme).contains(
                "mvn -B -DskipTests package && docker compose -f docker/compose.yaml up -d --build",
                "LEDGER_ADMIN_TOKEN", "LEDGER_INSTANCE_ID", "LEDGER_READ_MODEL_SEGMENTS",
                "mongodump", "mongorestore", "/api/admin/projections/ledger-timelines/rebuild",
                "/api/admin/tokens");
        for (String collection : List.of("events", "snapshots", "event_store_meta",
                "api_tokens", "idempotency_keys", MongoImports.COLLECTION, "tlog_checkpoints", "tlog_state", "tlog_tiles")) {
            assertThat(readme).as("README backs up " + collection).contains("`" + collection + "`");
        }
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Map<String, Object> yamlMap(Path file) throws IOException {
        assertThat(file).isRegularFile();
        Object loaded = new Yaml().load(Files.readString(file));
        assertThat(loaded).as(file + " is a YAML mapping").isInstanceOf(Map.class);
        return map(loaded);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> items ? (List<Object>) items : List.of(value);
    }

    private static Map<String, Object> service(String name) {
        Map<String, Object> service = map(services.get(name));
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    private static Map<String, Object> declaredVolumes() {
        Map<String, Object> declared = map(compose.get("volumes"));
        return declared == null ? Map.of() : declared;
    }

    /** A command or entrypoint as a list, whether compose has it as a list or a string. */
    private static List<String> commandOf(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        return list(value).stream().map(String::valueOf).toList();
    }

    /** Volumes in the short syntax ({@code source:target[:mode]}); long-syntax entries are turned into it. */
    private static List<String> volumes(Map<String, Object> service) {
        return list(service.get("volumes")).stream().map(volume -> {
            if (volume instanceof Map<?, ?> entry) {
                return entry.get("source") == null ? String.valueOf(entry.get("target"))
                        : entry.get("source") + ":" + entry.get("target");
            }
            return String.valueOf(volume);
        }).toList();
    }

    private static String source(String volume) {
        return volume.contains(":") ? volume.substring(0, volume.indexOf(':')) : volume;
    }

    private static String target(String volume) {
        String[] parts = volume.split(":");
        return parts.length > 1 ? parts[1] : parts[0];
    }

    /** A path of compose.yaml, relative to docker/, on this machine. */
    private static Path hostPath(String relative) {
        Objects.requireNonNull(relative, "path");
        return docker.resolve(relative).normalize();
    }

    private static String condition(Map<String, Object> dependsOn, String service) {
        assertThat(dependsOn).as("depends_on").isNotNull().containsKey(service);
        Object entry = dependsOn.get(service);
        return entry == null ? "service_started" : String.valueOf(map(entry).getOrDefault("condition", "service_started"));
    }

    /** A service's environment as a map, whether compose has it as a mapping or a list of KEY=value. */
    private static Map<String, String> environment(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> result = new LinkedHashMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> result.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else {
            for (Object item : list(environment)) {
                String text = String.valueOf(item);
                int equals = text.indexOf('=');
                result.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? null : text.substring(equals + 1));
            }
        }
        return result;
    }

    /** Compose's ${VAR:-default} becomes the default, ${VAR:?message} a sample value. */
    private static String interpolateForTest(String value) {
        if (value == null) {
            return null;
        }
        Matcher matcher = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?}").matcher(value);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String replacement = "-".equals(matcher.group(2)) ? matcher.group(3) : "sample-" + matcher.group(1).toLowerCase();
            matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    /** The Dockerfile's instructions, [keyword, arguments], continuation lines joined, comments dropped. */
    private static List<String[]> dockerfileInstructions() throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(docker.resolve("Dockerfile"))) {
            String trimmed = line.trim();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String instruction = current.toString().trim();
            current.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            String[] parts = instruction.split("\\s+", 2);
            instructions.add(new String[] {parts[0].toUpperCase(), parts.length > 1 ? parts[1] : ""});
        }
        assertThat(instructions).as("Dockerfile instructions").isNotEmpty();
        return instructions;
    }

    /** The ENV of the Dockerfile ({@code ENV KEY=value KEY2="value 2"}). */
    private static Map<String, String> dockerfileEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");
        for (String[] instruction : dockerfileInstructions()) {
            if (instruction[0].equals("ENV")) {
                Matcher matcher = pair.matcher(instruction[1]);
                while (matcher.find()) {
                    env.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
                }
            }
        }
        return env;
    }
}
