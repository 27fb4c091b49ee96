package uk.crcledger.api.imports;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import uk.crcledger.api.problem.NotFound;
import uk.crcledger.entry.LedgerClock;
import uk.crcledger.imports.ImportId;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Bulk recording from a CSV file sent as the request body ({@code text/csv}, UTF-8). A dry run ({@code ?dryRun=true})
 * answers every row's problems and records nothing; otherwise a file without problems is imported in the background
 * (202, its resource in {@code Location}) and a file with any is refused whole (422 with the same problems).
 */
@RestController
@RequestMapping(path = "/api/imports", produces = {"application/json", "application/problem+json"})
@Tag(name = "Imports", description = "Record many entries from a CSV file")
public class ImportController {

    private final RowReader reader;
    private final ImportRunner runner;
    private final ImportProperties properties;

    ImportController(RowReader reader, ImportRunner runner, ImportProperties properties) {
        this.reader = reader;
        this.runner = runner;
        this.properties = properties;
    }

    @PostMapping(consumes = "text/csv")
    @Operation(operationId = "importCsv", summary = "Check (dryRun=true) or import a CSV file of entries",
            description = "The body is the file, UTF-8 CSV: a header naming the columns, then one entry per row",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The dry run's report; nothing is recorded",
            content = @Content(schema = @Schema(implementation = ImportCheck.class)))
    @ApiResponse(responseCode = "202", description = "The import runs; its resource is in Location",
            content = @Content(schema = @Schema(implementation = ImportStatus.class)))
    @ApiResponse(responseCode = "413", description = "The file is too large or has too many rows",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "Not UTF-8 CSV text (binary, another encoding or content type)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "The file has problems (listed in problems); nothing is recorded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ResponseEntity<Object> upload(@RequestBody(required = false) byte[] file,
                                         @Parameter(description = "Only check the file, record nothing")
                                         @RequestParam(defaultValue = "false") boolean dryRun,
                                         HttpServletRequest request, Principal principal) {
        requireUtf8(request.getContentType());
        byte[] bytes = file == null ? new byte[0] : file;
        String sha256 = sha256(bytes);
        CsvFile csv = CsvFile.read(bytes, properties.maxRows());
        RowReader.Reading reading = reader.read(csv);
        ImportCheck check = ImportCheck.of(sha256, csv.rows().size(), reading.problems());
        if (dryRun) {
            return ResponseEntity.ok(check);
        }
        if (!check.recordable()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                    "The file has " + check.problemCount() + " problem(s); nothing was recorded. Fix them and upload "
                            + "it again (a dry run lists them without recording)");
            problem.setTitle("The file has problems");
            problem.setInstance(URI.create(request.getRequestURI()));
            problem.setProperty("problemCount", check.problemCount());
            problem.setProperty("problems", check.problems());
            return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        ImportId id = ImportId.of("import-" + LedgerClock.today() + "-" + UUID.randomUUID().toString().substring(0, 8));
        ImportStatus status = runner.start(id, sha256, principal.getName(), reading.rows());
        return ResponseEntity.accepted().location(URI.create("/api/imports/" + id.value())).body(status);
    }

    @GetMapping("/{importId}")
    @Operation(operationId = "getImport", summary = "An import: status, counts and the failed rows' problems",
            security = @SecurityRequirement(name = "bearer"))
    @ApiResponse(responseCode = "200", description = "The import as it stands")
    @ApiResponse(responseCode = "404", description = "No such import",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(implementation = ProblemDetail.class)))
    public ImportStatus status(@PathVariable String importId) {
        return runner.find(importId).orElseThrow(() -> new NotFound("No import " + importId));
    }

    @ExceptionHandler(ImportRefused.class)
    ResponseEntity<ProblemDetail> refused(ImportRefused e, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static void requireUtf8(String contentType) {
        String charset = contentType == null ? null : MediaType.parseMediaType(contentType).getParameter("charset");
        if (charset != null && !charset.replace("\"", "").equalsIgnoreCase(StandardCharsets.UTF_8.name())) {
            throw new ImportRefused(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not UTF-8",
                    "The file is declared as " + charset + "; the import reads UTF-8 only: save it as "
                            + "\"CSV UTF-8\" and send it as text/csv (charset utf-8 or none)");
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
