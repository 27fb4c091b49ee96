package uk.crcledger.tlog.merkle;

/** Receives every node of the tree at the moment it becomes complete (its hash can never change again). */
@FunctionalInterface
public interface NodeSink {

    /**
     * @param height 0 for a leaf hash; a node of height h covers 2^h leaves
     * @param index  position among the nodes of that height: it covers leaves [index*2^h, (index+1)*2^h)
     * @param hash   the node's hash (the receiver owns this array)
     */
    void completed(int height, long index, byte[] hash);
}
