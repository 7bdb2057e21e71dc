package dev.anneal.processor.read;

/** A value read from an annotation, with where it was written. */
public record Located<T>(T value, Site where) {}
