package uk.crcledger.api.observability;

/** Keeps connection strings and credentials out of what health checks show. */
public final class Redaction {

    private Redaction() {
    }

    /** The message with any {@code mongodb://} or {@code mongodb+srv://} URI replaced. */
    public static String redact(String message) {
        if (message == null) {
            return "";
        }
        return message.replaceAll("mongodb(\\+srv)?://\\S+", "mongodb://***")
                .replaceAll("(?i)(password|pwd|credential)\\s*[=:]\\s*\\S+", "$1=***");
    }
}
