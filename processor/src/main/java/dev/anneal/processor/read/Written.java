package dev.anneal.processor.read;

/** A value read from an annotation, with where it was written. */
public record Written<T>(T value, Where where) {}
