package uk.crcledger.tlog.merkle;

/** Looks up the hash of a complete subtree node, as stored by a {@link NodeSink}. */
@FunctionalInterface
public interface NodeReader {

    /** The hash of the complete node covering leaves [index*2^height, (index+1)*2^height). */
    byte[] hash(int height, long index);
}
