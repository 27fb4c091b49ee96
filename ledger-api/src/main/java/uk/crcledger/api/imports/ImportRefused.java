package uk.crcledger.api.imports;

import org.springframework.http.HttpStatus;

/**
 * A file the import does not take as a whole (too large, too many rows, binary, not UTF-8): nothing of it is
 * recorded, and the refusal says why.
 */
class ImportRefused extends RuntimeException {

    private final HttpStatus status;
    private final String title;

    ImportRefused(HttpStatus status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    HttpStatus status() {
        return status;
    }

    String title() {
        return title;
    }
}
