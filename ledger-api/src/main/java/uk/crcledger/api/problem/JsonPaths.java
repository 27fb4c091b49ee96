package uk.crcledger.api.problem;

import org.springframework.http.converter.HttpMessageNotReadableException;

/** The JSON property a body failed to read at, as "a.b[0].c", from Jackson's exception. */
final class JsonPaths {

    private JsonPaths() {
    }

    static String fieldOf(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        while (cause != null) {
            if (cause instanceof tools.jackson.databind.DatabindException databind && !databind.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (tools.jackson.core.JacksonException.Reference reference : databind.getPath()) {
                    if (reference.getPropertyName() != null) {
                        if (!path.isEmpty()) {
                            path.append('.');
                        }
                        path.append(reference.getPropertyName());
                    } else if (reference.getIndex() >= 0) {
                        path.append('[').append(reference.getIndex()).append(']');
                    }
                }
                return path.isEmpty() ? null : path.toString();
            }
            cause = cause.getCause();
        }
        return null;
    }
}
