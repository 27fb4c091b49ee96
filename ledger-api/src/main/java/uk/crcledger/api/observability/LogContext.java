package uk.crcledger.api.observability;

import org.slf4j.MDC;

/** The MDC keys the ledger logs with (fields of each JSON log line). */
public final class LogContext {

    /** The request's id: its {@code X-Request-Id} header when sane, else a random one. */
    public static final String REQUEST_ID = "requestId";
    /** The entry a request or command is about. */
    public static final String ENTRY_ID = "entryId";

    private LogContext() {
    }

    /** Puts back what the MDC held under {@code key} before (nothing: removes it). */
    static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, previous);
        }
    }
}
