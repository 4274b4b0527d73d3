package io.delos.actors.cluster;

/**
 * Marks messages that may cross cluster nodes; they are serialised with Jackson CBOR (bound in
 * {@code reference.conf}). Only records of strings, numbers, lists and actor references qualify.
 */
public interface CborSerializable {}
