package uk.crcledger.tlog.proof;

import java.util.List;

/**
 * Checks an RFC 9162 (RFC 6962) Merkle inclusion proof. The Merkle tree code lives in another
 * package; taking it as a parameter keeps this package a pure format with no dependency on it.
 */
@FunctionalInterface
public interface InclusionVerifier {

    /**
     * True when {@code proof} proves that {@code leafHash} is the leaf at {@code index} of the tree of
     * {@code treeSize} leaves whose root is {@code rootHash}.
     */
    boolean verify(byte[] leafHash, long index, long treeSize, List<byte[]> proof, byte[] rootHash);
}
