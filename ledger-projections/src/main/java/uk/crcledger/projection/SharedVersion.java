package uk.crcledger.projection;

/**
 * One version of one contribution as a shared document's page stores it: the key it is kept under
 * beside the version itself.
 */
record SharedVersion<V>(String key, long position, java.time.Instant at, V value) {

    Version<V> version() {
        return new Version<>(position, at, value);
    }
}
