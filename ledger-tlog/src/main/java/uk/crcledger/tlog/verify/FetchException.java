package uk.crcledger.tlog.verify;

/** The log could not be read (network error, unexpected HTTP status, local file trouble): nothing was decided. */
class FetchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    FetchException(String message) {
        super(message);
    }

    FetchException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The server answered with a server error (5xx): it could not give what was asked. */
    static final class ServerError extends FetchException {

        private static final long serialVersionUID = 1L;

        private final byte[] body;

        ServerError(String message, byte[] body) {
            super(message);
            this.body = body == null ? new byte[0] : body;
        }

        /**
         * The ledger position a problem+json answer names ({@code "position"}), if it names one: where
         * the server says its own check failed. Only used to say where the failure lies.
         */
        java.util.OptionalLong position() {
            try {
                com.fasterxml.jackson.databind.JsonNode position = new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree(body).get("position");
                return position != null && position.canConvertToLong()
                        ? java.util.OptionalLong.of(position.asLong()) : java.util.OptionalLong.empty();
            } catch (java.io.IOException | RuntimeException e) {
                return java.util.OptionalLong.empty();
            }
        }
    }
}
