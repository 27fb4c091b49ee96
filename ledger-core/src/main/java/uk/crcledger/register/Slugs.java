package uk.crcledger.register;

import java.util.regex.Pattern;

/** The one spelling rule for CRC and provider ids, so URLs, seed files and events agree on them. */
public final class Slugs {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private Slugs() {
    }

    /**
     * Returns {@code value} if it is a slug of 2 to 60 lowercase letters, digits and single inner hyphens.
     *
     * @param kind what the slug identifies, for the message ("CRC id")
     */
    public static String require(String kind, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a " + kind + " must not be blank");
        }
        if (value.length() < 2 || value.length() > 60) {
            throw new IllegalArgumentException(
                    kind + " '" + value + "' must be 2 to 60 characters long, was " + value.length());
        }
        if (!SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(kind + " '" + value
                    + "' may only contain lowercase letters, digits and single hyphens between them");
        }
        return value;
    }
}
